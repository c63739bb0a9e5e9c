/**
 * RTF bodies that wrap the original HTML or plain text ([MS-OXRTFEX]), and a best-effort plain-text
 * reading of native RTF so an RTF-only message shows readable text until RTF rendering exists.
 *
 * One iterative pass over the bytes: a group stack instead of recursion (so nesting depth is a
 * counted limit, not a stack overflow), no regular expressions, and 8-bit text gathered as bytes and
 * decoded per run, so double-byte code pages (932, 936, 949, 950) see lead and trail bytes together.
 * Malformed RTF never throws: unbalanced braces and truncation are diagnostics.
 *
 * Built for speed, since every message without PidTagHtml goes through it: control words are
 * numbered by a hash table instead of turned into strings, group state lives in typed arrays
 * instead of an object per group, single-byte code pages are mapped byte by byte into one UTF-16
 * buffer, and ignored destinations (font tables, pictures, `\*\mhtmltag`) are skipped brace to brace.
 * @see https://learn.microsoft.com/en-us/openspecs/exchange_server_protocols/ms-oxrtfex
 */
import type { DiagnosticSink, MsgFormatErrorCode } from '../errors.js';
import { MsgFormatError } from '../errors.js';
import { MAX_RTF_GROUP_DEPTH } from '../limits.js';
import type { CodePageDecoder } from '../mapi/code-pages.js';
import {
  DEFAULT_ANSI_CODE_PAGE,
  codeUnitsToString,
  codePageOfRtfCharset,
  decoderOrDefault,
  isSupportedCodePage,
} from '../mapi/code-pages.js';

/** What an RTF body wraps: HTML (`\fromhtml1`), plain text (`\fromtext`), or nothing (native RTF). */
export type RtfEncapsulation = 'html' | 'text' | 'rtf';

export interface DeEncapsulateOptions {
  /** Code page of 8-bit text when the header has no `\ansicpg` (default 1252). */
  fallbackCodePage?: number;
  /** Receives recoverable problems (unbalanced braces, nesting too deep, a bad `\ansicpg`). */
  onDiagnostic?: DiagnosticSink;
}

export interface DeEncapsulatedRtf {
  kind: RtfEncapsulation;
  /** The HTML for 'html', the plain text for 'text' and (best effort) for 'rtf'. */
  text: string;
}

// RTF syntax bytes.
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const CARRIAGE_RETURN = 0x0d;
const LINE_FEED = 0x0a;
const NUL = 0x00;
const SPACE = 0x20;
const APOSTROPHE = 0x27;
const HYPHEN = 0x2d;
const ASTERISK = 0x2a;
const TILDE = 0x7e;
const UNDERSCORE = 0x5f;
const DIGIT_ZERO = 0x30;
const DIGIT_NINE = 0x39;

/** [MSFT-RTF]: a control word's letters stop at 32; longer runs are read but the name is cut. */
const MAX_CONTROL_WORD_LENGTH = 32;
/** A parameter is a 16- or 32-bit integer; further digits are read but ignored. */
const MAX_PARAMETER_DIGITS = 10;
/** `\uN` is a signed 16-bit value: negative N stands for N + 65536. */
const UTF16_CODE_UNIT_RANGE = 0x10000;
/** [MS-OXRTFEX] 2.2.3.1: the reader inspects no more than the first 10 tokens. */
const MAX_HEADER_TOKENS = 10;
/** Code page identifiers are 16-bit. */
const MAX_CODE_PAGE = 0xffff;
/** Initial size of the multi-byte run buffer (made on first use); it doubles as needed. */
const INITIAL_BYTE_RUN_CAPACITY = 1024;
const NO_BYTES = new Uint8Array(0);
/** Bytes below this are ASCII. */
const ASCII_LIMIT = 0x80;

/** Line break for `\par` and `\line`: [MS-OXRTFEX] 2.1.3.1.4.2 maps `\par` to CRLF. */
const CRLF = '\r\n';

// ---------------------------------------------------------------------------------------------
// [MSFT-RTF] Syntax: tokens

const TOKEN_END = 0;
const TOKEN_GROUP_START = 1;
const TOKEN_GROUP_END = 2;
/** `\letters[-digits][ ]` */
const TOKEN_WORD = 3;
/** `\` + one non-letter, e.g. `\{`, `\~`, `\*` */
const TOKEN_SYMBOL = 4;
/** `\'hh` */
const TOKEN_HEX = 5;
/** A run of plain bytes, starting at `position`; the reader consumes it (see `skipText`). */
const TOKEN_TEXT = 6;
type TokenKind =
  | typeof TOKEN_END
  | typeof TOKEN_GROUP_START
  | typeof TOKEN_GROUP_END
  | typeof TOKEN_WORD
  | typeof TOKEN_SYMBOL
  | typeof TOKEN_HEX
  | typeof TOKEN_TEXT;

/** Bytes that end a text run: syntax, and line breaks and NULs, which RTF ignores. */
const ENDS_TEXT_RUN = new Uint8Array(256);
for (const byte of [BACKSLASH, OPEN_BRACE, CLOSE_BRACE, CARRIAGE_RETURN, LINE_FEED, NUL]) {
  ENDS_TEXT_RUN[byte] = 1;
}

/**
 * Text runs are copied through a per-byte mapping: the code unit a byte stands for, or STOP_COPY
 * for a byte that ends the run (or that the copy cannot take). One lookup per byte both finds the
 * run's end and decodes it.
 */
const STOP_COPY = -1;

/** ASCII as itself; every other byte stops the copy (in a multi-byte page it may be a lead byte). */
const ASCII_TEXT_MAPPING = new Int32Array(256).fill(STOP_COPY);
for (let byte = 0; byte < ASCII_LIMIT; byte++) {
  if (ENDS_TEXT_RUN[byte] === 0) ASCII_TEXT_MAPPING[byte] = byte;
}

/** Text mappings of single-byte tables, made once per table. */
const TEXT_MAPPINGS = new WeakMap<Uint16Array, Int32Array>();

function textMappingOf(table: Uint16Array): Int32Array {
  let mapping = TEXT_MAPPINGS.get(table);
  if (!mapping) {
    mapping = Int32Array.from(table, (unit, byte) =>
      ENDS_TEXT_RUN[byte] === 1 ? STOP_COPY : unit,
    );
    TEXT_MAPPINGS.set(table, mapping);
  }
  return mapping;
}

