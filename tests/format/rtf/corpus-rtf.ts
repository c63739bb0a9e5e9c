/**
 * The PidTagRtfCompressed streams of ../shared/corpus, read with the `cfb` package (not with our
 * own container code, so these tests check the RTF layer against an outside reader).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import CFB from 'cfb';

/** The shared corpus next to the repository: never copied into it. */
export const CORPUS_DIR = fileURLToPath(new URL('../../../../shared/corpus/', import.meta.url));

/** PidTagRtfCompressed (0x1009, PT_BINARY) as a stream name. */
const RTF_COMPRESSED_STREAM = '__substg1.0_10090102';
/** The named-property map reuses `__substg1.0_1009…` names for hash buckets: not RTF. */
const NAMED_PROPERTY_STORAGE = '__nameid_version1.0/';
const ROOT_PREFIX = 'Root Entry/';

/** The part of an expected.json record these tests read. */
export interface ExpectedBody {
  rtf: boolean;
  rtfEncapsulates: 'html' | 'text' | 'rtf' | null;
  rtfDecompressedSha256: string | null;
  textStart: string | null;
}

export interface CorpusRecord {
  file: string;
  expected: { body: ExpectedBody } | null;
}

export interface CorpusRtfStream {
  /** Path of the .msg file inside the corpus. */
  file: string;
  /** Storage of the message holding the stream: '' for the top-level message. */
  storage: string;
  compressed: Uint8Array;
}

export function corpusRecords(): CorpusRecord[] {
  const expected = JSON.parse(readFileSync(join(CORPUS_DIR, 'expected.json'), 'utf8')) as {
    files: CorpusRecord[];
  };
  return expected.files;
}

/**
 * Every message-level PidTagRtfCompressed stream, top-level and embedded. Files the `cfb` package
 * cannot open (the corpus's deliberately broken ones) have no stream to offer and are left out.
 */
export function corpusRtfStreams(): CorpusRtfStream[] {
  const streams: CorpusRtfStream[] = [];
  for (const record of corpusRecords()) {
    let container: CFB.CFB$Container;
    try {
      container = CFB.read(readFileSync(join(CORPUS_DIR, record.file)), { type: 'buffer' });
    } catch {
      continue;
    }
    container.FullPaths.forEach((fullPath, index) => {
      if (!fullPath.endsWith(RTF_COMPRESSED_STREAM) || fullPath.includes(NAMED_PROPERTY_STORAGE)) {
        return;
      }
      const content = container.FileIndex[index]?.content;
      if (content === undefined) return;
      const storage = fullPath.slice(ROOT_PREFIX.length, -RTF_COMPRESSED_STREAM.length);
      streams.push({ file: record.file, storage, compressed: Uint8Array.from(content) });
    });
  }
  return streams;
}
