/**
 * RTF bodies that wrap the original HTML or plain text ([MS-OXRTFEX]), and a best-effort plain-text
 * reading of native RTF so an RTF-only message shows readable text until RTF rendering exists.
 *
 * One iterative pass over the bytes: a group stack instead of recursion (so nesting depth is a
 * counted limit, not a stack overflow), no regular expressions, and 8-bit text gathered as bytes and
 * decoded per run, so double-byte code pages (932, 936, 949, 950) see lead and trail bytes together.
 * Malformed RTF never throws: unbalanced braces and truncation are diagnostics.
 * @see https://learn.microsoft.com/en-us/openspecs/exchange_server_protocols/ms-oxrtfex
 */
import type { DiagnosticSink, MsgFormatErrorCode } from '../errors.js';
import { MsgFormatError } from '../errors.js';
import { MAX_RTF_GROUP_DEPTH } from '../limits.js';
import {
  DEFAULT_ANSI_CODE_PAGE,
  codePageOfRtfCharset,
  decodeCodePage,
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
/** Initial size of the 8-bit run buffer; it doubles as needed. */
const INITIAL_BYTE_RUN_CAPACITY = 1024;

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
/** A run of plain bytes. */
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

/** Splits RTF into tokens; the fields describe the token `next()` returned. No per-byte allocation. */
class RtfTokenizer {
  position = 0;
  word = '';
  hasParameter = false;
  parameter = 0;
  /** The byte of a TOKEN_SYMBOL or TOKEN_HEX. */
  byte = 0;
  /** The run of a TOKEN_TEXT: `rtf[textStart, textEnd)`. */
  textStart = 0;
  textEnd = 0;

  constructor(private readonly rtf: Uint8Array) {}

  next(): TokenKind {
    const rtf = this.rtf;
    while (this.position < rtf.length) {
      const byte = rtf[this.position]!;
      if (byte === CARRIAGE_RETURN || byte === LINE_FEED || byte === NUL) {
        // Line breaks in RTF source are formatting of the source, not text; NULs pad some streams.
        this.position++;
        continue;
      }
      if (byte === OPEN_BRACE) {
        this.position++;
        return TOKEN_GROUP_START;
      }
      if (byte === CLOSE_BRACE) {
        this.position++;
        return TOKEN_GROUP_END;
      }
      if (byte === BACKSLASH) return this.readControl();
      let end = this.position + 1;
      while (end < rtf.length && ENDS_TEXT_RUN[rtf[end]!] === 0) end++;
      this.textStart = this.position;
      this.textEnd = end;
      this.position = end;
      return TOKEN_TEXT;
    }
    return TOKEN_END;
  }

  /** Skips the raw bytes of `\binN`, never past the end. */
  skipBytes(count: number): void {
    this.position = Math.min(this.rtf.length, this.position + Math.max(0, count));
  }

  private readControl(): TokenKind {
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
      this.word = 'par';
      this.hasParameter = false;
      this.parameter = 0;
      return TOKEN_WORD;
    }
    this.byte = first;
    return TOKEN_SYMBOL;
  }

  private readWord(start: number): TokenKind {
    const rtf = this.rtf;
    let end = start;
    while (end < rtf.length && isLetter(rtf[end]!)) end++;
    this.word = controlWordName(rtf, start, Math.min(end, start + MAX_CONTROL_WORD_LENGTH));
    let position = end;
    const isNegative = rtf[position] === HYPHEN && isDigit(rtf[position + 1]);
    if (isNegative) position++;
    let value = 0;
    let digits = 0;
    while (position < rtf.length && isDigit(rtf[position])) {
      if (digits < MAX_PARAMETER_DIGITS) value = value * 10 + (rtf[position]! - DIGIT_ZERO);
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

/**
 * Control word names, interned: a document repeats a few dozen words thousands of times, and
 * building each name from bytes was most of the reading time. Keyed by a hash of the letters and
 * checked letter by letter; capped so a document of random words cannot grow it without bound.
 */
const CONTROL_WORD_CACHE = new Map<number, string>();
const MAX_CACHED_CONTROL_WORDS = 4096;

function controlWordName(rtf: Uint8Array, start: number, end: number): string {
  let hash = end - start;
  for (let index = start; index < end; index++) hash = (Math.imul(hash, 31) + rtf[index]!) | 0;
  const cached = CONTROL_WORD_CACHE.get(hash);
  if (cached !== undefined && isSameWord(cached, rtf, start, end)) return cached;
  const name = String.fromCharCode(...rtf.subarray(start, end));
  if (cached === undefined && CONTROL_WORD_CACHE.size < MAX_CACHED_CONTROL_WORDS) {
    CONTROL_WORD_CACHE.set(hash, name);
  }
  return name;
}

function isSameWord(word: string, rtf: Uint8Array, start: number, end: number): boolean {
  if (word.length !== end - start) return false;
  for (let index = 0; index < word.length; index++) {
    if (word.charCodeAt(index) !== rtf[start + index]) return false;
  }
  return true;
}

function isLetter(byte: number): boolean {
  return (byte >= 0x61 && byte <= 0x7a) || (byte >= 0x41 && byte <= 0x5a);
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
      if (tokenizer.word === 'fromhtml' && isOn) return 'html';
      if (tokenizer.word === 'fromtext') return 'text';
    } else if (kind === TOKEN_TEXT) {
      // Stray spaces between header words are not content; anything else is.
      if (!isBlank(rtf, tokenizer.textStart, tokenizer.textEnd)) return 'rtf';
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

/** Where the current group's text goes. */
const DESTINATION_TEXT = 0;
const DESTINATION_SKIPPED = 1;
const DESTINATION_FONT_TABLE = 2;
const DESTINATION_HTML_TAG = 3;
type Destination =
  | typeof DESTINATION_TEXT
  | typeof DESTINATION_SKIPPED
  | typeof DESTINATION_FONT_TABLE
  | typeof DESTINATION_HTML_TAG;

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

/** The state [MSFT-RTF] saves on `{` and restores on `}`. */
interface GroupState {
  destination: Destination;
  /** [MS-OXRTFEX] 2.1.3.1.3: inside `\htmlrtf` … `\htmlrtf0`, text is RTF-only and not copied. */
  isHtmlRtf: boolean;
  /** Current font (`\fN`), -1 before any. */
  font: number;
  /** Code page of the current font, or undefined to use the document's. */
  fontCodePage: number | undefined;
  /** `\ucN`: how many fallback characters follow each `\uN`. */
  unicodeFallbackLength: number;
}

class RtfTextReader {
  private readonly tokenizer: RtfTokenizer;
  private readonly isHtml: boolean;
  private documentCodePage: number;
  private defaultFont = -1;
  /** Font table: font number → code page from `\fcharsetN`, and from `\cpgN`, which wins. */
  private readonly charsetCodePages = new Map<number, number>();
  private readonly explicitCodePages = new Map<number, number>();
  private fontBeingDefined = -1;

  private state: GroupState;
  private readonly saved: GroupState[] = [];
  /** Groups opened past MAX_RTF_GROUP_DEPTH: their braces are ignored, not pushed. */
  private ignoredGroupDepth = 0;
  /** `\*` was just read: the next control word names an ignorable destination. */
  private isDestinationPending = false;
  /** Fallback characters still to drop after a `\uN`. */
  private unicodeFallbackRemaining = 0;

  private readonly chunks: string[] = [];
  private byteRun = new Uint8Array(INITIAL_BYTE_RUN_CAPACITY);
  private byteRunLength = 0;
  private byteRunCodePage = 0;
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
    this.state = {
      destination: DESTINATION_TEXT,
      isHtmlRtf: false,
      font: -1,
      fontCodePage: undefined,
      unicodeFallbackLength: 1,
    };
  }

  read(): string {
    const tokenizer = this.tokenizer;
    for (let kind = tokenizer.next(); kind !== TOKEN_END; kind = tokenizer.next()) {
      switch (kind) {
        case TOKEN_GROUP_START:
          this.openGroup();
          break;
        case TOKEN_GROUP_END:
          this.closeGroup();
          break;
        case TOKEN_WORD:
          this.controlWord(tokenizer.word, tokenizer.hasParameter, tokenizer.parameter);
          break;
        case TOKEN_SYMBOL:
          this.controlSymbol(tokenizer.byte);
          break;
        case TOKEN_HEX:
          this.hexEscape(tokenizer.byte);
          break;
        case TOKEN_TEXT:
          this.text(tokenizer.textStart, tokenizer.textEnd);
          break;
      }
    }
    const openGroups = this.saved.length + this.ignoredGroupDepth;
    if (openGroups > 0) {
      this.report(
        'unclosed',
        'TRUNCATED',
        `RTF: expected ${openGroups} more closing braces, found the end`,
      );
    }
    this.flushBytes();
    return this.chunks.join('');
  }

  // [MSFT-RTF] Groups: `{` saves the character and destination state, `}` restores it.
  private openGroup(): void {
    this.isDestinationPending = false;
    this.unicodeFallbackRemaining = 0;
    if (this.saved.length >= MAX_RTF_GROUP_DEPTH || this.ignoredGroupDepth > 0) {
      this.ignoredGroupDepth++;
      this.report(
        'depth',
        'LIMIT_EXCEEDED',
        `RTF groups: expected at most ${MAX_RTF_GROUP_DEPTH} levels of nesting, found more; deeper braces ignored`,
      );
      return;
    }
    this.saved.push(this.state);
    this.state = { ...this.state };
  }

  private closeGroup(): void {
    this.isDestinationPending = false;
    this.unicodeFallbackRemaining = 0;
    if (this.ignoredGroupDepth > 0) {
      this.ignoredGroupDepth--;
      return;
    }
    const outer = this.saved.pop();
    if (outer === undefined) {
      this.report(
        'unopened',
        'CORRUPT_DATA',
        'RTF groups: found a closing brace without an opening one',
      );
      return;
    }
    const closed = this.state;
    this.state = outer;
    if (closed.destination === DESTINATION_FONT_TABLE && outer.destination !== closed.destination) {
      // The font table is read after \deffN selected a font: resolve that font's code page now.
      this.selectFont(this.state.font);
    }
  }

  private controlWord(word: string, hasParameter: boolean, parameter: number): void {
    if (word === 'bin') {
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
    const state = this.state;
    if (state.destination === DESTINATION_SKIPPED) return;
    if (word === 'htmltag' && this.isHtml && state.destination !== DESTINATION_FONT_TABLE) {
      // [MS-OXRTFEX] 2.1.3.1.4: the HTMLTagParameter is ignored; the content follows.
      state.destination = DESTINATION_HTML_TAG;
      return;
    }
    if (isDestination) {
      // `{\*\name …}`: an ignorable destination we do not render ([MS-OXRTFEX] 2.1: MHTMLTAG
      // holds a rewritten copy of the following HTMLTAG; the original is the one we keep).
      state.destination = DESTINATION_SKIPPED;
      return;
    }
    if (state.destination === DESTINATION_FONT_TABLE) {
      this.fontTableWord(word, hasParameter, parameter);
      return;
    }
    if (word === 'fonttbl') {
      state.destination = DESTINATION_FONT_TABLE;
      return;
    }
    if (SKIPPED_DESTINATIONS.has(word) || (this.isHtml && SKIPPED_HTML_DESTINATIONS.has(word))) {
      state.destination = DESTINATION_SKIPPED;
      return;
    }
    this.formattingWord(word, hasParameter, parameter);
  }

  /** Control words outside destinations: state changes always apply, text only when emitting. */
  private formattingWord(word: string, hasParameter: boolean, parameter: number): void {
    const state = this.state;
    switch (word) {
      case 'u':
        // [MSFT-RTF] \uN: one UTF-16 code unit, followed by \ucN fallback characters to drop.
        if (this.isEmitting()) {
          const codeUnit =
            ((parameter % UTF16_CODE_UNIT_RANGE) + UTF16_CODE_UNIT_RANGE) % UTF16_CODE_UNIT_RANGE;
          this.emitString(String.fromCharCode(codeUnit));
        }
        this.unicodeFallbackRemaining = state.unicodeFallbackLength;
        return;
      case 'uc':
        state.unicodeFallbackLength = hasParameter ? Math.max(0, parameter) : 1;
        return;
      case 'htmlrtf':
        // [MS-OXRTFEX] 2.1.3.1.3: a toggle; \htmlrtf and \htmlrtf1 enable, \htmlrtf0 disables.
        state.isHtmlRtf = !hasParameter || parameter !== 0;
        return;
      case 'f':
        if (hasParameter) {
          state.font = parameter;
          this.selectFont(parameter);
        }
        return;
      case 'deff':
        if (hasParameter) this.defaultFont = parameter;
        this.selectFont(state.font);
        return;
      case 'plain':
        // \plain resets character formatting, the font included, to the default font.
        state.font = this.defaultFont;
        this.selectFont(this.defaultFont);
        return;
      case 'ansicpg':
        this.setDocumentCodePage(hasParameter ? parameter : 0);
        return;
    }
    if (!this.isEmitting()) return;
    const textWords = state.destination === DESTINATION_HTML_TAG ? HTML_TAG_TEXT_WORDS : TEXT_WORDS;
    const text = textWords.get(word);
    if (text !== undefined) this.emitString(text);
  }

  // [MSFT-RTF] Font Table: `{\fN\fcharsetN[\cpgN] name;}` entries.
  private fontTableWord(word: string, hasParameter: boolean, parameter: number): void {
    if (!hasParameter) return;
    if (word === 'f') {
      this.fontBeingDefined = parameter;
    } else if (word === 'fcharset') {
      const codePage = codePageOfCharset(parameter);
      if (codePage !== undefined) this.charsetCodePages.set(this.fontBeingDefined, codePage);
    } else if (word === 'cpg' && isSupportedCodePage(parameter)) {
      this.explicitCodePages.set(this.fontBeingDefined, parameter);
    }
  }

  /** Sets the current group's code page from a font; -1 (no `\fN` yet) means the default font. */
  private selectFont(font: number): void {
    const effective = font >= 0 ? font : this.defaultFont;
    this.state.fontCodePage =
      this.explicitCodePages.get(effective) ?? this.charsetCodePages.get(effective);
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
      this.pushByte(symbol);
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
    if (this.isEmitting()) this.pushByte(byte);
  }

  private text(start: number, end: number): void {
    this.isDestinationPending = false;
    if (this.unicodeFallbackRemaining > 0) {
      const dropped = Math.min(this.unicodeFallbackRemaining, end - start);
      this.unicodeFallbackRemaining -= dropped;
      start += dropped;
    }
    if (start < end && this.isEmitting()) this.pushBytes(this.rtf, start, end);
  }

  private isEmitting(): boolean {
    const state = this.state;
    if (state.destination === DESTINATION_TEXT) return !(this.isHtml && state.isHtmlRtf);
    return state.destination === DESTINATION_HTML_TAG && !state.isHtmlRtf;
  }

  /**
   * [MS-OXRTFEX] 2.2.3.2: bytes inside HTMLTAG groups are in the document's code page; text
   * outside them is in the current font's.
   */
  private currentCodePage(): number {
    const state = this.state;
    if (state.destination === DESTINATION_HTML_TAG) return this.documentCodePage;
    return state.fontCodePage ?? this.documentCodePage;
  }

  // Output: 8-bit runs are collected and decoded together, so a DBCS lead byte (`\'82`) and its
  // trail byte (`\'a0`, or a literal character) become one character.
  private pushBytes(source: Uint8Array, start: number, end: number): void {
    this.reserveBytes(end - start);
    this.byteRun.set(source.subarray(start, end), this.byteRunLength);
    this.byteRunLength += end - start;
  }

  private pushByte(byte: number): void {
    this.reserveBytes(1);
    this.byteRun[this.byteRunLength++] = byte;
  }

  /** Starts a new run when the code page changes, and makes room for `count` more bytes. */
  private reserveBytes(count: number): void {
    const codePage = this.currentCodePage();
    if (this.byteRunLength > 0 && codePage !== this.byteRunCodePage) this.flushBytes();
    this.byteRunCodePage = codePage;
    const needed = this.byteRunLength + count;
    if (needed <= this.byteRun.length) return;
    const grown = new Uint8Array(Math.max(needed, this.byteRun.length * 2));
    grown.set(this.byteRun.subarray(0, this.byteRunLength));
    this.byteRun = grown;
  }

  private flushBytes(): void {
    if (this.byteRunLength === 0) return;
    this.chunks.push(
      decodeCodePage(this.byteRun.subarray(0, this.byteRunLength), this.byteRunCodePage),
    );
    this.byteRunLength = 0;
  }

  private emitString(text: string): void {
    this.flushBytes();
    this.chunks.push(text);
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
