import { readFileSync, readdirSync, statSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import msgreaderModule from '@kenjiuno/msgreader';
import type { FieldsData } from '@kenjiuno/msgreader';
import { decompressRTF } from '@kenjiuno/decompressrtf';
import { readMsg } from '../../src-main/format/read-msg.js';
import type { Message } from '../../src-main/format/model.js';
import { createForkParserHost } from '../../src-main/session/parser-host.js';
import { SessionService } from '../../src-main/session/session-service.js';
import { PT_BINARY, PT_LONG, PT_UNICODE, buildMsg, int32, utf16 } from '../fixtures/msg-builder.js';
import { benchLargeBodies } from './body-bench.js';

/**
 * `npm run bench`: figures, not pass/fail.
 * 1. Parse time of the whole corpus (full model: bodies, attachment bytes, every property value,
 *    embedded messages) with MsgView and with @kenjiuno/msgreader + @kenjiuno/decompressrtf, in the
 *    same process, interleaved; the median of several passes and the ratio.
 * 2. The longest event-loop stall of the main process while a session opens the largest corpus
 *    file and a generated 100 MB message (parsed in the parser process), against parsing in-process.
 * 3. The window's longest task while a 3 MB HTML body is shown (body-bench.ts; real Chromium;
 *    BENCH_SKIP_BROWSER=1 leaves it out).
 */

/** The package is CommonJS with `exports.default`: under ESM interop the class sits one level down. */
const MsgReader = ((msgreaderModule as unknown as { default?: unknown }).default ??
  msgreaderModule) as typeof msgreaderModule.default;
type MsgReader = InstanceType<typeof MsgReader>;

const PASSES = Number(process.env.BENCH_PASSES ?? 9);
const corpusRoot = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));

function corpusFiles(): Array<{ name: string; bytes: Uint8Array }> {
  const manifest = JSON.parse(readFileSync(join(corpusRoot, 'expected.json'), 'utf8')) as {
    files: Array<{ file: string; parse: { ok: boolean } }>;
  };
  return manifest.files
    .filter((entry) => entry.parse.ok)
    .map((entry) => ({
      name: entry.file,
      bytes: new Uint8Array(readFileSync(join(corpusRoot, entry.file))),
    }));
}

/** Touches everything the model offers, as a viewer that shows a message and its details would. */
function touchMessage(message: Message): number {
  let touched = message.bodies.html?.html.length ?? 0;
  touched += message.bodies.text?.length ?? 0;
  for (const property of message.properties.list())
    if (message.properties.valueOfProperty(property) !== undefined) touched++;
  for (const recipient of message.recipients) touched += recipient.properties.list().length;
  for (const attachment of message.attachments) {
    touched += attachment.data()?.length ?? 0;
    for (const property of attachment.properties.list())
      if (attachment.properties.valueOfProperty(property) !== undefined) touched++;
    if (attachment.embedded) touched += touchMessage(attachment.embedded);
  }
  return touched;
}

function parseWithMsgView(bytes: Uint8Array): number {
  return touchMessage(readMsg(bytes).message);
}

function touchMsgReader(reader: MsgReader, fields: FieldsData): number {
  let touched = (fields.body?.length ?? 0) + (fields.bodyHtml?.length ?? 0);
  if (fields.compressedRtf) touched += decompressRTF(Array.from(fields.compressedRtf)).length;
  for (const attachment of fields.attachments ?? []) {
    if (attachment.innerMsgContent && attachment.innerMsgContentFields) {
      touched += touchMsgReader(reader, attachment.innerMsgContentFields);
    } else {
      touched += reader.getAttachment(attachment).content?.length ?? 0;
    }
  }
  return touched;
}

