import { describe, expect, it } from 'vitest';
import { appTimeToDate, filetimeToDate } from '../../../src-main/format/mapi/filetime.js';

const FILETIME_OF_UNIX_EPOCH = 116_444_736_000_000_000n;

describe('filetime', () => {
  describe('filetimeToDate()', () => {
    it('converts 100-ns ticks since 1601 to an instant', () => {
      const ticks = FILETIME_OF_UNIX_EPOCH + BigInt(Date.UTC(2019, 9, 9, 5, 55, 10)) * 10_000n;
      expect(filetimeToDate(ticks)?.toISOString()).toBe('2019-10-09T05:55:10.000Z');
    });

    it('keeps millisecond precision', () => {
      expect(filetimeToDate(FILETIME_OF_UNIX_EPOCH + 1_234_5678n)?.toISOString()).toBe(
        '1970-01-01T00:00:01.234Z',
      );
    });

    it('treats zero as absent, not as 1601 (unsent drafts store zero)', () => {
      expect(filetimeToDate(0n)).toBeNull();
    });

    it('treats MAPI\'s 4501-01-01 "none" sentinel as absent', () => {
      const none = FILETIME_OF_UNIX_EPOCH + BigInt(Date.UTC(4501, 0, 1)) * 10_000n;
      expect(filetimeToDate(none)).toBeNull();
    });

    it('treats values far out of range as absent instead of throwing (msg-extractor#427)', () => {
      expect(filetimeToDate(0x7fffffffffffffffn)).toBeNull();
      expect(filetimeToDate(-5n)).toBeNull();
    });
  });

  describe('appTimeToDate()', () => {
    it('counts days from 1899-12-30 with the fraction as time of day', () => {
      expect(appTimeToDate(2.5)?.toISOString()).toBe('1900-01-01T12:00:00.000Z');
    });

    it('rejects NaN', () => {
      expect(appTimeToDate(Number.NaN)).toBeNull();
    });
  });
});
