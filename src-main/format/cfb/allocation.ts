import type { CheckContext } from './check-context.js';
import type { CompoundFileHeader } from './header.js';
import { HEADER_FIELD } from './header.js';
import {
  ENDOFCHAIN,
  FREESECT,
  HEADER_DIFAT_ENTRIES,
  MAXREGSECT,
  SECTOR_NUMBER_SIZE,
  SIGNED_LIMIT,
  describeSector,
  isPastEnd,
  sectorOffset,
} from './sector-numbers.js';
import type { SectorGeometry } from './sector-numbers.js';

/**
 * The allocation tables: where the FAT is ([MS-CFB] 2.5), what it says ([MS-CFB] 2.3), and the mini
 * FAT ([MS-CFB] 2.4). Each is read the way `cfb` 1.2.2 reads it, position for position, so the
 * chains checked here are the chains `cfb` will follow; where `cfb` departs from the spec, the
 * comment says how.
 */

// [MS-CFB] 2.5 Compound File DIFAT Sectors

/**
 * Lists the FAT sectors: the header's DIFAT entries, then those of the DIFAT sector chain. Like
 * `cfb`, takes the header entries up to the first marker, and from each DIFAT sector every entry
 * up to an ENDOFCHAIN (FREESECT entries included, as placeholders). Repairs the two DIFAT quirks
 * `cfb` cannot take: a chain shorter than the header's count (it throws "DIFAT chain shorter than
 * expected", SheetJS/js-cfb#14) and a chain that loops or runs on (it recurses until the count runs
 * out, billions of times for a hostile count).
 * @see [MS-CFB] 2.5 Compound File DIFAT Sectors
 */
