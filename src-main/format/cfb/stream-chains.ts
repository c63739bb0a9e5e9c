import { LOOPS, walkChain } from './allocation.js';
import type { ChainMap, Fat, MiniFat } from './allocation.js';
import type { CheckContext } from './check-context.js';
import { ENTRY_FIELD, OBJECT_TYPE } from './directory.js';
import type { DirectoryEntry, DirectoryTree } from './directory.js';
import {
  ENDOFCHAIN,
  MINI_SECTOR_SIZE,
  MINI_STREAM_CUTOFF,
  SIGNED_LIMIT,
  describeSector,
  isPastEnd,
} from './sector-numbers.js';
import type { SectorGeometry } from './sector-numbers.js';

/**
 * A chain may run this many sectors past what its stream's size needs before it is worth a note:
 * some writers leave a spare sector, and the extra bytes are never read.
 */
const CHAIN_SLACK_SECTORS = 1;

// [MS-CFB] 2.6.3 Other Directory Entries (Starting Sector Location, Stream Size)
// and 2.7 Compound File User-Defined Data Sectors

/**
 * Checks the sectors of every stream in the tree. Streams of 4,096 bytes or more are FAT chains: a
 * chain that runs into a loop is fatal, because `cfb` follows a stream's chain without a seen set
 * and loops until V8 aborts the process (docs/hard-cases.md). Smaller streams are mini FAT chains
 * inside the mini stream, which is the root entry's FAT chain; `cfb` bounds those walks by the
 * size, so a damaged one is cut where it leaves the mini stream or loops, never fatal.
 * @see [MS-CFB] 2.6.3 Other Directory Entries, 2.4 Compound File Mini FAT Sectors
 */
export function checkStreamChains(
  context: CheckContext,
  geometry: SectorGeometry,
  fat: Fat,
  chains: ChainMap,
  miniFat: MiniFat | undefined,
  tree: DirectoryTree,
): number[] {
  const miniStreamSectors = readMiniStreamSectors(context, geometry, fat, tree);
  const miniSectorCapacity = (miniStreamSectors.length * geometry.sectorSize) / MINI_SECTOR_SIZE;
  // One mark per mini sector, stamped with the stream being walked: a loop check without a set
  // per stream.
  const miniVisits = new MiniSectorVisits(context.scratch.uint32(miniFat ? miniSectorCapacity : 0));
  let unreadableSmallStreams = 0;
  for (const id of tree.paths.ids) {
    const path = tree.paths.get(id)!;
    const entry = tree.entries[id];
    if (!entry || entry.objectType !== OBJECT_TYPE.stream) continue;
    if (geometry.version === 4 && entry.sizeHigh !== 0) {
      // Version 3 writers may leave garbage in the high half; in version 4 it means 4 GB or more.
      context.report(
        'damage',
        'CORRUPT_CONTAINER',
        `stream ${path} size: expected below 4 GB, found a high part of ${entry.sizeHigh}; the low 32 bits are used`,
        { stream: path, offset: entry.offset },
      );
    }
    if (entry.size >= SIGNED_LIMIT) {
      context.report(
        'damage',
        'CORRUPT_CONTAINER',
        `stream ${path} size: expected at most the file's size, found ${entry.size}; read as empty`,
        { stream: path, offset: entry.offset },
      );
    } else if (entry.size >= MINI_STREAM_CUTOFF) {
      checkFatStream(context, geometry, chains, entry, path);
    } else if (entry.size > 0) {
      if (!miniFat || miniSectorCapacity === 0) unreadableSmallStreams++;
      else checkMiniStream(context, miniFat, miniSectorCapacity, miniVisits, entry, path);
    }
  }
  if (unreadableSmallStreams > 0) {
    context.report(
      'damage',
      'CORRUPT_CONTAINER',
      `${unreadableSmallStreams} streams below ${MINI_STREAM_CUTOFF} bytes cannot be read: the file has no ${miniFat ? 'mini stream' : 'mini FAT'}; read as empty`,
    );
  }
  return miniStreamSectors;
}

