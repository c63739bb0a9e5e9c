/**
 * FILETIME (100-nanosecond intervals since 1601-01-01 UTC) to JavaScript instants.
 * @see [MS-DTYP] 2.3.3 FILETIME
 */

/** 100-ns intervals between 1601-01-01 and 1970-01-01. */
const FILETIME_UNIX_EPOCH = 116_444_736_000_000_000n;
const FILETIME_TICKS_PER_MS = 10_000n;

/** Dates from 4500 on are MAPI's "none" sentinel (e.g. 4501-01-01 for an unset due date). */
const MAPI_NONE_DATE_MS = Date.UTC(4500, 0, 1);

/** Earliest date we show: anything before 1601-01-02 is a zeroed or garbage field, not a real time. */
const EARLIEST_REAL_DATE_MS = Date.UTC(1601, 0, 2);

/**
 * Converts a FILETIME to a Date, or null when the value is zero, MAPI's "none" sentinel, or outside
 * the range a real message date can have. Zero and out-of-range values are common in drafts and in
 * files written by other tools; showing them as 1601 (or throwing, as some readers did) is wrong.
 */
export function filetimeToDate(filetime: bigint): Date | null {
  if (filetime <= 0n) return null;
  const ms = Number((filetime - FILETIME_UNIX_EPOCH) / FILETIME_TICKS_PER_MS);
  if (!Number.isFinite(ms) || ms < EARLIEST_REAL_DATE_MS || ms >= MAPI_NONE_DATE_MS) return null;
  return new Date(ms);
}

/** OLE Automation date (PT_APPTIME: days since 1899-12-30, fraction = time of day) to a Date. */
export function appTimeToDate(days: number): Date | null {
  if (!Number.isFinite(days)) return null;
  const OLE_EPOCH_MS = Date.UTC(1899, 11, 30);
  const MS_PER_DAY = 86_400_000;
  // Negative OLE dates count days backwards but the time-of-day forwards.
  const wholeDays = Math.trunc(days);
  const fraction = Math.abs(days - wholeDays);
  const ms = OLE_EPOCH_MS + wholeDays * MS_PER_DAY + Math.round(fraction * MS_PER_DAY);
  if (ms < EARLIEST_REAL_DATE_MS || ms >= MAPI_NONE_DATE_MS) return null;
  return new Date(ms);
}
