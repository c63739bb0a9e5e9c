import { LOOPS } from '../../../src-main/format/cfb/allocation.js';
import type { CheckContext } from '../../../src-main/format/cfb/check-context.js';
import type { DirectoryEntry } from '../../../src-main/format/cfb/directory.js';
import { OBJECT_TYPE, readsFatChain } from '../../../src-main/format/cfb/directory.js';
import { HEADER_FIELD } from '../../../src-main/format/cfb/header.js';
import { ENDOFCHAIN, NOSTREAM, SIGNED_LIMIT } from '../../../src-main/format/cfb/sector-numbers.js';
import type { ContainerStructures } from '../../../src-main/format/cfb/container-check.js';

/**
 * `cfb` 1.2.2 copies every sector chain it walks, and walks a chain again from each stream that
 * starts inside it, so cross-linked chains make it copy the same sectors over and over (a 2 MB file
 * can ask for gigabytes). An intact file makes it copy each sector at most twice; beyond that,
 * copies up to this many bytes are allowed, and a file needing more is refused.
 */
const MAX_CFB_EXTRA_COPY_BYTES = 64 * 1024 * 1024;

/**
 * `cfb` 1.2.2 names entries with a queue whose membership test is `lastIndexOf`, quadratic in the
 * number of directory entries (measured: 20,000 entries 1.2 s, 40,000 entries 5–7 s, 100,000
 * entries 36 s; about 3 ns a step). The check counts the exact steps first and refuses a directory
 * that would take more than about two seconds (a flat directory of some 24,000 entries).
 */
const MAX_CFB_PATH_STEPS = 600_000_000;

/**
 * `cfb` 1.2.2 joins path names up the storage chain for each entry, once per level when entries are
 * listed before their parents; deep nesting in that order builds millions of strings. Caps the
 * joins (each a string of up to a path's length).
 */
const MAX_CFB_PATH_JOINS = 2_000_000;

/**
 * The tests' gate in front of `cfb`, not the app's: what `cfb` 1.2.2 will do with bytes the spec
 * checks accepted, worked out
 * before it runs. Its `parse` walks chains and builds paths in ways that are linear for ordinary
 * files but can loop, throw or go quadratic on crafted ones, and nothing it does can be
 * interrupted. Each function below mirrors one of its routines (named in the comment) closely
 * enough to predict that, without copying any bytes.
 *
 * The app reads streams with its own lazy reader (stream-reader.ts), which has none of these
 * hazards, so it does not run this: files only `cfb` cannot read open in the app. The tests read
 * every accepted file with `cfb` too, as an independent second reader (cfb-cross-check.ts), and
 * pass this to `checkCompoundFile` as an extra check so that doing so stays safe.
 */

/** `cfb`'s signed view of a 32-bit link: NOSTREAM is -1. */
const NO_LINK = -1;

type CfbHazardInput = ContainerStructures;

/** Refuses (fatal) bytes that would make `cfb` 1.2.2 loop, throw, or copy or work without bound. */
export function checkCfbHazards(context: CheckContext, input: CfbHazardInput): void {
  const isChainHead = checkSectorListWork(context, input);
  checkDereferencedChains(context, input, isChainHead);
  checkPathBuilder(context, input.entries);
}

/**
 * `make_sector_list` walks a chain from every sector not yet seen, starting at the directory and
 * wrapping around, and copies each walk's sectors into a new buffer; `read_directory` then calls
 * `get_sector_list` (no seen set) for every stream whose start is not such a walk's first sector.
 * Cross-linked chains make both copy the shared sectors again and again, so a few kilobytes of
 * crafted FAT can ask for gigabytes. Counts the sector copies; returns which sectors begin a walk
 * (`cfb` can only find a chain by those).
 */
