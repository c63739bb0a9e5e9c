import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT_BAD_INPUT, EXIT_OK, EXIT_USAGE, main } from '../../src-main/cli/msgview.js';
import { fileAttachment, text, writeSampleMessage } from '../fixtures/sample-messages.js';
import { corpus, HTML_SAMPLE } from '../fixtures/corpus.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, {
    out: (chunk) => void (out += chunk),
    err: (chunk) => void (err += chunk),
  });
  return { code, out, err };
}

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'msgview-cli-test-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('msgview', () => {
  describe('inspect', () => {
    it('prints a readable summary: class, subject, from, recipients, date, body, attachments', async () => {
      const { code, out } = await run('inspect', HTML_SAMPLE);
      expect(code).toBe(EXIT_OK);
      expect(out).toContain('IPM.Note (note)');
      expect(out).toMatch(/Subject\s+hey/);
      expect(out).toMatch(/From\s+lollypop <b\.bottema@projectnibble\.org>/);
      expect(out).toMatch(/To\s+Bottema, Benny <benny\.bottema@aegon\.nl>/);
      expect(out).toMatch(/Date\s+2017-03-05T11:11:31\.000Z/);
      expect(out).toMatch(/- dresscode\.txt 18 bytes/);
    });

    it('prints the whole model as one JSON document with binaries as size and sha256', async () => {
      const { code, out } = await run('inspect', HTML_SAMPLE, '--json');
      expect(code).toBe(EXIT_OK);
      const document = JSON.parse(out);
      expect(document.schemaVersion).toBe(1);
      expect(document.message.subject).toBe('hey');
      const attachment = document.message.attachments[1];
      expect(attachment.fileName).toBe('dresscode.txt');
      expect(attachment.data).toEqual({
        size: 18,
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      expect(document.message.body.rtf).toMatchObject({
        encapsulates: 'html',
        sha256: expect.any(String),
      });
      expect(
        document.message.properties.find((p: { name: string }) => p.name === 'PidTagSubject').value,
      ).toBe('hey');
    });

    it('nests embedded messages in their attachment', async () => {
      const { out } = await run(
        'inspect',
        corpus('outlook-message-parser/nested simple mail.msg'),
        '--json',
      );
      const embedded = JSON.parse(out).message.attachments.find(
        (a: { embedded: unknown }) => a.embedded,
      ).embedded;
      expect(embedded.messageClass).toMatch(/^IPM\.Note/);
    });

    it('exits 1 with one line naming the file and the problem for a PNG renamed .msg', async () => {
      const png = corpus('python-oxmsg/not-a-MSG-file.msg');
      const { code, err, out } = await run('inspect', png);
      expect(code).toBe(EXIT_BAD_INPUT);
      expect(out).toBe('');
      expect(err.trim().split('\n')).toHaveLength(1);
      expect(err).toContain(png);
      expect(err).toContain('PNG');
    });

    it('exits 1 for a missing file and for a folder', async () => {
      expect((await run('inspect', join(work, 'nope.msg'))).err).toContain('no such file');
      expect((await run('inspect', work)).code).toBe(EXIT_BAD_INPUT);
    });

    it('exits 2 on usage errors', async () => {
      expect((await run()).code).toBe(EXIT_USAGE);
      expect((await run('frobnicate', 'x')).code).toBe(EXIT_USAGE);
      expect((await run('inspect')).code).toBe(EXIT_USAGE);
      expect((await run('inspect', 'a', '--bogus')).code).toBe(EXIT_USAGE);
      expect((await run('extract', HTML_SAMPLE)).code).toBe(EXIT_USAGE);
      expect((await run('inspect', 'a', '--codepage', 'utf8')).code).toBe(EXIT_USAGE);
    });
  });

  describe('extract', () => {
    it('writes attachments with safe, unique names, and never outside the folder', async () => {
      const message = writeSampleMessage(work, 'hostile.msg', [
        fileAttachment('../../evil.txt', text('a')),
        fileAttachment('evil.txt', text('b')),
        fileAttachment('nul.txt', text('c')),
        fileAttachment('invoice\u202Efdp.exe', text('d')),
      ]);
      const out = join(work, 'out');
      const { code } = await run('extract', message, '--out', out);
      expect(code).toBe(EXIT_OK);
      expect(readdirSync(out).sort()).toEqual([
        '_nul.txt',
        'evil (1).txt',
        'evil.txt',
        'invoicefdp.exe',
      ]);
      expect(readFileSync(join(out, 'evil.txt'), 'utf8')).toBe('a');
      expect(existsSync(join(work, '..', 'evil.txt'))).toBe(false);
    });

    it('never overwrites an existing file', async () => {
      const message = writeSampleMessage(work, 'note.msg', [
        fileAttachment('report.txt', text('new')),
      ]);
      const out = join(work, 'out');
      mkdirSync(out);
      writeFileSync(join(out, 'report.txt'), 'old');
      await run('extract', message, '--out', out);
      expect(readFileSync(join(out, 'report.txt'), 'utf8')).toBe('old');
      expect(readFileSync(join(out, 'report (1).txt'), 'utf8')).toBe('new');
    });

    it('writes an embedded message’s attachments into a sub-folder named after it', async () => {
      const out = join(work, 'out');
      const message = corpus('msgreader-dotnet/EmailWithInnerMailAndAttachments.msg');
      const { code, out: printed } = await run('extract', message, '--out', out);
      expect(code).toBe(EXIT_OK);
      expect(readdirSync(out).sort()).toEqual(['Inner mail', 'OUTER 1.pdf', 'OUTER 2.pdf']);
      expect(readdirSync(join(out, 'Inner mail')).sort()).toEqual(['INNER 1.pdf', 'INNER 2.pdf']);
      expect(printed).toContain(`${join(out, 'Inner mail', 'INNER 1.pdf')}\t15541`);
    });
  });

  it('runs as `npx msgview` from the checkout', () => {
    const result = spawnSync('npx', ['msgview', 'inspect', HTML_SAMPLE], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    expect(result.status).toBe(EXIT_OK);
    expect(result.stdout).toMatch(/Subject\s+hey/);
  }, 60_000);
});
