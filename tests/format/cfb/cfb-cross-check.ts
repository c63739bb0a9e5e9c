/**
 * `cfb` as an independent second reader. Our stream reader replaced it in `openCompoundFile`; this
 * reads the same checked bytes with `cfb` 1.2.2 and lists every stream whose bytes differ, so a
 * mistake in our chain walking cannot go unnoticed. `cfb` may only be given bytes the container
 * check accepted with `cfb`'s own hazards simulated as an extra check (cfb-hazards.ts): it can loop
 * forever, or copy gigabytes, on bytes our reader opens without trouble.
 */
import CFB from 'cfb';
import { openCompoundFile } from '../../../src-main/format/cfb/cfb-storage.js';
import type { StorageNode } from '../../../src-main/format/cfb/cfb-storage.js';
import { checkCompoundFile } from '../../../src-main/format/cfb/container-check.js';
import type { CheckedCompoundFile } from '../../../src-main/format/cfb/container-check.js';
import { OBJECT_TYPE } from '../../../src-main/format/cfb/directory.js';
import { isMsgFormatError } from '../../../src-main/format/errors.js';
import { checkCfbHazards } from './cfb-hazards.js';
import {
  ENDOFCHAIN,
  MINI_SECTOR_SIZE,
  MINI_STREAM_CUTOFF,
  SIGNED_LIMIT,
  sectorOffset,
} from '../../../src-main/format/cfb/sector-numbers.js';

export interface CrossCheck {
  /** Streams compared. */
  streams: number;
  /** One line per stream that differs (or is missing on one side). */
  differences: string[];
  /** Streams that differ only by the known `cfb` slip below, its bytes confirmed. */
  cfbSlips: number;
  /** Why `cfb` was not asked: bytes our reader opens but `cfb` would not survive; else null. */
  refusedForCfb: string | null;
}

/** Opens `bytes` with `openCompoundFile` and with `cfb`; throws what `openCompoundFile` throws. */
export function crossCheckWithCfb(bytes: Uint8Array): CrossCheck {
  const file = openCompoundFile(bytes);
  let prepared: CheckedCompoundFile;
  try {
    prepared = checkCompoundFile(bytes, { extraCheck: checkCfbHazards });
  } catch (error) {
    if (!isMsgFormatError(error)) throw error;
    return { streams: 0, differences: [], cfbSlips: 0, refusedForCfb: error.message };
  }
  const checked = prepared.bytes;
  // A Buffer over the same memory: `cfb` slices a Buffer into views, a Uint8Array into arrays.
  const container = CFB.read(Buffer.from(checked.buffer, checked.byteOffset, checked.byteLength), {
    type: 'buffer',
  });
  const ours = new Map<string, { size: number; bytes: Uint8Array }>();
  const collect = (storage: StorageNode) => {
    for (const stream of storage.streams.values()) {
      ours.set(stream.path, { size: stream.size, bytes: stream.read() });
    }
    for (const child of storage.storages.values()) collect(child);
  };
  collect(file.root);

  const differences: string[] = [];
  let streams = 0;
  let cfbSlips = 0;
  const { entries, paths } = prepared.tree;
  for (const id of paths.ids) {
    const path = paths.get(id)!;
    if (entries[id]?.objectType !== OBJECT_TYPE.stream) continue;
    streams++;
    const theirs = cfbContent(container.FileIndex[id]?.content);
    const mine = ours.get(path);
    if (!mine) {
      differences.push(`${path}: cfb reads ${theirs.length} bytes, openCompoundFile has no stream`);
      continue;
    }
    ours.delete(path);
    if (mine.size !== mine.bytes.length) {
      differences.push(`${path}: size ${mine.size}, but read() returns ${mine.bytes.length} bytes`);
    }
    if (!Buffer.from(mine.bytes).equals(Buffer.from(theirs))) {
      if (mine.bytes.length === 0 && isMissingMiniFatSlip(prepared, id, theirs)) {
        cfbSlips++;
        continue;
      }
      differences.push(
        `${path}: the bytes differ from cfb's (${mine.bytes.length} read here, ${theirs.length} by cfb)`,
      );
    }
  }
  for (const path of ours.keys()) differences.push(`${path}: not a stream of the checked tree`);
  return { streams, differences, cfbSlips, refusedForCfb: null };
}

/**
 * A `cfb` 1.2.2 slip, not a reading of the file: a stream of 4,096 bytes or more whose start is
 * ENDOFCHAIN makes `read_directory` store an empty chain under index -2 (ENDOFCHAIN read signed),
 * and a file without a mini FAT has its mini FAT start at ENDOFCHAIN too, so each small stream
 * listed after that entry is read through the empty chain as if it were the mini FAT: its first
 * mini sector, then nothing. Without a mini FAT no small stream can be read; the container check
 * says so, and the reader returns nothing. True when `theirs` is exactly what the slip produces.
 */
function isMissingMiniFatSlip(prepared: CheckedCompoundFile, id: number, theirs: Uint8Array) {
  const { entries } = prepared.tree;
  const { layout } = prepared;
  const entry = entries[id];
  if (!entry || layout.miniFat || entry.size === 0 || entry.size >= MINI_STREAM_CUTOFF) {
    return false;
  }
  const hasEmptyLargeStreamBefore = entries
    .slice(0, id)
    .some(
      (other) =>
        other.objectType !== OBJECT_TYPE.root &&
        other.size >= MINI_STREAM_CUTOFF &&
        other.size < SIGNED_LIMIT &&
        other.start === ENDOFCHAIN,
    );
  if (!hasEmptyLargeStreamBefore || entry.start >= SIGNED_LIMIT) return false;
  const miniStream = Buffer.concat(
    layout.miniStreamSectors.map((sector) => {
      const from = sectorOffset(layout.geometry, sector);
      return layout.bytes.subarray(from, from + layout.geometry.sectorSize);
    }),
  );
  const firstMiniSector = miniStream.subarray(
    entry.start * MINI_SECTOR_SIZE,
    Math.min(
      entry.start * MINI_SECTOR_SIZE + MINI_SECTOR_SIZE,
      entry.start * MINI_SECTOR_SIZE + entry.size,
    ),
  );
  return Buffer.from(theirs).equals(firstMiniSector);
}

/** `cfb` gives a stream's content as a Buffer, a plain array (no sectors) or nothing. */
function cfbContent(content: unknown): Uint8Array {
  if (content instanceof Uint8Array) return content;
  if (Array.isArray(content)) return Uint8Array.from(content, (value) => Number(value) & 0xff);
  return new Uint8Array(0);
}
