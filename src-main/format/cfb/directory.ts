import { MAX_DIRECTORY_ENTRIES } from '../limits.js';
import { walkChain } from './allocation.js';
import type { Fat } from './allocation.js';
import type { CheckContext } from './check-context.js';
import type { CompoundFileHeader } from './header.js';
import { HEADER_FIELD } from './header.js';
import {
  DIRECTORY_ENTRY_SIZE,
  MINI_STREAM_CUTOFF,
  NOSTREAM,
  SIGNED_LIMIT,
  describeSector,
  hex,
  isPastEnd,
  sectorOffset,
} from './sector-numbers.js';
import type { SectorGeometry } from './sector-numbers.js';

/** [MS-CFB] 2.6.1 Object Type values. Types 3 and 4 (lock bytes, property) are legacy, never in .msg. */
export const OBJECT_TYPE = { unknown: 0, storage: 1, stream: 2, root: 5 } as const;

/** Byte offsets inside one 128-byte directory entry. */
export const ENTRY_FIELD = {
  name: 0x00,
  nameLength: 0x40,
  objectType: 0x42,
  left: 0x44,
  right: 0x48,
  child: 0x4c,
  start: 0x74,
  size: 0x78,
  sizeHigh: 0x7c,
} as const;

/** The name field holds 32 UTF-16 code units including the terminating NUL. */
const MAX_NAME_LENGTH = 64;
const UTF16_UNIT = 2;

type LinkField = 'left' | 'right' | 'child';

// [MS-CFB] 2.6.1 Compound File Directory Entry
export interface DirectoryEntry {
  /** Stream ID: the entry's index in the directory stream. */
  id: number;
  /** File offset of the 128-byte entry, where repairs write. */
  offset: number;
  /** Directory Entry Name (64 bytes): UTF-16, read up to the length or the first NUL. */
  name: string;
  /** Directory Entry Name Length (2 bytes): bytes of the name including its NUL; 2 to 64, even. */
  nameLength: number;
  /** Object Type (1 byte): 0 unallocated, 1 storage, 2 stream, 5 root storage. */
  objectType: number;
  // Color Flag (1 byte): red or black. Balance is the writer's business; the links are what we follow.
  /** Left Sibling ID (4 bytes): a sibling whose name sorts before this one, or NOSTREAM. */
  left: number;
  /** Right Sibling ID (4 bytes): a sibling whose name sorts after this one, or NOSTREAM. */
  right: number;
  /** Child ID (4 bytes): for a storage, the root of its members' sibling tree, or NOSTREAM. */
  child: number;
  // CLSID (16 bytes), State Bits (4 bytes), Creation Time and Modified Time (8 bytes each): not read.
  /** Starting Sector Location (4 bytes): first sector, or first mini sector below the cutoff size;
   * for the root, the first sector of the mini stream. */
  start: number;
  /** Stream Size (8 bytes), low 32 bits. */
  size: number;
  /** Stream Size, high 32 bits: zero below 4 GB; some version 3 writers leave garbage here. */
  sizeHigh: number;
}

export interface DirectoryTree {
  /** Every entry of the directory stream, by stream ID (unused slots included). */
  entries: DirectoryEntry[];
  /** Members of each storage reachable from the root (ID 0), in [MS-CFB] name order. */
  members: Map<number, number[]>;
  /** Path below the root of every entry in the tree (`a/b/c`; '' for the root), by stream ID. */
  paths: TreePaths;
}

/**
 * The paths of the entries in the tree, by stream ID, and the IDs in the order they joined the tree
 * (storages breadth-first, members in name order). An array by ID rather than a map: every entry
 * is looked up several times.
 */
export class TreePaths {
  /** IDs in tree order. */
  readonly ids: number[] = [];
  private readonly byId: Array<string | undefined>;

  constructor(entryCount: number) {
    this.byId = new Array<string | undefined>(entryCount).fill(undefined);
  }

  set(id: number, path: string): void {
    if (this.byId[id] === undefined) this.ids.push(id);
    this.byId[id] = path;
  }

  get(id: number): string | undefined {
    return this.byId[id];
  }

  has(id: number): boolean {
    return this.byId[id] !== undefined;
  }
}

// [MS-CFB] 2.6 Compound File Directory Sectors

