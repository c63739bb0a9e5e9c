import { describe, expect, it } from 'vitest';
import { ByteReader } from '../../src-main/format/byte-reader.js';

describe('byte-reader', () => {
  describe('skip()', () => {
    it('moves past the skipped bytes', () => {
      // It once returned to where it was, so a header's reserved bytes were read as its fields.
      const reader = new ByteReader(Uint8Array.from([1, 2, 3, 4, 5, 6]), 'test');
      expect(reader.skip(2).u8()).toBe(3);
      expect(reader.position).toBe(3);
    });

    it('throws TRUNCATED instead of skipping past the end', () => {
      const reader = new ByteReader(Uint8Array.from([1, 2]), 'test');
      expect(() => reader.skip(3)).toThrow(expect.objectContaining({ code: 'TRUNCATED' }) as Error);
      expect(reader.position).toBe(0);
    });
  });
});
