/**
 * PidTagRtfCompressed: the RTF body of a message, LZ77-compressed ("LZFu") or stored ("MELA").
 * Read in the order of [MS-OXRTFCP]: header, dictionary, CRC, decompression.
 * @see https://learn.microsoft.com/en-us/openspecs/exchange_server_protocols/ms-oxrtfcp
 */
import { ByteReader } from '../byte-reader.js';
import type { DiagnosticSink } from '../errors.js';
import { MsgFormatError } from '../errors.js';
import { MAX_RTF_DECOMPRESSED_SIZE, MAX_RTF_EXPANSION_RATIO } from '../limits.js';

/** How the property is named in messages; the caller knows the stream and adds it. */
const PROPERTY_NAME = 'PidTagRtfCompressed';

/** COMPSIZE, RAWSIZE, COMPTYPE and CRC: four little-endian DWORDs. */
const HEADER_SIZE = 16;
/** COMPSIZE counts the contents plus the 12 header bytes that follow COMPSIZE itself. */
const HEADER_BYTES_AFTER_COMPSIZE = 12;
/** Byte offsets of the header fields, for diagnostics. */
const RAWSIZE_OFFSET = 4;
const COMPTYPE_OFFSET = 8;
const CRC_OFFSET = 12;

/** COMPTYPE 'LZFu': the contents are compressed. */
const COMPTYPE_COMPRESSED = 0x75465a4c;
/** COMPTYPE 'MELA': the contents are the raw RTF. */
const COMPTYPE_UNCOMPRESSED = 0x414c454d;

/** The circular dictionary every reference points into. */
const DICTIONARY_SIZE = 4096;
const DICTIONARY_MASK = DICTIONARY_SIZE - 1;

/**
 * The 207 bytes the dictionary starts with (the spec's prebuffer), so that the RTF header every
 * message begins with compresses to a few references.
 */
const INITIAL_DICTIONARY = new TextEncoder().encode(
  '{\\rtf1\\ansi\\mac\\deff0\\deftab720{\\fonttbl;}{\\f0\\fnil \\froman \\fswiss \\fmodern ' +
    '\\fscript \\fdecor MS Sans SerifSymbolArialTimes New RomanCourier{\\colortbl\\red0\\green0' +
    '\\blue0\r\n\\par \\pard\\plain\\f0\\fs20\\b\\i\\u\\tab\\tx',
);

/** Tokens announced by one control byte, one bit each, least significant bit first. */
const TOKENS_PER_CONTROL_BYTE = 8;
/** A dictionary reference: a big-endian WORD, 12 bits of offset then 4 bits of length. */
const REFERENCE_SIZE = 2;
const REFERENCE_OFFSET_SHIFT = 4;
const REFERENCE_LENGTH_MASK = 0x0f;
/** The stored length is 2 less than the run it copies: shorter runs are never worth a reference. */
const REFERENCE_LENGTH_BIAS = 2;
/** The longest run one reference can copy (15 + 2). */
const MAX_REFERENCE_LENGTH = REFERENCE_LENGTH_MASK + REFERENCE_LENGTH_BIAS;
/** Bytes a 4-byte copy step may write past the end of a run (see decompressContents). */
const COPY_OVERRUN = 3;

/** The spec's CRC lookup table is the reflected CRC-32 table of polynomial 0xEDB88320. */
const CRC_POLYNOMIAL = 0xedb88320;
const CRC_TABLE = buildCrcTable();
/**
 * The same CRC four bytes at a time ("slicing by 4"): table k gives the effect of a byte followed
 * by k zero bytes, so four lookups replace four dependent steps.
 */
const CRC_TABLES_BY_4 = buildSlicingTables(CRC_TABLE);

interface CompressedRtfHeader {
  /** COMPSIZE: byte count of the contents plus 12. Writers get it wrong; we use the bytes present. */
  compSize: number;
  /** RAWSIZE: byte count of the decompressed RTF. Attacker-controlled: bounds nothing alone. */
  rawSize: number;
  /** COMPTYPE: COMPTYPE_COMPRESSED or COMPTYPE_UNCOMPRESSED. */
  compType: number;
  /** CRC: of the contents when compressed; 0 (or anything, in practice) when not. */
  crc: number;
}

