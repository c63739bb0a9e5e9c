import { describe, expect, it } from 'vitest';
import { describeDate, headerOffsetMinutes, offsetLabel } from '../../src-renderer/display/dates';

describe('dates', () => {
  describe('headerOffsetMinutes()', () => {
    it('reads numeric offsets, with or without a zone comment', () => {
      expect(headerOffsetMinutes('Mon, 3 Mar 2025 14:05:00 +0100')).toBe(60);
      expect(headerOffsetMinutes('Mon, 3 Mar 2025 08:05:00 -0530 (IST?)')).toBe(-330);
      expect(headerOffsetMinutes('Mon, 3 Mar 2025 13:05:00 +0000 (UTC)')).toBe(0);
    });

    it('reads the obsolete zone names of RFC 5322 and nothing else', () => {
      expect(headerOffsetMinutes('3 Mar 2025 08:05:00 EST')).toBe(-300);
      expect(headerOffsetMinutes('3 Mar 2025 13:05:00 GMT')).toBe(0);
      expect(headerOffsetMinutes('3 Mar 2025 13:05:00')).toBeNull();
      expect(headerOffsetMinutes(null)).toBeNull();
    });
  });

  describe('offsetLabel()', () => {
    it('writes UTC±hh:mm', () => {
      expect(offsetLabel(60)).toBe('UTC+01:00');
      expect(offsetLabel(-330)).toBe('UTC−05:30');
      expect(offsetLabel(0)).toBe('UTC');
    });
  });

  describe('describeDate()', () => {
    const iso = '2025-03-03T13:05:00.000Z';
    const header = 'Mon, 3 Mar 2025 14:05:00 +0100';

    it("shows local time and, when it differs, the sender's own time and offset", () => {
      const date = describeDate(iso, header, { locale: 'en-GB', timeZone: 'America/New_York' })!;
      expect(date.local).toBe('Mon, 3 Mar 2025, 08:05');
      expect(date.senderTime).toBe('Mon 14:05');
      expect(date.senderOffset).toBe('UTC+01:00');
      expect(date.utc).toBe('2025-03-03 13:05:00 UTC');
    });

    it("does not repeat the sender's time when the viewer is in the same offset", () => {
      const date = describeDate(iso, header, { locale: 'en-GB', timeZone: 'Europe/Paris' })!;
      expect(date.local).toBe('Mon, 3 Mar 2025, 14:05');
      expect(date.senderTime).toBeNull();
    });

    it('works without a Date header (no sender offset known)', () => {
      const date = describeDate(iso, null, { locale: 'en-GB', timeZone: 'UTC' })!;
      expect(date.senderOffset).toBeNull();
      expect(date.senderTime).toBeNull();
    });

    it('answers null for an unreadable instant', () => {
      expect(describeDate('not a date', null)).toBeNull();
    });
  });
});
