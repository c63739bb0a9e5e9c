import iconv from 'iconv-lite';

/**
 * Code pages for 8-bit strings (PT_STRING8) and 8-bit bodies.
 *
 * A .msg file does not say reliably which code page its 8-bit strings use. We follow the order
 * Outlook itself effectively uses (and that reproduces every upstream assertion in our corpus):
 * PidTagMessageCodepage, else the ANSI code page of PidTagMessageLocaleId, else the Windows code
 * page matching PidTagInternetCodepage, else 1252. The body is written from the MIME part, so an
 * 8-bit PidTagBody prefers PidTagInternetCodepage (unless that is UTF-8, which Outlook never stores
 * as an "ANSI" body), and a string PidTagHtml is in PidTagInternetCodepage.
 * @see https://learn.microsoft.com/en-us/openspecs/exchange_server_protocols/ms-oxcmsg
 */

export const DEFAULT_ANSI_CODE_PAGE = 1252;
export const CP_UTF8 = 65001;

/** Where the chosen code page came from; shown in `inspect --json` so a wrong guess can be traced. */
export type CodePageSource =
  'override' | 'PR_MESSAGE_CODEPAGE' | 'PR_MESSAGE_LOCALE_ID' | 'PR_INTERNET_CPID' | 'default-1252';

export interface CodePageChoice {
  codePage: number;
  source: CodePageSource;
}

/** The properties the code page policy reads. */
export interface CodePageHints {
  /** PidTagMessageCodepage (0x3FFD). */
  messageCodePage?: number;
  /** PidTagMessageLocaleId (0x3FF1). */
  localeId?: number;
  /** PidTagInternetCodepage (0x3FDE). */
  internetCodePage?: number;
}

/** Code page for PT_STRING8 properties. */
export function chooseAnsiCodePage(hints: CodePageHints, override?: number): CodePageChoice {
  if (override !== undefined) return { codePage: override, source: 'override' };
  if (hints.messageCodePage !== undefined && isSupportedCodePage(hints.messageCodePage)) {
    return { codePage: hints.messageCodePage, source: 'PR_MESSAGE_CODEPAGE' };
  }
  if (hints.localeId !== undefined) {
    const fromLocale = ansiCodePageOfLocale(hints.localeId);
    if (fromLocale !== undefined) return { codePage: fromLocale, source: 'PR_MESSAGE_LOCALE_ID' };
  }
  if (hints.internetCodePage !== undefined) {
    const fromInternet = windowsCodePageOfInternet(hints.internetCodePage);
    if (fromInternet !== undefined) return { codePage: fromInternet, source: 'PR_INTERNET_CPID' };
  }
  return { codePage: DEFAULT_ANSI_CODE_PAGE, source: 'default-1252' };
}

/** Code page for an 8-bit PidTagBody: the MIME charset it was written from, when that is known. */
export function chooseBodyCodePage(hints: CodePageHints, override?: number): CodePageChoice {
  if (override !== undefined) return { codePage: override, source: 'override' };
  const internet = hints.internetCodePage;
  if (internet !== undefined && internet !== CP_UTF8) {
    const windows = windowsCodePageOfInternet(internet);
    if (windows !== undefined) return { codePage: windows, source: 'PR_INTERNET_CPID' };
  }
  return chooseAnsiCodePage(hints);
}

/** Code page for a PT_STRING8 (or binary) PidTagHtml: the HTML was stored in its MIME charset. */
export function chooseHtmlCodePage(hints: CodePageHints, override?: number): CodePageChoice {
  if (override !== undefined) return { codePage: override, source: 'override' };
  const internet = hints.internetCodePage;
  if (internet !== undefined && isSupportedCodePage(internet)) {
    return { codePage: internet, source: 'PR_INTERNET_CPID' };
  }
  return chooseAnsiCodePage(hints);
}

/**
 * The ANSI code page Windows uses for a locale (LCID), as GetLocaleInfo(LOCALE_IDEFAULTANSICODEPAGE)
 * answers it. Keyed by primary language; the few languages split by script are resolved by LCID.
 * Returns undefined for LCIDs that name no language (0, LOCALE_CUSTOM_*), so the next hint is tried.
 */