/** Which mini sectors the current walk has visited: `stamp[sector] === walk`. */
class MiniSectorVisits {
  private walk = 0;
  /** Mini sectors visited by the current walk. */
  count = 0;

  /** `stamp`: one zeroed entry per mini sector of the mini stream. */
  constructor(private readonly stamp: Uint32Array) {}

  startWalk(): void {
    this.walk++;
    this.count = 0;
  }

  has(miniSector: number): boolean {
    return this.stamp[miniSector] === this.walk;
  }

  add(miniSector: number): void {
    this.stamp[miniSector] = this.walk;
    this.count++;
  }
}

/**
 * The root entry's start sector begins the mini stream. `cfb` dereferences it unchecked whenever
 * there is a mini FAT, so one outside the file is reset to ENDOFCHAIN (no mini stream). Returns
 * the mini stream's sectors, in order.
 * @see [MS-CFB] 2.6.2 Root Directory Entry
 */
function readMiniStreamSectors(
  context: CheckContext,
  geometry: SectorGeometry,
  fat: Fat,
  tree: DirectoryTree,
): number[] {
  const root = tree.entries[0];
  if (!root || root.start === ENDOFCHAIN) return [];
  if (root.start >= geometry.sectorCount) {
    context.writeU32(root.offset + ENTRY_FIELD.start, ENDOFCHAIN);
    context.report(
      root.size === 0 ? 'quirk' : 'damage',
      isPastEnd(geometry, root.start) ? 'TRUNCATED' : 'CORRUPT_CONTAINER',
      `root entry start sector (the mini stream): expected a sector below ${geometry.sectorCount} or ENDOFCHAIN, found ${describeSector(root.start)}; reset to ENDOFCHAIN`,
      { offset: root.offset },
      true,
    );
    root.start = ENDOFCHAIN;
    return [];
  }
  const chain = walkChain(context, geometry, fat, root.start);
  if (chain.loopsTo !== undefined) {
    context.report(
      'damage',
      'CORRUPT_CONTAINER',
      `mini stream chain: loops back to sector ${chain.loopsTo} after ${chain.sectors.length} sectors; read up to the loop`,
      { offset: root.offset },
    );
  }
  return chain.sectors;
}

/** A stream of 4,096 bytes or more: its FAT chain. */
function checkFatStream(
  context: CheckContext,
  geometry: SectorGeometry,
  chains: ChainMap,
  entry: DirectoryEntry,
  path: string,
): void {
  const where = { stream: path, offset: entry.offset };
  const neededSectors = Math.ceil(entry.size / geometry.sectorSize);
  if (entry.start >= SIGNED_LIMIT) {
    context.report(
      'damage',
      'CORRUPT_CONTAINER',
      `stream ${path} start sector: expected a sector for ${entry.size} bytes, found ${describeSector(entry.start)}; read as empty`,
      where,
    );
    return;
  }
  if (entry.start >= geometry.sectorCount) {
    const start = entry.start;
    context.writeU32(entry.offset + ENTRY_FIELD.start, ENDOFCHAIN);
    entry.start = ENDOFCHAIN;
    context.report(
      'damage',
      'TRUNCATED',
      `stream ${path} start sector: expected a sector below ${geometry.sectorCount}, found ${describeSector(start)}; read as empty`,
      where,
      true,
    );
    return;
  }
  const length = chains.length[entry.start] ?? 0;
  if (length === LOOPS) {
    context.fatal(
      'CORRUPT_CONTAINER',
      `stream ${path}: its sector chain from sector ${entry.start} runs into a loop (the FAT is corrupt)`,
      where,
    );
  }
  if ((chains.incoming[entry.start] ?? 0) > 0) {
    context.report(
      'damage',
      'CORRUPT_CONTAINER',
      `stream ${path}: starts at sector ${entry.start}, inside another sector chain (cross-linked)`,
      where,
    );
  }
  if (length < neededSectors) {
    context.report(
      'damage',
      'TRUNCATED',
      `stream ${path}: expected ${neededSectors} sectors for ${entry.size} bytes, found a chain of ${length}; read ${Math.min(entry.size, length * geometry.sectorSize)} bytes`,
      where,
    );
  } else if (length > neededSectors + CHAIN_SLACK_SECTORS) {
    context.report(
      'quirk',
      'CORRUPT_CONTAINER',
      `stream ${path}: expected ${neededSectors} sectors for ${entry.size} bytes, found a chain of ${length}; the rest is ignored`,
      where,
    );
  }
}

