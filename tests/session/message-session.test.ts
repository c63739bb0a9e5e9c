import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SessionService } from '../../src-main/session/session-service.js';
import { createInProcessParser } from '../fixtures/in-process-parser.js';
import { fileAttachment, text, writeSampleMessage } from '../fixtures/sample-messages.js';

const corpus = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));
const EMBEDDED_SAMPLE = join(corpus, 'outlook-message-parser/nested simple mail.msg');
const HTML_SAMPLE = join(
  corpus,
  'outlook-message-parser/HTML mail with replyto and attachment and embedded image.msg',
);

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const openDescriptors = () => readdirSync('/proc/self/fd').length;

let work: string;
let tempRoot: string;
let service: SessionService;

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'msgview-session-test-'));
  tempRoot = join(work, 'tmp');
  mkdirSync(tempRoot);
  service = new SessionService(createInProcessParser(), { tempRoot });
});

afterEach(async () => {
  await service.closeAll();
  rmSync(work, { recursive: true, force: true });
});

describe('MessageSession', () => {
  describe('inlineImages()', () => {
    // Issue 8 item 10: the body says <img src="tinkerbell.jpg">; the picture is a hidden
    // attachment of that name. The window resolves relative references by file name too.
    it('hands over pictures with their file name, so a body can name them', async () => {
      const session = service.openSession(1);
      const view = await session.openMessage(
        join(corpus, 'msgreader-dotnet/EmailWithAttachments.msg'),
      );
      expect(view.body.html).toContain('src="tinkerbell.jpg"');
      const images = session.inlineImages(view.handle);
      expect(images.map((image) => image.fileName)).toContain('tinkerbell.jpg');
      const picture = images.find((image) => image.fileName === 'tinkerbell.jpg')!;
      // JPEG magic: the bytes are the picture's.
      expect([...picture.bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    });
  });

  describe('openMessage()', () => {
    it('returns the message with a handle for it and each attachment', async () => {
      const session = service.openSession(1);
      const view = await session.openMessage(HTML_SAMPLE);
      expect(view.subject).toBe('hey');
      expect(view.attachments.map((attachment) => attachment.fileName)).toEqual([
        'thumbsup',
        'dresscode.txt',
        'location.txt',
      ]);
      expect(
        new Set([view.handle, ...view.attachments.map((attachment) => attachment.handle)]).size,
      ).toBe(4);
      expect(session.handleCount).toBe(4);
    });

    it('reports a file that is not an Outlook item as BAD_FILE with the format code and its name', async () => {
      const session = service.openSession(1);
      await expect(
        session.openMessage(join(corpus, 'python-oxmsg/not-a-MSG-file.msg')),
      ).rejects.toMatchObject({
        code: 'BAD_FILE',
        formatCode: 'NOT_CFB',
        details: { fileName: 'not-a-MSG-file.msg' },
      });
    });

    it('never writes to the source file', async () => {
      const before = sha256(HTML_SAMPLE);
      const modified = statSync(HTML_SAMPLE).mtimeMs;
      const session = service.openSession(1);
      const view = await session.openMessage(HTML_SAMPLE);
      await session.saveAllAttachments(view.handle, join(work, 'out'));
      await service.closeSession(1);
      expect(sha256(HTML_SAMPLE)).toBe(before);
      expect(statSync(HTML_SAMPLE).mtimeMs).toBe(modified);
    });
  });

  describe('close()', () => {
    it('invalidates every handle it issued, nested ones included', async () => {
      const session = service.openSession(1);
      const view = await session.openMessage(EMBEDDED_SAMPLE);
      const embedded = view.attachments.find((attachment) => attachment.isEmbeddedMessage)!;
      await service.closeSession(1);
      expect(() => service.sessionForHandle(1, view.handle)).toThrow(
        expect.objectContaining({ code: 'SESSION_CLOSED' }),
      );
      expect(() => service.sessionForHandle(1, embedded.handle)).toThrow(
        expect.objectContaining({ code: 'SESSION_CLOSED' }),
      );
      expect(() => session.message(view.handle)).toThrow(
        expect.objectContaining({ code: 'SESSION_CLOSED' }),
      );
      expect(session.handleCount).toBe(0);
    });

    it('is harmless when called twice', async () => {
      const session = service.openSession(1);
      await session.openMessage(HTML_SAMPLE);
      await service.closeSession(1);
      await expect(service.closeSession(1)).resolves.toBeUndefined();
      await expect(session.close()).resolves.toBeUndefined();
    });

    it('deletes the temp folder with the files opened from it', async () => {
      const path = writeSampleMessage(work, 'note.msg', [
        fileAttachment('notes.txt', text('hello')),
      ]);
      const session = service.openSession(1);
      const view = await session.openMessage(path);
      const tempFile = await session.prepareOpen(view.attachments[0]!.handle, false);
      expect(readFileSync(tempFile, 'utf8')).toBe('hello');
      expect(statSync(join(tempFile, '..')).mode & 0o777).toBe(0o700);
      expect(statSync(tempFile).mode & 0o777).toBe(0o600);
      await service.closeSession(1);
      expect(existsSync(tempFile)).toBe(false);
      expect(readdirSync(tempRoot)).toEqual([]);
    });

    it('releases an open that finishes after the session closed', async () => {
      const session = service.openSession(1);
      const opening = session.openMessage(HTML_SAMPLE);
      await service.closeSession(1);
      await expect(opening).rejects.toMatchObject({ code: 'SESSION_CLOSED' });
      expect(session.handleCount).toBe(0);
    });

    it('leaves no temp files and no open descriptors after 1000 open/close cycles', async () => {
      const path = writeSampleMessage(work, 'cycle.msg', [fileAttachment('a.txt', text('a'))]);
      const descriptorsBefore = openDescriptors();
      for (let cycle = 0; cycle < 1000; cycle++) {
        const session = service.openSession(cycle);
        const view = await session.openMessage(path);
        if (cycle % 10 === 0) await session.prepareOpen(view.attachments[0]!.handle, false);
        await service.closeSession(cycle);
      }
      expect(service.openSessionCount).toBe(0);
      expect(readdirSync(tempRoot)).toEqual([]);
      expect(openDescriptors()).toBeLessThanOrEqual(descriptorsBefore);
    });
  });

  describe('handles', () => {
    it('refuses another window’s handle with NOT_OWNER, and reveals nothing of it', async () => {
      const mine = await service.openSession(1).openMessage(HTML_SAMPLE);
      service.openSession(2);
      expect(() => service.sessionForHandle(2, mine.handle)).toThrow(
        expect.objectContaining({ code: 'NOT_OWNER' }),
      );
      expect(() => service.sessionOf(2)!.message(mine.handle)).toThrow(
        expect.objectContaining({ code: 'NOT_OWNER' }),
      );
    });

    it('refuses made-up and wrongly typed handles', async () => {
      const session = service.openSession(1);
      const view = await session.openMessage(HTML_SAMPLE);
      expect(() => service.sessionForHandle(1, 'nonsense')).toThrow(
        expect.objectContaining({ code: 'UNKNOWN_HANDLE' }),
      );
      expect(() => service.sessionForHandle(1, 42)).toThrow(
        expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
      );
      expect(() => session.message(`${session.id}/999`)).toThrow(
        expect.objectContaining({ code: 'UNKNOWN_HANDLE' }),
      );
      expect(() => session.message(view.attachments[0]!.handle)).toThrow(
        expect.objectContaining({ code: 'WRONG_HANDLE_KIND' }),
      );
    });
  });

  describe('embeddedMessage()', () => {
    it('gives the embedded message for a window of its own, with a separate session', async () => {
      const view = await service.openSession(1).openMessage(EMBEDDED_SAMPLE);
      const attachment = view.attachments.find((candidate) => candidate.isEmbeddedMessage)!;
      const { snapshot, filePath } = service.sessionOf(1)!.embeddedMessage(attachment.handle);
      const second = service.openSession(2).adopt(snapshot, filePath);
      expect(second.subject).toBe(attachment.embeddedSubject);
      await service.closeSession(1);
      expect(service.sessionOf(2)!.message(second.handle).subject).toBe(second.subject);
    });
  });

  describe('prepareOpen()', () => {
    it('asks for confirmation before opening an executable, stating its real type', async () => {
      const path = writeSampleMessage(work, 'exe.msg', [fileAttachment('setup.exe', text('MZ'))]);
      const session = service.openSession(1);
      const view = await session.openMessage(path);
      await expect(session.prepareOpen(view.attachments[0]!.handle, false)).rejects.toMatchObject({
        code: 'NEEDS_CONFIRMATION',
        details: { realType: '.exe file' },
      });
      await expect(session.prepareOpen(view.attachments[0]!.handle, true)).resolves.toMatch(
        /setup\.exe$/,
      );
    });

    it('sees through a bidi-override name that displays as a PDF', async () => {
      const path = writeSampleMessage(work, 'spoof.msg', [
        fileAttachment('invoice\u202Efdp.exe', text('MZ')),
      ]);
      const session = service.openSession(1);
      const view = await session.openMessage(path);
      await expect(session.prepareOpen(view.attachments[0]!.handle, false)).rejects.toMatchObject({
        code: 'NEEDS_CONFIRMATION',
        details: { realType: '.exe file' },
      });
    });
  });

  describe('saveAttachment()', () => {
    it('does not replace an existing file without consent, and does with it', async () => {
      const path = writeSampleMessage(work, 'note.msg', [fileAttachment('notes.txt', text('new'))]);
      const target = join(work, 'notes.txt');
      writeFileSync(target, 'old');
      const session = service.openSession(1);
      const view = await session.openMessage(path);
      const handle = view.attachments[0]!.handle;
      await expect(session.saveAttachment(handle, target, false)).rejects.toMatchObject({
        code: 'EXISTS',
      });
      expect(readFileSync(target, 'utf8')).toBe('old');
      await expect(session.saveAttachment(handle, target, true)).resolves.toEqual({
        path: target,
        size: 3,
      });
      expect(readFileSync(target, 'utf8')).toBe('new');
    });
  });

  describe('saveAllAttachments()', () => {
    it('writes safe, unique names inside the chosen folder only', async () => {
      const path = writeSampleMessage(work, 'hostile.msg', [
        fileAttachment('../../escape.txt', text('1')),
        fileAttachment('escape.txt', text('2')),
        fileAttachment('CON', text('3')),
      ]);
      const out = join(work, 'out');
      const session = service.openSession(1);
      const view = await session.openMessage(path);
      const written = await session.saveAllAttachments(view.handle, out);
      expect(written.map((file) => file.path)).toEqual([
        join(out, 'escape.txt'),
        join(out, 'escape (1).txt'),
        join(out, '_CON'),
      ]);
      expect(existsSync(join(work, '..', 'escape.txt'))).toBe(false);
      expect(readdirSync(work).sort()).toEqual(['hostile.msg', 'out', 'tmp']);
    });

    it('never overwrites what is already in the folder', async () => {
      const path = writeSampleMessage(work, 'note.msg', [fileAttachment('a.txt', text('new'))]);
      const out = join(work, 'out');
      mkdirSync(out);
      writeFileSync(join(out, 'a.txt'), 'old');
      const session = service.openSession(1);
      const view = await session.openMessage(path);
      const written = await session.saveAllAttachments(view.handle, out);
      expect(written).toEqual([{ path: join(out, 'a (1).txt'), size: 3 }]);
      expect(readFileSync(join(out, 'a.txt'), 'utf8')).toBe('old');
    });
  });
});
