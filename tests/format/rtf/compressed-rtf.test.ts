import { createHash } from 'node:crypto';
import { decompressRTF } from '@kenjiuno/decompressrtf';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src-main/format/errors.js';
import { MsgFormatError } from '../../../src-main/format/errors.js';
import { decompressRtf } from '../../../src-main/format/rtf/compressed-rtf.js';
import { corpusRecords, corpusRtfStreams } from './corpus-rtf.js';

/**
 * [MS-OXRTFCP] 3.1.1 Example 1: Simple Compressed RTF (section 4.1 in the 2008–2009 editions):
 * literals, and one reference into the initial dictionary.
 */
const SPEC_EXAMPLE_1 = Uint8Array.from([
  // header: COMPSIZE 0x2D, RAWSIZE 0x2B, COMPTYPE 'LZFu', CRC 0xA7C7C5F1
  0x2d, 0x00, 0x00, 0x00, 0x2b, 0x00, 0x00, 0x00, 0x4c, 0x5a, 0x46, 0x75, 0xf1, 0xc5, 0xc7, 0xa7,
  // contents
  0x03, 0x00, 0x0a, 0x00, 0x72, 0x63, 0x70, 0x67, 0x31, 0x32, 0x35, 0x42, 0x32, 0x0a, 0xf3, 0x20,
  0x68, 0x65, 0x6c, 0x09, 0x00, 0x20, 0x62, 0x77, 0x05, 0xb0, 0x6c, 0x64, 0x7d, 0x0a, 0x80, 0x0f,
  0xa0,
]);
const SPEC_EXAMPLE_1_RTF = '{\\rtf1\\ansi\\ansicpg1252\\pard hello world}\r\n';

/**
 * [MS-OXRTFCP] 3.1.2 Example 2: Reading a Token from the Dictionary that Crosses WritePosition
 * (section 4.2 in the 2008–2009 editions): one reference copies bytes it is itself writing.
 */
const SPEC_EXAMPLE_2 = Uint8Array.from([
  // header: COMPSIZE 0x1A, RAWSIZE 0x1C, COMPTYPE 'LZFu', CRC 0x514BD4E2
  0x1a, 0x00, 0x00, 0x00, 0x1c, 0x00, 0x00, 0x00, 0x4c, 0x5a, 0x46, 0x75, 0xe2, 0xd4, 0x4b, 0x51,
  // contents
  0x41, 0x00, 0x04, 0x20, 0x57, 0x58, 0x59, 0x5a, 0x0d, 0x6e, 0x7d, 0x01, 0x0e, 0xb0,
]);
const SPEC_EXAMPLE_2_RTF = '{\\rtf1 WXYZWXYZWXYZWXYZWXYZ}';

const HEADER_SIZE = 16;
const COMPTYPE_OFFSET = 8;
const RAWSIZE_OFFSET = 4;
const CRC_OFFSET = 12;

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('latin1');
}

function withUint32(bytes: Uint8Array, offset: number, value: number): Uint8Array {
  const copy = bytes.slice();
  new DataView(copy.buffer).setUint32(offset, value, true);
  return copy;
}

/** A 'MELA' (uncompressed) stream as writers produce it, with the size fields given. */
function mela(rtf: string, sizes: { compSize?: number; rawSize?: number } = {}): Uint8Array {
  const raw = Buffer.from(rtf, 'latin1');
  const bytes = new Uint8Array(HEADER_SIZE + raw.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, sizes.compSize ?? raw.length + 12, true);
  view.setUint32(RAWSIZE_OFFSET, sizes.rawSize ?? raw.length, true);
  view.setUint32(COMPTYPE_OFFSET, 0x414c454d, true);
  bytes.set(raw, HEADER_SIZE);
  return bytes;
}

function decompressCollecting(compressed: Uint8Array) {
  const diagnostics: Diagnostic[] = [];
  const rtf = decompressRtf(compressed, (diagnostic) => diagnostics.push(diagnostic));
  return { rtf, diagnostics };
}