export function ansiCodePageOfLocale(lcid: number): number | undefined {
  const byLcid = ANSI_CODE_PAGE_BY_LCID.get(lcid);
  if (byLcid !== undefined) return byLcid;
  const primaryLanguage = lcid & 0x3ff;
  if (primaryLanguage === 0 || primaryLanguage >= 0x200) return undefined;
  return ANSI_CODE_PAGE_BY_LANGUAGE.get(primaryLanguage) ?? DEFAULT_ANSI_CODE_PAGE;
}

/** LCIDs whose code page differs from their primary language's (Chinese, Serbian/Bosnian). */
const ANSI_CODE_PAGE_BY_LCID = new Map<number, number>([
  [0x0404, 950], // zh-TW
  [0x0804, 936], // zh-CN
  [0x0c04, 950], // zh-HK
  [0x1004, 936], // zh-SG
  [0x1404, 950], // zh-MO
  [0x0c1a, 1251], // sr-Cyrl-CS
  [0x1c1a, 1251], // sr-Cyrl-BA
  [0x201a, 1251], // bs-Cyrl-BA
  [0x281a, 1251], // sr-Cyrl-RS
  [0x301a, 1251], // sr-Cyrl-ME
  [0x0843, 1251], // uz-Cyrl-UZ
  [0x082c, 1251], // az-Cyrl-AZ
]);

/** Primary language id → ANSI code page (languages not listed use 1252). */
const ANSI_CODE_PAGE_BY_LANGUAGE = new Map<number, number>([
  // Central European (1250)
  ...[0x05, 0x0e, 0x15, 0x18, 0x1a, 0x1b, 0x1c, 0x24].map(
    (lang) => [lang, 1250] as [number, number],
  ),
  // Cyrillic (1251): Bulgarian, Russian, Ukrainian, Belarusian, Macedonian, Kazakh, Kyrgyz, Tatar, Mongolian, Bashkir, Yakut
  ...[0x02, 0x19, 0x22, 0x23, 0x2f, 0x3f, 0x40, 0x44, 0x50, 0x6d, 0x85].map(
    (lang) => [lang, 1251] as [number, number],
  ),
  [0x08, 1253], // Greek
  ...[0x1f, 0x2c, 0x43].map((lang) => [lang, 1254] as [number, number]), // Turkish, Azeri, Uzbek
  [0x0d, 1255], // Hebrew
  ...[0x01, 0x29, 0x20, 0x8c, 0x92, 0x63].map((lang) => [lang, 1256] as [number, number]), // Arabic, Farsi, Urdu, Dari, Kurdish, Pashto
  ...[0x25, 0x26, 0x27].map((lang) => [lang, 1257] as [number, number]), // Estonian, Latvian, Lithuanian
  [0x2a, 1258], // Vietnamese
  [0x1e, 874], // Thai
  [0x11, 932], // Japanese
  [0x12, 949], // Korean
  [0x04, 936], // Chinese, when the sub-language is not one of the LCIDs above
]);

/**
 * The Windows ANSI code page that covers a MIME charset's code page (PidTagInternetCodepage), or
 * undefined when there is none (UTF-8, UTF-16: not ANSI pages).
 */
export function windowsCodePageOfInternet(internetCodePage: number): number | undefined {
  if (WINDOWS_ANSI_PAGES.has(internetCodePage)) return internetCodePage;
  return WINDOWS_PAGE_BY_INTERNET.get(internetCodePage);
}

const WINDOWS_ANSI_PAGES = new Set([
  874, 932, 936, 949, 950, 1250, 1251, 1252, 1253, 1254, 1255, 1256, 1257, 1258,
]);

const WINDOWS_PAGE_BY_INTERNET = new Map<number, number>([
  [20127, 1252], // us-ascii
  [28591, 1252], // iso-8859-1
  [28605, 1252], // iso-8859-15
  [28592, 1250], // iso-8859-2
  [28595, 1251], // iso-8859-5
  [20866, 1251], // koi8-r
  [21866, 1251], // koi8-u
  [28597, 1253], // iso-8859-7
  [28599, 1254], // iso-8859-9
  [28598, 1255], // iso-8859-8 (visual)
  [38598, 1255], // iso-8859-8-i
  [28596, 1256], // iso-8859-6
  [28594, 1257], // iso-8859-4
  [28603, 1257], // iso-8859-13
  [50220, 932], // iso-2022-jp
  [50221, 932],
  [50222, 932],
  [51932, 932], // euc-jp
  [52936, 936], // hz-gb-2312
  [54936, 936], // gb18030
  [20936, 936], // gb2312 (x-cp20936)
  [50225, 949], // iso-2022-kr
  [51949, 949], // euc-kr
]);

