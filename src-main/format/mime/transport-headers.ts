import iconv from 'iconv-lite';
import { addressParser, decodeWords } from 'postal-mime';
import type { DiagnosticSink } from '../errors.js';
import { MAX_HEADER_CHARS, MAX_HEADER_FIELDS, MAX_RECIPIENTS } from '../limits.js';

/**
 * PidTagTransportMessageHeaders (0x007D): the RFC 5322 header block of a received message, as the
 * transport delivered it. Outlook stores it verbatim, so it is as hostile as any mail on the wire,
 * plus the quirks of whoever wrote the .msg (LF-only lines, a leading preamble line, NUL padding,
 * part of the body appended after the blank line).
 * @see https://learn.microsoft.com/en-us/openspecs/exchange_server_protocols/ms-oxprops/8d7d0f1a-2d66-4bd0-ab6c-a8a4d16c5cf2
 * @see https://www.rfc-editor.org/rfc/rfc5322#section-2.2
 */

export interface HeaderField {
  /** The field name as written (`Message-ID`, `message-id`…); compare case-insensitively. */
  name: string;
  /** The unfolded value, not decoded (see {@link parseTransportHeaders} for the exact rule). */
  value: string;
  /** `value` with RFC 2047 encoded words decoded and control characters neutralised, for display
   * (worked out when first read). */
  readonly decoded: string;
}

export interface TransportHeaders {
  /** The header text as given, minus trailing NUL padding. Not truncated: that is the caller's choice. */
  raw: string;
  /** Fields in file order, at most `MAX_HEADER_FIELDS`. */
  fields: HeaderField[];
  /** First field with this name (case-insensitive), as RFC 5322 readers take the first of a duplicate. */
  get(name: string): HeaderField | undefined;
  /** Every field with this name (case-insensitive), in file order; a fresh array. */
  getAll(name: string): HeaderField[];
}

/** One mailbox of an address field, display name decoded. */
export interface ParsedAddress {
  name: string;
  address: string;
}

/**
 * Parses a transport header block. Never throws: malformed lines are skipped, and input beyond
 * `MAX_HEADER_CHARS` or `MAX_HEADER_FIELDS` is ignored and reported through `onDiagnostic`.
 *
 * Unfolding (RFC 5322 2.2.3), which reproduces every `transportHeaders` value of the corpus:
 * 1. the value starts after the colon; SP/HTAB right after the colon on the field's first line is
 *    the separator, not content, and is dropped;
 * 2. every fold (SP/HTAB at the end of a line, the line break, SP/HTAB at the start of the next
 *    line) becomes exactly one SP — so `Message-ID:⏎ <id>` gives ` <id>` (leading SP kept) and
 *    `text/html;⏎\tcharset=x` gives `text/html; charset=x`;
 * 3. SP/HTAB at the very end of the value is dropped.
 *
 * Lines end at CRLF, LF or a lone CR. Empty lines before the first field are skipped; the first
 * empty line after it ends the block (what follows is a body some writer appended). A line that
 * is not `name: value` (no colon, or a name with characters outside RFC 5322 ftext, such as
 * Exchange's "Microsoft Mail Internet Headers Version 2.0" preamble or an mbox `From ` line) is
 * skipped along with its continuation lines. NUL characters are removed.
 * @see https://www.rfc-editor.org/rfc/rfc5322#section-2.2.3
 */
export function parseTransportHeaders(
  raw: string,
  onDiagnostic?: DiagnosticSink,
): TransportHeaders {
  const text = stripTrailingNuls(raw);
  let parsed = text;
  if (parsed.length > MAX_HEADER_CHARS) {
    parsed = parsed.slice(0, MAX_HEADER_CHARS);
    onDiagnostic?.({
      code: 'LIMIT_EXCEEDED',
      message: `transport headers: expected at most ${MAX_HEADER_CHARS} characters, found ${text.length}; the rest is ignored`,
      where: {},
    });
  }

  const fields: HeaderField[] = [];

  // The field being read: its name and its value pieces (first line, then each continuation).
  let pending: { name: string; pieces: string[] } | undefined;
  const flush = (): void => {
    if (pending) fields.push(makeField(pending.name, pending.pieces));
    pending = undefined;
  };

  let hasField = false;
  let isFull = false;
  for (const line of parsed.replace(NUL_CHARACTERS, '').split(LINE_BREAK)) {
    if (line === '') {
      if (hasField) break; // end of the header block; what follows is a body
      continue; // blank lines (and preamble junk) before the first field are skipped
    }
    if (isWsp(line.charCodeAt(0))) {
      // A continuation line. One that follows a skipped line (or nothing) belongs to nothing.
      pending?.pieces.push(trimWsp(line));
      continue;
    }
    flush();
    const colon = line.indexOf(':');
    const name = colon > 0 ? trimWspEnd(line.slice(0, colon)) : '';
    if (!isFieldName(name)) continue;
    if (fields.length >= MAX_HEADER_FIELDS) {
      isFull = true;
      break;
    }
    hasField = true;
    pending = { name, pieces: [trimWsp(line.slice(colon + 1))] };
  }
  flush();
  if (isFull) {
    onDiagnostic?.({
      code: 'LIMIT_EXCEEDED',
      message: `transport headers: expected at most ${MAX_HEADER_FIELDS} fields, found more; the rest are ignored`,
      where: {},
    });
  }

  // The index by name is built on the first lookup: many consumers never look one up.
  let byName: Map<string, HeaderField[]> | undefined;
  const fieldsNamed = (name: string): HeaderField[] | undefined => {
    byName ??= indexByName(fields);
    return byName.get(name.toLowerCase());
  };
  return {
    raw: text,
    fields,
    get: (name) => fieldsNamed(name)?.[0],
    getAll: (name) => [...(fieldsNamed(name) ?? [])],
  };
}