function checkSectorListWork(context: CheckContext, input: CfbHazardInput): Uint8Array {
  const { geometry, fat, chains, entries, header } = input;
  const { sectorCount } = geometry;
  // Each sector twice (a chain walked from its middle first, then from its head), plus the extra.
  const budget = 2 * sectorCount + Math.floor(MAX_CFB_EXTRA_COPY_BYTES / geometry.sectorSize);
  const isChainHead = context.scratch.uint8(sectorCount);
  const isWalked = context.scratch.uint8(sectorCount);
  const seenInWalk = context.scratch.int32(sectorCount);
  let copies = 0;
  for (let i = 0; i < sectorCount; i++) {
    let first = i + header.firstDirectorySector;
    if (first >= sectorCount) first -= sectorCount;
    if (isWalked[first]) continue;
    const walk = i + 1;
    let sector = first;
    while (sector < sectorCount) {
      seenInWalk[sector] = walk;
      isWalked[sector] = 1;
      copies++;
      sector = fat.next[sector] ?? ENDOFCHAIN;
      if (sector < sectorCount && seenInWalk[sector] === walk) break;
    }
    isChainHead[first] = 1;
    if (copies > budget) break;
  }
  const fetched = new Set<number>();
  for (const entry of entries) {
    const needsOwnWalk =
      readsFatChain(entry) && entry.start < sectorCount && !isChainHead[entry.start];
    if (!needsOwnWalk || fetched.has(entry.start)) continue;
    fetched.add(entry.start);
    const length = chains.length[entry.start] ?? 0;
    copies += length === LOOPS ? sectorCount : length;
  }
  if (copies > budget) {
    context.fatal(
      'CORRUPT_CONTAINER',
      `FAT: sector chains are cross-linked: reading them would copy ${copies} sectors of a ${sectorCount}-sector file (at most ${budget})`,
      { offset: HEADER_FIELD.difat },
    );
  }
  return isChainHead;
}

/**
 * `parse` and `read_directory` look up the chains of the first FAT sector, the mini FAT and the
 * mini stream by their start sector and use them unchecked ("Cannot set properties of undefined");
 * `get_sector_list` follows a stream's chain with no seen set, so a start that runs into a loop
 * and is not the first sector of a walk hangs the process. The spec checks rule most of these out;
 * this is the last word, on the final bytes.
 */
function checkDereferencedChains(
  context: CheckContext,
  input: CfbHazardInput,
  isChainHead: Uint8Array,
): void {
  const { header, geometry, fatSectors, chains, entries } = input;
  const { sectorCount } = geometry;
  const requireChainHead = (sector: number, what: string, offset: number | undefined) => {
    if (sector === ENDOFCHAIN) return;
    if (sector < sectorCount && isChainHead[sector]) return;
    context.fatal(
      'CORRUPT_CONTAINER',
      `${what} starts at sector ${sector}, which lies inside another sector chain (cross-linked)`,
      { offset },
    );
  };
  requireChainHead(fatSectors[0] ?? ENDOFCHAIN, 'the FAT', HEADER_FIELD.difat);
  requireChainHead(header.firstMiniFatSector, 'the mini FAT', HEADER_FIELD.firstMiniFatSector);
  const root = entries[0];
  if (root) requireChainHead(root.start, 'the mini stream', root.offset);
  for (const entry of entries) {
    if (!readsFatChain(entry) || entry.start >= SIGNED_LIMIT) continue;
    if (entry.start >= sectorCount) {
      context.fatal(
        'CORRUPT_CONTAINER',
        `directory entry ${entry.id}: starts at sector ${entry.start}, past the end of the file`,
        {
          offset: entry.offset,
        },
      );
    }
    if (chains.length[entry.start] === LOOPS && !isChainHead[entry.start]) {
      context.fatal(
        'CORRUPT_CONTAINER',
        `directory entry ${entry.id}: its sector chain from sector ${entry.start} runs into a loop`,
        {
          offset: entry.offset,
        },
      );
    }
  }
}

/**
 * `build_full_paths` gives every entry a parent (`dad`) by propagating it along sibling links in a
 * work queue, then joins names up the parent chain. Its queue check is `lastIndexOf`, so its cost
 * grows with the square of the entry count (40,000 entries take 7 s); a parent chain that loops
 * grows a string until V8 gives up; and for entries listed before their parents it joins the same
 * names again, once per level. Runs the same propagation on integers, counting the work.
 */
