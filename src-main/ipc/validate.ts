import type { TextEncoding } from '../contract/ipc-contract.js';
import { TEXT_ENCODINGS } from '../contract/ipc-contract.js';
import { SessionError } from '../session/session-error.js';

/**
 * Guards for IPC arguments. Everything that crosses the boundary is `unknown` until one of these
 * passes: a compromised or buggy renderer can send anything, of any size.
 */

/** Handles are `<uuid>/<n>`: far below this. A longer string is an attack, not a handle. */
export const MAX_HANDLE_LENGTH = 100;
/** PATH_MAX on Linux; Windows long paths stay below it too. */
export const MAX_PATH_LENGTH = 4096;
/** Longer links are not something a person clicks. */
export const MAX_URL_LENGTH = 8192;

export function handleArg(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_HANDLE_LENGTH) {
    throw new SessionError('INVALID_ARGUMENT', 'expected a handle');
  }
  return value;
}

export function pathArg(value: unknown): string {
  if (
    typeof value !== 'string' ||
    value.length === 0 ||
    value.length > MAX_PATH_LENGTH ||
    value.includes('\0')
  ) {
    throw new SessionError('INVALID_ARGUMENT', 'expected a file path');
  }
  return value;
}

export function booleanArg(value: unknown): boolean {
  if (typeof value !== 'boolean')
    throw new SessionError('INVALID_ARGUMENT', 'expected true or false');
  return value;
}

export function recipientIndexArg(value: unknown): number | null {
  if (value === null) return null;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < 1_000_000)
    return value;
  throw new SessionError('INVALID_ARGUMENT', 'expected a recipient index or null');
}

export function tagArg(value: unknown): string {
  if (typeof value !== 'string' || !/^0x[0-9A-F]{8}$/.test(value)) {
    throw new SessionError('INVALID_ARGUMENT', 'expected a property tag like 0x0037001F');
  }
  return value;
}

/** Only links a person can safely follow leave the app: web pages and new mail. */
const ALLOWED_LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

export function linkArg(value: unknown): URL {
  if (typeof value !== 'string' || value.length > MAX_URL_LENGTH) {
    throw new SessionError('INVALID_ARGUMENT', 'expected a link');
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new SessionError('INVALID_ARGUMENT', 'not a valid link');
  }
  if (!ALLOWED_LINK_PROTOCOLS.has(url.protocol)) {
    throw new SessionError('INVALID_ARGUMENT', `links of type ${url.protocol} are not opened`);
  }
  return url;
}

/** A code page of View → Text Encoding, or null for automatic. */
export function textEncodingArg(value: unknown): TextEncoding | null {
  if (value === null) return null;
  const known: readonly number[] = TEXT_ENCODINGS;
  if (typeof value === 'number' && known.includes(value)) return value as TextEncoding;
  throw new SessionError('INVALID_ARGUMENT', 'expected a code page of the Text Encoding menu');
}
