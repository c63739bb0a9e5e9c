import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkerReply } from './conformance-worker.js';
import { KNOWN_DIFFERENCES } from './known-differences.js';

/**
 * The corpus conformance check: parses every file listed in an `expected.json` (format described in
 * `../shared/corpus/README.md`) and compares each labelled field. The vitest test and
 * `npm run conformance` both run this one function, so they are exactly as strict as each other.
 */

/** Labels whose fields must match; `single-parser` values are compared and counted, never failed. */
const LABELLED = new Set(['upstream-test', 'upstream-snapshot', 'two-parsers-agree']);
const SINGLE_PARSER = 'single-parser';
const DATE_FIELDS = new Set(['sentDate', 'receivedDate', 'creationTime', 'lastModificationTime']);

/** A parse slower than this is a hang: the worker is killed and the file fails. */
export const PARSE_TIME_LIMIT_MS = 20_000;
/** A broken file must be rejected (or partly recovered) this fast. */
export const BROKEN_FILE_TIME_LIMIT_MS = 2_000;

interface ExpectedFile {
  file: string;
  parse: { ok: boolean };
  expected: Record<string, unknown> | null;
  fieldSources?: Record<string, string>;
}

export interface FieldMismatch {
  file: string;
  field: string;
  label: string;
  expected: unknown;
  actual: unknown;
  /** Set when the difference is a recorded known difference (see known-differences.ts). */
  knownReason?: string;
}

export interface FileOutcome {
  file: string;
  broken: boolean;
  /** Broken files: rejected with a typed error or partly recovered with diagnostics, in time. */
  brokenOk?: boolean;
  error?: string;
  labelled: number;
  labelledMatching: number;
  singleParser: number;
  singleParserAgreeing: number;
  mismatches: FieldMismatch[];
  ms: number;
}

export interface ConformanceReport {
  files: FileOutcome[];
  fields: { matching: number; total: number };
  cleanFiles: { clean: number; total: number };
  brokenFiles: { ok: number; total: number };
  singleParser: { agreeing: number; total: number };
  summaryLine: string;
}

export async function runConformance(options: {
  expectedPath: string;
  root: string;
}): Promise<ConformanceReport> {
  const manifest = JSON.parse(readFileSync(options.expectedPath, 'utf8')) as {
    files: ExpectedFile[];
  };
  const parser = new ParserProcess();
  const outcomes: FileOutcome[] = [];
  try {
    for (const entry of manifest.files) {
      const reply = await parser.parse(resolve(options.root, entry.file), PARSE_TIME_LIMIT_MS);
      outcomes.push(judge(entry, reply));
    }
  } finally {
    parser.stop();
  }
  return summarize(outcomes);
}

function judge(entry: ExpectedFile, reply: WorkerReply): FileOutcome {
  const outcome: FileOutcome = {
    file: entry.file,
    broken: !entry.parse.ok,
    labelled: 0,
    labelledMatching: 0,
    singleParser: 0,
    singleParserAgreeing: 0,
    mismatches: [],
    ms: reply.ms,
  };
  if (!entry.parse.ok) {
    const typedRejection = !reply.ok && reply.code !== null;
    const partialRecovery = reply.ok && reply.diagnostics > 0;
    outcome.brokenOk = (typedRejection || partialRecovery) && reply.ms <= BROKEN_FILE_TIME_LIMIT_MS;
    if (!reply.ok) outcome.error = reply.message;
    return outcome;
  }
  if (!reply.ok) outcome.error = reply.message;
  const actual = reply.ok ? reply.shape : undefined;
  for (const [field, label] of Object.entries(entry.fieldSources ?? {})) {
    const isLabelled = LABELLED.has(label);
    if (!isLabelled && label !== SINGLE_PARSER) continue;
    const expectedValue = valueAt(entry.expected, field);
    const actualValue = actual === undefined ? undefined : valueAt(actual, field);
    const matches = actual !== undefined && sameValue(field, expectedValue, actualValue);
    if (isLabelled) {
      outcome.labelled++;
      if (matches) outcome.labelledMatching++;
    } else {
      outcome.singleParser++;
      if (matches) outcome.singleParserAgreeing++;
    }
    if (!matches) {
      const known = KNOWN_DIFFERENCES.find(
        (difference) => difference.file === entry.file && difference.field === field,
      );
      outcome.mismatches.push({
        file: entry.file,
        field,
        label,
        expected: expectedValue,
        actual: actualValue,
        ...(known ? { knownReason: known.reason } : {}),
      });
    }
  }
  return outcome;
}

