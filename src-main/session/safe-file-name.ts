import { SessionError } from './session-error.js';

/**
 * File names for attachments written to disk. The name comes from the .msg (PidTagAttachLongFilename
 * and friends), so it is attacker-controlled: it must not leave the target folder, name a Windows
 * device, hide its real extension, or be longer than a file system accepts. The result is a plain
 * name — never a path — that is the same on Windows, macOS and Linux.
 * @see https://learn.microsoft.com/en-us/windows/win32/fileio/naming-a-file
 */

/** Name used when nothing usable is left of the attachment's own name. */
export const DEFAULT_FILE_NAME = 'attachment';

/**
 * ext4, APFS and NTFS all stop at 255 (bytes on ext4, UTF-16 units on NTFS and APFS); 255 UTF-8
 * bytes fits all of them. A longer name makes the write fail, or be cut by the OS at a point that
 * drops the extension.
 */
export const MAX_FILE_NAME_BYTES = 255;

/**
 * A final `.xyz` longer than this is not an extension worth keeping when the name is shortened;
 * the name is cut from the end instead (real extensions are a few characters).
 */
export const MAX_KEPT_EXTENSION_BYTES = 32;

/**
 * `uniqueFileName` tries `name (1)` … `name (MAX_UNIQUE_NAME_ATTEMPTS)` and then gives up: a
 * `taken` callback that answers true for everything must not loop forever. No real folder holds
 * ten thousand copies of one attachment name.
 */
export const MAX_UNIQUE_NAME_ATTEMPTS = 10_000;

/**
 * Turns an untrusted attachment name into a safe file name, or `fallback` (itself made safe;
 * 'attachment' by default) when nothing usable is left. Idempotent: a safe name comes back
 * unchanged. Every step is linear in the input, so a megabyte-long name cannot stall it.
 */
export function safeFileName(
  name: string | null | undefined,
  fallback = DEFAULT_FILE_NAME,
): string {
  return sanitize(name ?? '') || sanitize(fallback) || DEFAULT_FILE_NAME;
}

/**
 * The first of `name`, `name (1).ext`, `name (2).ext`… (after `safeFileName`) for which `taken`
 * answers false; the counter goes before the extension and the stem is shortened so the result
 * stays within `MAX_FILE_NAME_BYTES`. Comparison is the caller's: on a case-insensitive file system
 * `taken` should compare case-insensitively. Throws `LIMIT_EXCEEDED` after
 * `MAX_UNIQUE_NAME_ATTEMPTS` numbered candidates.
 */
export function uniqueFileName(name: string, taken: (candidate: string) => boolean): string {
  const base = safeFileName(name);
  if (!taken(base)) return base;
  const { stem, extension } = splitExtension(base);
  const extensionBytes = utf8Length(extension);
  for (let counter = 1; counter <= MAX_UNIQUE_NAME_ATTEMPTS; counter++) {
    const suffix = ` (${counter})`;
    const budget = MAX_FILE_NAME_BYTES - extensionBytes - utf8Length(suffix);
    const candidate = truncateUtf8(stem, budget) + suffix + extension;
    if (!taken(candidate)) return candidate;
  }
  throw new SessionError(
    'EXISTS',
    `file name: expected a free name within ${MAX_UNIQUE_NAME_ATTEMPTS} numbered candidates of "${base}", found none`,
  );
}

/** The steps, in an order where no later step can bring back what an earlier one removed. */
function sanitize(input: string): string {
  let name = lastPathSegment(input);
  name = name.replace(LONE_SURROGATE, '\uFFFD');
  name = name.replace(INVISIBLE, '');
  name = name.normalize('NFC');
  name = name.replace(WHITESPACE_RUN, ' ');
  name = name.replace(WINDOWS_ILLEGAL, '_');
  name = trimTrailingDotsAndSpaces(trimLeadingSpaces(name));
  if (name === '') return ''; // also `.`, `..` and names of dots and spaces only
  if (isWindowsDeviceName(name)) name = `_${name}`;
  return limitLength(name);
}

/**
 * Both separators count on every platform: a name built on Windows (`..\..\x`) is written on Linux
 * too, and a `\` that survives to Windows is a separator there. `dir/` gives `dir`.
 */
function lastPathSegment(input: string): string {
  let end = input.length;
  while (end > 0 && isSeparator(input.charCodeAt(end - 1))) end--;
  let start = end;
  while (start > 0 && !isSeparator(input.charCodeAt(start - 1))) start--;
  return input.slice(start, end);
}

const SLASH = 0x2f;
const BACKSLASH = 0x5c;

function isSeparator(code: number): boolean {
  return code === SLASH || code === BACKSLASH;
}