/**
 * iconv-lite names of the code pages whose name is not simply `cp<N>`. We decode with iconv-lite
 * rather than TextDecoder because Node 20's TextDecoder decodes 'windows-1252' as ISO-8859-1,
 * turning curly quotes, dashes and € (0x80–0x9F) into control characters.
 */
const ICONV_NAME_BY_CODE_PAGE = new Map<number, string>([
  [1200, 'utf-16le'],
  [1201, 'utf-16be'],
  [10000, 'macintosh'],
  [10007, 'maccyrillic'],
  [20127, 'cp1252'], // us-ascii: a strict subset; Windows decodes stray 8-bit bytes as 1252
  [20866, 'koi8-r'],
  [21866, 'koi8-u'],
  [20936, 'cp936'],
  [28591, 'cp1252'], // latin1 as Windows (and every browser) actually decodes it
  ...[2, 3, 4, 5, 6, 7, 8, 9, 10, 13, 14, 15, 16].map(
    (part) => [28590 + part, `iso-8859-${part}`] as [number, string],
  ),
  [38598, 'iso-8859-8'],
  [51932, 'euc-jp'],
  [51936, 'cp936'],
  [51949, 'cp949'],
  [52936, 'cp936'],
  [54936, 'gb18030'],
  [65001, 'utf-8'],
]);

/** iconv-lite has no ISO-2022-JP (a stateful encoding); TextDecoder's is correct. */
const TEXT_DECODER_LABEL_BY_CODE_PAGE = new Map<number, string>([
  [50220, 'iso-2022-jp'],
  [50221, 'iso-2022-jp'],
  [50222, 'iso-2022-jp'],
]);

/**
 * Multi-byte pages whose bytes below 0x80 are ASCII characters that never continue a sequence, so
 * ASCII text can skip the decoder (each is checked when its decoder is built). Stateful encodings
 * (ISO-2022-JP, UTF-16) are not here: their ASCII bytes are escapes or halves of characters.
 */
const ASCII_COMPATIBLE_MULTI_BYTE_PAGES = new Set([
  932,
  936,
  949,
  950,
  1361,
  20932,
  20936,
  51932,
  51936,
  51949,
  54936,
  CP_UTF8,
]);

/** Bytes in a single-byte page: the table has one entry per byte value. */
const BYTE_VALUES = 256;
/** Bytes below this are ASCII in every ASCII-compatible page. */
const ASCII_LIMIT = 0x80;

/**
 * How one code page turns bytes into text, built once per code page on first use. Readers that
 * decode text piecemeal (the RTF reader) use `byteTable` and `isAsciiCompatible` to map bytes
 * themselves and call `decode` only for multi-byte sequences.
 */
export interface CodePageDecoder {
  /**
   * The UTF-16 code unit of every byte, for single-byte pages (each byte is one character on its
   * own). Decoding is then a table lookup per byte, exactly what iconv-lite would answer.
   */
  readonly byteTable: Uint16Array | undefined;
  /**
   * True when a byte below 0x80 that does not continue a multi-byte sequence is that ASCII
   * character and leaves the decoder as it found it, so ASCII runs may bypass `decode`.
   */
  readonly isAsciiCompatible: boolean;
  /** Decodes a whole run; invalid bytes become U+FFFD. */
  decode(bytes: Uint8Array): string;
}

const decoderCache = new Map<number, CodePageDecoder | null>();
/**
 * Code page numbers are 16-bit; answers for other numbers (a hostile `\cpg4000000000` each time
 * with another value) are not cached, so the cache cannot grow past 2 × 65,536 entries.
 */
const MAX_CACHED_CODE_PAGE = 0xffff;

export function isSupportedCodePage(codePage: number): boolean {
  return codePageDecoder(codePage) !== undefined;
}

/**
 * Decodes 8-bit text in a Windows code page. Bytes that are not valid in that page become U+FFFD,
 * never an exception: a wrong guess must show as odd characters, not as a failed message.
 * Unknown code pages fall back to 1252.
 */