/** What a byte starts, for the token loops: text, a control, a group mark, or nothing (CR, LF, NUL). */
const CLASS_TEXT = 0;
const CLASS_BACKSLASH = 1;
const CLASS_OPEN_BRACE = 2;
const CLASS_CLOSE_BRACE = 3;
const CLASS_IGNORED = 4;
const BYTE_CLASS = new Uint8Array(256);
BYTE_CLASS[BACKSLASH] = CLASS_BACKSLASH;
BYTE_CLASS[OPEN_BRACE] = CLASS_OPEN_BRACE;
BYTE_CLASS[CLOSE_BRACE] = CLASS_CLOSE_BRACE;
for (const byte of [CARRIAGE_RETURN, LINE_FEED, NUL]) BYTE_CLASS[byte] = CLASS_IGNORED;

/** Bytes that matter inside an ignored destination: braces, and the backslash that may escape one. */
const IS_SKIPPED_SYNTAX = new Uint8Array(256);
for (const byte of [BACKSLASH, OPEN_BRACE, CLOSE_BRACE]) IS_SKIPPED_SYNTAX[byte] = 1;

/** Splits RTF into tokens; the fields describe the token `next()` returned. No per-token allocation. */
class RtfTokenizer {
  position = 0;
  /** The control word of a TOKEN_WORD, as a `WORD` number (`WORD.other` for words we ignore). */
  word = WORD_OTHER;
  hasParameter = false;
  parameter = 0;
  /** The byte of a TOKEN_SYMBOL or TOKEN_HEX. */
  byte = 0;

  constructor(private readonly rtf: Uint8Array) {}

  next(): TokenKind {
    const rtf = this.rtf;
    const length = rtf.length;
    let position = this.position;
    while (position < length) {
      switch (BYTE_CLASS[rtf[position]!]) {
        case CLASS_TEXT:
          // Text: left for the reader, which copies it as it goes (or calls `skipText`).
          this.position = position;
          return TOKEN_TEXT;
        case CLASS_BACKSLASH:
          this.position = position;
          return this.readControl();
        case CLASS_OPEN_BRACE:
          this.position = position + 1;
          return TOKEN_GROUP_START;
        case CLASS_CLOSE_BRACE:
          this.position = position + 1;
          return TOKEN_GROUP_END;
        default:
          // Line breaks in RTF source are formatting of the source, not text; NULs pad some streams.
          position++;
      }
    }
    this.position = position;
    return TOKEN_END;
  }

  /**
   * The next brace, for a reader inside a destination whose content is ignored: what lies between
   * braces there has no effect, except that `\{` and `\}` are no braces and `\binN` hides N raw
   * bytes. Returns TOKEN_GROUP_START, TOKEN_GROUP_END or TOKEN_END.
   */
  nextBrace(): TokenKind {
    const rtf = this.rtf;
    const length = rtf.length;
    let position = this.position;
    while (position < length) {
      // Four bytes a step while none is syntax, then byte by byte.
      while (
        position + 4 <= length &&
        (IS_SKIPPED_SYNTAX[rtf[position]!]! |
          IS_SKIPPED_SYNTAX[rtf[position + 1]!]! |
          IS_SKIPPED_SYNTAX[rtf[position + 2]!]! |
          IS_SKIPPED_SYNTAX[rtf[position + 3]!]!) ===
          0
      ) {
        position += 4;
      }
      if (position >= length) break;
      const byte = rtf[position]!;
      if (IS_SKIPPED_SYNTAX[byte] === 0) {
        position++;
        continue;
      }
      if (byte === OPEN_BRACE) {
        this.position = position + 1;
        return TOKEN_GROUP_START;
      }
      if (byte === CLOSE_BRACE) {
        this.position = position + 1;
        return TOKEN_GROUP_END;
      }
      // A control word or symbol: only its extent matters, and `\bin`.
      this.position = position;
      if (this.readControl() === TOKEN_WORD && this.word === WORD_BIN) {
        this.skipBytes(this.hasParameter ? this.parameter : 0);
      }
      position = this.position;
    }
    this.position = position;
    return TOKEN_END;
  }

  /** Moves past the text run at `position` (up to the next syntax byte, line break or NUL). */
  skipText(): void {
    const rtf = this.rtf;
    const length = rtf.length;
    let position = this.position;
    // Four bytes a step while none ends the run, then byte by byte.
    while (
      position + 4 <= length &&
      (ENDS_TEXT_RUN[rtf[position]!]! |
        ENDS_TEXT_RUN[rtf[position + 1]!]! |
        ENDS_TEXT_RUN[rtf[position + 2]!]! |
        ENDS_TEXT_RUN[rtf[position + 3]!]!) ===
        0
    ) {
      position += 4;
    }
    while (position < length && ENDS_TEXT_RUN[rtf[position]!] === 0) position++;
    this.position = position;
  }

  /** Skips the raw bytes of `\binN`, never past the end. */
  skipBytes(count: number): void {
    this.position = Math.min(this.rtf.length, this.position + Math.max(0, count));
  }

  /** Reads the control word or symbol at `position` (a backslash). */
  readControl(): TokenKind {
    const rtf = this.rtf;
    const start = this.position + 1;
    if (start >= rtf.length) {
      // A lone backslash at the very end: truncated input, nothing to read.
      this.position = start;
      return TOKEN_END;
    }
    const first = rtf[start]!;
    if (isLetter(first)) return this.readWord(start);
    if (first === APOSTROPHE) {
      const high = hexValue(rtf[start + 1]);
      const low = hexValue(rtf[start + 2]);
      if (high >= 0 && low >= 0) {
        this.byte = (high << 4) | low;
        this.position = start + 3;
        return TOKEN_HEX;
      }
    }
    this.position = start + 1;
    if (first === CARRIAGE_RETURN || first === LINE_FEED) {
      // [MSFT-RTF]: a backslash before a line break is the same as \par.
      this.word = WORD_PAR;
      this.hasParameter = false;
      this.parameter = 0;
      return TOKEN_WORD;
    }
    this.byte = first;
    return TOKEN_SYMBOL;
  }