function checkPathBuilder(context: CheckContext, entries: DirectoryEntry[]): void {
  const count = entries.length;
  const left = context.scratch.int32(count);
  const right = context.scratch.int32(count);
  const child = context.scratch.int32(count);
  for (let id = 0; id < count; id++) {
    const entry = entries[id]!;
    left[id] = cfbLink(entry.left, count, context);
    right[id] = cfbLink(entry.right, count, context);
    child[id] = cfbLink(entry.child, count, context);
  }

  // dad[i] = q[i] = i for every entry, then the queue grows as siblings are (re)visited.
  const parent = context.scratch.int32(count);
  const lastQueued = context.scratch.int32(count);
  let queue = context.scratch.int32(Math.max(16, count * 2));
  for (let id = 0; id < count; id++) parent[id] = lastQueued[id] = queue[id] = id;
  let queueLength = count;
  let steps = 0;
  let lastLeft = NO_LINK;
  let lastRight = NO_LINK;
  for (let position = 0; position < queueLength; position++) {
    const id = queue[position]!;
    const l = left[id]!;
    const r = right[id]!;
    const c = child[id]!;
    lastLeft = l;
    lastRight = r;
    steps++;
    if (parent[id] === id) {
      if (l !== NO_LINK && parent[l] !== l) parent[id] = parent[l]!;
      if (r !== NO_LINK && parent[r] !== r) parent[id] = parent[r]!;
    }
    if (c !== NO_LINK) parent[c] = id;
    // The left sibling, then the right one, take this entry's parent and are queued again unless
    // already queued after this position (`q.lastIndexOf(sibling) < j`). The scan `lastIndexOf`
    // makes runs from the end of the queue back to the sibling's last place: that is the cost.
    for (let side = 0; side < 2; side++) {
      const sibling = side === 0 ? l : r;
      if (sibling === NO_LINK || parent[id] === id) continue;
      parent[sibling] = parent[id]!;
      const last = lastQueued[sibling]!;
      steps += queueLength - last;
      if (last < position) {
        if (queueLength === queue.length) {
          const grown = new Int32Array(queue.length * 2);
          grown.set(queue);
          queue = grown;
        }
        lastQueued[sibling] = queueLength;
        queue[queueLength++] = sibling;
      }
    }
    if (steps > MAX_CFB_PATH_STEPS) {
      context.fatal(
        'LIMIT_EXCEEDED',
        `directory: ${count} entries in this order would take the container library more than ${MAX_CFB_PATH_STEPS} steps to name`,
      );
    }
  }
  // Entries still without a parent take the parent of the last entry's siblings (a `cfb` slip:
  // the loop reuses the variables of the one above).
  for (let id = 1; id < count; id++) {
    if (parent[id] !== id) continue;
    if (lastRight !== NO_LINK && parent[lastRight] !== lastRight) parent[id] = parent[lastRight]!;
    else if (lastLeft !== NO_LINK && parent[lastLeft] !== lastLeft) parent[id] = parent[lastLeft]!;
  }
  // Joining names: up the parent chain until the root, an entry already named, or a self-parent.
  const DONE = -1;
  let joins = 0;
  for (let id = 1; id < count; id++) {
    if (cfbObjectType(entries[id]) === OBJECT_TYPE.unknown) continue;
    let ancestor = id;
    let depth = 0;
    if (ancestor !== parent[ancestor]) {
      do {
        ancestor = parent[ancestor]!;
        joins++;
        if (++depth > count) {
          context.fatal(
            'CORRUPT_CONTAINER',
            `directory entry ${id}: its storage parents form a loop`,
            {
              offset: entries[id]?.offset,
            },
          );
        }
      } while (ancestor !== 0 && parent[ancestor] !== DONE && ancestor !== parent[ancestor]);
    }
    parent[id] = DONE;
    if (joins > MAX_CFB_PATH_JOINS) {
      context.fatal(
        'LIMIT_EXCEEDED',
        `directory: storages nested this deep, in this order, would make the container library join more than ${MAX_CFB_PATH_JOINS} path names`,
      );
    }
  }
}

/** A sibling or child link as `cfb` holds it (NOSTREAM is -1); one outside the directory is fatal. */
function cfbLink(value: number, count: number, context: CheckContext): number {
  if (value === NOSTREAM) return NO_LINK;
  if (value >= count) {
    context.fatal(
      'CORRUPT_CONTAINER',
      'directory: a sibling or child link points outside the directory',
    );
  }
  return value;
}

/** `read_directory` blanks an entry whose size and start are both negative to it (type 0). */
function cfbObjectType(entry: DirectoryEntry | undefined): number {
  if (!entry) return OBJECT_TYPE.unknown;
  return entry.size >= SIGNED_LIMIT && entry.start >= SIGNED_LIMIT
    ? OBJECT_TYPE.unknown
    : entry.objectType;
}
