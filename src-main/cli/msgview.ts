import { readFileSync, statSync } from 'node:fs';
import { isMsgFormatError } from '../format/errors.js';
import { MAX_FILE_SIZE } from '../format/limits.js';
import { readMsg } from '../format/read-msg.js';
import type { MsgDocument } from '../format/model.js';
import { extractAttachments } from './extract.js';
import { documentToJson } from './model-json.js';
import { formatSummary } from './inspect-text.js';

/** Exit codes: 0 done, 1 the input is bad (one line says why), 2 the command line is wrong. */
export const EXIT_OK = 0;
export const EXIT_BAD_INPUT = 1;
export const EXIT_USAGE = 2;

const USAGE = `usage:
  msgview inspect FILE [--json] [--codepage N]   show what an Outlook item (.msg, .oft) holds
  msgview extract FILE --out DIR [--codepage N]  save its attachments into DIR (never overwrites)`;

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

interface ParsedArgs {
  command: 'inspect' | 'extract';
  file: string;
  json: boolean;
  out?: string;
  codePage?: number;
}

class UsageError extends Error {}

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  let args: ParsedArgs;
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`msgview: ${error.message}\n${USAGE}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
  let document: MsgDocument;
  let bytes: Uint8Array;
  try {
    bytes = readSource(args.file);
    document = readMsg(bytes, { codePage: args.codePage });
  } catch (error) {
    io.err(`msgview: ${args.file}: ${describeFailure(error)}\n`);
    return EXIT_BAD_INPUT;
  }
  if (args.command === 'inspect') {
    if (args.json) {
      io.out(`${JSON.stringify(documentToJson(document, { path: args.file, bytes }), null, 2)}\n`);
    } else {
      io.out(formatSummary(document));
    }
    return EXIT_OK;
  }
  try {
    const written = await extractAttachments(document.message, args.out!);
    for (const file of written) io.out(`${file.path}\t${file.size}\n`);
    if (written.length === 0) io.out('no attachments to save\n');
  } catch (error) {
    io.err(`msgview: ${args.out}: ${describeFailure(error)}\n`);
    return EXIT_BAD_INPUT;
  }
  return EXIT_OK;
}

function parseArgs(argv: string[]): ParsedArgs {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h')
    throw new UsageError('no command given');
  if (command !== 'inspect' && command !== 'extract')
    throw new UsageError(`unknown command '${command}'`);
  let file: string | undefined;
  let json = false;
  let out: string | undefined;
  let codePage: number | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--json' && command === 'inspect') json = true;
    else if (arg === '--out' && command === 'extract') out = requireValue(rest, ++i, '--out');
    else if (arg === '--codepage') codePage = parseCodePage(requireValue(rest, ++i, '--codepage'));
    else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option '${arg}'`);
    else if (file === undefined) file = arg;
    else throw new UsageError(`unexpected argument '${arg}'`);
  }
  if (file === undefined) throw new UsageError('no FILE given');
  if (command === 'extract' && out === undefined) throw new UsageError('extract needs --out DIR');
  return { command, file, json, out, codePage };
}

function requireValue(args: string[], index: number, option: string): string {
  const value = args[index];
  if (value === undefined) throw new UsageError(`${option} needs a value`);
  return value;
}

function parseCodePage(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0 || value > 65535) {
    throw new UsageError(
      `--codepage takes a Windows code page number, such as 1251; found '${text}'`,
    );
  }
  return value;
}

/** Reads the source read-only, after checking it is a regular file of a size we accept. */
function readSource(path: string): Uint8Array {
  const stats = statSync(path);
  if (stats.isDirectory()) throw new Error('is a folder, not a file');
  if (stats.size > MAX_FILE_SIZE)
    throw new Error(`is ${stats.size} bytes; files up to ${MAX_FILE_SIZE} bytes are read`);
  return readFileSync(path, { flag: 'r' });
}

function describeFailure(error: unknown): string {
  if (isMsgFormatError(error)) return `${error.message} [${error.code}]`;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOTDIR') return 'a part of the path is not a folder';
  return error instanceof Error ? error.message : String(error);
}