export function readDifat(
  context: CheckContext,
  header: CompoundFileHeader,
  geometry: SectorGeometry,
): number[] {
  const fatSectors: number[] = [];
  for (const entry of header.difat) {
    if (entry >= SIGNED_LIMIT) break;
    fatSectors.push(entry);
  }
  // Each DIFAT sector holds this many FAT sector numbers; its last slot is the next DIFAT sector.
  const perDifatSector = geometry.entriesPerSector - 1;
  const nextSlot = perDifatSector * SECTOR_NUMBER_SIZE;
  // FAT sectors past this many only describe sectors beyond the end of the file.
  const neededFatSectors = Math.ceil(geometry.sectorCount / geometry.entriesPerSector);
  const neededDifatSectors = Math.ceil(
    Math.max(0, neededFatSectors - HEADER_DIFAT_ENTRIES) / perDifatSector,
  );
  const declaredCount = header.difatSectorCount;
  // `cfb` reads the count as a signed integer and follows the chain while the count lasts.
  let countLeft = declaredCount | 0;
  let sector = header.firstDifatSector;
  let previous = -1;
  let isCountRepaired = false;
  const visited = new Set<number>();
  const cut = (severity: 'damage' | 'quirk', message: string) => {
    isCountRepaired = true;
    if (previous < 0) context.writeU32(HEADER_FIELD.firstDifatSector, ENDOFCHAIN);
    else context.writeU32(sectorOffset(geometry, previous) + nextSlot, ENDOFCHAIN);
    context.writeU32(HEADER_FIELD.difatSectorCount, visited.size);
    context.report(
      severity,
      'CORRUPT_CONTAINER',
      message,
      { offset: HEADER_FIELD.firstDifatSector },
      true,
    );
  };
  for (;;) {
    if (sector === ENDOFCHAIN) {
      if (countLeft !== 0) {
        isCountRepaired = true;
        context.writeU32(HEADER_FIELD.difatSectorCount, visited.size);
        context.report(
          'quirk',
          'CORRUPT_CONTAINER',
          `header number of DIFAT sectors: expected ${visited.size} (where the DIFAT chain ends), found ${declaredCount}; corrected`,
          { offset: HEADER_FIELD.difatSectorCount },
          true,
        );
      }
      break;
    }
    // FREESECT ends the chain for `cfb` and for writers that put it there instead of ENDOFCHAIN.
    if (sector === FREESECT) break;
    if (sector >= geometry.sectorCount) {
      context.report(
        fatSectors.length < neededFatSectors ? 'damage' : 'quirk',
        isPastEnd(geometry, sector) ? 'TRUNCATED' : 'CORRUPT_CONTAINER',
        `DIFAT chain: expected a sector below ${geometry.sectorCount}, found ${describeSector(sector)}; the chain ends there`,
        { offset: HEADER_FIELD.firstDifatSector },
      );
      break;
    }
    if (visited.has(sector)) {
      cut(
        'damage',
        `DIFAT chain: loops back to sector ${sector} after ${visited.size} sectors; cut there`,
      );
      break;
    }
    if (fatSectors.length >= neededFatSectors) {
      cut(
        'quirk',
        `DIFAT chain: continues after listing enough FAT sectors for the whole file; cut after ${visited.size} sectors`,
      );
      break;
    }
    if (visited.size > neededDifatSectors) {
      // Its sectors list (almost) nothing; `cfb` would recurse once per sector, deep enough to
      // overflow its stack in a large file.
      cut(
        'damage',
        `DIFAT chain: expected at most ${neededDifatSectors} sectors for a ${geometry.sectorCount}-sector file, found more; cut after ${visited.size}`,
      );
      break;
    }
    visited.add(sector);
    const base = sectorOffset(geometry, sector);
    for (let i = 0; i < perDifatSector; i++) {
      const entry = context.u32(base + i * SECTOR_NUMBER_SIZE);
      if (entry === ENDOFCHAIN) break;
      fatSectors.push(entry);
    }
    if (countLeft < 1) break;
    countLeft--;
    previous = sector;
    sector = context.u32(base + nextSlot);
  }
  if (!isCountRepaired && visited.size !== declaredCount) {
    context.report(
      'quirk',
      'CORRUPT_CONTAINER',
      `header number of DIFAT sectors: expected ${visited.size} (the DIFAT sectors read), found ${declaredCount}`,
      { offset: HEADER_FIELD.difatSectorCount },
    );
  }

  const first = fatSectors[0];
  if (first === undefined || first >= geometry.sectorCount) {
    // `cfb` names the first FAT sector's chain "!FAT" and throws a TypeError when it has none.
    context.fatal(
      first !== undefined && isPastEnd(geometry, first) ? 'TRUNCATED' : 'CORRUPT_CONTAINER',
      `header DIFAT[0]: expected the first FAT sector, a number below ${geometry.sectorCount}, found ${describeSector(first ?? FREESECT)}`,
      { offset: HEADER_FIELD.difat },
    );
  }
  let missing = 0;
  for (let i = 0; i < neededFatSectors; i++) {
    if ((fatSectors[i] ?? FREESECT) >= geometry.sectorCount) missing++;
  }
  if (missing > 0) {
    // A quirk here: what it costs shows up as the streams that end early, reported one by one.
    context.report(
      'quirk',
      'TRUNCATED',
      `FAT: ${missing} of the ${neededFatSectors} FAT sectors this file needs are missing or past its end; chains through the sectors they describe end there`,
      { offset: HEADER_FIELD.difat },
    );
  }
  const listed = fatSectors.filter((entry) => entry < geometry.sectorCount).length;
  if (listed !== header.fatSectorCount) {
    context.report(
      'quirk',
      'CORRUPT_CONTAINER',
      `header number of FAT sectors: expected ${listed} (the FAT sectors the DIFAT lists), found ${header.fatSectorCount}`,
      { offset: HEADER_FIELD.fatSectorCount },
    );
  }
  return fatSectors;
}

// [MS-CFB] 2.3 Compound File FAT Sectors

export interface Fat {
  /** The FAT entry of every sector of the file: the next sector of its chain, or a marker. */
  next: Uint32Array;
  /** File offset of a sector's FAT entry, or -1 where no FAT sector describes it. */
  entryOffset(sector: number): number;
}

/**
 * Reads the FAT entry of every sector. A sector no listed FAT sector describes gets FREESECT: its
 * chain ends there, as in `cfb`. Entries that point past the end of the file are cut to ENDOFCHAIN:
 * that is what a truncated download looks like, and `cfb` would otherwise fail on the whole file
 * ("list[1] argument must be an instance of Buffer") rather than lose the tail of one stream.
 * @see [MS-CFB] 2.3 Compound File FAT Sectors
 */
