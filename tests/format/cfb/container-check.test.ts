import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openCompoundFile } from '../../../src-main/format/cfb/cfb-storage.js';
import { checkContainer, checkCompoundFile } from '../../../src-main/format/cfb/container-check.js';
import { checkCfbHazards } from './cfb-hazards.js';
import type { ContainerCheck } from '../../../src-main/format/cfb/container-check.js';
import { MsgFormatError } from '../../../src-main/format/errors.js';
import type { MsgFormatErrorCode } from '../../../src-main/format/errors.js';
import {
  ENTRY,
  FREESECT,
  HEADER,
  ascii,
  buildCfb,
  cyclicChainRecipe,
  entryAt,
  pattern,
  patchEntry,
  patchFatEntry,
  patchU32,
  storage,
  stream,
} from '../../fixtures/cfb-builder.js';
import type { MutationReport } from './mutate-corpus.js';

const CORPUS_DIR = fileURLToPath(new URL('../../../../shared/corpus/', import.meta.url));
const MUTATION_SCRIPT = fileURLToPath(new URL('./mutate-corpus.ts', import.meta.url));

/** A small message-shaped file: small and large streams, a nested storage. */
function sample() {
  return buildCfb([
    stream('__properties_version1.0', pattern(96, 1)),
    stream('__substg1.0_0037001F', pattern(40, 2)),
    stream('__substg1.0_1000001F', pattern(9000, 3)),
    storage('__attach_version1.0_#00000000', [
      stream('__properties_version1.0', pattern(64, 4)),
      stream('__substg1.0_37010102', pattern(5000, 5)),
    ]),
  ]);
}

function thrown(action: () => unknown): MsgFormatError {
  try {
    action();
  } catch (error) {
    if (error instanceof MsgFormatError) return error;
    throw error;
  }
  throw new Error('expected a MsgFormatError, nothing was thrown');
}

function expectRejected(bytes: Uint8Array, code: MsgFormatErrorCode): MsgFormatError {
  const error = thrown(() => checkCompoundFile(bytes));
  expect(error.code).toBe(code);
  return error;
}

function messages(check: ContainerCheck, severity: string): string[] {
  return check.problems
    .filter((problem) => problem.severity === severity)
    .map((problem) => problem.message);
}