/**
 * Decompresses PidTagRtfCompressed into the RTF bytes. Recoverable damage (a wrong size field, a
 * CRC mismatch, truncated contents) is reported through `onDiagnostic` and the bytes that could be
 * recovered are returned. Throws `CORRUPT_DATA` when there is no header or COMPTYPE is unknown.
 * @see https://learn.microsoft.com/en-us/openspecs/exchange_server_protocols/ms-oxrtfcp/65dfe2df-1b69-43fc-8ebd-21819a7463fb
 */
export function decompressRtf(compressed: Uint8Array, onDiagnostic?: DiagnosticSink): Uint8Array {
  const report: DiagnosticSink = onDiagnostic ?? (() => {});
  const header = readHeader(compressed);
  const contents = compressed.subarray(HEADER_SIZE);
  checkCompSize(header, contents.length, report);
  if (header.compType === COMPTYPE_UNCOMPRESSED) return readUncompressed(header, contents, report);
  const crc = computeCrc(contents);
  if (crc !== header.crc) {
    report({
      code: 'CORRUPT_DATA',
      message: `${PROPERTY_NAME} CRC: expected 0x${hex(header.crc)}, found 0x${hex(crc)}`,
      where: { offset: CRC_OFFSET },
    });
  }
  return decompressContents(header, contents, compressed.length, report);
}

// [MS-OXRTFCP] 2.1.3.1.1 RTF Compression ABNF Grammar: Header
function readHeader(compressed: Uint8Array): CompressedRtfHeader {
  if (compressed.length < HEADER_SIZE) {
    // A stream shorter than its header is not a compressed RTF at all: nothing to recover.
    throw new MsgFormatError(
      'CORRUPT_DATA',
      `${PROPERTY_NAME} header: expected ${HEADER_SIZE} bytes, found ${compressed.length}`,
      { offset: 0 },
    );
  }
  const reader = new ByteReader(compressed, PROPERTY_NAME);
  const header = {
    compSize: reader.u32(),
    rawSize: reader.u32(),
    compType: reader.u32(),
    crc: reader.u32(),
  };
  if (header.compType !== COMPTYPE_COMPRESSED && header.compType !== COMPTYPE_UNCOMPRESSED) {
    // Neither format: guessing would hand the RTF reader noise.
    throw new MsgFormatError(
      'CORRUPT_DATA',
      `${PROPERTY_NAME} COMPTYPE: expected 0x${hex(COMPTYPE_COMPRESSED)} (LZFu) or ` +
        `0x${hex(COMPTYPE_UNCOMPRESSED)} (MELA), found 0x${hex(header.compType)}`,
      { offset: COMPTYPE_OFFSET },
    );
  }
  return header;
}

/** COMPSIZE disagreeing with the stream length is common enough to tolerate: the bytes present win. */
function checkCompSize(header: CompressedRtfHeader, available: number, report: DiagnosticSink) {
  const declared = header.compSize - HEADER_BYTES_AFTER_COMPSIZE;
  if (declared === available) return;
  report({
    code: 'CORRUPT_DATA',
    message: `${PROPERTY_NAME} COMPSIZE: expected ${available + HEADER_BYTES_AFTER_COMPSIZE} (the bytes present), found ${header.compSize}`,
    where: { offset: 0 },
  });
}

// [MS-OXRTFCP] 2.1.3.1.1 RTF Compression ABNF Grammar: CONTENTS = RAWDATA when COMPTYPE is UNCOMPRESSED
function readUncompressed(
  header: CompressedRtfHeader,
  contents: Uint8Array,
  report: DiagnosticSink,
): Uint8Array {
  if (header.rawSize <= contents.length) return contents.slice(0, header.rawSize);
  // Some writers store COMPSIZE in RAWSIZE, 12 bytes too many; MSGReader once answered zeros here.
  // Every MELA body in our corpus does this and the content is intact, so it is not worth a notice.
  if (
    header.rawSize === header.compSize &&
    contents.length === header.compSize - HEADER_BYTES_AFTER_COMPSIZE
  ) {
    return contents.slice();
  }
  report({
    code: 'CORRUPT_DATA',
    message: `${PROPERTY_NAME} RAWSIZE: expected at most ${contents.length} (the bytes present), found ${header.rawSize}`,
    where: { offset: RAWSIZE_OFFSET },
  });
  return contents.slice();
}

// [MS-OXRTFCP] 2.1.2.2.1 CRC Lookup Table
function buildCrcTable(): Uint32Array {
  const table = new Uint32Array(256);
  for (let index = 0; index < table.length; index++) {
    let value = index;
    for (let bit = 0; bit < 8; bit++) {
      value = value & 1 ? (value >>> 1) ^ CRC_POLYNOMIAL : value >>> 1;
    }
    table[index] = value;
  }
  return table;
}

