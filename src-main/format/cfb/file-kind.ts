import { HEADER_SIGNATURE } from './sector-numbers.js';

/**
 * Names what a file that is not a compound file probably is, from its first bytes, so the refusal
 * says "the file is a PNG image" rather than only "bad signature". People rename files, save the
 * wrong attachment, or drop an .eml on a .msg viewer; the message should tell them which.
 */

interface Magic {
  bytes: readonly number[];
  /** Completes "not an Outlook item: the file is …". */
  kind: string;
}

const MAGIC_NUMBERS: readonly Magic[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], kind: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], kind: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], kind: 'a GIF image' },
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], kind: 'a PDF document' },
  {
    bytes: [0x50, 0x4b, 0x03, 0x04],
    kind: 'a ZIP archive (a .zip, or an Office document such as .docx or .xlsx)',
  },
  { bytes: [0x50, 0x4b, 0x05, 0x06], kind: 'an empty ZIP archive' },
  { bytes: [0x78, 0x9f, 0x3e, 0x22], kind: 'a TNEF attachment (winmail.dat)' },
  { bytes: [0x7b, 0x5c, 0x72, 0x74, 0x66], kind: 'an RTF document' },
  // The signature of pre-release OLE2 files (before 1994): a compound file, but not one we read.
  { bytes: [0x0e, 0x11, 0xfc, 0x0d, 0xd0, 0xcf, 0x11, 0x0e], kind: 'a pre-release OLE2 file' },
];

/** [RFC 5322] 2.2: a header line is a field name of printable characters except ":", then ":". */
const HEADER_LINE = /^[\x21-\x39\x3b-\x7e]+:/;
/** A first line like this and an .eml is near certain; mbox files start with "From ". */
const MAIL_HEADER =
  /^(from|to|subject|date|received|return-path|message-id|mime-version|delivered-to|x-[\w-]+):/i;
const SNIFF_LENGTH = 1024;
/** Header lines looked at for a well-known mail header. */
const MAIL_HEADER_LINES = 30;

/** The whole NOT_CFB message for bytes that do not start with the compound file signature. */
export function describeNotCompoundFile(bytes: Uint8Array): string {
  if (bytes.length === 0) return 'not an Outlook item: the file is empty';
  const found = Array.from(bytes.subarray(0, HEADER_SIGNATURE.length), (byte) =>
    byte.toString(16).toUpperCase().padStart(2, '0'),
  ).join(' ');
  const expected = HEADER_SIGNATURE.map((byte) => byte.toString(16).toUpperCase()).join(' ');
  const detail = `header signature: expected ${expected}, found ${found}`;
  if (
    bytes.length < HEADER_SIGNATURE.length &&
    startsWith(bytes, HEADER_SIGNATURE.slice(0, bytes.length))
  ) {
    return `not an Outlook item: the file is only ${bytes.length} bytes long (${detail})`;
  }
  const kind = guessKind(bytes);
  return kind
    ? `not an Outlook item: the file is ${kind} (${detail})`
    : `not an Outlook item: the file is not an OLE2 compound file (${detail})`;
}

function guessKind(bytes: Uint8Array): string | undefined {
  const magic = MAGIC_NUMBERS.find((candidate) => startsWith(bytes, candidate.bytes));
  if (magic) return magic.kind;
  const text = asciiPrefix(bytes);
  if (text === undefined) return undefined;
  const lines = text.split(/\r?\n/, MAIL_HEADER_LINES);
  const firstLine = lines[0] ?? '';
  const isMail =
    firstLine.startsWith('From ') ||
    (HEADER_LINE.test(firstLine) && lines.some((line) => MAIL_HEADER.test(line)));
  if (isMail) {
    return 'an Internet e-mail message (.eml, RFC 822 text), not an Outlook .msg';
  }
  if (/^\s*<(!doctype html|html)/i.test(text)) return 'an HTML page';
  return 'a text file';
}

/** The first bytes as text, or undefined when they look binary. */
function asciiPrefix(bytes: Uint8Array): string | undefined {
  const head = bytes.subarray(0, SNIFF_LENGTH);
  const start = startsWith(head, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  let text = '';
  for (let i = start; i < head.length; i++) {
    const byte = head[i] ?? 0;
    const isControl = byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d;
    if (isControl) return undefined;
    text += String.fromCharCode(byte);
  }
  return text;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.length <= bytes.length && prefix.every((byte, i) => bytes[i] === byte);
}