export function decodeCodePage(bytes: Uint8Array, codePage: number): string {
  return decoderOrDefault(codePage).decode(bytes);
}

/** The decoder of a code page, or of 1252 when the page is not supported. */
export function decoderOrDefault(codePage: number): CodePageDecoder {
  return codePageDecoder(codePage) ?? codePageDecoder(DEFAULT_ANSI_CODE_PAGE)!;
}

/** The decoder of a code page, or undefined when neither iconv-lite nor TextDecoder has it. */
export function codePageDecoder(codePage: number): CodePageDecoder | undefined {
  let decoder = decoderCache.get(codePage);
  if (decoder === undefined) {
    decoder = buildDecoder(codePage) ?? null;
    if (Number.isInteger(codePage) && Math.abs(codePage) <= MAX_CACHED_CODE_PAGE) {
      decoderCache.set(codePage, decoder);
    }
  }
  return decoder ?? undefined;
}

function buildDecoder(codePage: number): CodePageDecoder | undefined {
  const label = TEXT_DECODER_LABEL_BY_CODE_PAGE.get(codePage);
  if (label) {
    const textDecoder = new TextDecoder(label, { fatal: false, ignoreBOM: true });
    return {
      byteTable: undefined,
      isAsciiCompatible: false,
      decode: (bytes) => textDecoder.decode(bytes),
    };
  }
  if (codePage === CP_UTF8) {
    // Node's TextDecoder and iconv-lite agree on UTF-8, malformed input included; TextDecoder is
    // native. (Not so for the CJK pages: Node's ICU converters swap ASCII controls in Shift_JIS
    // and read 949 as plain EUC-KR, without the Hangul of Windows' Unified Hangul Code.)
    const textDecoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
    return {
      byteTable: undefined,
      isAsciiCompatible: true,
      decode: (bytes) => (isAscii(bytes) ? asciiString(bytes) : textDecoder.decode(bytes)),
    };
  }
  const iconvName = ICONV_NAME_BY_CODE_PAGE.get(codePage) ?? `cp${codePage}`;
  if (!iconv.encodingExists(iconvName)) return undefined;
  const codec = iconv.getCodec(iconvName);
  const decodeWithIconv = (bytes: Uint8Array): string => {
    // iconv.decode() without its per-call name lookup: a fresh decoder per run, no BOM stripping.
    const decoder = new codec.decoder({ stripBOM: false }, codec);
    const text = decoder.write(asBuffer(bytes));
    const trail = decoder.end();
    return trail ? text + trail : text;
  };
  const byteTable = singleByteTable(decodeWithIconv);
  if (byteTable) {
    const isAsciiCompatible = isAsciiIdentity(byteTable);
    return {
      byteTable,
      isAsciiCompatible,
      decode: (bytes) =>
        isAsciiCompatible && isAscii(bytes)
          ? asciiString(bytes)
          : decodeWithTable(bytes, byteTable),
    };
  }
  const isAsciiCompatible =
    ASCII_COMPATIBLE_MULTI_BYTE_PAGES.has(codePage) && decodesAsciiAsItself(decodeWithIconv);
  return {
    byteTable: undefined,
    isAsciiCompatible,
    decode: isAsciiCompatible
      ? (bytes) => (isAscii(bytes) ? asciiString(bytes) : decodeWithIconv(bytes))
      : decodeWithIconv,
  };
}

/**
 * The byte-to-character table of a single-byte page, or undefined for a multi-byte one. A page is
 * single-byte when every byte decodes to one code unit on its own and all 256 bytes decoded
 * together give the same characters (a lead byte would pair with its neighbour).
 */
function singleByteTable(decode: (bytes: Uint8Array) => string): Uint16Array | undefined {
  const table = new Uint16Array(BYTE_VALUES);
  const everyByte = new Uint8Array(BYTE_VALUES);
  for (let byte = 0; byte < BYTE_VALUES; byte++) {
    everyByte[byte] = byte;
    const text = decode(everyByte.subarray(byte, byte + 1));
    if (text.length !== 1) return undefined;
    table[byte] = text.charCodeAt(0);
  }
  const together = decode(everyByte);
  const reversed = decode(everyByte.slice().reverse());
  if (together.length !== BYTE_VALUES || reversed.length !== BYTE_VALUES) return undefined;
  for (let byte = 0; byte < BYTE_VALUES; byte++) {
    if (together.charCodeAt(byte) !== table[byte]) return undefined;
    if (reversed.charCodeAt(BYTE_VALUES - 1 - byte) !== table[byte]) return undefined;
  }
  return table;
}