/** A UTF-16 string from a .msg may hold half a surrogate pair; file systems reject or mangle it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Characters that are removed outright:
 * - C0 controls, DEL and C1 controls: invalid on Windows, and terminal escapes elsewhere;
 * - every format character (\p{Cf}): the bidi embeddings, overrides, isolates and marks
 *   (U+202A–U+202E, U+2066–U+2069, U+200E/U+200F, U+061C) that turn `invoice\u202Efdp.exe` into
 *   "invoiceexe.pdf" on screen, and the invisible zero-width space/joiners (U+200B–U+200D), word
 *   joiner (U+2060), BOM (U+FEFF), soft hyphen, tag characters and the like, which hide a real
 *   extension or make two different names look the same;
 * - the line and paragraph separators (U+2028/U+2029) and the Hangul fillers (U+115F, U+1160,
 *   U+3164, U+FFA0), which render as nothing.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\u2028\u2029\u115F\u1160\u3164\uFFA0]/gu;

/**
 * Any run of Unicode whitespace (NBSP, em space, ideographic space…) becomes one space, so a wide
 * gap cannot push the real extension out of sight: `report.pdf<many spaces>.exe`.
 */
const WHITESPACE_RUN = /\s+/gu;

/** Reserved on Windows in any file name; `/` and `\` were already taken as separators above. */
const WINDOWS_ILLEGAL = /[<>:"/\\|?*]/g;

const SPACE = 0x20;
const DOT = 0x2e;

function trimLeadingSpaces(name: string): string {
  let start = 0;
  while (start < name.length && name.charCodeAt(start) === SPACE) start++;
  return name.slice(start);
}

/**
 * Windows drops trailing dots and spaces when it creates a file, so `evil.exe.` would be written
 * as `evil.exe` after the user saw another name. A loop, not /[. ]+$/, which is quadratic on a long
 * run of dots and spaces followed by something else.
 */
function trimTrailingDotsAndSpaces(name: string): string {
  let end = name.length;
  while (end > 0 && (name.charCodeAt(end - 1) === DOT || name.charCodeAt(end - 1) === SPACE)) end--;
  return name.slice(0, end);
}

/**
 * Windows device names open the device, whatever the extension and whatever trailing spaces
 * precede it (`con.txt`, `NUL .tar.gz`): writing `aux.pdf` would write to the AUX port. Windows 10
 * and later also treat COM0/LPT0, the superscript-digit forms and the console names this way.
 */
const WINDOWS_DEVICE_NAME = /^(?:CON|PRN|AUX|NUL|CONIN\$|CONOUT\$|COM[0-9¹²³]|LPT[0-9¹²³])$/i;

function isWindowsDeviceName(name: string): boolean {
  const dot = name.indexOf('.');
  const stem = dot < 0 ? name : name.slice(0, dot);
  return WINDOWS_DEVICE_NAME.test(trimTrailingDotsAndSpaces(stem));
}

/** Cuts the stem so the name fits `MAX_FILE_NAME_BYTES`, keeping a short extension. */
function limitLength(name: string): string {
  if (utf8Length(name) <= MAX_FILE_NAME_BYTES) return name;
  const { stem, extension } = splitExtension(name);
  const cut = truncateUtf8(stem, MAX_FILE_NAME_BYTES - utf8Length(extension));
  // A cut can end in dots or spaces, which Windows would then strip (see above).
  return extension === '' ? trimTrailingDotsAndSpaces(cut) : cut + extension;
}

/**
 * The last `.xyz`, if it is short enough to be an extension. A leading dot (`.profile`) starts
 * the name rather than an extension.
 */
function splitExtension(name: string): { stem: string; extension: string } {
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return { stem: name, extension: '' };
  const extension = name.slice(dot);
  if (utf8Length(extension) > MAX_KEPT_EXTENSION_BYTES) return { stem: name, extension: '' };
  return { stem: name.slice(0, dot), extension };
}

/** Bytes of `text` in UTF-8. Lone surrogates were replaced earlier, so each code point is whole. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (const char of text) bytes += utf8LengthOf(char.codePointAt(0)!);
  return bytes;
}

/** The longest prefix of `text` within `maxBytes` UTF-8 bytes; whole code points only. */
function truncateUtf8(text: string, maxBytes: number): string {
  let bytes = 0;
  let end = 0;
  for (const char of text) {
    bytes += utf8LengthOf(char.codePointAt(0)!);
    if (bytes > maxBytes) break;
    end += char.length; // 2 for a surrogate pair, so a pair is kept or dropped whole
  }
  return text.slice(0, end);
}

const UTF8_ONE_BYTE_LIMIT = 0x80;
const UTF8_TWO_BYTE_LIMIT = 0x800;
const UTF8_THREE_BYTE_LIMIT = 0x10000;

function utf8LengthOf(codePoint: number): number {
  if (codePoint < UTF8_ONE_BYTE_LIMIT) return 1;
  if (codePoint < UTF8_TWO_BYTE_LIMIT) return 2;
  if (codePoint < UTF8_THREE_BYTE_LIMIT) return 3;
  return 4;
}
