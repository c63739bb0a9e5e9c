import { isTimeValue } from '../mapi/property-bag.js';
import type { PropertyValue } from '../mapi/property-value.js';
import { Tag } from '../mapi/property-tags.js';
import type { ItemKind, Message } from '../model.js';

/**
 * The key fields of non-mail items (appointments, meetings, contacts, tasks, notes, journal
 * entries), so a viewer can show "when, where, who" above the body until each kind has a dedicated
 * view. One table per kind; each row names the property by its canonical [MS-OXPROPS] name.
 */

export interface ItemField {
  label: string;
  /** Text, or an ISO-8601 instant when `isDate` (the viewer formats it in local time). */
  value: string;
  isDate: boolean;
}

type FieldSource =
  | { label: string; named: string; format?: (value: PropertyValue) => string | undefined }
  | { label: string; tag: number; format?: (value: PropertyValue) => string | undefined };

/** [MS-OXOCAL] 2.2.1.4 PidLidBusyStatus. */
const BUSY_STATUS = ['Free', 'Tentative', 'Busy', 'Out of office', 'Working elsewhere'];
/** [MS-OXOTASK] 2.2.2.2.2 PidLidTaskStatus. */
const TASK_STATUS = [
  'Not started',
  'In progress',
  'Completed',
  'Waiting on someone else',
  'Deferred',
];
/** [MS-OXONOTE] 2.2.1.1 PidLidNoteColor. */
const NOTE_COLOR = ['Blue', 'Green', 'Pink', 'Yellow', 'White'];

const fromTable = (table: string[]) => (value: PropertyValue) =>
  typeof value === 'number' ? (table[value] ?? String(value)) : undefined;
const yesNo = (value: PropertyValue) =>
  typeof value === 'boolean' ? (value ? 'Yes' : 'No') : undefined;
const percent = (value: PropertyValue) =>
  typeof value === 'number' ? `${Math.round(value * 100)}%` : undefined;

const APPOINTMENT_FIELDS: FieldSource[] = [
  { label: 'Start', named: 'PidLidAppointmentStartWhole' },
  { label: 'End', named: 'PidLidAppointmentEndWhole' },
  { label: 'All day', named: 'PidLidAppointmentSubType', format: yesNo },
  { label: 'Location', named: 'PidLidLocation' },
  { label: 'Recurrence', named: 'PidLidRecurrencePattern' },
  { label: 'Time zone', named: 'PidLidTimeZoneDescription' },
  { label: 'Show as', named: 'PidLidBusyStatus', format: fromTable(BUSY_STATUS) },
  { label: 'Organizer', tag: Tag.PidTagSentRepresentingName },
  { label: 'Required attendees', named: 'PidLidToAttendeesString' },
  { label: 'Optional attendees', named: 'PidLidCcAttendeesString' },
  { label: 'Meeting link', named: 'PidNameOnlineMeetingExternalLink' },
];

const CONTACT_FIELDS: FieldSource[] = [
  { label: 'Name', tag: Tag.PidTagDisplayName },
  { label: 'File as', named: 'PidLidFileUnder' },
  { label: 'Company', tag: Tag.PidTagCompanyName },
  { label: 'Job title', tag: Tag.PidTagTitle },
  { label: 'Department', tag: Tag.PidTagDepartmentName },
  { label: 'Email', named: 'PidLidEmail1EmailAddress' },
  { label: 'Email 2', named: 'PidLidEmail2EmailAddress' },
  { label: 'Email 3', named: 'PidLidEmail3EmailAddress' },
  { label: 'Business phone', tag: Tag.PidTagBusinessTelephoneNumber },
  { label: 'Mobile phone', tag: Tag.PidTagMobileTelephoneNumber },
  { label: 'Home phone', tag: Tag.PidTagHomeTelephoneNumber },
  { label: 'Business address', named: 'PidLidWorkAddress' },
  { label: 'Home address', tag: Tag.PidTagHomeAddressStreet },
  { label: 'Web page', named: 'PidLidHtml' },
  { label: 'Birthday', tag: Tag.PidTagBirthday },
];

const TASK_FIELDS: FieldSource[] = [
  { label: 'Start', named: 'PidLidTaskStartDate' },
  { label: 'Due', named: 'PidLidTaskDueDate' },
  { label: 'Status', named: 'PidLidTaskStatus', format: fromTable(TASK_STATUS) },
  { label: 'Complete', named: 'PidLidPercentComplete', format: percent },
  { label: 'Completed on', named: 'PidLidTaskDateCompleted' },
  { label: 'Owner', named: 'PidLidTaskOwner' },
];

const NOTE_FIELDS: FieldSource[] = [
  { label: 'Colour', named: 'PidLidNoteColor', format: fromTable(NOTE_COLOR) },
];

const JOURNAL_FIELDS: FieldSource[] = [
  { label: 'Type', named: 'PidLidLogTypeDesc' },
  { label: 'Start', named: 'PidLidLogStart' },
  { label: 'End', named: 'PidLidLogEnd' },
];

const FIELDS_BY_KIND: Partial<Record<ItemKind, FieldSource[]>> = {
  appointment: APPOINTMENT_FIELDS,
  'meeting-request': APPOINTMENT_FIELDS,
  'meeting-response': APPOINTMENT_FIELDS,
  'meeting-cancellation': APPOINTMENT_FIELDS,
  contact: CONTACT_FIELDS,
  task: TASK_FIELDS,
  'task-request': TASK_FIELDS,
  'sticky-note': NOTE_FIELDS,
  journal: JOURNAL_FIELDS,
};

export function itemFields(message: Message): ItemField[] {
  const sources = FIELDS_BY_KIND[message.kind] ?? [];
  const fields: ItemField[] = [];
  for (const source of sources) {
    const value =
      'named' in source
        ? message.properties.byName(source.named)
        : message.properties.get(source.tag);
    const field = toField(source, value);
    if (field) fields.push(field);
  }
  return fields;
}

function toField(source: FieldSource, value: PropertyValue | undefined): ItemField | undefined {
  if (value === undefined) return undefined;
  const formatted = source.format?.(value);
  if (formatted !== undefined) return { label: source.label, value: formatted, isDate: false };
  if (isTimeValue(value)) {
    return value.date
      ? { label: source.label, value: value.date.toISOString(), isDate: true }
      : undefined;
  }
  if (typeof value === 'string')
    return value.trim() === '' ? undefined : { label: source.label, value, isDate: false };
  if (typeof value === 'number' || typeof value === 'bigint') {
    return { label: source.label, value: String(value), isDate: false };
  }
  if (Array.isArray(value)) {
    const texts = value.filter((item): item is string => typeof item === 'string');
    return texts.length === 0
      ? undefined
      : { label: source.label, value: texts.join(', '), isDate: false };
  }
  return undefined;
}