function buildSlicingTables(table: Uint32Array): Uint32Array[] {
  const tables = [table];
  for (let k = 1; k < 4; k++) {
    const previous = tables[k - 1]!;
    const next = new Uint32Array(256);
    for (let index = 0; index < 256; index++) {
      next[index] = (previous[index]! >>> 8) ^ table[previous[index]! & 0xff]!;
    }
    tables.push(next);
  }
  return tables;
}

// [MS-OXRTFCP] 2.1.3.2 Calculate a CRC from a Given Array of Bytes
function computeCrc(bytes: Uint8Array): number {
  // Unlike zlib's CRC-32, the spec starts from 0 and does not invert the result.
  const [t0, t1, t2, t3] = CRC_TABLES_BY_4 as [Uint32Array, Uint32Array, Uint32Array, Uint32Array];
  let crc = 0;
  let index = 0;
  for (const end = bytes.length - 3; index < end; index += 4) {
    crc ^=
      bytes[index]! |
      (bytes[index + 1]! << 8) |
      (bytes[index + 2]! << 16) |
      (bytes[index + 3]! << 24);
    crc = t3[crc & 0xff]! ^ t2[(crc >>> 8) & 0xff]! ^ t1[(crc >>> 16) & 0xff]! ^ t0[crc >>> 24]!;
  }
  for (; index < bytes.length; index++) {
    crc = t0[(crc ^ bytes[index]!) & 0xff]! ^ (crc >>> 8);
  }
  return crc >>> 0;
}

// [MS-OXRTFCP] 2.1.3.1 Decompression (with the dictionary of 2.1.2.1)
//
// The dictionary is always the last 4,096 bytes written, seeded with INITIAL_DICTIONARY. Instead
// of keeping it as a separate circular buffer (two stores per byte), a reference is read as a
// copy from earlier in the output: the dictionary byte at offset O is the output byte
// `(writePosition - O) mod 4096` bytes back. Before the output has 4,096 bytes, a reference may
// reach back past its start into the seeded dictionary, laid out in SEEDED_HISTORY as if it had
// been written just before the first output byte.

/** The seeded dictionary as history: positions after INITIAL_DICTIONARY and before it are zeros. */
const SEEDED_HISTORY = new Uint8Array(DICTIONARY_SIZE);
SEEDED_HISTORY.set(INITIAL_DICTIONARY, DICTIONARY_SIZE - INITIAL_DICTIONARY.length);