function errorOf(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('compressed-rtf', () => {
  describe('decompressRtf()', () => {
    it('decompresses the spec example when it holds literals and a dictionary reference', () => {
      const { rtf, diagnostics } = decompressCollecting(SPEC_EXAMPLE_1);
      expect(latin1(rtf)).toBe(SPEC_EXAMPLE_1_RTF);
      expect(diagnostics).toEqual([]);
    });

    it('repeats the bytes it just wrote when a reference crosses the write position', () => {
      const { rtf, diagnostics } = decompressCollecting(SPEC_EXAMPLE_2);
      expect(latin1(rtf)).toBe(SPEC_EXAMPLE_2_RTF);
      expect(diagnostics).toEqual([]);
    });

    it('works without a diagnostic sink', () => {
      expect(latin1(decompressRtf(withUint32(SPEC_EXAMPLE_1, CRC_OFFSET, 0)))).toBe(
        SPEC_EXAMPLE_1_RTF,
      );
    });

    it('reports CORRUPT_DATA and still decompresses when the CRC does not match', () => {
      const { rtf, diagnostics } = decompressCollecting(withUint32(SPEC_EXAMPLE_1, CRC_OFFSET, 1));
      expect(latin1(rtf)).toBe(SPEC_EXAMPLE_1_RTF);
      expect(diagnostics).toHaveLength(1);
      expect(diagnostics[0]).toMatchObject({ code: 'CORRUPT_DATA', where: { offset: CRC_OFFSET } });
      expect(diagnostics[0]!.message).toContain('CRC');
    });

    it('uses the bytes present when COMPSIZE disagrees with the stream length', () => {
      const { rtf, diagnostics } = decompressCollecting(withUint32(SPEC_EXAMPLE_1, 0, 0x1000));
      expect(latin1(rtf)).toBe(SPEC_EXAMPLE_1_RTF);
      expect(diagnostics).toEqual([
        expect.objectContaining({ code: 'CORRUPT_DATA', where: { offset: 0 } }),
      ]);
    });

    it('stops at RAWSIZE when the contents hold more', () => {
      const { rtf } = decompressCollecting(withUint32(SPEC_EXAMPLE_2, RAWSIZE_OFFSET, 10));
      expect(latin1(rtf)).toBe(SPEC_EXAMPLE_2_RTF.slice(0, 10));
    });

    it('returns what was decompressed with a TRUNCATED diagnostic when the contents are cut', () => {
      // The last run (its control byte, "}\r\n" and the end marker) is missing.
      const truncated = SPEC_EXAMPLE_1.subarray(0, SPEC_EXAMPLE_1.length - 7);
      const { rtf, diagnostics } = decompressCollecting(truncated);
      expect(SPEC_EXAMPLE_1_RTF.startsWith(latin1(rtf))).toBe(true);
      expect(latin1(rtf)).toContain('hello wor');
      expect(diagnostics.map((diagnostic) => diagnostic.code)).toContain('TRUNCATED');
    });

    it('does not throw when truncated in the middle of a dictionary reference', () => {
      // Cut after the first byte of the reference to "\rtf1\ansi\" (0x03 0x00 = offset 0, length 5).
      const { rtf, diagnostics } = decompressCollecting(SPEC_EXAMPLE_1.subarray(0, 17));
      expect(rtf).toHaveLength(0);
      expect(diagnostics.map((diagnostic) => diagnostic.code)).toContain('TRUNCATED');
    });

    it('does not allocate for a hostile RAWSIZE of 0xFFFFFFFF when the input is small', () => {
      const { rtf, diagnostics } = decompressCollecting(
        withUint32(SPEC_EXAMPLE_1, RAWSIZE_OFFSET, 0xffffffff),
      );
      expect(latin1(rtf)).toBe(SPEC_EXAMPLE_1_RTF);
      // Bounded by what 33 bytes of contents can encode (17 bytes per 2-byte reference), not 4 GB.
      expect(rtf.buffer.byteLength).toBeLessThanOrEqual(17 * 17);
      expect(diagnostics).toEqual([
        expect.objectContaining({ code: 'CORRUPT_DATA', where: { offset: RAWSIZE_OFFSET } }),
      ]);
    });

    it('caps the output by what the contents can encode when RAWSIZE is hostile', () => {
      // Every token a 17-byte reference to offset 0, never the end marker: maximal expansion.
      const runs = 64;
      const contents = new Uint8Array(runs * 17);
      for (let run = 0; run < runs; run++) {
        contents[run * 17] = 0xff;
        for (let token = 0; token < 8; token++) contents[run * 17 + 1 + token * 2 + 1] = 0x0f;
      }
      const compressed = new Uint8Array(HEADER_SIZE + contents.length);
      const view = new DataView(compressed.buffer);
      view.setUint32(0, contents.length + 12, true);
      view.setUint32(RAWSIZE_OFFSET, 0xffffffff, true);
      view.setUint32(COMPTYPE_OFFSET, 0x75465a4c, true);
      compressed.set(contents, HEADER_SIZE);
      const { rtf, diagnostics } = decompressCollecting(compressed);
      expect(rtf.length).toBe(runs * 8 * 17);
      expect(rtf.buffer.byteLength).toBeLessThanOrEqual((contents.length / 2) * 17 + 17);
      expect(diagnostics.map((diagnostic) => diagnostic.code)).toContain('TRUNCATED');
    });

    it('returns the raw bytes when COMPTYPE is MELA', () => {
      const rtf = '{\\rtf1\\ansi\\ansicpg1252\\pard test}';
      const { rtf: result, diagnostics } = decompressCollecting(mela(rtf));
      expect(latin1(result)).toBe(rtf);
      expect(diagnostics).toEqual([]);
    });

    it('returns the bytes present, silently, when MELA RAWSIZE is COMPSIZE', () => {
      // The writer bug of MSGReader's MelaSizeMismatch test: RAWSIZE counts 12 header bytes too.
      // MSGReader answered a buffer of zeros; the bytes present are the RTF. Every MELA body in
      // our corpus has it, so it is no reason to show the user a notice.
      const rtf =
        '{\\rtf1\\ansi\\ansicpg1252\\deff0\\uc1\\pard\\plain\\f0\\fs20 Hello world.\\par }';
      const { rtf: result, diagnostics } = decompressCollecting(
        mela(rtf, { rawSize: rtf.length + 12 }),
      );
      expect(latin1(result)).toBe(rtf);
      expect(diagnostics).toEqual([]);
    });

    it('returns the bytes present with a diagnostic when MELA RAWSIZE is larger still', () => {
      const rtf = '{\\rtf1\\ansi\\pard short}';
      const { rtf: result, diagnostics } = decompressCollecting(
        mela(rtf, { rawSize: rtf.length + 500 }),
      );
      expect(latin1(result)).toBe(rtf);
      expect(diagnostics).toEqual([
        expect.objectContaining({ code: 'CORRUPT_DATA', where: { offset: RAWSIZE_OFFSET } }),
      ]);
    });

    it('throws CORRUPT_DATA when COMPTYPE is unknown', () => {
      const error = errorOf(() => decompressRtf(withUint32(SPEC_EXAMPLE_1, COMPTYPE_OFFSET, 1)));
      expect(error).toBeInstanceOf(MsgFormatError);
      expect(error).toMatchObject({ code: 'CORRUPT_DATA', where: { offset: COMPTYPE_OFFSET } });
    });

    it('throws CORRUPT_DATA when the stream is shorter than its header', () => {
      const error = errorOf(() => decompressRtf(SPEC_EXAMPLE_1.subarray(0, HEADER_SIZE - 1)));
      expect(error).toBeInstanceOf(MsgFormatError);
      expect(error).toMatchObject({ code: 'CORRUPT_DATA' });
    });

    it('returns an empty RTF when the contents are only the end marker', () => {
      // Control byte 0x01 (one reference) and a reference to 207, where writing starts.
      const compressed = Uint8Array.from([
        0x0f, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x4c, 0x5a, 0x46, 0x75, 0, 0, 0, 0, 0x01,
        0x0c, 0xf0,
      ]);
      const { rtf, diagnostics } = decompressCollecting(compressed);
      expect(rtf).toHaveLength(0);
      // Only the CRC (left 0 here) is wrong: the end marker is no truncation.
      expect(diagnostics).toEqual([
        expect.objectContaining({ code: 'CORRUPT_DATA', where: { offset: CRC_OFFSET } }),
      ]);
    });
  });

  describe('decompressRtf() on random contents', () => {
    it('never throws and never exceeds RAWSIZE when the header is valid', () => {
      // A fixed-seed generator, so a failure reproduces.
      let seed = 0x5eed;
      const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
      for (let round = 0; round < 500; round++) {
        const compressed = new Uint8Array(HEADER_SIZE + Math.floor(random() * 512));
        for (let index = 0; index < compressed.length; index++) {
          compressed[index] = Math.floor(random() * 256);
        }
        const view = new DataView(compressed.buffer);
        view.setUint32(COMPTYPE_OFFSET, random() < 0.8 ? 0x75465a4c : 0x414c454d, true);
        const rawSize = view.getUint32(RAWSIZE_OFFSET, true);
        expect(decompressRtf(compressed, () => {}).length).toBeLessThanOrEqual(rawSize);
      }
    });
  });

  describe('decompressRtf() on the corpus', () => {
    const streams = corpusRtfStreams();

    it('finds PidTagRtfCompressed streams in the corpus', () => {
      expect(streams.length).toBeGreaterThan(100);
    });

    it('agrees byte for byte with @kenjiuno/decompressrtf on every stream', () => {
      const disagreements = streams.filter(({ compressed }) => {
        const ours = decompressRtf(compressed);
        const theirs = Uint8Array.from(decompressRTF(Array.from(compressed)));
        return Buffer.compare(ours, theirs) !== 0;
      });
      expect(disagreements.map(({ file, storage }) => `${file} ${storage}`)).toEqual([]);
    });

    it('produces the rtfDecompressedSha256 of expected.json for every top-level message', () => {
      const byFile = new Map(
        streams.filter(({ storage }) => storage === '').map((stream) => [stream.file, stream]),
      );
      const mismatches: string[] = [];
      let compared = 0;
      for (const record of corpusRecords()) {
        const expectedSha256 = record.expected?.body.rtfDecompressedSha256;
        if (!expectedSha256) continue;
        compared++;
        const stream = byFile.get(record.file);
        const sha256 =
          stream && createHash('sha256').update(decompressRtf(stream.compressed)).digest('hex');
        if (sha256 !== expectedSha256) mismatches.push(`${record.file}: ${sha256 ?? 'no stream'}`);
      }
      expect(mismatches).toEqual([]);
      expect(compared).toBeGreaterThan(90);
    });
  });
});