function indexByName(fields: HeaderField[]): Map<string, HeaderField[]> {
  const byName = new Map<string, HeaderField[]>();
  for (const field of fields) {
    const key = field.name.toLowerCase();
    const list = byName.get(key);
    if (list) list.push(field);
    else byName.set(key, [field]);
  }
  return byName;
}

/**
 * Splits an address field (`To`, `Cc`, `From`, `Reply-To`…) into mailboxes with decoded display
 * names; group syntax is flattened into its members. Never throws; at most `MAX_RECIPIENTS`.
 * @see https://www.rfc-editor.org/rfc/rfc5322#section-3.4
 */
export function parseAddressList(value: string): ParsedAddress[] {
  try {
    const mailboxes = addressParser(transcodeForeignWords(value), { flatten: true });
    const result: ParsedAddress[] = [];
    for (const mailbox of mailboxes) {
      if (result.length >= MAX_RECIPIENTS) break;
      // `flatten` unwraps groups, but the type still allows a group; take only mailboxes.
      if (mailbox.group !== undefined) continue;
      result.push({
        name: cleanForDisplay(mailbox.name),
        address: cleanForDisplay(mailbox.address),
      });
    }
    return result;
  } catch {
    // addressParser is written for hostile input, but a display helper must not take a view down.
    return [];
  }
}

/**
 * Decodes RFC 2047 encoded words for display. postal-mime joins adjacent words (RFC 2047 6.2) and
 * handles every charset TextDecoder knows; words in other charsets that iconv-lite knows (cp437,
 * cp850, utf-7…) are first re-encoded as UTF-8 words, which postal-mime would otherwise decode as
 * windows-1252. A malformed word stays as written.
 * @see https://www.rfc-editor.org/rfc/rfc2047#section-6.2
 */
export function decodeHeaderValue(value: string): string {
  let decoded: string;
  try {
    decoded = decodeWords(transcodeForeignWords(value));
  } catch {
    decoded = value;
  }
  return trimWsp(cleanForDisplay(decoded));
}

function makeField(name: string, pieces: string[]): HeaderField {
  return new LazilyDecodedField(name, trimWspEnd(pieces.join(' ')));
}

/**
 * A field whose `decoded` is worked out on first use and kept: decoding every field of every
 * message cost a few percent of a whole parse, and most consumers read a handful of fields, or
 * only `raw`. `toJSON` keeps it in serialized output, as a plain field would be.
 */
class LazilyDecodedField implements HeaderField {
  #decoded: string | undefined;

  constructor(
    readonly name: string,
    readonly value: string,
  ) {}

  get decoded(): string {
    this.#decoded ??= decodeHeaderValue(this.value);
    return this.#decoded;
  }

  toJSON(): { name: string; value: string; decoded: string } {
    return { name: this.name, value: this.value, decoded: this.decoded };
  }
}

// --- lines and whitespace -------------------------------------------------------------------

/** CRLF, or a bare LF (Unix writers), or a bare CR (old Mac writers). */
const LINE_BREAK = /\r\n|\n|\r/;

/** NUL padding after the text, and NULs some writers leave inside it. */
const NUL_CHARACTERS = /\0/g;

const SPACE = 0x20;
const TAB = 0x09;
const NUL = 0;

function isWsp(code: number): boolean {
  return code === SPACE || code === TAB;
}

// Whitespace is trimmed with loops, not /[ \t]+$/: that pattern is quadratic on a long run of
// spaces followed by something else, which a hostile header can supply.
function trimWsp(text: string): string {
  let start = 0;
  while (start < text.length && isWsp(text.charCodeAt(start))) start++;
  return trimWspEnd(start === 0 ? text : text.slice(start));
}

function trimWspEnd(text: string): string {
  let end = text.length;
  while (end > 0 && isWsp(text.charCodeAt(end - 1))) end--;
  return end === text.length ? text : text.slice(0, end);
}

function stripTrailingNuls(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === NUL) end--;
  return end === text.length ? text : text.slice(0, end);
}

