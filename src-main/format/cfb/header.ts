import { MsgFormatError } from '../errors.js';
import type { CheckContext } from './check-context.js';
import { describeNotCompoundFile } from './file-kind.js';
import {
  HEADER_DIFAT_ENTRIES,
  HEADER_SIGNATURE,
  HEADER_SIZE_V3,
  MINI_SECTOR_SHIFT,
  MINI_STREAM_CUTOFF,
  SECTOR_NUMBER_SIZE,
} from './sector-numbers.js';
import type { SectorGeometry } from './sector-numbers.js';

/** Byte offsets of the header fields (the ones repairs write to are used elsewhere too). */
export const HEADER_FIELD = {
  signature: 0x00,
  minorVersion: 0x18,
  majorVersion: 0x1a,
  byteOrder: 0x1c,
  sectorShift: 0x1e,
  miniSectorShift: 0x20,
  reserved: 0x22,
  directorySectorCount: 0x28,
  fatSectorCount: 0x2c,
  firstDirectorySector: 0x30,
  transactionSignature: 0x34,
  miniStreamCutoff: 0x38,
  firstMiniFatSector: 0x3c,
  miniFatSectorCount: 0x40,
  firstDifatSector: 0x44,
  difatSectorCount: 0x48,
  difat: 0x4c,
} as const;

const RESERVED_LENGTH = 6;
const LITTLE_ENDIAN_MARK = 0xfffe;
const SECTOR_SHIFT_BY_VERSION = { 3: 9, 4: 12 } as const;

// [MS-CFB] 2.2 Compound File Header
export interface CompoundFileHeader {
  /** Major Version: 3 (512-byte sectors) or 4 (4,096-byte sectors). */
  majorVersion: 3 | 4;
  /** Sector Shift: sector size as a power of two, 9 for version 3, 12 for version 4. */
  sectorShift: number;
  /** Number of Directory Sectors: 0 in version 3 (the field did not exist); the chain length in 4. */
  directorySectorCount: number;
  /** Number of FAT Sectors. `cfb` ignores it and takes the DIFAT entries up to the first free one. */
  fatSectorCount: number;
  /** First Directory Sector Location: start of the directory chain. */
  firstDirectorySector: number;
  /** First Mini FAT Sector Location: start of the mini FAT chain, or ENDOFCHAIN. */
  firstMiniFatSector: number;
  /** Number of Mini FAT Sectors. */
  miniFatSectorCount: number;
  /** First DIFAT Sector Location: ENDOFCHAIN unless the FAT has more than 109 sectors. */
  firstDifatSector: number;
  /** Number of DIFAT Sectors. */
  difatSectorCount: number;
  /** DIFAT: the first 109 FAT sector locations, FREESECT where unused. */
  difat: number[];
}

/**
 * Reads and checks the header. Throws `NOT_CFB` when the signature is missing (the bytes are no
 * compound file at all); every other problem goes to the context.
 * @see [MS-CFB] 2.2 Compound File Header
 */