function decompressContents(
  header: CompressedRtfHeader,
  contents: Uint8Array,
  streamLength: number,
  report: DiagnosticSink,
): Uint8Array {
  // RAWSIZE is attacker-controlled: cap it by the expansion ratio and the absolute limit.
  const hardLimit = Math.min(streamLength * MAX_RTF_EXPANSION_RATIO, MAX_RTF_DECOMPRESSED_SIZE);
  const outputLimit = Math.min(header.rawSize, hardLimit);
  // The contents cannot encode more than this (17 bytes per 2-byte reference), so a buffer of
  // this size never needs to grow, and a lying RAWSIZE costs no memory.
  const reachable = Math.ceil(contents.length / REFERENCE_SIZE) * MAX_REFERENCE_LENGTH;
  const capacity = Math.min(outputLimit, reachable);
  const output = new Uint8Array(capacity);
  const view = new DataView(output.buffer);

  let written = 0;
  let readPosition = 0;
  let hasEndMarker = false;

  decoding: while (readPosition < contents.length && written < capacity) {
    const control = contents[readPosition++]!;
    if (
      readPosition + TOKENS_PER_CONTROL_BYTE * REFERENCE_SIZE <= contents.length &&
      written + TOKENS_PER_CONTROL_BYTE * MAX_REFERENCE_LENGTH + COPY_OVERRUN <= capacity &&
      written >= DICTIONARY_SIZE
    ) {
      // Fast path: the eight tokens fit in what is left of the input and the output, and every
      // reference lies within the output. The checks of the general loop below cannot fire here.
      if (control === 0) {
        // Eight literals, common in text the dictionary has not seen yet.
        for (let literal = 0; literal < TOKENS_PER_CONTROL_BYTE; literal++) {
          output[written + literal] = contents[readPosition + literal]!;
        }
        written += TOKENS_PER_CONTROL_BYTE;
        readPosition += TOKENS_PER_CONTROL_BYTE;
        continue;
      }
      for (let bit = 0; bit < TOKENS_PER_CONTROL_BYTE; bit++) {
        if ((control & (1 << bit)) === 0) {
          output[written++] = contents[readPosition++]!;
          continue;
        }
        const reference = (contents[readPosition]! << 8) | contents[readPosition + 1]!;
        readPosition += REFERENCE_SIZE;
        const offset = reference >>> REFERENCE_OFFSET_SHIFT;
        const writePosition = (INITIAL_DICTIONARY.length + written) & DICTIONARY_MASK;
        if (offset === writePosition) {
          hasEndMarker = true;
          break decoding;
        }
        const distance = (writePosition - offset) & DICTIONARY_MASK;
        let from = written - distance;
        const last = written + (reference & REFERENCE_LENGTH_MASK) + REFERENCE_LENGTH_BIAS;
        if (distance >= 4) {
          // Four bytes at a time, the last step running up to three bytes past the run: the fast
          // path leaves room for that, and those bytes are overwritten before anything reads
          // them (a reference only reads behind the write position).
          for (; written < last; written += 4, from += 4) {
            view.setUint32(written, view.getUint32(from, true), true);
          }
          written = last;
        } else {
          // The run overlaps the bytes it is writing: byte by byte, as the spec's dictionary does.
          while (written < last) output[written++] = output[from++]!;
        }
      }
      continue;
    }
    for (let bit = 0; bit < TOKENS_PER_CONTROL_BYTE; bit++) {
      if (written >= capacity) break decoding;
      if ((control & (1 << bit)) === 0) {
        // Literal: one byte, copied to the output (and so into the dictionary).
        if (readPosition >= contents.length) break decoding;
        output[written++] = contents[readPosition++]!;
        continue;
      }
      if (readPosition + REFERENCE_SIZE > contents.length) break decoding;
      const reference = (contents[readPosition]! << 8) | contents[readPosition + 1]!;
      readPosition += REFERENCE_SIZE;
      const offset = reference >>> REFERENCE_OFFSET_SHIFT;
      // The dictionary's write position: the seed was written before the first output byte.
      // A reference to the write position itself is the end marker.
      const writePosition = (INITIAL_DICTIONARY.length + written) & DICTIONARY_MASK;
      if (offset === writePosition) {
        hasEndMarker = true;
        break decoding;
      }
      const length = Math.min(
        (reference & REFERENCE_LENGTH_MASK) + REFERENCE_LENGTH_BIAS,
        capacity - written,
      );
      // Byte by byte, so a run that overlaps the write position repeats what it just wrote.
      let from = written - ((writePosition - offset) & DICTIONARY_MASK);
      const last = written + length;
      while (from < 0 && written < last) {
        output[written++] = SEEDED_HISTORY[DICTIONARY_SIZE + from++]!;
      }
      while (written < last) output[written++] = output[from++]!;
    }
  }

  if (written < header.rawSize) {
    reportShortOutput(header.rawSize, { written, hardLimit, hasEndMarker, readPosition }, report);
  }
  return written === output.length ? output : output.slice(0, written);
}

/** Where decompression stopped, to say why the output is shorter than RAWSIZE. */
interface DecompressionEnd {
  written: number;
  hardLimit: number;
  hasEndMarker: boolean;
  /** Offset within the contents where reading stopped. */
  readPosition: number;
}

function reportShortOutput(rawSize: number, end: DecompressionEnd, report: DiagnosticSink) {
  if (end.written >= end.hardLimit) {
    report({
      code: 'LIMIT_EXCEEDED',
      message: `${PROPERTY_NAME} RAWSIZE: ${rawSize} bytes exceeds the limit of ${end.hardLimit} for this stream; output cut at the limit`,
      where: { offset: RAWSIZE_OFFSET },
    });
  } else if (end.hasEndMarker) {
    report({
      code: 'CORRUPT_DATA',
      message: `${PROPERTY_NAME} RAWSIZE: expected ${end.written} (what the contents hold), found ${rawSize}`,
      where: { offset: RAWSIZE_OFFSET },
    });
  } else {
    report({
      code: 'TRUNCATED',
      message: `${PROPERTY_NAME} contents: expected ${rawSize} decompressed bytes, found ${end.written} before the data ended`,
      where: { offset: HEADER_SIZE + end.readPosition },
    });
  }
}

function hex(value: number): string {
  return value.toString(16).toUpperCase().padStart(8, '0');
}