/**
 * A stream below 4,096 bytes: its chain of 64-byte mini sectors. `cfb` does not stop at a mini
 * sector outside the mini stream: it skips it and glues the following ones on, shifting the
 * content. So the chain is cut before such a sector, and where it loops.
 */
function checkMiniStream(
  context: CheckContext,
  miniFat: MiniFat,
  miniSectorCapacity: number,
  visits: MiniSectorVisits,
  entry: DirectoryEntry,
  path: string,
): void {
  const neededSectors = Math.ceil(entry.size / MINI_SECTOR_SIZE);
  let previous = -1;
  let miniSector = entry.start;
  visits.startWalk();
  while (visits.count < neededSectors) {
    if (miniSector >= SIGNED_LIMIT) {
      context.report(
        'damage',
        'TRUNCATED',
        `stream ${path}: expected ${neededSectors} mini sectors for ${entry.size} bytes, the chain ends (${describeSector(miniSector)}) after ${visits.count}`,
        { stream: path, offset: entry.offset },
      );
      return;
    }
    if (miniSector >= miniSectorCapacity) {
      cutMiniChain(
        context,
        { miniFat, entry, path, previous, read: visits.count * MINI_SECTOR_SIZE },
        'TRUNCATED',
        `mini sector ${miniSector} lies past the end of the mini stream (${miniSectorCapacity} mini sectors)`,
      );
      return;
    }
    if (visits.has(miniSector)) {
      cutMiniChain(
        context,
        { miniFat, entry, path, previous, read: visits.count * MINI_SECTOR_SIZE },
        'CORRUPT_CONTAINER',
        `its mini FAT chain loops back to mini sector ${miniSector}`,
      );
      return;
    }
    visits.add(miniSector);
    if (miniSector >= miniFat.next.length) {
      // `cfb` reads no next entry here (the mini FAT is too short) and stops.
      if (visits.count < neededSectors) {
        context.report(
          'damage',
          'TRUNCATED',
          `stream ${path}: the mini FAT ends at mini sector ${miniSector}; read ${visits.count * MINI_SECTOR_SIZE} of ${entry.size} bytes`,
          { stream: path, offset: entry.offset },
        );
      }
      return;
    }
    previous = miniSector;
    miniSector = miniFat.next[miniSector] ?? ENDOFCHAIN;
  }
}

interface MiniChainCut {
  miniFat: MiniFat;
  entry: DirectoryEntry;
  path: string;
  /** The mini sector before the cut, or -1 to cut at the start. */
  previous: number;
  /** Bytes before the cut. */
  read: number;
}

/** Ends a small stream's chain before a bad mini sector (in the copy) and says so. */
function cutMiniChain(
  context: CheckContext,
  { miniFat, entry, path, previous, read }: MiniChainCut,
  code: 'TRUNCATED' | 'CORRUPT_CONTAINER',
  reason: string,
): void {
  if (previous < 0) {
    context.writeU32(entry.offset + ENTRY_FIELD.start, ENDOFCHAIN);
    entry.start = ENDOFCHAIN;
  } else {
    context.writeU32(miniFat.entryOffset(previous), ENDOFCHAIN);
    miniFat.next[previous] = ENDOFCHAIN;
  }
  context.report(
    'damage',
    code,
    `stream ${path}: ${reason}; read ${read} of ${entry.size} bytes`,
    { stream: path, offset: entry.offset },
    true,
  );
}