/** RFC 5322 3.6.8 ftext: printable US-ASCII except colon. Rules out prose, 8-bit junk and NULs. */
function isFieldName(name: string): boolean {
  if (name.length === 0) return false;
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (code < FTEXT_FIRST || code > FTEXT_LAST || code === COLON) return false;
  }
  return true;
}

const FTEXT_FIRST = 0x21;
const FTEXT_LAST = 0x7e;
const COLON = 0x3a;

/**
 * Decoded text can hold anything an encoded word spells: CR/LF (header injection into a copied
 * header, broken layout), NUL, escape sequences. Line breaks and tabs become a space; other C0,
 * DEL and C1 controls become U+FFFD so their presence stays visible.
 */
function cleanForDisplay(text: string): string {
  return text.replace(LINE_BREAK_OR_TAB, ' ').replace(CONTROL_CHARACTERS, '\uFFFD');
}

const LINE_BREAK_OR_TAB = /\r\n|[\r\n\t]/g;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

// --- charsets postal-mime cannot decode ---------------------------------------------------------

/** The RFC 2047 encoded-word grammar as postal-mime matches it, so both see the same words. */
const ENCODED_WORD = /=\?([^?\s]+)\?([QqBb])\?([^?]*)\?=/g;

/**
 * Labels remembered by {@link isTextDecoderLabel}. Each header can name a fresh label, so the cache
 * is capped: beyond it a label is simply probed again (a caught exception, not a leak).
 */
const MAX_CACHED_CHARSET_LABELS = 256;
const textDecoderLabels = new Map<string, boolean>();

/** iconv-lite codecs that are not text charsets, so never a meaning a sender could intend. */
const NOT_A_CHARSET = new Set(['base64', 'hex']);

function transcodeForeignWords(value: string): string {
  if (!value.includes('=?')) return value;
  return value.replace(ENCODED_WORD, (word, label: string, encoding: string, text: string) => {
    // RFC 2231 5: `charset*language`; the language does not affect decoding.
    const charset = label.split('*')[0]!.trim().toLowerCase();
    if (charset === '' || isTextDecoderLabel(charset)) return word;
    if (NOT_A_CHARSET.has(charset.replace(/[^a-z0-9]/g, ''))) return word;
    if (!iconv.encodingExists(charset)) return word; // postal-mime falls back to windows-1252
    try {
      const bytes = encoding.toUpperCase() === 'B' ? base64Bytes(text) : quotedPrintableBytes(text);
      const decoded = iconv.decode(bytes, charset);
      return `=?utf-8?B?${base64OfUtf8(decoded)}?=`;
    } catch {
      return word;
    }
  });
}

function isTextDecoderLabel(charset: string): boolean {
  const known = textDecoderLabels.get(charset);
  if (known !== undefined) return known;
  let isKnown = false;
  try {
    new TextDecoder(charset);
    isKnown = true;
  } catch {
    // not a WHATWG label; the caller tries iconv-lite
  }
  if (textDecoderLabels.size < MAX_CACHED_CHARSET_LABELS) textDecoderLabels.set(charset, isKnown);
  return isKnown;
}

/** RFC 2047 4.2 "Q": `_` is a space, `=XX` a byte, anything else itself. */
function quotedPrintableBytes(text: string): Uint8Array {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    const high = char === '=' ? hexValue(text.charCodeAt(i + 1)) : -1;
    const low = high >= 0 ? hexValue(text.charCodeAt(i + 2)) : -1;
    if (low >= 0) {
      bytes.push(high * 16 + low);
      i += 2;
    } else if (char === '_') {
      bytes.push(SPACE);
    } else {
      // Encoded words are ASCII; 8-bit junk keeps its UTF-8 bytes, as postal-mime does.
      bytes.push(...utf8.encode(char));
    }
  }
  return Uint8Array.from(bytes);
}

/** RFC 2047 4.1 "B": lenient, like postal-mime — stray characters and bad padding are ignored. */
function base64Bytes(text: string): Uint8Array {
  let clean = text.replace(/[^A-Za-z0-9+/]/g, '');
  if (clean.length % 4 === 1) clean = clean.slice(0, -1); // a lone sextet cannot make a byte
  const binary = atob(clean.padEnd(Math.ceil(clean.length / 4) * 4, '='));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

function base64OfUtf8(text: string): string {
  let binary = '';
  for (const byte of utf8.encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

const utf8 = new TextEncoder();

/** Value of an ASCII hex digit, or -1 (also for NaN, past the end of the string). */
function hexValue(code: number): number {
  if (code >= 0x30 /* 0 */ && code <= 0x39 /* 9 */) return code - 0x30;
  if (code >= 0x41 /* A */ && code <= 0x46 /* F */) return code - 0x41 + 10;
  if (code >= 0x61 /* a */ && code <= 0x66 /* f */) return code - 0x61 + 10;
  return -1;
}
