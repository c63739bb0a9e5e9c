import { fork } from 'node:child_process';
import type { MsgFormatErrorCode } from '../format/errors.js';
import type { MessageSnapshot } from './message-snapshot.js';
import type { ParseRequest, ParserMessage } from './parser-protocol.js';
import { isParseProgress } from './parser-protocol.js';
import { SessionError } from './session-error.js';
import type { SessionErrorCode } from './session-error.js';

/**
 * Runs the parser in a child process with a time limit and a heap limit, so a hostile file can
 * neither block the main process's event loop nor take it down: a worker thread is not enough,
 * because the `cfb` package can abort the whole process on some broken sector chains
 * (../shared/docs/hard-cases.md). One process per parse: a file that hangs or exhausts its process
 * cannot delay or fail another window's open. In Electron, `fork` starts the app's own binary as
 * Node (ELECTRON_RUN_AS_NODE), so this works unchanged in the packaged app.
 */

export interface ParseOptions {
  codePage?: number;
  /** How much of the file has been read (0…1), as the reading goes on. */
  onProgress?: (readFraction: number) => void;
}

export interface ParserHost {
  parse(path: string, options?: ParseOptions): Promise<MessageSnapshot>;
  /** Kills every running parse; they fail with SESSION_CLOSED. */
  dispose(): void;
}

export interface ForkParserOptions {
  /** The parse-worker script: the built `.cjs` in the app, the `.ts` file under tsx in tests. */
  workerScript: string;
  execArgv?: string[];
  /** A parse slower than this is a hang: the process is killed and the open fails. */
  timeoutMs?: number;
  /** V8 heap limit of the parser process. */
  maxOldSpaceMb?: number;
  /** Discard the parser's stderr (tests of crashing parsers); by default it joins the app's log. */
  quiet?: boolean;
}

export const DEFAULT_PARSE_TIMEOUT_MS = 60_000;
/** Enough for the model of a 1 GB file and its copy; far below what a desktop has. */
export const DEFAULT_PARSER_HEAP_MB = 4096;

export function createForkParserHost(options: ForkParserOptions): ParserHost {
  const timeoutMs = options.timeoutMs ?? DEFAULT_PARSE_TIMEOUT_MS;
  const heapMb = options.maxOldSpaceMb ?? DEFAULT_PARSER_HEAP_MB;
  const running = new Set<() => void>();

  return {
    parse(path, parseOptions = {}) {
      return new Promise<MessageSnapshot>((resolve, reject) => {
        const child = fork(options.workerScript, [], {
          execArgv: [...(options.execArgv ?? []), `--max-old-space-size=${heapMb}`],
          serialization: 'advanced',
          stdio: ['ignore', 'inherit', options.quiet ? 'ignore' : 'inherit', 'ipc'],
        });
        let settled = false;
        const settle = (outcome: () => void) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          running.delete(cancel);
          child.kill('SIGKILL');
          outcome();
        };
        const cancel = () =>
          settle(() => reject(new SessionError('SESSION_CLOSED', 'the open was cancelled')));
        running.add(cancel);
        const timer = setTimeout(() => {
          settle(() =>
            reject(
              new SessionError(
                'PARSE_TIMEOUT',
                `reading the file took longer than ${timeoutMs / 1000} s`,
              ),
            ),
          );
        }, timeoutMs);
        child.on('message', (reply: ParserMessage) => {
          if (isParseProgress(reply)) {
            if (!settled) parseOptions.onProgress?.(reply.readFraction);
            return;
          }
          settle(() => {
            if (reply.ok) resolve(reply.snapshot);
            else
              reject(
                new SessionError(
                  reply.code as SessionErrorCode,
                  reply.message,
                  reply.formatCode as MsgFormatErrorCode | undefined,
                ),
              );
          });
        });
        child.on('error', (error) => {
          settle(() =>
            reject(new SessionError('IO_ERROR', `could not start the parser: ${error.message}`)),
          );
        });
        child.on('exit', (code, signal) => {
          // V8 heap exhaustion ends the process with an abort (SIGABRT, or exit code 134).
          const outOfMemory = signal === 'SIGABRT' || code === 134;
          settle(() =>
            reject(
              outOfMemory
                ? new SessionError(
                    'PARSE_OUT_OF_MEMORY',
                    'the file needs more memory to read than is allowed',
                  )
                : new SessionError(
                    'BAD_FILE',
                    `the parser stopped unexpectedly (${signal ?? `exit code ${code}`})`,
                  ),
            ),
          );
        });
        const request: ParseRequest = {
          id: 1,
          path,
          ...(parseOptions.codePage ? { codePage: parseOptions.codePage } : {}),
        };
        child.send(request);
      });
    },
    dispose() {
      for (const cancel of [...running]) cancel();
    },
  };
}
