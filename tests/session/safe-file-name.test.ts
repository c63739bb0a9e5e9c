import { describe, expect, it } from 'vitest';
import { isSessionError } from '../../src-main/session/session-error.js';
import {
  MAX_FILE_NAME_BYTES,
  MAX_UNIQUE_NAME_ATTEMPTS,
  safeFileName,
  uniqueFileName,
} from '../../src-main/session/safe-file-name.js';

const utf8Bytes = (text: string): number => new TextEncoder().encode(text).length;

/** True when `text` holds half of a surrogate pair. */
const hasLoneSurrogate = (text: string): boolean =>
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);

describe('safe-file-name', () => {
  describe('safeFileName()', () => {
    it('keeps an ordinary name unchanged', () => {
      expect(safeFileName('Quarterly report (final) v2.pdf')).toBe(
        'Quarterly report (final) v2.pdf',
      );
      expect(safeFileName('日本語の資料.xlsx')).toBe('日本語の資料.xlsx');
      // A leading dot starts a legitimate name; it is not an escape.
      expect(safeFileName('.gitignore')).toBe('.gitignore');
    });

    describe('directories', () => {
      it.each([
        ['../../x', 'x'],
        ['..\\..\\x', 'x'],
        ['/etc/passwd', 'passwd'],
        ['C:\\Windows\\x.exe', 'x.exe'],
        ['\\\\server\\share\\x.doc', 'x.doc'],
        ['a/b\\c/d.txt', 'd.txt'],
        ['dir/', 'dir'],
      ])('strips the directory part of %j', (input, expected) => {
        // Path traversal: an attachment named ../../.bashrc must land inside the target folder.
        expect(safeFileName(input)).toBe(expected);
      });

      it.each(['.', '..', '...', '. .', ' ', '../..', '/', '\\'])(
        'never returns %j or another name of only dots and spaces',
        (input) => {
          expect(safeFileName(input)).toBe('attachment');
        },
      );

      it('turns a drive-relative name into a plain one', () => {
        // "C:x.exe" is relative to drive C's current directory on Windows; ':' is illegal anyway.
        expect(safeFileName('C:x.exe')).toBe('C_x.exe');
      });
    });

    describe('Windows', () => {
      it('replaces the characters Windows forbids in names', () => {
        expect(safeFileName('a<b>c:d"e|f?g*h.txt')).toBe('a_b_c_d_e_f_g_h.txt');
      });

      it.each([
        ['con', '_con'],
        ['CON.txt', '_CON.txt'],
        ['lpt9.log', '_lpt9.log'],
        ['COM¹', '_COM¹'],
        ['com².tar.gz', '_com².tar.gz'],
        ['LPT³.x', '_LPT³.x'],
        ['NUL .txt', '_NUL .txt'],
        ['aux.', '_aux'],
        ['Prn', '_Prn'],
        ['COM0', '_COM0'],
        ['conin$.txt', '_conin$.txt'],
        ['CONOUT$', '_CONOUT$'],
      ])('prefixes the device name %j', (input, expected) => {
        // Opening "aux.pdf" on Windows opens the AUX device, whatever the extension.
        expect(safeFileName(input)).toBe(expected);
      });

      it.each(['console.txt', 'com10', 'lpt', 'nul_', 'acon.txt', 'COM1x.txt'])(
        'leaves %j alone: it only looks like a device name',
        (input) => {
          expect(safeFileName(input)).toBe(input);
        },
      );

      it('prefixes a device name that invisible characters tried to disguise', () => {
        // Removing the zero-width space first means "c<ZWSP>on" is checked as "con".
        expect(safeFileName('c\u200Bon.txt')).toBe('_con.txt');
      });

      it.each([
        ['name.', 'name'],
        ['name ', 'name'],
        ['evil.exe. . .', 'evil.exe'],
        ['report.pdf   ', 'report.pdf'],
      ])('removes trailing dots and spaces from %j', (input, expected) => {
        // Windows strips them silently, so the saved file would not have the name the user saw.
        expect(safeFileName(input)).toBe(expected);
      });

      it('removes leading spaces', () => {
        expect(safeFileName('   x.txt')).toBe('x.txt');
      });
    });

    describe('spoofing', () => {
      it('removes a right-to-left override that disguises the extension', () => {
        // Displayed as "eviltxe.exe"-style tricks: "evil<RLO>txt.exe" shows as "evilexe.txt".
        expect(safeFileName('evil\u202Etxt.exe')).toBe('eviltxt.exe');
      });

      it.each([
        ['\u202A', 'LRE'],
        ['\u202B', 'RLE'],
        ['\u202C', 'PDF'],
        ['\u202D', 'LRO'],
        ['\u2066', 'LRI'],
        ['\u2067', 'RLI'],
        ['\u2068', 'FSI'],
        ['\u2069', 'PDI'],
        ['\u200E', 'LRM'],
        ['\u200F', 'RLM'],
        ['\u061C', 'ALM'],
      ])('removes the bidi control %#', (control) => {
        expect(safeFileName(`a${control}b.pdf`)).toBe('ab.pdf');
      });

      it('removes zero-width and other invisible format characters', () => {
        // "invoice.pdf<ZWSP>.exe" and friends: the real extension hides behind nothing.
        expect(safeFileName('in\u200Bvo\u200Cice\u200D.pdf\uFEFF')).toBe('invoice.pdf');
        expect(safeFileName('a\u2060b\u00ADc\u180Ed\u{E0041}e.txt')).toBe('abcde.txt');
        expect(safeFileName('a\u3164b\u115Fc.txt')).toBe('abc.txt');
      });

      it('removes control characters (C0, DEL, C1)', () => {
        expect(safeFileName('a\u0000b\u0007c\nd\re\tf\u001Bg\u007Fh\u0085i\u009Fj.txt')).toBe(
          'abcdefghij.txt',
        );
      });

      it('collapses runs of Unicode whitespace into one space', () => {
        // A wide gap pushes ".exe" out of the visible part of a name column.
        expect(safeFileName(`report.pdf${' '.repeat(80)}.exe`)).toBe('report.pdf .exe');
        expect(safeFileName('a\u00A0\u2003\u3000b.txt')).toBe('a b.txt');
        expect(safeFileName('a\u2028b.txt')).toBe('ab.txt');
      });

      it('replaces a lone surrogate instead of passing it to the file system', () => {
        // A UTF-16 property can end in the middle of a pair; the OS would reject or mangle it.
        const result = safeFileName('a\uD83Db\uDE00.txt');
        expect(result).toBe('a\uFFFDb\uFFFD.txt');
        expect(hasLoneSurrogate(result)).toBe(false);
      });
    });

    describe('Unicode normalisation', () => {
      it('composes NFD input to NFC', () => {
        // macOS hands out decomposed names; two spellings of "é" must give one file name.
        const decomposed = 'Re\u0301sume\u0301.pdf';
        expect(safeFileName(decomposed)).toBe('R\u00E9sum\u00E9.pdf');
        expect(safeFileName(decomposed)).toBe(safeFileName('R\u00E9sum\u00E9.pdf'));
      });

      it('composes characters that a removed invisible character held apart', () => {
        expect(safeFileName('e\u200B\u0301.txt')).toBe('\u00E9.txt');
      });
    });

    describe('length', () => {
      it(`keeps a name of exactly ${MAX_FILE_NAME_BYTES} bytes`, () => {
        const name = `${'a'.repeat(MAX_FILE_NAME_BYTES - 4)}.pdf`;
        expect(safeFileName(name)).toBe(name);
      });

      it('cuts the stem and keeps the extension', () => {
        const result = safeFileName(`${'a'.repeat(300)}.pdf`);
        expect(result).toBe(`${'a'.repeat(MAX_FILE_NAME_BYTES - 4)}.pdf`);
      });

      it('never splits a 4-byte emoji at the cut point', () => {
        // 250 ASCII bytes + a 4-byte emoji overflow the 251 bytes left beside ".pdf" by 3 bytes.
        const result = safeFileName(`${'a'.repeat(250)}😀${'b'.repeat(50)}.pdf`);
        expect(result).toBe(`${'a'.repeat(250)}.pdf`);
        expect(utf8Bytes(result)).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
        expect(hasLoneSurrogate(result)).toBe(false);
      });

      it('keeps an emoji that fits exactly', () => {
        const result = safeFileName(`${'a'.repeat(247)}😀${'b'.repeat(50)}.pdf`);
        expect(result).toBe(`${'a'.repeat(247)}😀.pdf`);
        expect(utf8Bytes(result)).toBe(MAX_FILE_NAME_BYTES);
      });

      it('counts bytes, not characters, for multi-byte scripts', () => {
        // 300 CJK characters are 900 UTF-8 bytes: 85 of them (255 bytes) fit without an extension.
        const result = safeFileName('漢'.repeat(300));
        expect(result).toBe('漢'.repeat(85));
        const withExtension = safeFileName(`${'漢'.repeat(300)}.docx`);
        expect(utf8Bytes(withExtension)).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
        expect(withExtension.endsWith('漢.docx')).toBe(true);
      });

      it('does not keep an "extension" that is itself most of the name', () => {
        const result = safeFileName(`x.${'e'.repeat(400)}`);
        expect(utf8Bytes(result)).toBe(MAX_FILE_NAME_BYTES);
        expect(result.startsWith('x.eee')).toBe(true);
      });

      it('removes trailing dots and spaces created by the cut', () => {
        const result = safeFileName(`${'a'.repeat(250)}${' .'.repeat(100)}x${'y'.repeat(40)}`);
        expect(result).toBe('a'.repeat(250));
      });

      it('stays linear on a huge hostile name', () => {
        // /[. ]+$/ would backtrack quadratically over this; the loops do not.
        const result = safeFileName(`${'. '.repeat(500_000)}x`);
        expect(result.endsWith('x')).toBe(true);
        expect(utf8Bytes(result)).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
      });
    });

    describe('fallback', () => {
      it.each([null, undefined, '', '\u200B\u202E', '\u0000\u0001'])(
        'gives "attachment" for %j',
        (input) => {
          expect(safeFileName(input)).toBe('attachment');
        },
      );

      it('uses the caller fallback, made safe too', () => {
        expect(safeFileName('', 'message.msg')).toBe('message.msg');
        expect(safeFileName('..', '../evil')).toBe('evil');
        expect(safeFileName('..', '..')).toBe('attachment');
      });
    });

    it('is idempotent: a safe name comes back unchanged', () => {
      const inputs = [
        '../../x',
        'CON.txt',
        'evil\u202Etxt.exe',
        `${'a'.repeat(250)}😀${'b'.repeat(50)}.pdf`,
        `${'漢'.repeat(300)}.docx`,
        'Re\u0301sume\u0301.pdf',
        'a<b>.txt',
        '',
      ];
      for (const input of inputs) {
        const once = safeFileName(input);
        expect(safeFileName(once)).toBe(once);
      }
    });
  });

  describe('uniqueFileName()', () => {
    /** A `taken` callback over a set, as a folder listing would give. */
    const takenIn =
      (...names: string[]) =>
      (candidate: string): boolean =>
        names.includes(candidate);

    it('returns the name itself when it is free', () => {
      expect(uniqueFileName('a.pdf', takenIn())).toBe('a.pdf');
    });

    it('numbers the name before its extension', () => {
      expect(uniqueFileName('a.pdf', takenIn('a.pdf'))).toBe('a (1).pdf');
      expect(uniqueFileName('a.pdf', takenIn('a.pdf', 'a (1).pdf'))).toBe('a (2).pdf');
      expect(uniqueFileName('a.tar.gz', takenIn('a.tar.gz'))).toBe('a.tar (1).gz');
    });

    it('numbers a name without an extension, or with only a leading dot, at the end', () => {
      expect(uniqueFileName('README', takenIn('README'))).toBe('README (1)');
      expect(uniqueFileName('.profile', takenIn('.profile'))).toBe('.profile (1)');
    });

    it('makes the name safe before numbering it', () => {
      expect(uniqueFileName('../con.txt', takenIn())).toBe('_con.txt');
      expect(uniqueFileName('', takenIn('attachment'))).toBe('attachment (1)');
    });

    it('gives successive names when each result is added to the taken set', () => {
      const taken = new Set<string>();
      const names: string[] = [];
      for (let i = 0; i < 4; i++) {
        const name = uniqueFileName('photo.jpg', (candidate) => taken.has(candidate));
        taken.add(name);
        names.push(name);
      }
      expect(names).toEqual(['photo.jpg', 'photo (1).jpg', 'photo (2).jpg', 'photo (3).jpg']);
    });

    it('leaves case to the callback', () => {
      // On NTFS or APFS "A.pdf" and "a.pdf" are the same file; the caller says so.
      const caseInsensitive = (candidate: string): boolean => candidate.toLowerCase() === 'a.pdf';
      expect(uniqueFileName('A.PDF', caseInsensitive)).toBe('A (1).PDF');
    });

    it('stays within the byte limit when the counter is added', () => {
      const long = `${'a'.repeat(250)}😀.pdf`;
      const result = uniqueFileName(long, takenIn(safeFileName(long)));
      expect(result.endsWith(' (1).pdf')).toBe(true);
      expect(utf8Bytes(result)).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
      expect(hasLoneSurrogate(result)).toBe(false);
      expect(safeFileName(result)).toBe(result);
    });

    it(`gives up after MAX_UNIQUE_NAME_ATTEMPTS (${MAX_UNIQUE_NAME_ATTEMPTS}) candidates`, () => {
      // A callback that says "taken" to everything must not hang the save.
      let calls = 0;
      const everythingTaken = (): boolean => {
        calls++;
        return true;
      };
      let caught: unknown;
      try {
        uniqueFileName('a.pdf', everythingTaken);
      } catch (error) {
        caught = error;
      }
      expect(isSessionError(caught) && caught.code).toBe('EXISTS');
      expect(calls).toBe(MAX_UNIQUE_NAME_ATTEMPTS + 1);
    });

    it('finds the last allowed candidate', () => {
      const free = `a (${MAX_UNIQUE_NAME_ATTEMPTS}).pdf`;
      expect(uniqueFileName('a.pdf', (candidate) => candidate !== free)).toBe(free);
    });
  });
});