/**
 * Reads every entry of the directory chain. The chain must start inside the file (otherwise the
 * file is truncated or has no directory); where it loops, `cfb` stops at the repeated sector and so
 * does this. Entry 0 must be the root storage.
 * @see [MS-CFB] 2.6 Compound File Directory Sectors, 2.6.2 Root Directory Entry
 */
export function readDirectory(
  context: CheckContext,
  header: CompoundFileHeader,
  geometry: SectorGeometry,
  fat: Fat,
): DirectoryEntry[] {
  const start = header.firstDirectorySector;
  if (start >= geometry.sectorCount) {
    const isTruncated = isPastEnd(geometry, start);
    context.fatal(
      isTruncated ? 'TRUNCATED' : 'CORRUPT_CONTAINER',
      `header first directory sector: expected a sector below ${geometry.sectorCount}, found ${describeSector(start)}${isTruncated ? ' (the directory lies past the end of the file)' : ''}`,
      { offset: HEADER_FIELD.firstDirectorySector },
    );
  }
  const chain = walkChain(context, geometry, fat, start);
  if (chain.loopsTo !== undefined) {
    context.report(
      'damage',
      'CORRUPT_CONTAINER',
      `directory chain: loops back to sector ${chain.loopsTo} after ${chain.sectors.length} sectors; read up to the loop`,
      { offset: HEADER_FIELD.firstDirectorySector },
    );
  }
  if (header.majorVersion === 4 && header.directorySectorCount !== chain.sectors.length) {
    context.report(
      'quirk',
      'CORRUPT_CONTAINER',
      `header number of directory sectors: expected ${chain.sectors.length} (the directory chain's length), found ${header.directorySectorCount}`,
      { offset: HEADER_FIELD.directorySectorCount },
    );
  }
  const perSector = geometry.sectorSize / DIRECTORY_ENTRY_SIZE;
  const entryCount = chain.sectors.length * perSector;
  if (entryCount > MAX_DIRECTORY_ENTRIES) {
    context.fatal(
      'LIMIT_EXCEEDED',
      `directory: ${entryCount} entries; at most ${MAX_DIRECTORY_ENTRIES} are read`,
      { offset: HEADER_FIELD.firstDirectorySector },
    );
  }
  const entries: DirectoryEntry[] = [];
  for (const sector of chain.sectors) {
    const base = sectorOffset(geometry, sector);
    for (let slot = 0; slot < perSector; slot++) {
      entries.push(readEntry(context, entries.length, base + slot * DIRECTORY_ENTRY_SIZE));
    }
  }
  const root = entries[0];
  if (!root || root.objectType !== OBJECT_TYPE.root) {
    context.fatal(
      'CORRUPT_CONTAINER',
      `directory entry 0: expected the root storage (object type ${OBJECT_TYPE.root}), found object type ${root?.objectType ?? 'none'}`,
      { offset: root?.offset },
    );
  }
  return entries;
}

/** @see [MS-CFB] 2.6.1 Compound File Directory Entry */
function readEntry(context: CheckContext, id: number, offset: number): DirectoryEntry {
  // Read straight from the bytes: a directory has an entry per 128 bytes, and every one is read.
  const bytes = context.bytes;
  const nameLength = u16At(bytes, offset + ENTRY_FIELD.nameLength);
  // A valid length counts the NUL; a damaged one is clamped to the field and the name ends at a NUL.
  const units =
    nameLength >= UTF16_UNIT && nameLength <= MAX_NAME_LENGTH
      ? nameLength / UTF16_UNIT - 1
      : MAX_NAME_LENGTH / UTF16_UNIT;
  return {
    id,
    offset,
    name: readName(bytes, offset + ENTRY_FIELD.name, Math.floor(units)),
    nameLength,
    objectType: bytes[offset + ENTRY_FIELD.objectType]!,
    left: u32At(bytes, offset + ENTRY_FIELD.left),
    right: u32At(bytes, offset + ENTRY_FIELD.right),
    child: u32At(bytes, offset + ENTRY_FIELD.child),
    start: u32At(bytes, offset + ENTRY_FIELD.start),
    size: u32At(bytes, offset + ENTRY_FIELD.size),
    sizeHigh: u32At(bytes, offset + ENTRY_FIELD.sizeHigh),
  };
}

/** Little-endian 16- and 32-bit reads; the directory sectors lie inside the file. */
function u16At(bytes: Uint8Array, at: number): number {
  return bytes[at]! | (bytes[at + 1]! << 8);
}