export function readHeader(context: CheckContext): CompoundFileHeader {
  const bytes = context.bytes;
  const hasSignature =
    bytes.length >= HEADER_SIGNATURE.length &&
    HEADER_SIGNATURE.every((byte, i) => bytes[i] === byte);
  if (!hasSignature) {
    throw new MsgFormatError('NOT_CFB', describeNotCompoundFile(bytes), { offset: 0 });
  }
  if (bytes.length < HEADER_SIZE_V3) {
    context.fatal('TRUNCATED', `header: expected ${HEADER_SIZE_V3} bytes, found ${bytes.length}`, {
      offset: 0,
    });
  }

  // Header Signature (8 bytes): checked above.
  // Header CLSID (16 bytes): reserved, all zero; nobody checks it.
  // Minor Version (2 bytes): 0x003E from Microsoft's writers, 0x003B and 0x0021 from others; not checked.
  // Major Version (2 bytes): decides the sector size.
  const majorVersion = context.u16(HEADER_FIELD.majorVersion);
  if (majorVersion !== 3 && majorVersion !== 4) {
    context.fatal(
      'CORRUPT_CONTAINER',
      `header major version: expected 3 or 4, found ${majorVersion}`,
      {
        offset: HEADER_FIELD.majorVersion,
      },
    );
  }
  const headerSize = 1 << SECTOR_SHIFT_BY_VERSION[majorVersion];
  if (bytes.length < headerSize) {
    context.fatal(
      'TRUNCATED',
      `header: a version ${majorVersion} header takes ${headerSize} bytes, the file has ${bytes.length}`,
      { offset: 0 },
    );
  }
  // Byte Order (2 bytes): MUST be 0xFFFE. `cfb` skips it because some writers put 0xFFFF; the
  // integers are little-endian either way.
  const byteOrder = context.u16(HEADER_FIELD.byteOrder);
  if (byteOrder !== LITTLE_ENDIAN_MARK) {
    context.report(
      'quirk',
      'CORRUPT_CONTAINER',
      `header byte order: expected 0xFFFE, found 0x${byteOrder.toString(16).toUpperCase()}`,
      {
        offset: HEADER_FIELD.byteOrder,
      },
    );
  }
  // Sector Shift (2 bytes): 9 for version 3, 12 for version 4. A different size would put every
  // sector somewhere else; there is nothing to guess.
  const sectorShift = context.u16(HEADER_FIELD.sectorShift);
  if (sectorShift !== SECTOR_SHIFT_BY_VERSION[majorVersion]) {
    context.fatal(
      'CORRUPT_CONTAINER',
      `header sector shift: expected ${SECTOR_SHIFT_BY_VERSION[majorVersion]} for version ${majorVersion}, found ${sectorShift}`,
      { offset: HEADER_FIELD.sectorShift },
    );
  }
  // Mini Sector Shift (2 bytes): MUST be 6 (64-byte mini sectors).
  const miniSectorShift = context.u16(HEADER_FIELD.miniSectorShift);
  if (miniSectorShift !== MINI_SECTOR_SHIFT) {
    context.fatal(
      'CORRUPT_CONTAINER',
      `header mini sector shift: expected ${MINI_SECTOR_SHIFT}, found ${miniSectorShift}`,
      {
        offset: HEADER_FIELD.miniSectorShift,
      },
    );
  }
  // Reserved (6 bytes): MUST be zero. `cfb` throws on anything else although nothing depends on
  // it, so the copy gets zeros.
  for (let i = 0; i < RESERVED_LENGTH; i++) {
    if (context.u8(HEADER_FIELD.reserved + i) === 0) continue;
    for (let j = 0; j < RESERVED_LENGTH; j++) context.writeU8(HEADER_FIELD.reserved + j, 0);
    context.report(
      'quirk',
      'CORRUPT_CONTAINER',
      'header reserved bytes: expected zero, found other values; zeroed',
      {
        offset: HEADER_FIELD.reserved,
      },
      true,
    );
    break;
  }
  // Number of Directory Sectors (4 bytes): MUST be zero in version 3, where the field is unused;
  // `cfb` throws otherwise, so the copy gets a zero.
  let directorySectorCount = context.u32(HEADER_FIELD.directorySectorCount);
  if (majorVersion === 3 && directorySectorCount !== 0) {
    context.writeU32(HEADER_FIELD.directorySectorCount, 0);
    context.report(
      'quirk',
      'CORRUPT_CONTAINER',
      `header number of directory sectors: expected 0 in version 3, found ${directorySectorCount}; zeroed`,
      { offset: HEADER_FIELD.directorySectorCount },
      true,
    );
    directorySectorCount = 0;
  }
  // Number of FAT Sectors, First Directory Sector Location: checked with the FAT and directory.
  const fatSectorCount = context.u32(HEADER_FIELD.fatSectorCount);
  const firstDirectorySector = context.u32(HEADER_FIELD.firstDirectorySector);
  // Transaction Signature Number (4 bytes): transactions are not supported by anybody; ignored.
  // Mini Stream Cutoff Size (4 bytes): MUST be 4096. It decides which streams live in the mini
  // stream; with another value we could not tell where a stream's bytes are.
  const miniStreamCutoff = context.u32(HEADER_FIELD.miniStreamCutoff);
  if (miniStreamCutoff !== MINI_STREAM_CUTOFF) {
    context.fatal(
      'CORRUPT_CONTAINER',
      `header mini stream cutoff size: expected ${MINI_STREAM_CUTOFF}, found ${miniStreamCutoff}`,
      {
        offset: HEADER_FIELD.miniStreamCutoff,
      },
    );
  }
  // First Mini FAT Sector Location, Number of Mini FAT Sectors, First DIFAT Sector Location,
  // Number of DIFAT Sectors (4 bytes each): checked with the structures they point at.
  const firstMiniFatSector = context.u32(HEADER_FIELD.firstMiniFatSector);
  const miniFatSectorCount = context.u32(HEADER_FIELD.miniFatSectorCount);
  const firstDifatSector = context.u32(HEADER_FIELD.firstDifatSector);
  const difatSectorCount = context.u32(HEADER_FIELD.difatSectorCount);
  // DIFAT (436 bytes): the first 109 FAT sector locations.
  const difat: number[] = [];
  for (let i = 0; i < HEADER_DIFAT_ENTRIES; i++) {
    difat.push(context.u32(HEADER_FIELD.difat + i * SECTOR_NUMBER_SIZE));
  }
  return {
    majorVersion,
    sectorShift,
    directorySectorCount,
    fatSectorCount,
    firstDirectorySector,
    firstMiniFatSector,
    miniFatSectorCount,
    firstDifatSector,
    difatSectorCount,
    difat,
  };
}

/**
 * Works out the sector layout, padding a trailing partial sector with zeros: writers that append a
 * few stray bytes are common (Outlook opens such files), and whole sectors keep every later read
 * in bounds. A file with no sector after the header has no directory and is truncated.
 * @see [MS-CFB] 2.2 (Sector Shift) and 2.9 Compound File Size Limits
 */
export function readGeometry(context: CheckContext, header: CompoundFileHeader): SectorGeometry {
  const sectorSize = 1 << header.sectorShift;
  const headerSize = sectorSize;
  const length = context.bytes.length;
  const partial = (length - headerSize) % sectorSize;
  if (partial !== 0) {
    context.padTo(length + sectorSize - partial);
    context.report(
      'quirk',
      'TRUNCATED',
      `file length: expected a whole number of ${sectorSize}-byte sectors, found ${partial} bytes of a last sector; padded with zeros`,
      { offset: length },
      true,
    );
  }
  const sectorCount = (context.bytes.length - headerSize) / sectorSize;
  if (sectorCount === 0) {
    context.fatal(
      'TRUNCATED',
      `file length: expected sectors after the ${headerSize}-byte header, found none`,
      {
        offset: headerSize,
      },
    );
  }
  return {
    version: header.majorVersion,
    sectorSize,
    headerSize,
    sectorCount,
    entriesPerSector: sectorSize / SECTOR_NUMBER_SIZE,
  };
}
