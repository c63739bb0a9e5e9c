import type { Diagnostic } from './errors.js';

/**
 * What a diagnostic costs the reader, in the terms a person sees: the body, an attachment, a
 * recipient, some fields, or the file as a whole. Decided from where the problem was found (the
 * stream's path inside the compound file), so the viewer can say "Some of this message could not
 * be read: the body, attachment 2" instead of listing stream names.
 */
export type DiagnosticPart =
  | { kind: 'body' }
  /** `index` is the storage index N of `__attach_version1.0_#N` (Attachment.index). */
  | { kind: 'attachment'; index: number }
  /** `index` is the storage index N of `__recip_version1.0_#N` (Recipient.index). */
  | { kind: 'recipient'; index: number }
  | { kind: 'fields' }
  | { kind: 'file' };

/** `__attach_version1.0_#0000000A` or `__recip_version1.0_#…` at the top of a path. */
const CHILD_STORAGE = /^__(attach|recip)_version1\.0_#([0-9A-F]{8})(?:\/|$)/i;
/** A value stream of the message itself, with its property id. */
const VALUE_STREAM = /^__substg1\.0_([0-9A-F]{4})[0-9A-F]{4}/i;
/** [MS-OXPROPS] PidTagBody, PidTagRtfCompressed, PidTagHtml: the streams that hold the body. */
const BODY_PROPERTY_IDS = new Set([0x1000, 0x1009, 0x1013]);

export function diagnosticPart(diagnostic: Diagnostic): DiagnosticPart {
  const path = diagnostic.where.stream;
  if (!path) return { kind: 'file' };
  const child = CHILD_STORAGE.exec(path);
  if (child) {
    const index = Number.parseInt(child[2]!, 16);
    return { kind: child[1]!.toLowerCase() === 'attach' ? 'attachment' : 'recipient', index };
  }
  const value = VALUE_STREAM.exec(path);
  if (value && BODY_PROPERTY_IDS.has(Number.parseInt(value[1]!, 16))) return { kind: 'body' };
  return { kind: 'fields' };
}
