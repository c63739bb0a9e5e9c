import type { DirectoryEntry } from './directory.js';
import {
  MINI_SECTOR_SIZE,
  MINI_STREAM_CUTOFF,
  SIGNED_LIMIT,
  sectorOffset,
} from './sector-numbers.js';
import type { SectorGeometry } from './sector-numbers.js';

// [MS-CFB] 2.6.3 Other Directory Entries (Starting Sector Location, Stream Size),
// 2.7 Compound File User-Defined Data Sectors and 2.4 Compound File Mini FAT Sectors

/**
 * Everything needed to find a stream's bytes, as the container check left it: the checked bytes
 * and the allocation tables of its last pass, which made no repair, so they describe those bytes.
 * Every chain in them has been walked: no stream's chain loops, leaves the file or leaves the mini
 * stream (the check refuses or cuts those), so reading here needs no seen sets.
 */
export interface StreamLayout {
  /** The bytes the check accepted: the input, or its repaired copy. */
  bytes: Uint8Array;
  geometry: SectorGeometry;
  /** The FAT entry of every sector: the next sector of its chain, or a marker (2.3). */
  fat: Uint32Array;
  /** The mini FAT entry of every mini sector it describes, or undefined without a mini FAT (2.4). */
  miniFat: Uint32Array | undefined;
  /** The mini stream's sectors in order: the root entry's chain; empty without one (2.6.2). */
  miniStreamSectors: readonly number[];
}

/** Where one stream's bytes are. */
export interface StreamExtent {
  /** Bytes the stream yields: its size, or less when its chain ends early. */
  size: number;
  /** File offset of the bytes when they lie back to back in the file, else -1 (a copy is needed). */
  contiguousAt: number;
}

const EMPTY_EXTENT: StreamExtent = { size: 0, contiguousAt: -1 };
/** Small stream copies share slabs of these sizes (each copy is below 4,096 bytes). */
const MIN_SLAB_SIZE = 8 * 1024;
const MAX_SLAB_SIZE = 64 * 1024;

/**
 * Reads streams lazily from their sector chains. A stream whose sectors follow each other in the
 * file (the usual case) is a view of the file's bytes, not a copy; only a fragmented stream is
 * copied, when first read. Reads what `cfb` 1.2.2 would return for the same checked bytes, byte for
 * byte, short chains included (tests/format/cfb compares the two on the corpus and on mutations).
 */
export class StreamReader {
  /**
   * Copies of small scattered streams are cut from shared slabs: a typed array of its own costs an
   * allocation outside the JS heap each, and a file can have hundreds of such streams. A slab lives
   * as long as any stream cut from it.
   */
  private slab: ArrayBuffer | undefined;
  private slabUsed = 0;

  constructor(private readonly layout: StreamLayout) {}

  /**
   * Where a stream entry's bytes are: a walk of its chain, at most the sectors its size needs.
   * Streams of 4,096 bytes or more are FAT chains of sectors; smaller ones are mini FAT chains of
   * 64-byte mini sectors inside the mini stream. A size that is negative as a signed 32-bit number
   * yields nothing (as in `cfb`, which reads sizes signed).
   */
  extentOf(entry: DirectoryEntry): StreamExtent {
    if (entry.size === 0 || entry.size >= SIGNED_LIMIT) return EMPTY_EXTENT;
    return entry.size >= MINI_STREAM_CUTOFF ? this.fatExtent(entry) : this.miniExtent(entry);
  }

  /** The bytes of `extent` (from `extentOf(entry)`): a view when contiguous, else a new copy. */
  read(entry: DirectoryEntry, extent: StreamExtent): Uint8Array {
    const { bytes } = this.layout;
    if (extent.size === 0) return new Uint8Array(0);
    if (extent.contiguousAt >= 0) {
      return bytes.subarray(extent.contiguousAt, extent.contiguousAt + extent.size);
    }
    // The same walks as the extent's, which ended where the chain or the size did; each copy
    // takes a whole run of sectors that follow each other in the file.
    const copy = this.newCopy(extent.size);
    let copied = 0;
    if (entry.size >= MINI_STREAM_CUTOFF) {
      const { geometry, fat } = this.layout;
      let sector = entry.start;
      for (;;) {
        const from = sectorOffset(geometry, sector);
        let count = Math.min(geometry.sectorSize, extent.size - copied);
        while (copied + count < extent.size && fat[sector] === sector + 1) {
          sector++;
          count += Math.min(geometry.sectorSize, extent.size - copied - count);
        }
        copy.set(bytes.subarray(from, from + count), copied);
        copied += count;
        if (copied >= extent.size) break;
        sector = fat[sector]!;
      }
    } else {
      const miniFat = this.layout.miniFat!;
      let miniSector = entry.start;
      for (;;) {
        const from = this.miniSectorOffset(miniSector);
        let count = Math.min(MINI_SECTOR_SIZE, extent.size - copied);
        while (
          copied + count < extent.size &&
          this.miniSectorOffset(miniFat[miniSector]!) === from + count
        ) {
          miniSector = miniFat[miniSector]!;
          count += Math.min(MINI_SECTOR_SIZE, extent.size - copied - count);
        }
        copy.set(bytes.subarray(from, from + count), copied);
        copied += count;
        if (copied >= extent.size) break;
        miniSector = miniFat[miniSector]!;
      }
    }
    return copy;
  }

