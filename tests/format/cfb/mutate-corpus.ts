/**
 * Child process of the mutation test (container-check.test.ts): damages corpus files in seeded,
 * structure-aware ways, opens each result with `openCompoundFile`, reads every stream, and reads the
 * same checked bytes with `cfb` to compare (cfb-cross-check.ts). It runs in its own process
 * because a hazard the check misses makes `cfb` loop until V8 aborts, which would take the test
 * runner down with it; from here it shows up as a timeout or a crash of this process instead.
 *
 * Usage: node --import tsx mutate-corpus.ts <seed> <cases per file> <file>...
 * Prints one JSON line: a `MutationReport`.
 */
import { readFileSync } from 'node:fs';
import { isMsgFormatError } from '../../../src-main/format/errors.js';
import { crossCheckWithCfb } from './cfb-cross-check.js';

export interface MutationReport {
  cases: number;
  opened: number;
  /** Rejections by MsgFormatError code. */
  rejected: Record<string, number>;
  /** Anything thrown that is not a MsgFormatError, and streams that differ from cfb's: bugs. */
  otherErrors: string[];
  /** Opened cases that `cfb` would not survive (cfb-hazards.ts), so not compared. */
  refusedForCfb: number;
  /** Streams of opened cases compared with what `cfb` reads. */
  streamsCompared: number;
  /** Of those, streams where `cfb` slips in a known way (cfb-cross-check.ts), confirmed. */
  cfbSlips: number;
  slowestMs: number;
  slowestCase: string;
}

const HEADER_FIELDS_U32 = [0x28, 0x2c, 0x30, 0x3c, 0x40, 0x44, 0x48, 0x4c, 0x50, 0x54];
const HEADER_FIELDS_U16 = [0x1a, 0x1c, 0x1e, 0x20, 0x22];
const ENTRY_FIELDS_U32 = [0x44, 0x48, 0x4c, 0x74, 0x78, 0x7c];
const ENDOFCHAIN = 0xfffffffe;

/** mulberry32: small, fast, and the same sequence on every machine for a given seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Layout {
  sectorSize: number;
  sectorCount: number;
  fatSectors: number[];
  directorySectors: number[];
  miniFatSectors: number[];
}

/** Just enough of the structure to aim mutations at it (the intact file's layout). */
function layoutOf(bytes: Uint8Array): Layout {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sectorSize = 1 << view.getUint16(0x1e, true);
  const sectorCount = Math.floor((bytes.length - sectorSize) / sectorSize);
  const fatSectors: number[] = [];
  for (let i = 0; i < 109; i++) {
    const sector = view.getUint32(0x4c + i * 4, true);
    if (sector >= sectorCount) break;
    fatSectors.push(sector);
  }
  const perSector = sectorSize / 4;
  const next = (sector: number): number => {
    const fatSector = fatSectors[Math.floor(sector / perSector)];
    if (fatSector === undefined) return ENDOFCHAIN;
    return view.getUint32(sectorSize + fatSector * sectorSize + (sector % perSector) * 4, true);
  };
  const chain = (start: number): number[] => {
    const sectors: number[] = [];
    for (
      let sector = start;
      sector < sectorCount && sectors.length < sectorCount;
      sector = next(sector)
    ) {
      if (sectors.includes(sector)) break;
      sectors.push(sector);
    }
    return sectors;
  };
  return {
    sectorSize,
    sectorCount,
    fatSectors,
    directorySectors: chain(view.getUint32(0x30, true)),
    miniFatSectors: chain(view.getUint32(0x3c, true)),
  };
}