/** Reads a `fieldSources` path such as `attachments[1].embedded.recipients.count`. */
export function valueAt(root: unknown, path: string): unknown {
  let current: unknown = root;
  for (const part of path.split('.')) {
    if (part === 'count' && Array.isArray(current)) return current.length;
    const match = /^([^[\]]+)((?:\[\d+\])*)$/.exec(part);
    if (!match) return undefined;
    current = (current as Record<string, unknown> | null | undefined)?.[match[1]!];
    for (const index of match[2]!.matchAll(/\[(\d+)\]/g)) {
      current = Array.isArray(current) ? current[Number(index[1])] : undefined;
    }
  }
  return current;
}

function sameValue(field: string, expected: unknown, actual: unknown): boolean {
  const leaf = field.split('.').at(-1)!;
  if (DATE_FIELDS.has(leaf) && typeof expected === 'string' && typeof actual === 'string') {
    // msgreader gives whole seconds only, so the corpus compares dates at that precision.
    return Math.floor(Date.parse(expected) / 1000) === Math.floor(Date.parse(actual) / 1000);
  }
  return (
    JSON.stringify(expected ?? null) === JSON.stringify(actual ?? null) &&
    (expected === undefined) === (actual === undefined)
  );
}

function summarize(files: FileOutcome[]): ConformanceReport {
  const readable = files.filter((file) => !file.broken);
  const broken = files.filter((file) => file.broken);
  const sum = (pick: (file: FileOutcome) => number) =>
    readable.reduce((total, file) => total + pick(file), 0);
  const fields = {
    matching: sum((file) => file.labelledMatching),
    total: sum((file) => file.labelled),
  };
  const cleanFiles = {
    clean: readable.filter((file) => file.labelledMatching === file.labelled && !file.error).length,
    total: readable.length,
  };
  const brokenFiles = { ok: broken.filter((file) => file.brokenOk).length, total: broken.length };
  const singleParser = {
    agreeing: sum((file) => file.singleParserAgreeing),
    total: sum((file) => file.singleParser),
  };
  const summaryLine =
    `fields: ${fields.matching}/${fields.total} match, files: ${cleanFiles.clean}/${cleanFiles.total} clean, ` +
    `broken-files-ok: ${brokenFiles.ok}/${brokenFiles.total}, single-parser: ${singleParser.agreeing}/${singleParser.total} agree`;
  return { files, fields, cleanFiles, brokenFiles, singleParser, summaryLine };
}

/** One long-lived parser child; replaced when a file hangs or crashes it. */
class ParserProcess {
  private child: ChildProcess | undefined;
  private readonly workerPath = fileURLToPath(new URL('./conformance-worker.ts', import.meta.url));

  parse(path: string, timeoutMs: number): Promise<WorkerReply> {
    const child = this.ensureChild();
    const started = performance.now();
    return new Promise((resolveReply) => {
      const finish = (reply: WorkerReply) => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolveReply(reply);
      };
      const onMessage = (reply: WorkerReply) => finish(reply);
      const onExit = (code: number | null, signal: string | null) => {
        this.child = undefined;
        finish({
          ok: false,
          code: null,
          message: `parser process died (${signal ?? `exit ${code}`})`,
          ms: performance.now() - started,
        });
      };
      const timer = setTimeout(() => {
        child.off('exit', onExit);
        child.kill('SIGKILL');
        this.child = undefined;
        finish({
          ok: false,
          code: null,
          message: `no answer within ${timeoutMs} ms (hang)`,
          ms: performance.now() - started,
        });
      }, timeoutMs);
      child.on('message', onMessage);
      child.on('exit', onExit);
      child.send({ path });
    });
  }

  stop(): void {
    this.child?.kill();
    this.child = undefined;
  }

  private ensureChild(): ChildProcess {
    this.child ??= fork(this.workerPath, [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return this.child;
  }
}