describe('container-check', () => {
  describe('checkContainer()', () => {
    it('accepts an intact file without problems or repairs', () => {
      const check = checkContainer(sample().bytes);
      expect(check).toMatchObject({
        version: 3,
        sectorSize: 512,
        fatal: false,
        repaired: undefined,
      });
      expect(check.problems).toEqual([]);
      expect(check.entryCount).toBe(8);
    });

    it('accepts an intact version 4 file (4,096-byte sectors)', () => {
      const built = buildCfb([stream('a', pattern(10)), stream('b', pattern(70_000))], {
        version: 4,
      });
      const check = checkContainer(built.bytes);
      expect(check).toMatchObject({
        version: 4,
        sectorSize: 4096,
        fatal: false,
        repaired: undefined,
      });
      expect(check.problems).toEqual([]);
    });

    it('never writes to its input, even when it repairs', () => {
      const broken = patchU32(sample().bytes, HEADER.difatSectorCount, 1);
      const before = broken.slice();
      const check = checkContainer(broken);
      expect(check.repaired).toBeDefined();
      expect(broken).toEqual(before);
    });

    it('checks a file of 20,000 directory entries in well under a second', () => {
      const built = buildCfb(
        Array.from({ length: 20_000 }, (_, i) => stream(`s${i}`, pattern(i % 50))),
      );
      const started = performance.now();
      const check = checkContainer(built.bytes);
      expect(check.fatal).toBe(false);
      expect(performance.now() - started).toBeLessThan(1000);
    });
  });

  describe('checkCompoundFile() on bytes that are not a compound file', () => {
    it.each([
      ['a PNG image', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]],
      ['a JPEG image', [0xff, 0xd8, 0xff, 0xe0, 0, 16]],
      ['a PDF document', [...ascii('%PDF-1.7\n')]],
      ['a ZIP archive', [0x50, 0x4b, 0x03, 0x04, 20, 0]],
      ['a GIF image', [...ascii('GIF89a')]],
      [
        'an Internet e-mail message',
        [...ascii('Received: from x\r\nFrom: a@b\r\nSubject: hi\r\n\r\nbody')],
      ],
    ])('names %s in the NOT_CFB message', (kind, bytes) => {
      const error = expectRejected(Uint8Array.from(bytes), 'NOT_CFB');
      expect(error.message).toContain(`not an Outlook item: the file is ${kind}`);
    });

    it('says an empty file is empty', () => {
      expect(expectRejected(new Uint8Array(0), 'NOT_CFB').message).toBe(
        'not an Outlook item: the file is empty',
      );
    });

    it('shows the bytes it found when it cannot name the kind', () => {
      const error = expectRejected(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]), 'NOT_CFB');
      expect(error.message).toContain(
        'expected D0 CF 11 E0 A1 B1 1A E1, found 01 02 03 04 05 06 07 08',
      );
    });
  });

  describe('checkCompoundFile() on truncated files', () => {
    it('rejects a file that ends inside the header', () => {
      const error = expectRejected(sample().bytes.slice(0, 300), 'TRUNCATED');
      expect(error.message).toBe('header: expected 512 bytes, found 300');
    });

    it('rejects a version 4 file shorter than its 4,096-byte header', () => {
      const built = buildCfb([stream('a', 'x')], { version: 4 });
      const error = expectRejected(built.bytes.slice(0, 2000), 'TRUNCATED');
      expect(error.message).toBe('header: a version 4 header takes 4096 bytes, the file has 2000');
    });

    it('rejects a file whose directory lies past its end', () => {
      const built = sample();
      const directory = built.layout.directorySectors[0] ?? 0;
      const error = expectRejected(
        built.bytes.slice(0, built.layout.sectorOffset(directory)),
        'TRUNCATED',
      );
      expect(error.message).toContain('the directory lies past the end of the file');
    });

    it('reads what is left of a file cut inside a large stream, and says so', () => {
      const built = sample();
      const chain = built.layout.chains.get('__substg1.0_1000001F') ?? [];
      const keep = built.layout.sectorOffset(chain[3] ?? 0);
      const prepared = checkCompoundFile(built.bytes.slice(0, keep));
      expect(prepared.diagnostics.map((diagnostic) => diagnostic.code)).toContain('TRUNCATED');
      const file = openCompoundFile(built.bytes.slice(0, keep));
      expect(file.root.streams.get('__substg1.0_1000001F')?.read()).toEqual(
        pattern(9000, 3).subarray(0, 3 * 512),
      );
    });
  });

  describe('checkCompoundFile() on broken sector chains', () => {
    it('rejects the cyclic-chain recipe of docs/hard-cases.md fast, without calling cfb', () => {
      // CFB.read on these bytes grows memory until V8 aborts the process; never hand them to it.
      const started = performance.now();
      const error = expectRejected(cyclicChainRecipe(3), 'CORRUPT_CONTAINER');
      expect(performance.now() - started).toBeLessThan(100);
      expect(error.message).toBe(
        'stream Stream: its sector chain from sector 3 runs into a loop (the FAT is corrupt)',
      );
      expect(error.where).toEqual({ stream: 'Stream', offset: 1152 });
    });

    it('rejects the same loop entered at its head (cfb survives that one, but the FAT is no less corrupt)', () => {
      const error = expectRejected(cyclicChainRecipe(2), 'CORRUPT_CONTAINER');
      expect(error.message).toBe(
        'stream Stream: its sector chain from sector 2 runs into a loop (the FAT is corrupt)',
      );
    });

    it('cuts a chain that points past the end of the file and reads the sectors before it', () => {
      const built = sample();
      const chain = built.layout.chains.get('__substg1.0_1000001F') ?? [];
      const broken = patchFatEntry(built, chain[1] ?? 0, built.layout.sectorCount + 5);
      const check = checkContainer(broken);
      expect(check.fatal).toBe(false);
      expect(messages(check, 'damage')).toContain(
        `FAT: 1 entries point past the end of the file (${built.layout.sectorCount} sectors), the first sector ${chain[1]} → ${built.layout.sectorCount + 5}; those chains were cut there`,
      );
      const content = openCompoundFile(broken).root.streams.get('__substg1.0_1000001F')?.read();
      expect(content).toEqual(pattern(9000, 3).subarray(0, 1024));
    });

    it('reads a large stream whose start sector is past the end as empty', () => {
      const built = sample();
      const id = entryAt(built, '__substg1.0_1000001F').id;
      const broken = patchEntry(built, id, 'start', built.layout.sectorCount + 100);
      const prepared = checkCompoundFile(broken);
      expect(prepared.diagnostics).toContainEqual(
        expect.objectContaining({
          code: 'TRUNCATED',
          where: expect.objectContaining({ stream: '__substg1.0_1000001F' }),
        }),
      );
      expect(openCompoundFile(broken).root.streams.get('__substg1.0_1000001F')?.size).toBe(0);
    });

    it('cuts a chain that runs into the start of the mini FAT, which cfb could then not find', () => {
      const built = sample();
      const chain = built.layout.chains.get('__substg1.0_1000001F') ?? [];
      const miniFat = built.layout.miniFatSectors[0] ?? 0;
      const broken = patchFatEntry(built, chain[chain.length - 1] ?? 0, miniFat);
      const check = checkContainer(broken);
      expect(check.fatal).toBe(false);
      expect(messages(check, 'damage')).toContain(
        `FAT: 1 sector chains run into sector ${miniFat}, where the mini FAT starts (cross-linked); cut there`,
      );
      expect(openCompoundFile(broken).root.streams.get('__substg1.0_0037001F')?.read()).toEqual(
        pattern(40, 2),
      );
    });

    it('cuts a small stream whose mini FAT chain loops', () => {
      const built = buildCfb([stream('small', pattern(300, 9))]);
      const chain = built.layout.chains.get('small') ?? [];
      const broken = patchU32(
        built.bytes,
        built.layout.miniFatEntryOffset(chain[2] ?? 0),
        chain[0] ?? 0,
      );
      const file = openCompoundFile(broken);
      expect(file.diagnostics[0]?.message).toBe(
        'stream small: its mini FAT chain loops back to mini sector 0; read 192 of 300 bytes',
      );
      expect(file.root.streams.get('small')?.read()).toEqual(pattern(300, 9).subarray(0, 192));
    });
  });

  describe('checkCompoundFile() on a broken directory', () => {
    it('drops a sibling link that closes a loop, and keeps every entry once', () => {
      const built = buildCfb([
        stream('a', 'first'),
        stream('bb', 'second'),
        stream('ccc', 'third'),
      ]);
      // Siblings sort by length: bb is the tree's root, a its left and ccc its right child. A link
      // from ccc back to bb makes bb → ccc → bb.
      const bb = entryAt(built, 'bb');
      const ccc = entryAt(built, 'ccc');
      expect(bb.right).toBe(ccc.id);
      const broken = patchEntry(built, ccc.id, 'left', bb.id);
      const check = checkContainer(broken);
      expect(check.fatal).toBe(false);
      expect(messages(check, 'damage')).toEqual([
        `directory entry ${ccc.id} left link: points at entry ${bb.id}, which is already in the tree (a loop); dropped`,
      ]);
      expect([...openCompoundFile(broken).root.streams.keys()].sort()).toEqual(['a', 'bb', 'ccc']);
    });

    it('drops a child link that makes two storages contain each other (cfb: RangeError)', () => {
      const built = buildCfb([storage('outer', [storage('inner', [stream('leaf', 'x')])])]);
      const outer = entryAt(built, 'outer');
      const inner = entryAt(built, 'outer/inner');
      const broken = patchEntry(built, inner.id, 'child', outer.id);
      const file = openCompoundFile(broken);
      expect(file.diagnostics.map((diagnostic) => diagnostic.message)).toContain(
        `directory entry ${inner.id} child link: points at entry ${outer.id}, which is already in the tree (a loop); dropped`,
      );
      expect(file.root.storages.get('outer')?.storages.get('inner')?.streams.size).toBe(0);
    });

    it('drops a link to an entry ID the directory does not have', () => {
      const built = sample();
      const broken = patchEntry(built, entryAt(built, '__substg1.0_0037001F').id, 'left', 0x1234);
      const check = checkContainer(broken);
      expect(check.fatal).toBe(false);
      expect(messages(check, 'damage').join('\n')).toContain(
        'left link: expected an entry ID below 8 or NOSTREAM, found 0x00001234; dropped',
      );
    });

    it('rejects a directory whose first entry is not the root storage', () => {
      const built = sample();
      const root = built.layout.entries[0]?.offset ?? 0;
      const broken = built.bytes.slice();
      broken[root + ENTRY.objectType] = 1;
      const error = expectRejected(broken, 'CORRUPT_CONTAINER');
      expect(error.message).toBe(
        'directory entry 0: expected the root storage (object type 5), found object type 1',
      );
    });

    it('opens a directory cfb would take seconds to name, which the tests keep from cfb', () => {
      // 30,000 streams in one storage: `cfb`'s path builder is quadratic in the entry count. Our
      // reader has no such cost, so the app opens the file; only the tests' cross-check, which
      // hands accepted files to `cfb`, refuses it (cfb-hazards.ts).
      const built = buildCfb(
        Array.from({ length: 30_000 }, (_, i) => stream(`__substg1.0_${i}`, new Uint8Array(0))),
      );
      expect(openCompoundFile(built.bytes).root.streams.size).toBe(30_000);
      const error = thrown(() => checkCompoundFile(built.bytes, { extraCheck: checkCfbHazards }));
      expect(error).toMatchObject({ code: 'LIMIT_EXCEEDED' });
      expect((error as Error).message).toContain(
        '30004 entries in this order would take the container library more than',
      );
    });
  });

  describe('checkCompoundFile() on quirks real writers produce', () => {
    it('corrects a DIFAT count the chain does not reach (SheetJS/js-cfb#14)', () => {
      // No DIFAT sectors, but the header claims one: cfb throws "DIFAT chain shorter than expected".
      const broken = patchU32(sample().bytes, HEADER.difatSectorCount, 1);
      const prepared = checkCompoundFile(broken);
      expect(prepared.bytes).not.toBe(broken);
      expect(prepared.diagnostics).toEqual([]);
      expect(prepared.problems).toEqual([
        expect.objectContaining({
          severity: 'quirk',
          repaired: true,
          message:
            'header number of DIFAT sectors: expected 0 (where the DIFAT chain ends), found 1; corrected',
        }),
      ]);
      expect(openCompoundFile(broken).root.streams.get('__substg1.0_1000001F')?.read()).toEqual(
        pattern(9000, 3),
      );
    });

    it('corrects the count of a real DIFAT chain that ends early', () => {
      // More than 109 FAT sectors: the 110th is listed in a DIFAT sector.
      const large = pattern(7_400_000, 6);
      const built = buildCfb([stream('large', large), stream('small', 'tiny')]);
      expect(built.layout.difatSectors).toHaveLength(1);
      const broken = patchU32(built.bytes, HEADER.difatSectorCount, 3);
      const file = openCompoundFile(broken);
      expect(file.diagnostics).toEqual([]);
      // Buffer.equals: a deep toEqual over 7 MB takes the better part of a minute.
      expect(Buffer.from(file.root.streams.get('large')?.read() ?? []).equals(large)).toBe(true);
    });

    it('pads a trailing partial sector', () => {
      const built = sample();
      const longer = new Uint8Array(built.bytes.length + 7);
      longer.set(built.bytes);
      const prepared = checkCompoundFile(longer);
      expect(prepared.bytes.length).toBe(built.bytes.length + 512);
      expect(prepared.problems.map((problem) => problem.severity)).toEqual(['quirk']);
    });

    it('zeroes reserved header bytes and the version 3 directory count, which cfb refuses', () => {
      let broken = patchU32(sample().bytes, HEADER.directorySectorCount, 3);
      broken = patchU32(broken, HEADER.reserved, 0xdeadbeef);
      expect(openCompoundFile(broken).root.streams.size).toBe(3);
    });

    it('ignores an unused directory slot that claims a size and links (cfb would follow both)', () => {
      const built = sample();
      const unusedId = built.layout.entries.length;
      const offset = (built.layout.entries[0]?.offset ?? 0) + unusedId * 128;
      let broken = patchU32(built.bytes, offset + ENTRY.size, 100_000);
      broken = patchU32(broken, offset + ENTRY.start, 1);
      broken = patchU32(broken, offset + ENTRY.left, 0);
      const prepared = checkCompoundFile(broken);
      expect(prepared.diagnostics).toEqual([]);
      expect(prepared.problems.every((problem) => problem.severity === 'quirk')).toBe(true);
    });

    it('treats a FREESECT at the end of a chain like ENDOFCHAIN', () => {
      const built = sample();
      const chain = built.layout.chains.get('__substg1.0_1000001F') ?? [];
      const broken = patchFatEntry(built, chain[chain.length - 1] ?? 0, FREESECT);
      expect(checkContainer(broken).problems).toEqual([]);
      expect(openCompoundFile(broken).root.streams.get('__substg1.0_1000001F')?.read()).toEqual(
        pattern(9000, 3),
      );
    });
  });

  describe('checkCompoundFile() on mutated corpus files', () => {
    it('opens or rejects with a MsgFormatError every one of 300 seeded mutations, in a child process', () => {
      // A hazard the check misses makes cfb loop until V8 aborts the process; in a child that
      // shows up as a timeout or crash here instead of killing the test run. The script prints the
      // case it is on to stderr, so the last line names the culprit. Every stream of an opened case
      // is read and compared with what cfb reads from the same checked bytes.
      const files = [
        'msgreader-js/200 recipients.msg',
        'msgreader-dotnet/EmailWithAttachments.msg',
        'outlook-message-parser/chinese message un_garbled.msg',
      ].map((file) => `${CORPUS_DIR}${file}`);
      const child = spawnSync(
        process.execPath,
        [
          '--max-old-space-size=512',
          '--import',
          'tsx',
          MUTATION_SCRIPT,
          '20250607',
          '100',
          ...files,
        ],
        { encoding: 'utf8', timeout: 60_000, maxBuffer: 16 * 1024 * 1024 },
      );
      // The child names each case on stderr before opening it; after a crash or a timeout the last
      // name is the culprit (V8's abort message follows it).
      const lastCase = child.stderr.match(/^.* #\d+: .*$/gm)?.pop();
      expect({ error: child.error?.message, status: child.status, lastCase }).toEqual({
        error: undefined,
        status: 0,
        lastCase: expect.any(String) as string,
      });
      const report = JSON.parse(child.stdout) as MutationReport;
      expect(report.cases).toBe(300);
      expect(report.otherErrors).toEqual([]);
      expect(report.streamsCompared).toBeGreaterThan(0);
      expect(
        report.slowestMs < 1000
          ? 'under a second'
          : `${report.slowestMs} ms: ${report.slowestCase}`,
      ).toBe('under a second');
      // Both outcomes must occur, or the mutations are not reaching the structures.
      expect(report.opened).toBeGreaterThan(0);
      expect(Object.values(report.rejected).reduce((sum, count) => sum + count, 0)).toBeGreaterThan(
        0,
      );
    });
  });
});