export function readFat(
  context: CheckContext,
  geometry: SectorGeometry,
  fatSectors: number[],
): Fat {
  const { sectorCount, entriesPerSector } = geometry;
  const entryOffset = (sector: number): number => {
    const fatSector = fatSectors[Math.floor(sector / entriesPerSector)];
    if (fatSector === undefined || fatSector >= sectorCount) return -1;
    return sectorOffset(geometry, fatSector) + (sector % entriesPerSector) * SECTOR_NUMBER_SIZE;
  };
  const next = new Uint32Array(sectorCount);
  let cutCount = 0;
  let firstCut = '';
  // One FAT sector at a time: it describes the next `entriesPerSector` sectors.
  for (let first = 0; first < sectorCount; first += entriesPerSector) {
    const last = Math.min(sectorCount, first + entriesPerSector);
    const fatSector = fatSectors[first / entriesPerSector];
    if (fatSector === undefined || fatSector >= sectorCount) {
      next.fill(FREESECT, first, last);
      continue;
    }
    const base = sectorOffset(geometry, fatSector) - first * SECTOR_NUMBER_SIZE;
    for (let sector = first; sector < last; sector++) {
      const offset = base + sector * SECTOR_NUMBER_SIZE;
      const value = context.u32(offset);
      if (value >= sectorCount && value <= MAXREGSECT) {
        context.writeU32(offset, ENDOFCHAIN);
        next[sector] = ENDOFCHAIN;
        if (cutCount++ === 0) firstCut = `sector ${sector} → ${value}`;
        continue;
      }
      next[sector] = value;
    }
  }
  if (cutCount > 0) {
    context.report(
      'damage',
      'TRUNCATED',
      `FAT: ${cutCount} entries point past the end of the file (${sectorCount} sectors), the first ${firstCut}; those chains were cut there`,
      { offset: entryOffset(0) },
      true,
    );
  }
  return { next, entryOffset };
}

/** A chain that is found by its first sector (the FAT itself, the mini FAT, the mini stream). */
export interface ChainStart {
  sector: number;
  /** What starts there, for messages: "the mini FAT". */
  what: string;
}

/**
 * The first FAT sector, the mini FAT and the mini stream are found by their first sector. A chain
 * that runs into one of them (cross-linked) makes that sector part of another chain, and `cfb` can
 * then no longer find the structure ("Cannot set properties of undefined"). The chain that runs in
 * is cut there: the structure wins over whatever collides with it.
 */
export function separateChainStarts(
  context: CheckContext,
  geometry: SectorGeometry,
  fat: Fat,
  starts: ChainStart[],
): void {
  const inFile = starts.filter((start) => start.sector < geometry.sectorCount);
  if (inFile.length === 0) return;
  // At most three starts: compared directly, not looked up per sector.
  const cuts = new Map<ChainStart, number>();
  for (let sector = 0; sector < geometry.sectorCount; sector++) {
    const next = fat.next[sector]!;
    if (next >= geometry.sectorCount) continue;
    // The last start listed for a sector wins, as a map keyed by sector would have it.
    let start: ChainStart | undefined;
    for (const candidate of inFile) if (candidate.sector === next) start = candidate;
    if (!start) continue;
    context.writeU32(fat.entryOffset(sector), ENDOFCHAIN);
    fat.next[sector] = ENDOFCHAIN;
    cuts.set(start, (cuts.get(start) ?? 0) + 1);
  }
  for (const [start, count] of cuts) {
    context.report(
      'damage',
      'CORRUPT_CONTAINER',
      `FAT: ${count} sector chains run into sector ${start.sector}, where ${start.what} starts (cross-linked); cut there`,
      { offset: fat.entryOffset(start.sector) },
      true,
    );
  }
}

/** Marks a chain that never reaches its end in `ChainMap.length`. */
export const LOOPS = -1;
const IN_PROGRESS = -2;

/** What every chain in the FAT does, computed once in linear time. */
export interface ChainMap {
  /** Sectors from each sector to the end of its chain, or LOOPS when the chain runs into a cycle. */
  length: Int32Array;
  /** How many FAT entries point at each sector, counted up to 2: above 0, it is inside a chain. */
  incoming: Uint8Array;
}

/**
 * Follows every chain of the FAT at once: each sector is visited a bounded number of times, so a
 * hostile FAT costs linear time however its chains loop or merge.
 */
export function mapChains(context: CheckContext, geometry: SectorGeometry, fat: Fat): ChainMap {
  const { sectorCount } = geometry;
  const length = context.scratch.int32(sectorCount);
  const incoming = context.scratch.uint8(sectorCount);
  const path = context.scratch.int32(sectorCount);
  for (let start = 0; start < sectorCount; start++) {
    const target = fat.next[start] ?? FREESECT;
    if (target < sectorCount) incoming[target] = Math.min(2, (incoming[target] ?? 0) + 1);
    if (length[start] !== 0) continue;
    let depth = 0;
    let sector = start;
    let tail = 0;
    for (;;) {
      if (sector >= sectorCount) break;
      const known = length[sector] ?? 0;
      if (known === IN_PROGRESS) {
        tail = LOOPS;
        break;
      }
      if (known !== 0) {
        tail = known;
        break;
      }
      length[sector] = IN_PROGRESS;
      path[depth++] = sector;
      sector = fat.next[sector] ?? FREESECT;
    }
    while (depth > 0) {
      const sectorOnPath = path[--depth] ?? 0;
      if (tail !== LOOPS) tail++;
      length[sectorOnPath] = tail;
    }
  }
  return { length, incoming };
}

