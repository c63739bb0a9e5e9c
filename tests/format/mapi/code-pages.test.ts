import { describe, expect, it } from 'vitest';
import {
  ansiCodePageOfLocale,
  chooseAnsiCodePage,
  chooseBodyCodePage,
  chooseHtmlCodePage,
  decodeCodePage,
  windowsCodePageOfInternet,
} from '../../../src-main/format/mapi/code-pages.js';

describe('code-pages', () => {
  describe('chooseAnsiCodePage()', () => {
    it('prefers PR_MESSAGE_CODEPAGE over the locale and the internet code page', () => {
      expect(
        chooseAnsiCodePage({ messageCodePage: 1251, localeId: 0x0411, internetCodePage: 50220 }),
      ).toEqual({
        codePage: 1251,
        source: 'PR_MESSAGE_CODEPAGE',
      });
    });

    it('uses the ANSI page of the locale when there is no message code page', () => {
      // 0x0419 ru-RU → 1251, as in poi/hsmf/ASCII_CP1251_LCID1049.msg
      expect(chooseAnsiCodePage({ localeId: 0x0419, internetCodePage: 20127 })).toEqual({
        codePage: 1251,
        source: 'PR_MESSAGE_LOCALE_ID',
      });
    });

    it('maps the internet code page to its Windows page as the third choice', () => {
      expect(chooseAnsiCodePage({ internetCodePage: 50220 })).toEqual({
        codePage: 932,
        source: 'PR_INTERNET_CPID',
      });
      expect(chooseAnsiCodePage({ internetCodePage: 28591 })).toEqual({
        codePage: 1252,
        source: 'PR_INTERNET_CPID',
      });
    });

    it('falls back to 1252 when UTF-8 is the only hint, since UTF-8 is no ANSI page', () => {
      expect(chooseAnsiCodePage({ internetCodePage: 65001 })).toEqual({
        codePage: 1252,
        source: 'default-1252',
      });
    });

    it('lets a caller override everything the file says', () => {
      expect(chooseAnsiCodePage({ messageCodePage: 1252 }, 936)).toEqual({
        codePage: 936,
        source: 'override',
      });
    });
  });

  describe('chooseBodyCodePage()', () => {
    it('decodes an 8-bit body in the MIME charset it came from', () => {
      expect(chooseBodyCodePage({ messageCodePage: 1252, internetCodePage: 28595 }).codePage).toBe(
        1251,
      );
    });

    it('ignores a UTF-8 internet code page and uses the ANSI page', () => {
      expect(chooseBodyCodePage({ localeId: 0x0407, internetCodePage: 65001 })).toEqual({
        codePage: 1252,
        source: 'PR_MESSAGE_LOCALE_ID',
      });
    });
  });

  describe('chooseHtmlCodePage()', () => {
    it('uses the internet code page as is, UTF-8 included', () => {
      expect(chooseHtmlCodePage({ messageCodePage: 1252, internetCodePage: 65001 }).codePage).toBe(
        65001,
      );
    });
  });

  describe('ansiCodePageOfLocale()', () => {
    it.each([
      [0x0409, 1252], // en-US
      [0x0411, 932], // ja-JP
      [0x0404, 950], // zh-TW
      [0x0804, 936], // zh-CN
      [0x0412, 949], // ko-KR
      [0x0415, 1250], // pl-PL
      [0x040d, 1255], // he-IL
      [0x0c1a, 1251], // sr-Cyrl-CS, unlike Latin Serbian
      [0x081a, 1250], // sr-Latn-CS
    ])('maps LCID 0x%s to %i', (lcid, codePage) => {
      expect(ansiCodePageOfLocale(lcid)).toBe(codePage);
    });

    it('returns undefined for locales that name no language, so the next hint is tried', () => {
      expect(ansiCodePageOfLocale(0)).toBeUndefined();
      expect(ansiCodePageOfLocale(0x2000)).toBeUndefined(); // LOCALE_CUSTOM_UNSPECIFIED-style value
    });
  });

  describe('windowsCodePageOfInternet()', () => {
    it('has no Windows page for UTF-8', () => {
      expect(windowsCodePageOfInternet(65001)).toBeUndefined();
    });

    it('maps KOI8-R to 1251', () => {
      expect(windowsCodePageOfInternet(20866)).toBe(1251);
    });
  });

  describe('decodeCodePage()', () => {
    it('decodes 1252 bytes that Latin-1 would get wrong (0x85 is an ellipsis)', () => {
      expect(decodeCodePage(new Uint8Array([0x61, 0x85]), 1252)).toBe('a\u2026');
    });

    it('decodes 0x80–0x9F in 1252 as Windows does (Node 20 TextDecoder reads them as C1 controls)', () => {
      expect(decodeCodePage(new Uint8Array([0x93, 0x96, 0x80, 0x94]), 1252)).toBe(
        '\u201c\u2013\u20ac\u201d',
      );
    });

    it('decodes double-byte Shift-JIS', () => {
      expect(decodeCodePage(new Uint8Array([0x82, 0xa0, 0x82, 0xa2]), 932)).toBe('あい');
    });

    it('decodes OEM pages TextDecoder lacks through iconv-lite', () => {
      expect(decodeCodePage(new Uint8Array([0x81]), 850)).toBe('ü');
    });

    it('falls back to 1252 for an unknown code page instead of failing', () => {
      expect(decodeCodePage(new Uint8Array([0x41, 0x80]), 12345)).toBe('A€');
    });

    it('turns invalid bytes into U+FFFD rather than throwing', () => {
      expect(decodeCodePage(new Uint8Array([0x82]), 932)).toBe('\ufffd');
    });
  });
});