  private readWord(start: number): TokenKind {
    const rtf = this.rtf;
    const length = rtf.length;
    let end = start;
    let low = 0;
    let high = 0;
    while (end < length) {
      const byte = rtf[end]!;
      if (!isLetter(byte)) break;
      high = (high << 8) | (low >>> 24);
      low = (low << 8) | byte;
      end++;
    }
    this.word =
      end - start > MAX_CONTROL_WORD_LENGTH ? WORD_OTHER : wordNumber(rtf, start, end, low, high);
    let position = end;
    const isNegative = rtf[position] === HYPHEN && isDigit(rtf[position + 1]);
    if (isNegative) position++;
    let value = 0;
    let digits = 0;
    while (position < length) {
      const byte = rtf[position]!;
      if (byte < DIGIT_ZERO || byte > DIGIT_NINE) break;
      if (digits < MAX_PARAMETER_DIGITS) value = value * 10 + (byte - DIGIT_ZERO);
      digits++;
      position++;
    }
    this.hasParameter = digits > 0;
    this.parameter = isNegative ? -value : value;
    // A space delimiting the control word belongs to it; any other delimiter is the next token.
    if (rtf[position] === SPACE) position++;
    this.position = position;
    return TOKEN_WORD;
  }
}

/** A-Z or a-z: setting the case bit maps both ranges onto a-z, one unsigned comparison away. */
function isLetter(byte: number): boolean {
  return ((byte | 0x20) - 0x61) >>> 0 < 26;
}

function isDigit(byte: number | undefined): boolean {
  return byte !== undefined && byte >= DIGIT_ZERO && byte <= DIGIT_NINE;
}

function hexValue(byte: number | undefined): number {
  if (byte === undefined) return -1;
  if (byte >= DIGIT_ZERO && byte <= DIGIT_NINE) return byte - DIGIT_ZERO;
  const lower = byte | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return -1;
}

// ---------------------------------------------------------------------------------------------
// [MS-OXRTFEX] 2.2.3.1 Recognizing RTF Containing Encapsulation

/**
 * What an RTF body wraps, from its header only: the first 10 tokens, stopping at the first nested
 * group or text, as the spec's reader does. Cheap enough to call on every message.
 * @see https://learn.microsoft.com/en-us/openspecs/exchange_server_protocols/ms-oxrtfex
 */
export function rtfEncapsulation(rtf: Uint8Array): RtfEncapsulation {
  const tokenizer = new RtfTokenizer(rtf);
  if (tokenizer.next() !== TOKEN_GROUP_START) return 'rtf';
  for (let tokens = 1; tokens < MAX_HEADER_TOKENS; tokens++) {
    const kind = tokenizer.next();
    if (kind === TOKEN_WORD) {
      const isOn = !tokenizer.hasParameter || tokenizer.parameter !== 0;
      if (tokenizer.word === WORD_FROMHTML && isOn) return 'html';
      if (tokenizer.word === WORD_FROMTEXT) return 'text';
    } else if (kind === TOKEN_TEXT) {
      // Stray spaces between header words are not content; anything else is.
      const start = tokenizer.position;
      tokenizer.skipText();
      if (!isBlank(rtf, start, tokenizer.position)) return 'rtf';
    } else if (kind !== TOKEN_SYMBOL) {
      return 'rtf';
    }
  }
  return 'rtf';
}