function u32At(bytes: Uint8Array, at: number): number {
  return (
    (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0
  );
}

/**
 * Entry names, interned by a hash of their code units: every .msg repeats the same few hundred
 * names (`__substg1.0_0037001F`, `__properties_version1.0`), and building each one again was most
 * of the directory's reading time. A hit is confirmed against the cached units; the cache stops at
 * MAX_CACHED_NAMES, so a file of random names costs speed, not memory.
 */
const NAME_CACHE = new Map<number, CachedName>();
const MAX_CACHED_NAMES = 4096;
const NAME_HASH_MULTIPLIER = 31;
const SMALL_INTEGER_MASK = 0x3fffffff;
const MAX_NAME_UNITS = MAX_NAME_LENGTH / UTF16_UNIT;

/** A name and its code units two to a 32-bit integer (the last pair padded with zero). */
interface CachedName {
  name: string;
  pairs: Int32Array;
  units: number;
}

/** Code units of the name being read, two to an integer: at most 32 units. */
const namePairs = new Int32Array(MAX_NAME_UNITS / 2);

/**
 * The UTF-16 name at `offset`: up to `maxUnits` code units, ending early at a NUL. Reads, hashes
 * and compares two code units (four bytes) at a time.
 */
function readName(bytes: Uint8Array, offset: number, maxUnits: number): string {
  let units = 0;
  let pairs = 0;
  let hash = 0;
  while (units < maxUnits) {
    const at = offset + units * UTF16_UNIT;
    let pair = bytes[at]! | (bytes[at + 1]! << 8);
    if (pair === 0) break;
    units++;
    const second = units < maxUnits ? bytes[at + 2]! | (bytes[at + 3]! << 8) : 0;
    if (second !== 0) {
      pair |= second << 16;
      units++;
    }
    namePairs[pairs++] = pair;
    hash = (Math.imul(hash, NAME_HASH_MULTIPLIER) + pair) | 0;
    if (second === 0) break;
  }
  // A key below 2^30 stays a small integer, which a Map hashes fastest.
  const key = hash & SMALL_INTEGER_MASK;
  const cached = NAME_CACHE.get(key);
  if (cached !== undefined && isSameName(cached, units, pairs)) return cached.name;
  let name = '';
  for (let index = 0; index < pairs; index++) {
    const pair = namePairs[index]!;
    name += String.fromCharCode(pair & 0xffff);
    if (pair >>> 16 !== 0) name += String.fromCharCode(pair >>> 16);
  }
  if (cached === undefined && NAME_CACHE.size < MAX_CACHED_NAMES) {
    NAME_CACHE.set(key, { name, pairs: namePairs.slice(0, pairs), units });
  }
  return name;
}

function isSameName(cached: CachedName, units: number, pairs: number): boolean {
  if (cached.units !== units) return false;
  const cachedPairs = cached.pairs;
  for (let index = 0; index < pairs; index++) {
    if (cachedPairs[index] !== namePairs[index]) return false;
  }
  return true;
}

// [MS-CFB] 2.6.4 Red-Black Tree

/**
 * Walks the storage tree from the root: each storage's members form a binary search tree over
 * their left and right sibling links, and a storage's child link is the root of that tree. Every
 * link is checked before it is followed; one that points outside the directory, at the root, or at
 * an entry already in the tree (a cycle) is dropped in the copy, so `cfb`, whose path builder has
 * no cycle check, sees a proper tree. Entries left outside the tree get their links cleared for the
 * same reason.
 * @see [MS-CFB] 2.6.4 Red-Black Tree
 */
export function linkTree(context: CheckContext, entries: DirectoryEntry[]): DirectoryTree {
  demoteExtraRoots(context, entries);
  const root = entries[0];
  if (!root) throw new Error('linkTree needs the root entry that readDirectory checked');
  if (root.left !== NOSTREAM || root.right !== NOSTREAM) {
    dropLink(context, root, 'left');
    dropLink(context, root, 'right');
    context.report(
      'quirk',
      'CORRUPT_CONTAINER',
      'directory root entry: expected no siblings, found sibling links; cleared',
      {
        offset: root.offset,
      },
      true,
    );
  }

  const inTree = context.scratch.uint8(entries.length);
  inTree[0] = 1;
  const members = new Map<number, number[]>([[0, []]]);
  const paths = new TreePaths(entries.length);
  paths.set(0, '');
  // Links of entries that are not storages or streams are often zero-filled slots; they are
  // dropped without a line each (the entry's own line says so).
  const isMember = (entry: DirectoryEntry) =>
    entry.objectType === OBJECT_TYPE.storage || entry.objectType === OBJECT_TYPE.stream;
  const follow = (from: DirectoryEntry, field: LinkField): DirectoryEntry | undefined => {
    const target = from[field];
    if (target === NOSTREAM) return undefined;
    const entry = entries[target];
    const isQuiet = !isMember(from) && from.id !== 0;
    if (!entry || inTree[target]) {
      dropLink(context, from, field);
      if (isQuiet) return undefined;
    }
    if (!entry) {
      context.report(
        'damage',
        'CORRUPT_CONTAINER',
        `directory entry ${from.id} ${field} link: expected an entry ID below ${entries.length} or NOSTREAM, found ${hex(target)}; dropped`,
        { stream: paths.get(from.id), offset: from.offset },
        true,
      );
      return undefined;
    }
    if (inTree[target]) {
      context.report(
        'damage',
        'CORRUPT_CONTAINER',
        `directory entry ${from.id} ${field} link: points at entry ${target}, which is already in the tree (a loop); dropped`,
        { stream: paths.get(from.id), offset: from.offset },
        true,
      );
      return undefined;
    }
    inTree[target] = 1;
    return entry;
  };

  // Storages are visited breadth-first, each one's members in order (an in-order walk of its
  // sibling tree); explicit stacks, so a degenerate tree cannot exhaust the call stack.
  const storages: DirectoryEntry[] = [root];
  for (let next = 0; next < storages.length; next++) {
    const storage = storages[next];
    if (!storage) break;
    const list = members.get(storage.id) ?? [];
    const names = new Set<string>();
    const parentPath = paths.get(storage.id) ?? '';
    const pending: DirectoryEntry[] = [];
    let current = follow(storage, 'child');
    while (current || pending.length > 0) {
      while (current) {
        pending.push(current);
        current = follow(current, 'left');
      }
      const member = pending.pop();
      if (!member) break;
      const path = parentPath ? `${parentPath}/${member.name}` : member.name;
      const isAccepted = acceptMember(context, member, names, path);
      if (isAccepted) {
        list.push(member.id);
        paths.set(member.id, path);
        if (member.objectType === OBJECT_TYPE.storage) {
          members.set(member.id, []);
          storages.push(member);
        }
      } else {
        // A skipped storage's members are not read; unlinked, they are cleared like any orphan.
        dropLink(context, member, 'child');
      }
      if (member.objectType !== OBJECT_TYPE.storage && member.child !== NOSTREAM) {
        // Only storages have members; a child link elsewhere would hang an orphan subtree on it.
        dropLink(context, member, 'child');
        if (member.objectType === OBJECT_TYPE.stream) {
          context.report(
            'damage',
            'CORRUPT_CONTAINER',
            `directory entry ${member.id}: a stream with a child link; dropped`,
            {
              stream: paths.get(member.id),
              offset: member.offset,
            },
            true,
          );
        }
      }
      current = follow(member, 'right');
    }
  }
  clearUnlinkedEntries(context, entries, inTree, paths);
  return { entries, members, paths };
}

/**
 * `cfb` takes the start sector of every type-5 entry as the mini stream's, the last one winning, so
 * a stray root entry would make it read every small stream from the wrong place.
 */
function demoteExtraRoots(context: CheckContext, entries: DirectoryEntry[]): void {
  for (const entry of entries) {
    if (entry.id === 0 || entry.objectType !== OBJECT_TYPE.root) continue;
    context.writeU8(entry.offset + ENTRY_FIELD.objectType, OBJECT_TYPE.unknown);
    entry.objectType = OBJECT_TYPE.unknown;
    context.report(
      'damage',
      'CORRUPT_CONTAINER',
      `directory entry ${entry.id}: object type: expected the root (type 5) only at entry 0; marked unallocated`,
      { offset: entry.offset },
      true,
    );
  }
}

/** Decides whether a linked entry (at `path`) becomes a member of its storage; reports why not. */
function acceptMember(
  context: CheckContext,
  member: DirectoryEntry,
  names: Set<string>,
  path: string,
): boolean {
  const where = { stream: path, offset: member.offset };
  if (member.objectType !== OBJECT_TYPE.storage && member.objectType !== OBJECT_TYPE.stream) {
    context.report(
      'damage',
      'CORRUPT_CONTAINER',
      `directory entry ${member.id}: object type: expected a storage (1) or stream (2) in the tree, found ${member.objectType}; skipped`,
      where,
    );
    return false;
  }
  const hasValidLength =
    member.nameLength >= 2 * UTF16_UNIT &&
    member.nameLength <= MAX_NAME_LENGTH &&
    member.nameLength % UTF16_UNIT === 0;
  if (!member.name) {
    context.report(
      'damage',
      'CORRUPT_CONTAINER',
      `directory entry ${member.id}: has no name (name length ${member.nameLength}); skipped`,
      where,
    );
    return false;
  }
  if (!hasValidLength) {
    context.report(
      'quirk',
      'CORRUPT_CONTAINER',
      `directory entry ${member.id} name length: expected an even number from 4 to 64, found ${member.nameLength}; read as "${member.name}"`,
      where,
    );
  }
  if (names.has(member.name)) {
    context.report(
      'damage',
      'CORRUPT_CONTAINER',
      `directory entry ${member.id}: a second entry named "${member.name}" in the same storage; skipped`,
      where,
    );
    return false;
  }
  names.add(member.name);
  return true;
}

/**
 * Entries outside the tree are unallocated slots or orphans. `cfb` still follows their links when
 * it builds paths, and reads sectors for any entry claiming 4,096 bytes or more, stream or not; so
 * their links are cleared, and the size of every entry that is not a stream in the tree is cleared
 * when it would make `cfb` read a chain (storages with a start sector: mdsteele/rust-cfb#27).
 */
function clearUnlinkedEntries(
  context: CheckContext,
  entries: DirectoryEntry[],
  inTree: Uint8Array,
  paths: TreePaths,
): void {
  let orphans = 0;
  let clearedLinks = 0;
  let clearedSizes = 0;
  for (const entry of entries) {
    if (entry.id === 0) continue;
    if (!inTree[entry.id]) {
      if (entry.objectType === OBJECT_TYPE.storage || entry.objectType === OBJECT_TYPE.stream) {
        orphans++;
      }
      if (entry.left !== NOSTREAM || entry.right !== NOSTREAM || entry.child !== NOSTREAM) {
        dropLink(context, entry, 'left');
        dropLink(context, entry, 'right');
        dropLink(context, entry, 'child');
        clearedLinks++;
      }
    }
    const isTreeStream = entry.objectType === OBJECT_TYPE.stream && paths.has(entry.id);
    if (!isTreeStream && readsFatChain(entry)) {
      context.writeU32(entry.offset + ENTRY_FIELD.size, 0);
      context.writeU32(entry.offset + ENTRY_FIELD.sizeHigh, 0);
      entry.size = 0;
      entry.sizeHigh = 0;
      clearedSizes++;
    }
  }
  if (orphans > 0) {
    context.report(
      'damage',
      'CORRUPT_CONTAINER',
      `directory: ${orphans} storages or streams are not linked from the root; ignored`,
    );
  }
  if (clearedLinks > 0) {
    context.report(
      'quirk',
      'CORRUPT_CONTAINER',
      `directory: ${clearedLinks} entries outside the tree have sibling or child links; cleared`,
      {},
      true,
    );
  }
  if (clearedSizes > 0) {
    context.report(
      'quirk',
      'CORRUPT_CONTAINER',
      `directory: ${clearedSizes} entries that are not streams in the tree claim ${MINI_STREAM_CUTOFF} bytes or more; size cleared`,
      {},
      true,
    );
  }
}

/** Whether `cfb` reads a FAT chain for this entry: a size of 4096 or more, as a signed 32-bit number. */
export function readsFatChain(entry: DirectoryEntry): boolean {
  return (
    entry.objectType !== OBJECT_TYPE.root &&
    entry.size >= MINI_STREAM_CUTOFF &&
    entry.size < SIGNED_LIMIT
  );
}

function dropLink(context: CheckContext, entry: DirectoryEntry, field: LinkField): void {
  if (entry[field] === NOSTREAM) return;
  context.writeU32(entry.offset + ENTRY_FIELD[field], NOSTREAM);
  entry[field] = NOSTREAM;
}
