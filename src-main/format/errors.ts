/**
 * The one error type of the format layer. Every failure carries a stable `code` from a closed set
 * (so callers branch on it, and the IPC layer can ship it as data) and a message a person can read.
 */

/** Stable error codes. Add new ones at the end; never rename one that shipped. */
export type MsgFormatErrorCode =
  /** The bytes are not an OLE2 compound file at all (a PNG renamed .msg, a text file…). */
  | 'NOT_CFB'
  /** A valid compound file, but not an Outlook item (a .doc, an .xls, a thumbnail cache…). */
  | 'NOT_MSG'
  /** The file ends before a structure it declares. */
  | 'TRUNCATED'
  /** The compound file's sector chains or directory are broken beyond what we can recover. */
  | 'CORRUPT_CONTAINER'
  /** A structure inside the .msg (property stream, named-property map, compressed RTF) is damaged. */
  | 'CORRUPT_DATA'
  /** The input exceeds one of the limits in `limits.ts`. */
  | 'LIMIT_EXCEEDED'
  /** A caller asked for something the format layer does not provide (bad option, wrong handle). */
  | 'INVALID_ARGUMENT';

/** Where in the file a problem was found. */
export interface ErrorLocation {
  /** Stream or storage path inside the compound file, e.g. `__substg1.0_1000001F`. */
  stream?: string;
  /** Byte offset within that stream (or within the file, when `stream` is absent). */
  offset?: number;
}

export class MsgFormatError extends Error {
  override name = 'MsgFormatError';
  constructor(
    readonly code: MsgFormatErrorCode,
    message: string,
    readonly where: ErrorLocation = {},
  ) {
    super(message);
  }
}

export function isMsgFormatError(value: unknown): value is MsgFormatError {
  return value instanceof MsgFormatError;
}

/**
 * A recoverable problem: the parser skipped or guessed something and went on. The viewer lists
 * these under a partly readable message; strict mode turns the first one into a thrown error.
 */
export interface Diagnostic {
  code: MsgFormatErrorCode;
  message: string;
  where: ErrorLocation;
}

export type DiagnosticSink = (diagnostic: Diagnostic) => void;

/** Turn a caught error into a diagnostic, keeping our code when there is one. */
export function toDiagnostic(error: unknown, where: ErrorLocation = {}): Diagnostic {
  if (error instanceof MsgFormatError) {
    return { code: error.code, message: error.message, where: { ...where, ...error.where } };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'CORRUPT_DATA', message, where };
}