  private newCopy(size: number): Uint8Array {
    if (size >= MINI_STREAM_CUTOFF) return new Uint8Array(size);
    if (!this.slab || this.slabUsed + size > this.slab.byteLength) {
      // Small at first (most files copy a few streams), larger as a file turns out to need more.
      const slabSize = this.slab
        ? Math.min(this.slab.byteLength * 2, MAX_SLAB_SIZE)
        : MIN_SLAB_SIZE;
      this.slab = new ArrayBuffer(slabSize);
      this.slabUsed = 0;
    }
    const copy = new Uint8Array(this.slab, this.slabUsed, size);
    this.slabUsed += size;
    return copy;
  }

  /** A FAT chain: sectors until the size is covered or the chain ends (a marker or a cut). */
  private fatExtent(entry: DirectoryEntry): StreamExtent {
    const { geometry, fat } = this.layout;
    const { sectorCount, sectorSize } = geometry;
    const needed = Math.ceil(entry.size / sectorSize);
    let sector = entry.start;
    if (sector >= sectorCount) return EMPTY_EXTENT;
    let sectors = 0;
    let isContiguous = true;
    // At most `needed` sectors and never more than the file has: a bound even on a chain the
    // check would have refused.
    for (;;) {
      sectors++;
      if (sectors >= needed || sectors >= sectorCount) break;
      const next = fat[sector]!;
      if (next >= sectorCount) break;
      if (next !== sector + 1) isContiguous = false;
      sector = next;
    }
    const size = Math.min(entry.size, sectors * sectorSize);
    return {
      size,
      contiguousAt: isContiguous ? sectorOffset(geometry, entry.start) : -1,
    };
  }

  /**
   * A mini FAT chain, read as `cfb` reads it: mini sectors while the size lasts, stopping at a
   * marker or at a mini sector past the end of the mini FAT (which has no next entry).
   */
  private miniExtent(entry: DirectoryEntry): StreamExtent {
    const { miniFat, miniStreamSectors, geometry } = this.layout;
    if (!miniFat || miniStreamSectors.length === 0) return EMPTY_EXTENT;
    const capacity = (miniStreamSectors.length * geometry.sectorSize) / MINI_SECTOR_SIZE;
    const needed = Math.ceil(entry.size / MINI_SECTOR_SIZE);
    let miniSector = entry.start;
    let pieces = 0;
    let first = -1;
    let isContiguous = true;
    while (pieces < needed && miniSector < SIGNED_LIMIT && miniSector < capacity) {
      const offset = this.miniSectorOffset(miniSector);
      if (first < 0) first = offset;
      else if (offset !== first + pieces * MINI_SECTOR_SIZE) isContiguous = false;
      pieces++;
      if (miniSector >= miniFat.length) break;
      miniSector = miniFat[miniSector]!;
    }
    const size = Math.min(entry.size, pieces * MINI_SECTOR_SIZE);
    if (size === 0) return EMPTY_EXTENT;
    return { size, contiguousAt: isContiguous ? first : -1 };
  }

  /** File offset of a mini sector: its place in the mini stream, mapped through its sectors. */
  private miniSectorOffset(miniSector: number): number {
    const { geometry, miniStreamSectors } = this.layout;
    const inStream = miniSector * MINI_SECTOR_SIZE;
    const sector = miniStreamSectors[Math.floor(inStream / geometry.sectorSize)]!;
    return sectorOffset(geometry, sector) + (inStream % geometry.sectorSize);
  }
}
