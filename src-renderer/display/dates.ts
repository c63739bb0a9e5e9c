/**
 * Dates as a reader wants them: in the viewer's local time, with the sender's own time and UTC
 * offset when they differ (from the raw `Date:` header, which keeps the offset the sender's
 * client wrote), and the exact UTC instant on hover.
 */

/** RFC 5322 4.3 obsolete zone names; military single letters are ambiguous and ignored. */
const NAMED_ZONE_OFFSETS: Record<string, number> = {
  UT: 0,
  UTC: 0,
  GMT: 0,
  Z: 0,
  EST: -5 * 60,
  EDT: -4 * 60,
  CST: -6 * 60,
  CDT: -5 * 60,
  MST: -7 * 60,
  MDT: -6 * 60,
  PST: -8 * 60,
  PDT: -7 * 60,
};

/** `+0100`, `-0530` (RFC 5322 3.3), optionally followed by a comment such as `(CET)`. */
const NUMERIC_ZONE = /([+-])(\d{2}):?(\d{2})\s*(?:\([^)]*\))?\s*$/;
const NAMED_ZONE = /\b([A-Z]{1,3})\s*(?:\([^)]*\))?\s*$/;

/** Minutes east of UTC that a `Date:` header states, or null when it states none we know. */
export function headerOffsetMinutes(dateHeader: string | null): number | null {
  if (!dateHeader) return null;
  const numeric = NUMERIC_ZONE.exec(dateHeader.trim());
  if (numeric) {
    const [, sign, hours, minutes] = numeric;
    const total = Number(hours) * 60 + Number(minutes);
    return sign === '-' ? -total : total;
  }
  const named = NAMED_ZONE.exec(dateHeader.trim());
  const offset = named ? NAMED_ZONE_OFFSETS[named[1]] : undefined;
  return offset ?? null;
}

/** `UTC+01:00`, `UTC−05:30`, `UTC`. */
export function offsetLabel(minutes: number): string {
  if (minutes === 0) return 'UTC';
  const sign = minutes > 0 ? '+' : '−';
  const absolute = Math.abs(minutes);
  const hours = String(Math.floor(absolute / 60)).padStart(2, '0');
  const rest = String(absolute % 60).padStart(2, '0');
  return `UTC${sign}${hours}:${rest}`;
}

export interface DateOptions {
  /** BCP 47 locale; the system's when omitted. */
  locale?: string;
  /** IANA zone of the viewer; the system's when omitted (tests pin it). */
  timeZone?: string;
}

/** Minutes east of UTC of `timeZone` (or the system zone) at `instant`. */
export function zoneOffsetMinutes(instant: Date, timeZone?: string): number {
  if (timeZone === undefined) return -instant.getTimezoneOffset();
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(instant)
    .find((item) => item.type === 'timeZoneName')?.value;
  const match = part ? /GMT([+-])(\d{2}):(\d{2})/.exec(part) : null;
  if (!match) return 0;
  const total = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -total : total;
}

export interface MessageDate {
  /** In the viewer's time zone, e.g. "Mon 3 Mar 2025, 15:05". */
  local: string;
  /** The sender's wall-clock time when their offset differs from the viewer's, else null. */
  senderTime: string | null;
  /** The sender's offset as `UTC+01:00`, or null when the header states none. */
  senderOffset: string | null;
  /** The instant in UTC, "2025-03-03 13:05:00 UTC". */
  utc: string;
}

export function describeDate(
  iso: string,
  dateHeader: string | null,
  options: DateOptions = {},
): MessageDate | null {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return null;
  const local = new Intl.DateTimeFormat(options.locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: options.timeZone,
  }).format(instant);
  const utc = `${instant.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
  const senderMinutes = headerOffsetMinutes(dateHeader);
  if (senderMinutes === null) return { local, senderTime: null, senderOffset: null, utc };
  const senderOffset = offsetLabel(senderMinutes);
  if (senderMinutes === zoneOffsetMinutes(instant, options.timeZone)) {
    return { local, senderTime: null, senderOffset, utc };
  }
  // The sender's wall clock: shift the instant by their offset and read it as UTC.
  const shifted = new Date(instant.getTime() + senderMinutes * 60_000);
  const senderTime = new Intl.DateTimeFormat(options.locale, {
    hour: '2-digit',
    minute: '2-digit',
    weekday: 'short',
    timeZone: 'UTC',
  }).format(shifted);
  return { local, senderTime, senderOffset, utc };
}

/** A date field of an item (appointment start, task due…) in local time. */
export function formatFieldDate(iso: string, options: DateOptions = {}): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return iso;
  return new Intl.DateTimeFormat(options.locale, {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: options.timeZone,
  }).format(instant);
}
