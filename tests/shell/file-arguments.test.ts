import { describe, expect, it } from 'vitest';
import { filesFromArgv, isSecondInstanceData } from '../../src-main/shell/file-arguments.js';

describe('file-arguments', () => {
  describe('filesFromArgv()', () => {
    it('skips the binary and, in development, the app folder', () => {
      expect(
        filesFromArgv(['/opt/MsgView/msgview', '/home/a/x.msg'], { cwd: '/', isPackaged: true }),
      ).toEqual(['/home/a/x.msg']);
      expect(
        filesFromArgv(['/usr/bin/electron', '.', '/home/a/x.msg'], { cwd: '/', isPackaged: false }),
      ).toEqual(['/home/a/x.msg']);
    });

    it('resolves relative paths against the caller’s working directory', () => {
      expect(
        filesFromArgv(['msgview', 'mail/x.msg'], { cwd: '/home/a', isPackaged: true }),
      ).toEqual(['/home/a/mail/x.msg']);
    });

    it('turns file:// URIs (Linux %U) into paths, decoding escapes', () => {
      expect(
        filesFromArgv(['msgview', 'file:///home/a/My%20Mail.msg'], { cwd: '/', isPackaged: true }),
      ).toEqual(['/home/a/My Mail.msg']);
    });

    it('ignores Chromium switches and other URL schemes, but not files after --', () => {
      const argv = [
        'msgview',
        '--no-sandbox',
        '--enable-logging=stderr',
        'https://example.org/a.msg',
        '--',
        '--odd-name.msg',
      ];
      expect(filesFromArgv(argv, { cwd: '/tmp', isPackaged: true })).toEqual([
        '/tmp/--odd-name.msg',
      ]);
    });

    it('lists a file once', () => {
      expect(
        filesFromArgv(['msgview', '/a.msg', '/a.msg'], { cwd: '/', isPackaged: true }),
      ).toEqual(['/a.msg']);
    });
  });

  describe('isSecondInstanceData()', () => {
    it('accepts only a list of strings', () => {
      expect(isSecondInstanceData({ files: ['/a.msg'] })).toBe(true);
      expect(isSecondInstanceData({ files: [1] })).toBe(false);
      expect(isSecondInstanceData(null)).toBe(false);
      expect(isSecondInstanceData({})).toBe(false);
    });
  });
});
