import { readFileSync } from 'node:fs';
import { isMsgFormatError } from '../../src-main/format/errors.js';
import { readMsg } from '../../src-main/format/read-msg.js';
import { toExpectedShape } from './expected-shape.js';

/**
 * Child process of the conformance check: parses one file per request and answers with the
 * expected-shape model or the error. Parsing runs here, not in the checker, so a file that hangs or
 * crashes the parser is reported as such instead of taking the whole run down.
 */

export interface WorkerRequest {
  path: string;
}

export type WorkerReply =
  | { ok: true; shape: Record<string, unknown>; diagnostics: number; ms: number }
  | { ok: false; code: string | null; message: string; ms: number };

process.on('message', (request: WorkerRequest) => {
  const started = performance.now();
  let reply: WorkerReply;
  try {
    const document = readMsg(readFileSync(request.path));
    reply = {
      ok: true,
      shape: toExpectedShape(document.message),
      diagnostics: document.diagnostics.length,
      ms: performance.now() - started,
    };
  } catch (error) {
    reply = {
      ok: false,
      code: isMsgFormatError(error) ? error.code : null,
      message: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      ms: performance.now() - started,
    };
  }
  process.send!(reply);
});
