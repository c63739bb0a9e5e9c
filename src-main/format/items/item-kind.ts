import type { ItemKind } from '../model.js';

/**
 * Item kind by message class prefix, longest prefix first. Message classes are case-insensitive
 * and extend by dots (IPM.Note.SMIME.MultipartSigned is an S/MIME note; IPM.Appointment.Occurrence
 * is an appointment).
 * @see [MS-OXCMSG] 2.2.1.3 PidTagMessageClass, [MS-OXOCAL] 2.2.6.1, [MS-OXOCNTC], [MS-OXOTASK]
 */
const KIND_BY_CLASS_PREFIX: ReadonlyArray<readonly [string, ItemKind]> = (
  [
    ['ipm.note.smime.multipartsigned', 'smime'],
    ['ipm.note.smime', 'smime'],
    ['ipm.note.secure', 'smime'],
    ['ipm.schedule.meeting.request', 'meeting-request'],
    ['ipm.schedule.meeting.canceled', 'meeting-cancellation'],
    ['ipm.schedule.meeting.resp', 'meeting-response'],
    ['ipm.schedule.meeting', 'meeting-request'],
    ['ipm.appointment', 'appointment'],
    ['ipm.contact', 'contact'],
    ['ipm.distlist', 'distribution-list'],
    ['ipm.taskrequest', 'task-request'],
    ['ipm.task', 'task'],
    ['ipm.stickynote', 'sticky-note'],
    ['ipm.activity', 'journal'],
    ['ipm.post', 'post'],
    ['report.', 'report'],
    ['ipm.note', 'note'],
    ['ipm', 'note'],
  ] satisfies Array<[string, ItemKind]>
).sort((a, b) => b[0].length - a[0].length);

/** What a class must start with to extend each prefix: the prefix and a dot (`report.` has it). */
const EXTENSION_OF_PREFIX = KIND_BY_CLASS_PREFIX.map(([prefix]) =>
  prefix.endsWith('.') ? prefix : `${prefix}.`,
);

export function itemKindOf(messageClass: string | null): ItemKind {
  if (!messageClass) return 'note';
  // Some writers end the class with NULs (TeamMsgExtractor#213: "IPM\0").
  const normalized = messageClass.replace(/\0+$/, '').trim().toLowerCase();
  for (let index = 0; index < KIND_BY_CLASS_PREFIX.length; index++) {
    const [prefix, kind] = KIND_BY_CLASS_PREFIX[index]!;
    if (normalized === prefix || normalized.startsWith(EXTENSION_OF_PREFIX[index]!)) return kind;
  }
  return 'other';
}
