import type { MsgFormatErrorCode } from '../format/errors.js';

/**
 * The session layer's one error type. Codes are stable and travel across IPC as data
 * (`{ ok: false, error: { code, message } }`), so the renderer can branch on them.
 */
export type SessionErrorCode =
  /** The session (or the window that owned it) was closed; its handles are dead. */
  | 'SESSION_CLOSED'
  /** No such handle: never issued, or already released. */
  | 'UNKNOWN_HANDLE'
  /** The handle belongs to another window's session. */
  | 'NOT_OWNER'
  /** The handle names a different kind of object than the call needs (a message where an attachment is expected…). */
  | 'WRONG_HANDLE_KIND'
  /** The file is not a readable Outlook item; `formatCode` says why. */
  | 'BAD_FILE'
  /** Reading or writing a file failed (missing, permission denied, disk full…). */
  | 'IO_ERROR'
  /** Parsing took longer than the time limit, or ran out of its memory budget. */
  | 'PARSE_TIMEOUT'
  | 'PARSE_OUT_OF_MEMORY'
  /** A file bigger than we open. */
  | 'TOO_LARGE'
  /** Opening this attachment is risky: the caller must confirm, showing the real type. */
  | 'NEEDS_CONFIRMATION'
  /** The target file exists and the caller did not consent to replacing it. */
  | 'EXISTS'
  /** The attachment has no bytes to save or open (by reference, web reference, embedded message). */
  | 'NO_DATA'
  /** An argument failed validation. */
  | 'INVALID_ARGUMENT';

/** What a person needs besides the message to act on some errors. */
export interface SessionErrorDetails {
  /** NEEDS_CONFIRMATION: what the attachment really is (".exe file"), for the confirmation text. */
  realType?: string;
  /** A file that could not be opened: its name, for the error page of the window opened for it. */
  fileName?: string;
}

export class SessionError extends Error {
  override name = 'SessionError';
  constructor(
    readonly code: SessionErrorCode,
    message: string,
    /** For BAD_FILE: the format layer's code (NOT_CFB, CORRUPT_CONTAINER…). */
    readonly formatCode?: MsgFormatErrorCode,
    readonly details: SessionErrorDetails = {},
  ) {
    super(message);
  }
}

export function isSessionError(value: unknown): value is SessionError {
  return value instanceof SessionError;
}
