import { readFileSync } from 'node:fs';
import { corpus } from './harness.js';

/**
 * The corpus's ground truth (../shared/corpus/expected.json, written from upstream tests and two
 * independent parsers, never by us), reduced to what the viewer tests compare with.
 */

export interface ExpectedAttachment {
  filename: string | null;
  size: number | null;
  hidden: boolean | null;
  contentId: string | null;
  embeddedMessage: boolean;
  embedded?: { subject: string | null };
}

export interface ExpectedFile {
  file: string;
  features: string[];
  parse: { ok: boolean; expect?: string };
  expected: {
    subject: string | null;
    sentDate: string | null;
    receivedDate: string | null;
    body: {
      text: boolean;
      html: boolean;
      rtf: boolean;
      rtfEncapsulates: 'html' | 'text' | 'rtf' | null;
      textStart: string | null;
    };
    attachments: ExpectedAttachment[];
  } | null;
}

let files: Map<string, ExpectedFile> | undefined;

/** The record of one corpus file; a missing one is a broken test, said loudly. */
export function expectedFor(path: string): ExpectedFile {
  files ??= new Map(
    (
      JSON.parse(readFileSync(corpus('expected.json'), 'utf8')) as { files: ExpectedFile[] }
    ).files.map((file) => [file.file, file]),
  );
  const file = files.get(path);
  if (!file) throw new Error(`expected.json: expected a record for ${path}, found none`);
  return file;
}

/** The ground truth of a file that parses (every viewer test but the broken-file one). */
export function truthOf(path: string): NonNullable<ExpectedFile['expected']> {
  const { expected } = expectedFor(path);
  if (!expected) throw new Error(`expected.json: ${path} has no ground truth (a broken file?)`);
  return expected;
}