function isBlank(rtf: Uint8Array, start: number, end: number): boolean {
  for (let index = start; index < end; index++) if (rtf[index] !== SPACE) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// Destinations and control words with a textual meaning

/** Where the current group's text goes (the reader's `destination`, saved per group on `{`). */
const DESTINATION_TEXT = 0;
const DESTINATION_SKIPPED = 1;
const DESTINATION_FONT_TABLE = 2;
const DESTINATION_HTML_TAG = 3;

/**
 * Destinations whose text is never shown: tables, pictures, fields' instructions, document
 * properties, shapes. `background` and `shp*` are here so a page background's shape properties
 * ("fillColor", "16777215") cannot leak into the body, as they did in MSGReader#213.
 */
const SKIPPED_DESTINATIONS = new Set([
  'annotation',
  'atnauthor',
  'atnid',
  'author',
  'background',
  'bkmkend',
  'bkmkstart',
  'category',
  'colortbl',
  'colorschememapping',
  'comment',
  'company',
  'datastore',
  'do',
  'doccomm',
  'docvar',
  'falt',
  'filetbl',
  'fldinst',
  'footer',
  'footerf',
  'footerl',
  'footerr',
  'footnote',
  'generator',
  'header',
  'headerf',
  'headerl',
  'headerr',
  'htmltag',
  'info',
  'keywords',
  'latentstyles',
  'listoverridetable',
  'listtable',
  'manager',
  'mhtmltag',
  'mmathPr',
  'nonshppict',
  'object',
  'objdata',
  'operator',
  'panose',
  'pgdsctbl',
  'pict',
  'pn',
  'pntxta',
  'pntxtb',
  'revtbl',
  'rsidtbl',
  'shp',
  'shpinst',
  'shppict',
  'shprslt',
  'sp',
  'stylesheet',
  'subject',
  'tc',
  'template',
  'themedata',
  'title',
  'userprops',
  'xe',
  'xmlnstbl',
]);

/** In HTML, list-number text is RTF's rendering of an <li>, not part of the original HTML. */
const SKIPPED_HTML_DESTINATIONS = new Set(['pntext', 'listtext']);

/** [MS-OXRTFEX] 2.1.3.1.4.2 CONTENT HTML Fragment: control words that stand for text (plus \line). */
const HTML_TAG_TEXT_WORDS = new Map([
  ['par', CRLF],
  ['line', CRLF],
  ['tab', '\t'],
  ['lquote', '\u2018'],
  ['rquote', '\u2019'],
  ['ldblquote', '\u201c'],
  ['rdblquote', '\u201d'],
  ['bullet', '\u2022'],
  ['endash', '\u2013'],
  ['emdash', '\u2014'],
]);

/** [MSFT-RTF] special characters, for text outside HTMLTAG groups and in text or native RTF. */
const TEXT_WORDS = new Map([
  ...HTML_TAG_TEXT_WORDS,
  ['sect', CRLF],
  ['page', CRLF],
  ['cell', '\t'],
  ['nestcell', '\t'],
  ['row', CRLF],
  ['nestrow', CRLF],
  ['emspace', '\u2003'],
  ['enspace', '\u2002'],
  ['qmspace', '\u2005'],
  ['zwj', '\u200d'],
  ['zwnj', '\u200c'],
  ['ltrmark', '\u200e'],
  ['rtlmark', '\u200f'],
]);

const NO_BREAK_SPACE = '\u00a0';
/** [MS-OXRTFEX] 2.1.3.1.4.2 maps `\_` to &shy; in HTML. */
const SOFT_HYPHEN = '\u00ad';
/** [MSFT-RTF]: `\_` is a non-breaking hyphen, which is what a reader of the text should see. */
const NON_BREAKING_HYPHEN = '\u2011';

// ---------------------------------------------------------------------------------------------
// Control word numbers

/**
 * Every control word the reader acts on gets a number, found in an open-addressing table; any other
 * word is WORD_OTHER. A document repeats a few dozen words thousands of times, and comparing
 * numbers is cheaper than building and comparing strings.
 */
const WORD_OTHER = 0;
const WORD_NAMES: string[] = [''];

function numberWord(name: string): number {
  const existing = WORD_NAMES.indexOf(name);
  if (existing > 0) return existing;
  WORD_NAMES.push(name);
  return WORD_NAMES.length - 1;
}

const WORD_BIN = numberWord('bin');
const WORD_PAR = numberWord('par');
const WORD_HTMLTAG = numberWord('htmltag');
const WORD_FONTTBL = numberWord('fonttbl');
const WORD_F = numberWord('f');
const WORD_FCHARSET = numberWord('fcharset');
const WORD_CPG = numberWord('cpg');
const WORD_U = numberWord('u');
const WORD_UC = numberWord('uc');
const WORD_HTMLRTF = numberWord('htmlrtf');
const WORD_DEFF = numberWord('deff');
const WORD_PLAIN = numberWord('plain');
const WORD_ANSICPG = numberWord('ansicpg');
const WORD_FROMHTML = numberWord('fromhtml');
const WORD_FROMTEXT = numberWord('fromtext');
const SKIPPED_DESTINATION_WORDS = [...SKIPPED_DESTINATIONS].map(numberWord);
const SKIPPED_HTML_DESTINATION_WORDS = [...SKIPPED_HTML_DESTINATIONS].map(numberWord);
for (const name of TEXT_WORDS.keys()) numberWord(name);

const WORD_COUNT = WORD_NAMES.length;
/** Per word number: destinations whose text is never shown. */
const IS_SKIPPED_DESTINATION = new Uint8Array(WORD_COUNT);
for (const word of SKIPPED_DESTINATION_WORDS) IS_SKIPPED_DESTINATION[word] = 1;
/** Per word number: destinations skipped in HTML only. */
const IS_SKIPPED_HTML_DESTINATION = new Uint8Array(WORD_COUNT);
for (const word of SKIPPED_HTML_DESTINATION_WORDS) IS_SKIPPED_HTML_DESTINATION[word] = 1;
/** Per word number: the text a word stands for, outside and inside HTMLTAG groups. */
const TEXT_OF_WORD: Array<string | undefined> = WORD_NAMES.map((name) => TEXT_WORDS.get(name));
const HTML_TAG_TEXT_OF_WORD: Array<string | undefined> = WORD_NAMES.map((name) =>
  HTML_TAG_TEXT_WORDS.get(name),
);

/**
 * Words are looked up by their last eight letters, packed four to a 32-bit integer as they are
 * read (`low`: the last four, `high`: the four before), and their length: for words of up to
 * eight letters, which are nearly all, that key is the word itself, and no letter needs comparing
 * again. Longer words also compare the letters before their last eight.
 */
const PACKED_LETTERS = 8;
/** A power of two well above the word count, so most lookups of an unknown word hit an empty slot. */
const WORD_TABLE_SIZE = 1024;
const WORD_TABLE_MASK = WORD_TABLE_SIZE - 1;
const WORD_TABLE = new Uint16Array(WORD_TABLE_SIZE);
const WORD_LOW = new Int32Array(WORD_COUNT);
const WORD_HIGH = new Int32Array(WORD_COUNT);
const WORD_LENGTH = new Uint8Array(WORD_COUNT);

for (let word = 1; word < WORD_COUNT; word++) {
  const name = WORD_NAMES[word]!;
  let low = 0;
  let high = 0;
  for (let index = 0; index < name.length; index++) {
    high = (high << 8) | (low >>> 24);
    low = (low << 8) | name.charCodeAt(index);
  }
  WORD_LOW[word] = low;
  WORD_HIGH[word] = high;
  WORD_LENGTH[word] = name.length;
  let slot = wordSlot(low, high, name.length);
  while (WORD_TABLE[slot] !== 0) slot = (slot + 1) & WORD_TABLE_MASK;
  WORD_TABLE[slot] = word;
}

function wordSlot(low: number, high: number, length: number): number {
  const mixed = low ^ Math.imul(high, 0x9e3779b1) ^ (length << 4);
  return (mixed ^ (mixed >>> 10) ^ (mixed >>> 20)) & WORD_TABLE_MASK;
}

/** The number of the word `rtf[start, end)`, whose last letters pack to `low` and `high`. */
function wordNumber(rtf: Uint8Array, start: number, end: number, low: number, high: number) {
  const length = end - start;
  for (let slot = wordSlot(low, high, length); ; slot = (slot + 1) & WORD_TABLE_MASK) {
    const word = WORD_TABLE[slot]!;
    if (word === WORD_OTHER) return WORD_OTHER;
    if (WORD_LOW[word] !== low || WORD_HIGH[word] !== high || WORD_LENGTH[word] !== length) {
      continue;
    }
    if (length <= PACKED_LETTERS || isSameLetters(WORD_NAMES[word]!, rtf, start, end)) return word;
  }
}

/** Compares the letters before the last eight (the packed key covers those). */
function isSameLetters(name: string, rtf: Uint8Array, start: number, end: number): boolean {
  for (let index = 0; index < end - start - PACKED_LETTERS; index++) {
    if (name.charCodeAt(index) !== rtf[start + index]) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// [MS-OXRTFEX] 2.2.3.2 / 2.2.3.3 Extracting encapsulated HTML or text

/**
 * The HTML or plain text wrapped in an RTF body, or a best-effort plain text of native RTF.
 * Never throws on malformed RTF; throws `INVALID_ARGUMENT` for a bad `fallbackCodePage`.
 * @see https://learn.microsoft.com/en-us/openspecs/exchange_server_protocols/ms-oxrtfex/906fbb0f-2467-490e-8c3e-bdc31c5e9d35
 */
export function deEncapsulateRtf(
  rtf: Uint8Array,
  options: DeEncapsulateOptions = {},
): DeEncapsulatedRtf {
  const fallbackCodePage = options.fallbackCodePage ?? DEFAULT_ANSI_CODE_PAGE;
  if (
    !Number.isInteger(fallbackCodePage) ||
    fallbackCodePage <= 0 ||
    fallbackCodePage > MAX_CODE_PAGE
  ) {
    throw new MsgFormatError(
      'INVALID_ARGUMENT',
      `fallbackCodePage: expected a code page number between 1 and ${MAX_CODE_PAGE}, found ${String(fallbackCodePage)}`,
    );
  }
  const kind = rtfEncapsulation(rtf);
  const reader = new RtfTextReader(rtf, kind, fallbackCodePage, options.onDiagnostic);
  return { kind, text: reader.read() };
}

/** No `\fN` selected yet (fonts are numbered from 0). */
const NO_FONT = -1;
/** No code page from the font table for the current font: the document's applies. */
const NO_FONT_CODE_PAGE = 0;
/**
 * Saved groups before the stack first grows. Eight doubles are 64 bytes, the most V8 keeps inside
 * the JS heap: a larger typed array costs a separate allocation, for every document.
 */
const INITIAL_GROUP_CAPACITY = 8;

/**
 * The states [MSFT-RTF] saves on `{` and restores on `}`: one typed array per field, entry N for the
 * group N levels out. The current group's state lives in the reader's fields, where every token
 * reads it; this stack is touched only at braces.
 */
class SavedGroups {
  depth = 0;
  destination = new Uint8Array(INITIAL_GROUP_CAPACITY);
  isHtmlRtf = new Uint8Array(INITIAL_GROUP_CAPACITY);
  /** Parameters may exceed 32 bits: float arrays hold them exactly. */
  font = new Float64Array(INITIAL_GROUP_CAPACITY);
  fontCodePage = new Float64Array(INITIAL_GROUP_CAPACITY);
  unicodeFallbackLength = new Float64Array(INITIAL_GROUP_CAPACITY);

  /** Makes room for one more saved state. */
  reserve(): void {
    if (this.depth < this.destination.length) return;
    const capacity = this.destination.length * 2;
    this.destination = grown(this.destination, new Uint8Array(capacity));
    this.isHtmlRtf = grown(this.isHtmlRtf, new Uint8Array(capacity));
    this.font = grown(this.font, new Float64Array(capacity));
    this.fontCodePage = grown(this.fontCodePage, new Float64Array(capacity));
    this.unicodeFallbackLength = grown(this.unicodeFallbackLength, new Float64Array(capacity));
  }
}

function grown<T extends Uint8Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/** Output buffers above this size are not kept for the next document. */
const MAX_KEPT_OUTPUT_UNITS = 1 << 20;
const INITIAL_OUTPUT_UNITS = 4096;
/**
 * The output buffer of the previous document, reused. A reader takes it and gives it back when
 * done, so a reader started from inside another (by a diagnostic sink) allocates its own.
 */
let keptOutput: Uint16Array | undefined;

function takeKeptOutput(): Uint16Array {
  const output = keptOutput ?? new Uint16Array(INITIAL_OUTPUT_UNITS);
  keptOutput = undefined;
  return output;
}

class RtfTextReader {
  private readonly tokenizer: RtfTokenizer;
  private readonly isHtml: boolean;
  private documentCodePage: number;
  private defaultFont = NO_FONT;
  /** Font table: font number → code page from `\fcharsetN`, and from `\cpgN`, which wins. */
  private readonly charsetCodePages = new Map<number, number>();
  private readonly explicitCodePages = new Map<number, number>();
  private fontBeingDefined = NO_FONT;

  // The current group's state ([MSFT-RTF] character and destination state).
  private destination: number = DESTINATION_TEXT;
  /** [MS-OXRTFEX] 2.1.3.1.3: inside `\htmlrtf` … `\htmlrtf0`, text is RTF-only and not copied. */
  private isHtmlRtf = false;
  /** Current font (`\fN`), NO_FONT before any. */
  private font = NO_FONT;
  /** Code page of the current font, or NO_FONT_CODE_PAGE to use the document's. */
  private fontCodePage = NO_FONT_CODE_PAGE;
  /** `\ucN`: how many fallback characters follow each `\uN`. */
  private unicodeFallbackLength = 1;
  private readonly saved = new SavedGroups();
  /** Groups opened past MAX_RTF_GROUP_DEPTH: their braces are ignored, not pushed. */
  private ignoredGroupDepth = 0;
  /** `\*` was just read: the next control word names an ignorable destination. */
  private isDestinationPending = false;
  /** Fallback characters still to drop after a `\uN`. */
  private unicodeFallbackRemaining = 0;

  /** The text so far, as UTF-16 code units. */
  private output = takeKeptOutput();
  private outputLength = 0;
  /**
   * Bytes of a multi-byte code page not yet decoded: a DBCS lead byte (`\'82`) and its trail byte
   * (`\'a0`, or a literal character) must be decoded together. Single-byte pages need no run.
   */
  private byteRun = NO_BYTES;
  private byteRunLength = 0;
  private byteRunCodePage = 0;
  /** The decoder of `decoderCodePage`, looked up once per code page change. */
  private decoderCodePage = Number.NaN;
  private decoder: CodePageDecoder = decoderOrDefault(DEFAULT_ANSI_CODE_PAGE);
  /** For a single-byte `decoder`: its table with the bytes that end a text run mapped to STOP_COPY. */
  private textMapping: Int32Array = ASCII_TEXT_MAPPING;
  private readonly reported = new Set<string>();

  constructor(
    private readonly rtf: Uint8Array,
    kind: RtfEncapsulation,
    fallbackCodePage: number,
    private readonly onDiagnostic: DiagnosticSink | undefined,
  ) {
    this.tokenizer = new RtfTokenizer(rtf);
    this.isHtml = kind === 'html';
    this.documentCodePage = fallbackCodePage;
  }

  read(): string {
    const tokenizer = this.tokenizer;
    const rtf = this.rtf;
    const length = rtf.length;
    for (;;) {
      if (this.destination === DESTINATION_SKIPPED) {
        // Inside an ignored destination only braces (and what hides them) matter.
        const kind = tokenizer.nextBrace();
        if (kind === TOKEN_END) break;
        if (kind === TOKEN_GROUP_START) this.openGroup();
        else this.closeGroup();
        continue;
      }
      // The tokenizer's `next()`, inlined: most tokens are text, controls and braces.
      const position = tokenizer.position;
      if (position >= length) break;
      switch (BYTE_CLASS[rtf[position]!]) {
        case CLASS_TEXT:
          this.text();
          break;
        case CLASS_BACKSLASH:
          if (!this.control()) return this.finish();
          break;
        case CLASS_OPEN_BRACE:
          tokenizer.position = position + 1;
          this.openGroup();
          break;
        case CLASS_CLOSE_BRACE:
          tokenizer.position = position + 1;
          this.closeGroup();
          break;
        default:
          // Line breaks in RTF source are formatting of the source, not text; NULs pad some streams.
          tokenizer.position = position + 1;
      }
    }
    return this.finish();
  }

  /** The control word or symbol at the tokenizer's position; false at a truncated end. */
  private control(): boolean {
    const tokenizer = this.tokenizer;
    switch (tokenizer.readControl()) {
      case TOKEN_WORD:
        this.controlWord(tokenizer.word, tokenizer.hasParameter, tokenizer.parameter);
        return true;
      case TOKEN_SYMBOL:
        this.controlSymbol(tokenizer.byte);
        return true;
      case TOKEN_HEX:
        this.hexEscape(tokenizer.byte);
        return true;
      default:
        return false;
    }
  }

  private finish(): string {
    const openGroups = this.saved.depth + this.ignoredGroupDepth;
    if (openGroups > 0) {
      this.report(
        'unclosed',
        'TRUNCATED',
        `RTF: expected ${openGroups} more closing braces, found the end`,
      );
    }
    this.flushBytes();
    const text = codeUnitsToString(this.output, this.outputLength);
    if (this.output.length <= MAX_KEPT_OUTPUT_UNITS) keptOutput = this.output;
    return text;
  }

  // [MSFT-RTF] Groups: `{` saves the character and destination state, `}` restores it.
  private openGroup(): void {
    this.isDestinationPending = false;
    this.unicodeFallbackRemaining = 0;
    const saved = this.saved;
    if (saved.depth >= MAX_RTF_GROUP_DEPTH || this.ignoredGroupDepth > 0) {
      this.ignoredGroupDepth++;
      this.report(
        'depth',
        'LIMIT_EXCEEDED',
        `RTF groups: expected at most ${MAX_RTF_GROUP_DEPTH} levels of nesting, found more; deeper braces ignored`,
      );
      return;
    }
    saved.reserve();
    const depth = saved.depth++;
    saved.destination[depth] = this.destination;
    saved.isHtmlRtf[depth] = this.isHtmlRtf ? 1 : 0;
    saved.font[depth] = this.font;
    saved.fontCodePage[depth] = this.fontCodePage;
    saved.unicodeFallbackLength[depth] = this.unicodeFallbackLength;
  }

  private closeGroup(): void {
    this.isDestinationPending = false;
    this.unicodeFallbackRemaining = 0;
    if (this.ignoredGroupDepth > 0) {
      this.ignoredGroupDepth--;
      return;
    }
    const saved = this.saved;
    if (saved.depth === 0) {
      this.report(
        'unopened',
        'CORRUPT_DATA',
        'RTF groups: found a closing brace without an opening one',
      );
      return;
    }
    const closedDestination = this.destination;
    const depth = --saved.depth;
    this.destination = saved.destination[depth]!;
    this.isHtmlRtf = saved.isHtmlRtf[depth] === 1;
    this.font = saved.font[depth]!;
    this.fontCodePage = saved.fontCodePage[depth]!;
    this.unicodeFallbackLength = saved.unicodeFallbackLength[depth]!;
    if (closedDestination === DESTINATION_FONT_TABLE && this.destination !== closedDestination) {
      // The font table is read after \deffN selected a font: resolve that font's code page now.
      this.selectFont(this.font);
    }
  }

  private controlWord(word: number, hasParameter: boolean, parameter: number): void {
    if (word === WORD_BIN) {
      // Raw binary data (pictures): skip it whatever the destination, never read it as RTF.
      this.tokenizer.skipBytes(hasParameter ? parameter : 0);
      return;
    }
    const isDestination = this.isDestinationPending;
    this.isDestinationPending = false;
    if (this.unicodeFallbackRemaining > 0) {
      this.unicodeFallbackRemaining--;
      return;
    }
    const destination = this.destination;
    if (destination === DESTINATION_SKIPPED) return;
    if (word === WORD_HTMLTAG && this.isHtml && destination !== DESTINATION_FONT_TABLE) {
      // [MS-OXRTFEX] 2.1.3.1.4: the HTMLTagParameter is ignored; the content follows.
      this.destination = DESTINATION_HTML_TAG;
      return;
    }
    if (isDestination) {
      // `{\*\name …}`: an ignorable destination we do not render ([MS-OXRTFEX] 2.1: MHTMLTAG
      // holds a rewritten copy of the following HTMLTAG; the original is the one we keep).
      this.destination = DESTINATION_SKIPPED;
      return;
    }
    if (destination === DESTINATION_FONT_TABLE) {
      this.fontTableWord(word, hasParameter, parameter);
      return;
    }
    if (word === WORD_FONTTBL) {
      this.destination = DESTINATION_FONT_TABLE;
      return;
    }
    if (
      IS_SKIPPED_DESTINATION[word] === 1 ||
      (this.isHtml && IS_SKIPPED_HTML_DESTINATION[word] === 1)
    ) {
      this.destination = DESTINATION_SKIPPED;
      return;
    }
    this.formattingWord(word, hasParameter, parameter);
  }

  /** Control words outside destinations: state changes always apply, text only when emitting. */
  private formattingWord(word: number, hasParameter: boolean, parameter: number): void {
    switch (word) {
      case WORD_OTHER:
        return;
      case WORD_U:
        // [MSFT-RTF] \uN: one UTF-16 code unit, followed by \ucN fallback characters to drop.
        if (this.isEmitting()) {
          this.emitCodeUnit(
            ((parameter % UTF16_CODE_UNIT_RANGE) + UTF16_CODE_UNIT_RANGE) % UTF16_CODE_UNIT_RANGE,
          );
        }
        this.unicodeFallbackRemaining = this.unicodeFallbackLength;
        return;
      case WORD_UC:
        this.unicodeFallbackLength = hasParameter ? Math.max(0, parameter) : 1;
        return;
      case WORD_HTMLRTF:
        // [MS-OXRTFEX] 2.1.3.1.3: a toggle; \htmlrtf and \htmlrtf1 enable, \htmlrtf0 disables.
        this.isHtmlRtf = !hasParameter || parameter !== 0;
        return;
      case WORD_F:
        if (hasParameter) {
          this.font = parameter;
          this.selectFont(parameter);
        }
        return;
      case WORD_DEFF:
        if (hasParameter) this.defaultFont = parameter;
        this.selectFont(this.font);
        return;
      case WORD_PLAIN:
        // \plain resets character formatting, the font included, to the default font.
        this.font = this.defaultFont;
        this.selectFont(this.defaultFont);
        return;
      case WORD_ANSICPG:
        this.setDocumentCodePage(hasParameter ? parameter : 0);
        return;
    }
    if (!this.isEmitting()) return;
    const text =
      this.destination === DESTINATION_HTML_TAG ? HTML_TAG_TEXT_OF_WORD[word] : TEXT_OF_WORD[word];
    if (text !== undefined) this.emitString(text);
  }

  // [MSFT-RTF] Font Table: `{\fN\fcharsetN[\cpgN] name;}` entries.
  private fontTableWord(word: number, hasParameter: boolean, parameter: number): void {
    if (!hasParameter) return;
    if (word === WORD_F) {
      this.fontBeingDefined = parameter;
    } else if (word === WORD_FCHARSET) {
      const codePage = codePageOfCharset(parameter);
      if (codePage !== undefined) this.charsetCodePages.set(this.fontBeingDefined, codePage);
    } else if (word === WORD_CPG && isSupportedCodePage(parameter)) {
      this.explicitCodePages.set(this.fontBeingDefined, parameter);
    }
  }

  /** Sets the current group's code page from a font; NO_FONT means the default font. */
  private selectFont(font: number): void {
    const effective = font >= 0 ? font : this.defaultFont;
    this.fontCodePage =
      this.explicitCodePages.get(effective) ??
      this.charsetCodePages.get(effective) ??
      NO_FONT_CODE_PAGE;
  }

  private setDocumentCodePage(codePage: number): void {
    if (codePage > 0 && codePage <= MAX_CODE_PAGE && isSupportedCodePage(codePage)) {
      this.documentCodePage = codePage;
      return;
    }
    this.report(
      'ansicpg',
      'CORRUPT_DATA',
      `RTF \\ansicpg: expected a supported code page, found ${codePage}; using ${this.documentCodePage}`,
    );
  }

  private controlSymbol(symbol: number): void {
    if (symbol === ASTERISK) {
      this.isDestinationPending = true;
      return;
    }
    this.isDestinationPending = false;
    if (this.unicodeFallbackRemaining > 0) {
      this.unicodeFallbackRemaining--;
      return;
    }
    if (!this.isEmitting()) return;
    if (symbol === BACKSLASH || symbol === OPEN_BRACE || symbol === CLOSE_BRACE) {
      // Escaped syntax characters are bytes of the text: in a DBCS font one may be a trail byte.
      this.emitByte(symbol);
    } else if (symbol === TILDE) {
      this.emitString(NO_BREAK_SPACE);
    } else if (symbol === UNDERSCORE) {
      this.emitString(this.isHtml ? SOFT_HYPHEN : NON_BREAKING_HYPHEN);
    }
    // `\-` (optional hyphen), `\|`, `\:` and unknown symbols have no text.
  }

  private hexEscape(byte: number): void {
    this.isDestinationPending = false;
    if (this.unicodeFallbackRemaining > 0) {
      this.unicodeFallbackRemaining--;
      return;
    }
    if (this.isEmitting()) this.emitByte(byte);
  }

  /** The text run at the tokenizer's position; leaves the tokenizer after it. */
  private text(): void {
    this.isDestinationPending = false;
    const tokenizer = this.tokenizer;
    if (this.unicodeFallbackRemaining > 0) {
      // Fallback characters of a `\uN` are bytes of the run: drop that many (at most the run).
      const rtf = this.rtf;
      let position = tokenizer.position;
      while (
        this.unicodeFallbackRemaining > 0 &&
        position < rtf.length &&
        ENDS_TEXT_RUN[rtf[position]!] === 0
      ) {
        position++;
        this.unicodeFallbackRemaining--;
      }
      tokenizer.position = position;
    }
    if (this.isEmitting()) this.emitText();
    else tokenizer.skipText();
  }

  private isEmitting(): boolean {
    const destination = this.destination;
    if (destination === DESTINATION_TEXT) return !(this.isHtml && this.isHtmlRtf);
    return destination === DESTINATION_HTML_TAG && !this.isHtmlRtf;
  }

  /**
   * [MS-OXRTFEX] 2.2.3.2: bytes inside HTMLTAG groups are in the document's code page; text
   * outside them is in the current font's.
   */
  private currentDecoder(): CodePageDecoder {
    const fontCodePage = this.fontCodePage;
    const codePage =
      this.destination === DESTINATION_HTML_TAG || fontCodePage === NO_FONT_CODE_PAGE
        ? this.documentCodePage
        : fontCodePage;
    if (codePage !== this.decoderCodePage) {
      this.decoderCodePage = codePage;
      this.decoder = decoderOrDefault(codePage);
      const table = this.decoder.byteTable;
      if (table !== undefined) this.textMapping = textMappingOf(table);
    }
    return this.decoder;
  }

  // Output. Single-byte code pages are mapped byte by byte; in a multi-byte page the bytes are
  // collected into a run and decoded together at the next string, code page change or the end,
  // except ASCII that no lead byte precedes, which is the same characters either way.

  /**
   * Copies the text run at the tokenizer's position into the text, in the current code page, and
   * moves the tokenizer past it. Finding the run's end and copying it are one loop: text is most of
   * an RTF body.
   */
  private emitText(): void {
    const tokenizer = this.tokenizer;
    const decoder = this.currentDecoder();
    if (decoder.byteTable !== undefined) {
      if (this.byteRunLength > 0) this.flushBytes();
      tokenizer.position = this.copyText(tokenizer.position, this.textMapping);
      return;
    }
    const codePage = this.decoderCodePage;
    if (this.byteRunLength > 0 && codePage !== this.byteRunCodePage) this.flushBytes();
    if (this.byteRunLength === 0 && decoder.isAsciiCompatible) {
      // ASCII that no lead byte precedes decodes to itself: copy it up to the first 8-bit byte.
      tokenizer.position = this.copyText(tokenizer.position, ASCII_TEXT_MAPPING);
    }
    const start = tokenizer.position;
    tokenizer.skipText();
    const end = tokenizer.position;
    if (start === end) return;
    this.reserveBytes(end - start);
    this.byteRun.set(this.rtf.subarray(start, end), this.byteRunLength);
    this.byteRunLength += end - start;
    this.byteRunCodePage = codePage;
  }

  /**
   * Copies text bytes from `position` through `mapping` until a byte it maps to STOP_COPY (the end
   * of the run, or a byte the mapping cannot take); returns where it stopped. Finding the run's
   * end and copying it are one loop: text is most of an RTF body.
   */
  private copyText(position: number, mapping: Int32Array): number {
    const rtf = this.rtf;
    const length = rtf.length;
    for (;;) {
      // As many bytes as the output has room for; then more room, until the copy stops.
      const output = this.output;
      let outputLength = this.outputLength;
      const stop = Math.min(length, position + output.length - outputLength);
      // Four bytes a step while none of them stops the copy (STOP_COPY is the only negative
      // value), then byte by byte up to the one that does.
      while (position + 4 <= stop) {
        const unit0 = mapping[rtf[position]!]!;
        const unit1 = mapping[rtf[position + 1]!]!;
        const unit2 = mapping[rtf[position + 2]!]!;
        const unit3 = mapping[rtf[position + 3]!]!;
        if ((unit0 | unit1 | unit2 | unit3) < 0) break;
        output[outputLength] = unit0;
        output[outputLength + 1] = unit1;
        output[outputLength + 2] = unit2;
        output[outputLength + 3] = unit3;
        outputLength += 4;
        position += 4;
      }
      while (position < stop) {
        const unit = mapping[rtf[position]!]!;
        if (unit === STOP_COPY) break;
        output[outputLength++] = unit;
        position++;
      }
      this.outputLength = outputLength;
      if (position < stop || position === length) return position;
      this.reserveUnits(1);
    }
  }

  private emitByte(byte: number): void {
    const decoder = this.currentDecoder();
    const table = decoder.byteTable;
    if (table !== undefined) {
      if (this.byteRunLength > 0) this.flushBytes();
      this.reserveUnits(1)[this.outputLength++] = table[byte]!;
      return;
    }
    const codePage = this.decoderCodePage;
    if (this.byteRunLength > 0 && codePage !== this.byteRunCodePage) this.flushBytes();
    if (this.byteRunLength === 0 && decoder.isAsciiCompatible && byte < ASCII_LIMIT) {
      this.reserveUnits(1)[this.outputLength++] = byte;
      return;
    }
    this.reserveBytes(1);
    this.byteRun[this.byteRunLength++] = byte;
    this.byteRunCodePage = codePage;
  }

  private emitCodeUnit(codeUnit: number): void {
    this.flushBytes();
    this.reserveUnits(1)[this.outputLength++] = codeUnit;
  }

  private emitString(text: string): void {
    this.flushBytes();
    const output = this.reserveUnits(text.length);
    for (let index = 0; index < text.length; index++) {
      output[this.outputLength++] = text.charCodeAt(index);
    }
  }

  private flushBytes(): void {
    if (this.byteRunLength === 0) return;
    const decoded = decoderOrDefault(this.byteRunCodePage).decode(
      this.byteRun.subarray(0, this.byteRunLength),
    );
    this.byteRunLength = 0;
    this.emitString(decoded);
  }

  /** Makes room for `count` more code units; returns the output buffer. */
  private reserveUnits(count: number): Uint16Array {
    const needed = this.outputLength + count;
    if (needed > this.output.length) {
      const grownOutput = new Uint16Array(Math.max(needed, this.output.length * 2));
      grownOutput.set(this.output.subarray(0, this.outputLength));
      this.output = grownOutput;
    }
    return this.output;
  }

  private reserveBytes(count: number): void {
    const needed = this.byteRunLength + count;
    if (needed <= this.byteRun.length) return;
    const grownRun = new Uint8Array(
      Math.max(needed, this.byteRun.length * 2, INITIAL_BYTE_RUN_CAPACITY),
    );
    grownRun.set(this.byteRun.subarray(0, this.byteRunLength));
    this.byteRun = grownRun;
  }

  /** Each kind of problem is reported once per document: a broken file must not flood the viewer. */
  private report(problem: string, code: MsgFormatErrorCode, message: string): void {
    if (this.reported.has(problem)) return;
    this.reported.add(problem);
    this.onDiagnostic?.({ code, message, where: { offset: this.tokenizer.position } });
  }
}

/** `\fcharset2`: Symbol, Wingdings and the like. */
const SYMBOL_CHARSET = 2;
/**
 * Symbol fonts have no code page. Reading their bytes as 1252 keeps them one byte each (in a DBCS
 * document page a Symbol bullet 0xB7 would swallow the next byte) and gives what Outlook's own HTML
 * shows for them (Wingdings 0xE8 as "è" inside a Wingdings span).
 */
const SYMBOL_FONT_CODE_PAGE = 1252;
/** Charsets are one byte; anything larger cannot be one. */
const MAX_CHARSET = 255;

/**
 * `\fcharsetN` to a code page. Some writers put a code page (1252, 20127) where the charset goes;
 * a number that is no charset but a supported code page is taken as one.
 */
function codePageOfCharset(charset: number): number | undefined {
  if (charset === SYMBOL_CHARSET) return SYMBOL_FONT_CODE_PAGE;
  const codePage = codePageOfRtfCharset(charset);
  if (codePage !== undefined) return codePage;
  return charset > MAX_CHARSET && isSupportedCodePage(charset) ? charset : undefined;
}
