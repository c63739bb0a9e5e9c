// [MS-CFB] 2.1 Compound File Sector Numbers and Types

/** The largest number that may name a real sector; the values above it are markers. */
export const MAXREGSECT = 0xfffffffa;
/** FAT entry of a sector that holds part of the DIFAT. */
export const DIFSECT = 0xfffffffc;
/** FAT entry of a sector that holds part of the FAT itself. */
export const FATSECT = 0xfffffffd;
/** Ends a sector chain. */
export const ENDOFCHAIN = 0xfffffffe;
/** An unallocated sector (FAT, mini FAT) or an unused DIFAT slot. */
export const FREESECT = 0xffffffff;

// [MS-CFB] 2.6 Compound File Directory Sectors: stream IDs in the sibling and child links

/** An empty sibling or child link. */
export const NOSTREAM = 0xffffffff;

/**
 * Values from 0x80000000 up are negative to `cfb` 1.2.2, which reads sector numbers as signed
 * 32-bit integers and treats every negative one as "end of chain"; a regular number of that size
 * can never name a sector of a file below `MAX_FILE_SIZE` anyway.
 */
export const SIGNED_LIMIT = 0x80000000;

/** Fixed sizes from [MS-CFB] 2.2. */
export const HEADER_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] as const;
export const HEADER_SIZE_V3 = 512;
export const MINI_SECTOR_SHIFT = 6;
export const MINI_SECTOR_SIZE = 1 << MINI_SECTOR_SHIFT;
export const MINI_STREAM_CUTOFF = 4096;
export const HEADER_DIFAT_ENTRIES = 109;
export const DIRECTORY_ENTRY_SIZE = 128;
export const SECTOR_NUMBER_SIZE = 4;

/** Where the sectors of one file are: everything the chain walkers need to turn numbers into offsets. */
export interface SectorGeometry {
  /** Major version: 3 or 4. */
  version: 3 | 4;
  /** 512 (version 3) or 4096 (version 4). */
  sectorSize: number;
  /** The header occupies the first sector-sized block; sector 0 follows it. */
  headerSize: number;
  /** Whole sectors after the header (a trailing partial sector has been padded by then). */
  sectorCount: number;
  /** Sector numbers per FAT, mini FAT or DIFAT sector. */
  entriesPerSector: number;
}

/** [MS-CFB] 2.1: sector N starts right after the header, at (N + 1) × sector size. */
export function sectorOffset(geometry: SectorGeometry, sector: number): number {
  return geometry.headerSize + sector * geometry.sectorSize;
}

/** True for a number that names a sector present in this file. */
export function isSectorInFile(geometry: SectorGeometry, value: number): boolean {
  return value < geometry.sectorCount;
}

/** True for a regular sector number (not a marker) that lies past the end of this file. */
export function isPastEnd(geometry: SectorGeometry, value: number): boolean {
  return value >= geometry.sectorCount && value <= MAXREGSECT;
}

/** `0x1A2B` → `0x00001A2B`, the form sector numbers take in messages. */
export function hex(value: number): string {
  return `0x${(value >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
}

/** Sector numbers in messages: markers by name, others as decimal. */
export function describeSector(value: number): string {
  switch (value) {
    case DIFSECT:
      return 'DIFSECT';
    case FATSECT:
      return 'FATSECT';
    case ENDOFCHAIN:
      return 'ENDOFCHAIN';
    case FREESECT:
      return 'FREESECT';
    default:
      return value > MAXREGSECT ? hex(value) : String(value);
  }
}