function parseWithMsgReader(bytes: Uint8Array): number {
  const reader = new MsgReader(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  );
  return touchMsgReader(reader, reader.getFileData());
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function timePass(
  files: Array<{ bytes: Uint8Array }>,
  parse: (bytes: Uint8Array) => number,
): number {
  const started = performance.now();
  for (const file of files) {
    try {
      parse(file.bytes);
    } catch {
      // A reader that throws on a file still spent the time; the figure counts it.
    }
  }
  return performance.now() - started;
}

function benchCorpus(): void {
  const files = corpusFiles();
  const totalBytes = files.reduce((sum, file) => sum + file.bytes.length, 0);
  // Warm both up so the JIT has seen the code paths.
  timePass(files, parseWithMsgView);
  timePass(files, parseWithMsgReader);
  const ours: number[] = [];
  const theirs: number[] = [];
  for (let pass = 0; pass < PASSES; pass++) {
    ours.push(timePass(files, parseWithMsgView));
    theirs.push(timePass(files, parseWithMsgReader));
  }
  const oursMedian = median(ours);
  const theirsMedian = median(theirs);
  console.log(
    `corpus: ${files.length} files, ${(totalBytes / 1024 / 1024).toFixed(1)} MB, ${PASSES} passes each, interleaved`,
  );
  console.log(
    `  msgview   median ${oursMedian.toFixed(1)} ms per pass (${(totalBytes / 1024 / 1024 / (oursMedian / 1000)).toFixed(0)} MB/s)`,
  );
  console.log(
    `  msgreader median ${theirsMedian.toFixed(1)} ms per pass (@kenjiuno/msgreader + decompressrtf)`,
  );
  console.log(
    `  ratio: msgview is ${(theirsMedian / oursMedian).toFixed(2)}x as fast (target: 3x)`,
  );
}

/** Runs `work` while a 1 ms timer measures the longest gap between its ticks. */
async function longestStall(
  work: () => Promise<unknown>,
): Promise<{ stallMs: number; totalMs: number }> {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  const started = performance.now();
  await work();
  const totalMs = performance.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 5));
  clearInterval(timer);
  return { stallMs: longest, totalMs };
}

function makeLargeMessage(folder: string, megabytes: number): string {
  const data = new Uint8Array(megabytes * 1024 * 1024);
  for (let i = 0; i < data.length; i += 4096) data[i] = i & 0xff;
  const bytes = buildMsg({
    properties: [
      { id: 0x001a, type: PT_UNICODE, value: utf16('IPM.Note') },
      { id: 0x0037, type: PT_UNICODE, value: utf16(`A ${megabytes} MB attachment`) },
      { id: 0x1000, type: PT_UNICODE, value: utf16('See the attachment.') },
    ],
    attachments: [
      {
        properties: [
          { id: 0x3705, type: PT_LONG, value: int32(1) },
          { id: 0x3707, type: PT_UNICODE, value: utf16('large.bin') },
          { id: 0x3701, type: PT_BINARY, value: data },
        ],
      },
    ],
  });
  const path = join(folder, `large-${megabytes}mb.msg`);
  writeFileSync(path, bytes);
  return path;
}

async function benchEventLoop(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'msgview-bench-'));
  try {
    const largestCorpus = readdirSync(corpusRoot, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.msg'))
      .map((entry) => join(entry.parentPath, entry.name))
      .sort((a, b) => statSync(b).size - statSync(a).size)[0]!;
    const large = makeLargeMessage(folder, 100);
    const parser = createForkParserHost({
      workerScript: fileURLToPath(
        new URL('../../src-main/session/parse-worker.ts', import.meta.url),
      ),
      execArgv: ['--import', 'tsx'],
    });
    const service = new SessionService(parser, { tempRoot: folder });
    console.log(
      'event loop of the main process while a session opens a file (parsed in the parser process):',
    );
    for (const [label, path] of [
      [
        `largest corpus file (${relative(corpusRoot, largestCorpus)}, ${(statSync(largestCorpus).size / 1024 / 1024).toFixed(1)} MB)`,
        largestCorpus,
      ],
      ['generated 100 MB message', large],
    ] as const) {
      const owner = Math.floor(Math.random() * 1e9);
      const session = service.openSession(owner);
      const { stallMs, totalMs } = await longestStall(() => session.openMessage(path));
      await service.closeSession(owner);
      console.log(
        `  ${label}: longest stall ${stallMs.toFixed(1)} ms, open took ${totalMs.toFixed(0)} ms`,
      );
      const inProcess = await longestStall(async () => readMsg(readFileSync(path)));
      console.log(
        `    for comparison, parsing in-process would stall ${inProcess.stallMs.toFixed(1)} ms`,
      );
    }
    const memoryBefore = process.memoryUsage().rss;
    const started = performance.now();
    const document = readMsg(readFileSync(large));
    touchMessage(document.message);
    console.log(
      `in-process parse of the 100 MB message: ${(performance.now() - started).toFixed(0)} ms, ` +
        `RSS +${((process.memoryUsage().rss - memoryBefore) / 1024 / 1024).toFixed(0)} MB`,
    );
    parser.dispose();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

benchCorpus();
if (process.env.BENCH_ONLY_CORPUS) process.exit(0);
await benchEventLoop();
if (!process.env.BENCH_SKIP_BROWSER) await benchLargeBodies();
