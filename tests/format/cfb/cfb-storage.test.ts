import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openCompoundFile } from '../../../src-main/format/cfb/cfb-storage.js';
import type { StorageNode } from '../../../src-main/format/cfb/cfb-storage.js';
import { checkContainer } from '../../../src-main/format/cfb/container-check.js';
import { isMsgFormatError } from '../../../src-main/format/errors.js';
import {
  buildCfb,
  cyclicChainRecipe,
  patchU32,
  pattern,
  storage,
  stream,
} from '../../fixtures/cfb-builder.js';
import type { FixtureNode } from '../../fixtures/cfb-builder.js';
import { crossCheckWithCfb } from './cfb-cross-check.js';

const CORPUS_DIR = fileURLToPath(new URL('../../../../shared/corpus/', import.meta.url));

interface CorpusRecord {
  file: string;
  parse: { ok: boolean };
}

const corpus = (
  JSON.parse(readFileSync(`${CORPUS_DIR}expected.json`, 'utf8')) as { files: CorpusRecord[] }
).files;

/** Every stream below `node` as path → bytes, to compare a tree with what went in. */
function flatten(node: StorageNode, into = new Map<string, Uint8Array>()): Map<string, Uint8Array> {
  for (const child of node.streams.values()) into.set(child.path, child.read());
  for (const child of node.storages.values()) {
    into.set(`${child.path}/`, new Uint8Array(0));
    flatten(child, into);
  }
  return into;
}

function expected(
  nodes: FixtureNode[],
  prefix = '',
  into = new Map<string, Uint8Array>(),
): Map<string, Uint8Array> {
  for (const node of nodes) {
    const path = prefix ? `${prefix}/${node.name}` : node.name;
    if (node.kind === 'stream') into.set(path, node.data);
    else {
      into.set(`${path}/`, new Uint8Array(0));
      expected(node.children, path, into);
    }
  }
  return into;
}

const TREE: FixtureNode[] = [
  stream('__properties_version1.0', pattern(96, 1)),
  stream('__substg1.0_0037001F', pattern(40, 2)),
  stream('__substg1.0_1000001F', pattern(9000, 3)),
  stream('__substg1.0_0E1D001F', new Uint8Array(0)),
  storage('__recip_version1.0_#00000000', [stream('__properties_version1.0', pattern(48, 4))]),
  storage('__attach_version1.0_#00000000', [
    stream('__properties_version1.0', pattern(64, 5)),
    storage('__substg1.0_3701000D', [
      stream('__properties_version1.0', pattern(32, 6)),
      stream('__substg1.0_1000001F', pattern(4096, 7)),
    ]),
  ]),
];