export interface WalkedChain {
  sectors: number[];
  /** The sector the chain came back to, when it loops; `cfb` stops there as well. */
  loopsTo: number | undefined;
}

/**
 * The sectors of one chain, stopping where it would repeat a sector. That is how `cfb` reads the
 * directory, the mini FAT and the mini stream (its `make_sector_list` keeps a per-chain seen set).
 */
export function walkChain(
  context: CheckContext,
  geometry: SectorGeometry,
  fat: Fat,
  start: number,
): WalkedChain {
  const sectors: number[] = [];
  const seen = context.scratch.uint8(geometry.sectorCount);
  let sector = start;
  while (sector < geometry.sectorCount) {
    if (seen[sector]) return { sectors, loopsTo: sector };
    seen[sector] = 1;
    sectors.push(sector);
    sector = fat.next[sector] ?? FREESECT;
  }
  return { sectors, loopsTo: undefined };
}

// [MS-CFB] 2.4 Compound File Mini FAT Sectors

export interface MiniFat {
  /** Mini FAT entry of every mini sector it describes: the next mini sector, or a marker. */
  next: Uint32Array;
  /** File offset of a mini sector's mini FAT entry (the mini sector must be below `next.length`). */
  entryOffset(miniSector: number): number;
}

/**
 * Reads the mini FAT, the allocation table of the mini stream. A start sector that names no sector
 * of the file makes `cfb` throw ("Cannot set properties of undefined"), so it is reset to
 * ENDOFCHAIN: the file then has no readable small streams, which the stream check reports.
 * @see [MS-CFB] 2.4 Compound File Mini FAT Sectors
 */
export function readMiniFat(
  context: CheckContext,
  header: CompoundFileHeader,
  geometry: SectorGeometry,
  fat: Fat,
): MiniFat | undefined {
  const start = header.firstMiniFatSector;
  const count = header.miniFatSectorCount;
  if (start === ENDOFCHAIN) {
    if (count !== 0) {
      context.report(
        'quirk',
        'CORRUPT_CONTAINER',
        `header number of mini FAT sectors: expected 0 without a mini FAT, found ${count}`,
        {
          offset: HEADER_FIELD.miniFatSectorCount,
        },
      );
    }
    return undefined;
  }
  if (start >= geometry.sectorCount) {
    context.writeU32(HEADER_FIELD.firstMiniFatSector, ENDOFCHAIN);
    context.writeU32(HEADER_FIELD.miniFatSectorCount, 0);
    context.report(
      count === 0 ? 'quirk' : 'damage',
      isPastEnd(geometry, start) ? 'TRUNCATED' : 'CORRUPT_CONTAINER',
      `header first mini FAT sector: expected a sector below ${geometry.sectorCount} or ENDOFCHAIN, found ${describeSector(start)}; small streams cannot be read`,
      { offset: HEADER_FIELD.firstMiniFatSector },
      true,
    );
    return undefined;
  }
  const chain = walkChain(context, geometry, fat, start);
  if (chain.loopsTo !== undefined) {
    context.report(
      'damage',
      'CORRUPT_CONTAINER',
      `mini FAT chain: loops back to sector ${chain.loopsTo} after ${chain.sectors.length} sectors; read up to the loop`,
      { offset: HEADER_FIELD.firstMiniFatSector },
    );
  }
  if (chain.sectors.length !== count) {
    context.report(
      'quirk',
      'CORRUPT_CONTAINER',
      `header number of mini FAT sectors: expected ${chain.sectors.length} (the mini FAT chain's length), found ${count}`,
      { offset: HEADER_FIELD.miniFatSectorCount },
    );
  }
  const { entriesPerSector } = geometry;
  const next = new Uint32Array(chain.sectors.length * entriesPerSector);
  for (let index = 0; index < chain.sectors.length; index++) {
    const base = sectorOffset(geometry, chain.sectors[index]!);
    for (let i = 0; i < entriesPerSector; i++) {
      next[index * entriesPerSector + i] = context.u32(base + i * SECTOR_NUMBER_SIZE);
    }
  }
  const entryOffset = (miniSector: number): number =>
    sectorOffset(geometry, chain.sectors[Math.floor(miniSector / entriesPerSector)] ?? 0) +
    (miniSector % entriesPerSector) * SECTOR_NUMBER_SIZE;
  return { next, entryOffset };
}
