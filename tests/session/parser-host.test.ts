import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createForkParserHost } from '../../src-main/session/parser-host.js';
import type { ParserHost } from '../../src-main/session/parser-host.js';
import { corpus } from '../fixtures/corpus.js';
import { fileAttachment, writeSampleMessage } from '../fixtures/sample-messages.js';

const worker = fileURLToPath(new URL('../../src-main/session/parse-worker.ts', import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

let host: ParserHost | undefined;
afterEach(() => host?.dispose());

describe('parser-host', () => {
  describe('createForkParserHost()', () => {
    it('parses a file in a child process and returns plain data with the attachment bytes', async () => {
      host = createForkParserHost({ workerScript: worker, execArgv: ['--import', 'tsx'] });
      const snapshot = await host.parse(
        corpus(
          'outlook-message-parser/HTML mail with replyto and attachment and embedded image.msg',
        ),
      );
      expect(snapshot.view.subject).toBe('hey');
      expect(snapshot.attachments[1]!.data).toBeInstanceOf(Uint8Array);
      expect(snapshot.attachments[1]!.data!.length).toBe(18);
    });

    it('reports how much of a large file has been read, rising to 1, before the answer', async () => {
      host = createForkParserHost({ workerScript: worker, execArgv: ['--import', 'tsx'] });
      const folder = mkdtempSync(join(tmpdir(), 'msgview-progress-'));
      try {
        // 18 MB: more than four of the worker's 4 MB reads.
        const path = writeSampleMessage(folder, 'large.msg', [
          fileAttachment('large.bin', new Uint8Array(18 * 1024 * 1024).fill(7)),
        ]);
        const reported: number[] = [];
        const snapshot = await host.parse(path, {
          onProgress: (readFraction) => reported.push(readFraction),
        });
        expect(snapshot.attachments[0]!.data!.length).toBe(18 * 1024 * 1024);
        expect(reported.length).toBeGreaterThanOrEqual(5);
        expect(reported.every((value, index) => index === 0 || value > reported[index - 1]!)).toBe(
          true,
        );
        expect(reported[0]).toBeGreaterThan(0);
        expect(reported.at(-1)).toBe(1);
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    });

    it('answers BAD_FILE with the format code for a PNG renamed .msg', async () => {
      host = createForkParserHost({ workerScript: worker, execArgv: ['--import', 'tsx'] });
      await expect(host.parse(corpus('python-oxmsg/not-a-MSG-file.msg'))).rejects.toMatchObject({
        code: 'BAD_FILE',
        formatCode: 'NOT_CFB',
      });
    });

    it('answers IO_ERROR for a file that does not exist', async () => {
      host = createForkParserHost({ workerScript: worker, execArgv: ['--import', 'tsx'] });
      await expect(host.parse('/nonexistent/file.msg')).rejects.toMatchObject({ code: 'IO_ERROR' });
    });

    it('kills a parse that hangs and reports PARSE_TIMEOUT', async () => {
      host = createForkParserHost({ workerScript: fixture('hanging-worker.mjs'), timeoutMs: 500 });
      const started = performance.now();
      await expect(host.parse('/any')).rejects.toMatchObject({ code: 'PARSE_TIMEOUT' });
      expect(performance.now() - started).toBeLessThan(5_000);
    });

    it('reports a parser that dies instead of hanging the caller', async () => {
      host = createForkParserHost({ workerScript: fixture('crashing-worker.mjs'), quiet: true });
      await expect(host.parse('/any')).rejects.toMatchObject({
        code: 'BAD_FILE',
        message: expect.stringContaining('exit code 3'),
      });
    });

    it('contains a parse that exhausts its heap limit', async () => {
      host = createForkParserHost({
        workerScript: fixture('greedy-worker.mjs'),
        maxOldSpaceMb: 64,
        timeoutMs: 30_000,
        quiet: true,
      });
      await expect(host.parse('/any')).rejects.toMatchObject({ code: 'PARSE_OUT_OF_MEMORY' });
    });

    it('cancels running parses when disposed', async () => {
      host = createForkParserHost({
        workerScript: fixture('hanging-worker.mjs'),
        timeoutMs: 30_000,
      });
      const parse = host.parse('/any');
      host.dispose();
      await expect(parse).rejects.toMatchObject({ code: 'SESSION_CLOSED' });
    });
  });
});
