import { open, stat } from 'node:fs/promises';
import { isMsgFormatError } from '../format/errors.js';
import { MAX_FILE_SIZE } from '../format/limits.js';
import { readMsg } from '../format/read-msg.js';
import { snapshotMessage } from './message-snapshot.js';
import type { ParseProgress, ParseReply, ParseRequest } from './parser-protocol.js';

/**
 * The parser process. Untrusted bytes are parsed here, not in the main process: a file that makes
 * the parser hang or exhaust memory takes down only this process, which the main process kills
 * after a time limit and restarts (see parser-host.ts). It opens the file read-only and reads it
 * in pieces, reporting how far it is: a large file on a network share takes a while to arrive.
 */

/** Bytes read per call, and so the step of the progress reported. */
const READ_PIECE_BYTES = 4 * 1024 * 1024;

async function readWithProgress(request: ParseRequest, size: number): Promise<Uint8Array> {
  const bytes = new Uint8Array(size);
  const file = await open(request.path, 'r');
  try {
    let offset = 0;
    while (offset < size) {
      const { bytesRead } = await file.read(
        bytes,
        offset,
        Math.min(READ_PIECE_BYTES, size - offset),
      );
      // The file shrank while being read: parse what there is (it reads as truncated).
      if (bytesRead === 0) return bytes.subarray(0, offset);
      offset += bytesRead;
      const progress: ParseProgress = { id: request.id, readFraction: offset / size };
      process.send!(progress);
    }
    return bytes;
  } finally {
    await file.close();
  }
}

async function handle(request: ParseRequest): Promise<ParseReply> {
  try {
    const info = await stat(request.path);
    if (!info.isFile()) return failure(request, 'IO_ERROR', 'not a file');
    if (info.size > MAX_FILE_SIZE) {
      return failure(
        request,
        'TOO_LARGE',
        `the file is ${info.size} bytes; files up to ${MAX_FILE_SIZE} bytes are opened`,
      );
    }
    const bytes = await readWithProgress(request, info.size);
    const document = readMsg(bytes, { codePage: request.codePage });
    return {
      id: request.id,
      ok: true,
      snapshot: snapshotMessage(document.message, document.diagnostics),
    };
  } catch (error) {
    if (isMsgFormatError(error)) return failure(request, 'BAD_FILE', error.message, error.code);
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === 'string') return failure(request, 'IO_ERROR', ioMessage(code, error));
    return failure(request, 'BAD_FILE', error instanceof Error ? error.message : String(error));
  }
}

function failure(
  request: ParseRequest,
  code: string,
  message: string,
  formatCode?: string,
): ParseReply {
  return { id: request.id, ok: false, code, message, ...(formatCode ? { formatCode } : {}) };
}

function ioMessage(code: string, error: unknown): string {
  if (code === 'ENOENT') return 'the file does not exist (moved or deleted?)';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'not a file';
  return error instanceof Error ? error.message : code;
}

process.on('message', (request: ParseRequest) => {
  void handle(request).then((reply) => process.send!(reply));
});