function mutate(
  original: Uint8Array,
  layout: Layout,
  next: () => number,
): { bytes: Uint8Array; label: string } {
  let bytes = original.slice();
  // After a truncation, later mutations may aim past the end; those are skipped.
  const setU32 = (offset: number, v: number) => {
    if (offset + 4 <= bytes.length) new DataView(bytes.buffer).setUint32(offset, v >>> 0, true);
  };
  const setU16 = (offset: number, v: number) => {
    if (offset + 2 <= bytes.length) new DataView(bytes.buffer).setUint16(offset, v, true);
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const { sectorSize, sectorCount } = layout;
  const offsetOf = (sector: number) => sectorSize + sector * sectorSize;
  const entryCount = (layout.directorySectors.length * sectorSize) / 128;
  const fatEntryOffset = (sector: number) =>
    offsetOf(layout.fatSectors[Math.floor(sector / (sectorSize / 4))] ?? 0) +
    (sector % (sectorSize / 4)) * 4;
  const value = () =>
    pick([
      0,
      1,
      2,
      0xfffffffe,
      0xffffffff,
      0xfffffffd,
      0xfffffffc,
      0xfffffffa,
      0x7fffffff,
      0x80000000,
      sectorCount - 1,
      sectorCount,
      sectorCount + 1,
      Math.floor(next() * sectorCount),
      Math.floor(next() * sectorCount),
      Math.floor(next() * entryCount),
      entryCount,
      4095,
      4096,
      5000,
      Math.floor(next() * 0x100000000),
    ]);
  const labels: string[] = [];
  const mutations = 1 + Math.floor(next() * 3);
  for (let m = 0; m < mutations; m++) {
    const kind = Math.floor(next() * 8);
    if (kind === 7) {
      // The docs/hard-cases.md recipe in place: two sectors of a chain point at each other and a
      // stream of 5,000 bytes starts at the second; cfb loops forever unless the check stops it.
      const first = Math.floor(next() * sectorCount);
      const offset = fatEntryOffset(first);
      const second =
        offset + 4 <= bytes.length
          ? new DataView(bytes.buffer).getUint32(offset, true)
          : sectorCount;
      const id = 1 + Math.floor(next() * (entryCount - 1));
      const sector = layout.directorySectors[Math.floor((id * 128) / sectorSize)];
      if (second >= sectorCount || sector === undefined) continue;
      const base = offsetOf(sector) + ((id * 128) % sectorSize);
      setU32(fatEntryOffset(second), first);
      setU32(base + 0x74, second);
      setU32(base + 0x78, 5000);
      labels.push(`loop ${first}<->${second}, entry${id} starts at ${second}`);
    } else if (kind === 0) {
      const offset = pick(HEADER_FIELDS_U32);
      const v = value();
      setU32(offset, v);
      labels.push(`header@${offset.toString(16)}=${v}`);
    } else if (kind === 1) {
      const offset = pick(HEADER_FIELDS_U16);
      const v = pick([0, 3, 4, 9, 12, 6, 0xfffe, 0xffff, Math.floor(next() * 0x10000)]);
      setU16(offset, v);
      labels.push(`header16@${offset.toString(16)}=${v}`);
    } else if (kind === 2 || kind === 3) {
      const fatSector = pick(layout.fatSectors);
      if (fatSector === undefined) continue;
      const sector = Math.floor(next() * Math.min(sectorCount + 2, sectorSize / 4));
      const v = value();
      setU32(offsetOf(fatSector) + sector * 4, v);
      labels.push(`fat[${sector}]=${v}`);
    } else if (kind === 4) {
      const id = Math.floor(next() * entryCount);
      const sector = layout.directorySectors[Math.floor((id * 128) / sectorSize)];
      if (sector === undefined) continue;
      const base = offsetOf(sector) + ((id * 128) % sectorSize);
      const roll = next();
      if (roll < 0.15) {
        const type = pick([0, 1, 2, 3, 5, 0xff]);
        if (base + 0x42 < bytes.length) bytes[base + 0x42] = type;
        labels.push(`entry${id}.type=${type}`);
      } else if (roll < 0.25) {
        const length = pick([0, 1, 2, 63, 64, 65, 0xffff]);
        setU16(base + 0x40, length);
        labels.push(`entry${id}.nameLength=${length}`);
      } else {
        const field = pick(ENTRY_FIELDS_U32);
        const v = value();
        setU32(base + field, v);
        labels.push(`entry${id}@${field.toString(16)}=${v}`);
      }
    } else if (kind === 5) {
      const miniFatSector = pick(layout.miniFatSectors);
      if (miniFatSector === undefined) continue;
      const miniSector = Math.floor(next() * (sectorSize / 4));
      const v = value();
      setU32(offsetOf(miniFatSector) + miniSector * 4, v);
      labels.push(`minifat[${miniSector}]=${v}`);
    } else {
      const length =
        next() < 0.5
          ? sectorSize * (1 + Math.floor(next() * (sectorCount + 1)))
          : Math.floor(next() * bytes.length);
      bytes = bytes.slice(0, length);
      labels.push(`truncate=${length}`);
    }
  }
  return { bytes, label: labels.join(' ') };
}

function main(): void {
  const [seedText, perFileText, ...files] = process.argv.slice(2);
  const next = random(Number(seedText ?? 1));
  const perFile = Number(perFileText ?? 100);
  const report: MutationReport = {
    cases: 0,
    opened: 0,
    rejected: {},
    otherErrors: [],
    streamsCompared: 0,
    cfbSlips: 0,
    refusedForCfb: 0,
    slowestMs: 0,
    slowestCase: '',
  };
  for (const file of files) {
    const original = new Uint8Array(readFileSync(file));
    const layout = layoutOf(original);
    for (let i = 0; i < perFile; i++) {
      const { bytes, label } = mutate(original, layout, next);
      const name = `${file.split('/').pop()} #${i}: ${label}`;
      // Written before the parse, so a hang or crash leaves the culprit as the last line on stderr.
      process.stderr.write(`${name}\n`);
      const started = performance.now();
      try {
        const { streams, differences, cfbSlips, refusedForCfb } = crossCheckWithCfb(bytes);
        report.opened++;
        if (refusedForCfb !== null) report.refusedForCfb++;
        report.streamsCompared += streams;
        report.cfbSlips += cfbSlips;
        for (const difference of differences) report.otherErrors.push(`${name}: ${difference}`);
      } catch (error) {
        if (isMsgFormatError(error)) {
          report.rejected[error.code] = (report.rejected[error.code] ?? 0) + 1;
        } else {
          report.otherErrors.push(
            `${name}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
          );
        }
      }
      const ms = performance.now() - started;
      if (ms > report.slowestMs) {
        report.slowestMs = ms;
        report.slowestCase = name;
      }
      report.cases++;
    }
  }
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

main();