describe('cfb-storage', () => {
  describe('openCompoundFile()', () => {
    it('round-trips the names, nesting and bytes of every storage and stream', () => {
      const file = openCompoundFile(buildCfb(TREE).bytes);
      expect(file.diagnostics).toEqual([]);
      expect(file.root).toMatchObject({ name: 'Root Entry', path: '' });
      expect(flatten(file.root)).toEqual(expected(TREE));
      const inner = file.root.storages
        .get('__attach_version1.0_#00000000')
        ?.storages.get('__substg1.0_3701000D');
      expect(inner?.path).toBe('__attach_version1.0_#00000000/__substg1.0_3701000D');
      expect(inner?.streams.get('__substg1.0_1000001F')).toMatchObject({
        name: '__substg1.0_1000001F',
        path: '__attach_version1.0_#00000000/__substg1.0_3701000D/__substg1.0_1000001F',
        size: 4096,
      });
    });

    it('round-trips a version 4 file', () => {
      expect(flatten(openCompoundFile(buildCfb(TREE, { version: 4 }).bytes).root)).toEqual(
        expected(TREE),
      );
    });

    it('places entries listed before their parents correctly (cfb 1.2.2 gets their paths wrong)', () => {
      // Reversed breadth-first order puts every child before its storage. cfb's FullPaths then
      // lose the storage prefix for some entries; the tree is built from the checked directory.
      const file = openCompoundFile(
        buildCfb(TREE, { order: (entries) => [...entries].reverse() }).bytes,
      );
      expect(flatten(file.root)).toEqual(expected(TREE));
    });

    it('hands out views of one buffer, not copies, as plain Uint8Arrays', () => {
      const node = openCompoundFile(buildCfb(TREE).bytes).root.streams.get('__substg1.0_1000001F');
      const first = node?.read();
      expect(first?.constructor).toBe(Uint8Array);
      expect(node?.read().buffer).toBe(first?.buffer);
    });

    it('accepts a Uint8Array that is a window into a larger buffer', () => {
      const bytes = buildCfb(TREE).bytes;
      const larger = new Uint8Array(bytes.length + 100);
      larger.set(bytes, 50);
      expect(flatten(openCompoundFile(larger.subarray(50, 50 + bytes.length)).root)).toEqual(
        expected(TREE),
      );
    });

    it('rejects the cyclic-chain recipe before reading any stream', () => {
      // If the check let these bytes through, cfb (which the tests compare with) would abort this
      // test process, and a reader without the check would read the loop forever.
      expect(() => openCompoundFile(cyclicChainRecipe())).toThrow(
        expect.objectContaining({ code: 'CORRUPT_CONTAINER' }) as Error,
      );
    });

    it('reads a stream whose sectors are scattered into one copy, and the same copy again', () => {
      // Swapping the second sectors of two large streams leaves neither contiguous in the file:
      // a is s0 → t1 → s2 …, b is t0 → s1 → t2 ….
      const a = pattern(5000, 11);
      const b = pattern(6000, 12);
      const built = buildCfb([stream('a', a), stream('b', b)]);
      const [s0, s1, s2] = built.layout.chains.get('a')!;
      const [t0, t1, t2] = built.layout.chains.get('b')!;
      let bytes = built.bytes;
      for (const [sector, next] of [
        [s0!, t1!],
        [t1!, s2!],
        [t0!, s1!],
        [s1!, t2!],
      ] as const) {
        bytes = patchU32(bytes, built.layout.fatEntryOffset(sector), next);
      }
      const swapped = (data: Uint8Array, other: Uint8Array) => {
        const expectedBytes = data.slice();
        expectedBytes.set(other.subarray(512, 1024), 512);
        return expectedBytes;
      };
      const file = openCompoundFile(bytes);
      const node = file.root.streams.get('a');
      expect(node?.read()).toEqual(swapped(a, b));
      expect(node?.read().buffer).not.toBe(bytes.buffer);
      expect(node?.read()).toBe(node?.read());
      expect(file.root.streams.get('b')?.read()).toEqual(swapped(b, a));
      expect(crossCheckWithCfb(bytes).differences).toEqual([]);
    });
  });

  describe('openCompoundFile() against cfb, an independent reader', () => {
    it('reads every stream of the fixture trees as cfb does', () => {
      for (const bytes of [
        buildCfb(TREE).bytes,
        buildCfb(TREE, { version: 4 }).bytes,
        buildCfb(TREE, { order: (entries) => [...entries].reverse() }).bytes,
      ]) {
        expect(crossCheckWithCfb(bytes).differences).toEqual([]);
      }
    });

    it.each(corpus.filter((record) => record.parse.ok).map((record) => record.file))(
      'reads every stream of %s as cfb does, byte for byte',
      (file) => {
        const check = crossCheckWithCfb(new Uint8Array(readFileSync(`${CORPUS_DIR}${file}`)));
        expect(check.differences).toEqual([]);
        expect(check.streams).toBeGreaterThan(0);
      },
    );

    it.each(corpus.filter((record) => !record.parse.ok).map((record) => record.file))(
      'reads the broken %s as cfb does, or refuses it with a MsgFormatError',
      (file) => {
        // A refused file reaches neither reader; anything else thrown fails the test.
        const differences = (bytes: Uint8Array): string[] => {
          try {
            return crossCheckWithCfb(bytes).differences;
          } catch (error) {
            if (isMsgFormatError(error)) return [];
            throw error;
          }
        };
        expect(differences(new Uint8Array(readFileSync(`${CORPUS_DIR}${file}`)))).toEqual([]);
      },
    );
  });

  describe('StorageNode members (MemberMap)', () => {
    const root = openCompoundFile(
      buildCfb([
        stream('__SUBSTG1.0_0037001F', pattern(8)),
        stream('__substg1.0_1000001F', pattern(9)),
        storage('__ATTACH_VERSION1.0_#00000000', []),
      ]).bytes,
    ).root;

    it('finds a name written in another case (some writers upper-case them)', () => {
      expect(root.streams.get('__substg1.0_0037001F')?.name).toBe('__SUBSTG1.0_0037001F');
      expect(root.storages.get('__attach_version1.0_#00000000')?.name).toBe(
        '__ATTACH_VERSION1.0_#00000000',
      );
      expect(root.streams.has('__SubStg1.0_1000001f')).toBe(true);
    });

    it('lists names as stored and finds nothing for a name that is not there', () => {
      expect([...root.streams.keys()].sort()).toEqual([
        '__SUBSTG1.0_0037001F',
        '__substg1.0_1000001F',
      ]);
      expect(root.streams.get('__substg1.0_1000001F')?.read()).toEqual(pattern(9));
      expect(root.streams.get('__substg1.0_0E1D001F')).toBeUndefined();
      expect(root.storages.get('__substg1.0_0037001F')).toBeUndefined();
    });
  });

  describe('openCompoundFile() on the corpus (../shared/corpus)', () => {
    /** 'opened', or the error's class and code: a test compares one string instead of branching. */
    function outcomeOf(bytes: Uint8Array): { outcome: string; ms: number } {
      const started = performance.now();
      let outcome = 'opened';
      try {
        openCompoundFile(bytes);
      } catch (error) {
        outcome = isMsgFormatError(error)
          ? `MsgFormatError ${error.code}: ${error.message}`
          : `untyped ${String(error)}`;
      }
      return { outcome, ms: performance.now() - started };
    }

    it.each(corpus.filter((record) => record.parse.ok).map((record) => record.file))(
      'opens %s within a second, with no fatal problem and no damage',
      (file) => {
        const bytes = new Uint8Array(readFileSync(`${CORPUS_DIR}${file}`));
        const { outcome, ms } = outcomeOf(bytes);
        expect(outcome).toBe('opened');
        expect(ms).toBeLessThan(1000);
        const check = checkContainer(bytes);
        expect(check.fatal).toBe(false);
        expect(check.problems.filter((problem) => problem.severity !== 'quirk')).toEqual([]);
      },
    );

    it.each(corpus.filter((record) => !record.parse.ok).map((record) => record.file))(
      'opens the broken %s or rejects it with a MsgFormatError, within a second',
      (file) => {
        const { outcome, ms } = outcomeOf(new Uint8Array(readFileSync(`${CORPUS_DIR}${file}`)));
        expect(outcome).toMatch(/^(opened|MsgFormatError )/);
        expect(ms).toBeLessThan(1000);
      },
    );
  });
});