function isAsciiIdentity(table: Uint16Array): boolean {
  for (let byte = 0; byte < ASCII_LIMIT; byte++) if (table[byte] !== byte) return false;
  return true;
}

function decodesAsciiAsItself(decode: (bytes: Uint8Array) => string): boolean {
  const ascii = Uint8Array.from({ length: ASCII_LIMIT }, (_, byte) => byte);
  const text = decode(ascii);
  if (text.length !== ASCII_LIMIT) return false;
  for (let byte = 0; byte < ASCII_LIMIT; byte++) if (text.charCodeAt(byte) !== byte) return false;
  return true;
}

function decodeWithTable(bytes: Uint8Array, table: Uint16Array): string {
  const units = codeUnitScratch(bytes.length);
  for (let index = 0; index < bytes.length; index++) units[index] = table[bytes[index]!]!;
  return codeUnitsToString(units, bytes.length);
}

/** True when every byte is below 0x80. */
export function isAscii(bytes: Uint8Array): boolean {
  let seen = 0;
  let index = 0;
  for (const end = bytes.length - 3; index < end; index += 4) {
    seen |= bytes[index]! | bytes[index + 1]! | bytes[index + 2]! | bytes[index + 3]!;
  }
  for (; index < bytes.length; index++) seen |= bytes[index]!;
  return seen < ASCII_LIMIT;
}

const asciiDecoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** ASCII bytes as a string (ASCII is valid UTF-8, and TextDecoder is native). */
function asciiString(bytes: Uint8Array): string {
  return asciiDecoder.decode(bytes);
}

/** Above this, a scratch buffer is not kept between calls: one huge body must not pin memory. */
const MAX_KEPT_SCRATCH_UNITS = 1 << 20;
let scratch = new Uint16Array(1024);

/** A reusable buffer of at least `length` code units (callers use it before calling back in). */
function codeUnitScratch(length: number): Uint16Array {
  if (length <= scratch.length) return scratch;
  const units = new Uint16Array(length);
  if (length <= MAX_KEPT_SCRATCH_UNITS) scratch = units;
  return units;
}

const IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
/** `String.fromCharCode.apply` takes at most this many arguments at once, safely. */
const FROM_CHAR_CODE_CHUNK = 8192;

/**
 * The string of `units[0, length)`, lone surrogates kept as they are (TextDecoder would turn
 * them into U+FFFD). Node's Buffer copies UTF-16LE into a string natively; elsewhere, in chunks.
 */
export function codeUnitsToString(units: Uint16Array, length: number): string {
  if (typeof Buffer !== 'undefined' && IS_LITTLE_ENDIAN) {
    return Buffer.from(units.buffer, units.byteOffset, length * 2).toString('utf16le');
  }
  let text = '';
  for (let start = 0; start < length; start += FROM_CHAR_CODE_CHUNK) {
    const chunk = units.subarray(start, Math.min(length, start + FROM_CHAR_CODE_CHUNK));
    text += String.fromCharCode.apply(null, chunk as unknown as number[]);
  }
  return text;
}

/** A Node Buffer over the same memory, as iconv-lite's decoders expect. */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Code page of an RTF `\fcharset` value (MS-OXRTFEX / the RTF spec's charset table). */
export function codePageOfRtfCharset(charset: number): number | undefined {
  return CODE_PAGE_BY_RTF_CHARSET.get(charset);
}

const CODE_PAGE_BY_RTF_CHARSET = new Map<number, number>([
  [0, 1252], // ANSI
  [77, 10000], // Mac Roman
  [128, 932], // Shift JIS
  [129, 949], // Hangul
  [130, 1361], // Johab
  [134, 936], // GB2312
  [136, 950], // Big5
  [161, 1253], // Greek
  [162, 1254], // Turkish
  [163, 1258], // Vietnamese
  [177, 1255], // Hebrew
  [178, 1256], // Arabic
  [186, 1257], // Baltic
  [204, 1251], // Russian
  [222, 874], // Thai
  [238, 1250], // Eastern European
  [254, 437], // PC 437
  [255, 850], // OEM
]);
