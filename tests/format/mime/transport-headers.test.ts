import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import CFB from 'cfb';
import type { CFB$Entry } from 'cfb';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src-main/format/errors.js';
import { MAX_HEADER_CHARS, MAX_HEADER_FIELDS } from '../../../src-main/format/limits.js';
import { decodeCodePage } from '../../../src-main/format/mapi/code-pages.js';
import {
  decodeHeaderValue,
  parseAddressList,
  parseTransportHeaders,
} from '../../../src-main/format/mime/transport-headers.js';

/** Joins header lines with CRLF, the way a transport writes them. */
const crlf = (...lines: string[]): string => lines.join('\r\n');

/** name → value of every field, in order, for compact assertions. */
const pairs = (raw: string): [string, string][] =>
  parseTransportHeaders(raw).fields.map((field) => [field.name, field.value]);

describe('transport-headers', () => {
  describe('parseTransportHeaders()', () => {
    it('reads name/value pairs in file order and keeps the raw text', () => {
      const raw = crlf('From: a@example.org', 'To: b@example.org', 'Subject: hi', '', '');
      const headers = parseTransportHeaders(raw);
      expect(headers.raw).toBe(raw);
      expect(pairs(raw)).toEqual([
        ['From', 'a@example.org'],
        ['To', 'b@example.org'],
        ['Subject', 'hi'],
      ]);
    });

    it('matches names case-insensitively and returns the first of duplicates', () => {
      // Received and duplicate Subject fields are both real; readers take the first Subject.
      const headers = parseTransportHeaders(
        crlf('Received: one', 'SUBJECT: first', 'received: two', 'subject: second'),
      );
      expect(headers.get('Subject')?.value).toBe('first');
      expect(headers.get('sUbJeCt')?.name).toBe('SUBJECT');
      expect(headers.getAll('RECEIVED').map((field) => field.value)).toEqual(['one', 'two']);
      expect(headers.get('X-Missing')).toBeUndefined();
      expect(headers.getAll('X-Missing')).toEqual([]);
    });

    it('hands out a fresh array from getAll(), so callers cannot edit the index', () => {
      const headers = parseTransportHeaders('To: a\r\nTo: b');
      headers.getAll('to').pop();
      expect(headers.getAll('to')).toHaveLength(2);
    });

    it('does not confuse a field named like an Object property with the prototype', () => {
      // A hostile header named __proto__ or constructor must be just another field.
      const headers = parseTransportHeaders('__proto__: x\r\nconstructor: y');
      expect(headers.get('__proto__')?.value).toBe('x');
      expect(headers.get('constructor')?.value).toBe('y');
      expect(headers.get('toString')).toBeUndefined();
    });

    it('returns no fields for empty or blank input', () => {
      expect(parseTransportHeaders('').fields).toEqual([]);
      expect(parseTransportHeaders('\r\n\r\n').fields).toEqual([]);
    });

    describe('unfolding (RFC 5322 2.2.3)', () => {
      it('drops the SP or HTAB between the colon and the value', () => {
        expect(pairs('A: one\r\nB:\ttwo\r\nC:three\r\nD:   four')).toEqual([
          ['A', 'one'],
          ['B', 'two'],
          ['C', 'three'],
          ['D', 'four'],
        ]);
      });

      it('keeps one leading SP when the field is folded right after the colon', () => {
        // Exchange writes `Message-ID:` CRLF SP `<id>`; the corpus ground truth keeps " <id>".
        expect(pairs('Message-ID:\r\n <id@example.org>')).toEqual([
          ['Message-ID', ' <id@example.org>'],
        ]);
        expect(pairs('Message-ID: \r\n\t<id@example.org>')).toEqual([
          ['Message-ID', ' <id@example.org>'],
        ]);
      });

      it('turns a fold with a tab or several spaces into exactly one space', () => {
        expect(pairs('Content-Type: multipart/mixed;\r\n\tboundary="b"')).toEqual([
          ['Content-Type', 'multipart/mixed; boundary="b"'],
        ]);
        expect(pairs('Content-Type: text/html;\r\n    charset="utf-8"')).toEqual([
          ['Content-Type', 'text/html; charset="utf-8"'],
        ]);
      });

      it('drops whitespace left at the end of a folded line', () => {
        // Foxmail writes "a, " CRLF TAB "b"; the corpus ground truth reads "a, b".
        expect(pairs('To: a <a@x>, \r\n\tb <b@x>')).toEqual([['To', 'a <a@x>, b <b@x>']]);
      });

      it('drops whitespace at the end of the value', () => {
        expect(pairs('X-Mozilla-Keys: \r\nSubject: hi \t\r\n')).toEqual([
          ['X-Mozilla-Keys', ''],
          ['Subject', 'hi'],
        ]);
      });

      it('joins many continuation lines', () => {
        const raw = 'Received: from a\r\n\tby b\r\n\twith c;\r\n\tMon, 1 Jan 2024 00:00:00 +0000';
        expect(pairs(raw)).toEqual([
          ['Received', 'from a by b with c; Mon, 1 Jan 2024 00:00:00 +0000'],
        ]);
      });

      it('does not take quadratic time over long runs of whitespace', () => {
        // /[ \t]+$/ backtracks over every start position of such a run; a hostile header can
        // supply a megabyte of it. The trim loops are linear, so this finishes at once.
        const spaces = ' '.repeat(MAX_HEADER_CHARS / 4);
        const headers = parseTransportHeaders(`Subject: a${spaces}b\r\n${spaces}x`);
        // Compared as a boolean: a failing diff of a 256 KiB string would take minutes to print.
        expect(headers.get('subject')?.value === `a${spaces}b x`).toBe(true);
      });
    });

    describe('tolerated damage', () => {
      it('accepts LF-only line endings', () => {
        // email-outlook-message-perl/charset.msg stores its headers with bare LFs.
        expect(pairs('From: a\n to-fold\nTo: b\n\nbody: no')).toEqual([
          ['From', 'a to-fold'],
          ['To', 'b'],
        ]);
      });

      it('accepts lone CR line endings', () => {
        expect(pairs('From: a\rTo: b')).toEqual([
          ['From', 'a'],
          ['To', 'b'],
        ]);
      });

      it('skips blank lines before the first field', () => {
        expect(pairs('\r\n\r\nFrom: a\r\nTo: b')).toEqual([
          ['From', 'a'],
          ['To', 'b'],
        ]);
      });

      it('stops at the first empty line, ignoring a body appended after it', () => {
        // Some writers store the whole message; "Dear: Sir" in the body is not a header.
        const raw = crlf('Subject: hi', '', 'Dear: Sir', 'Subject: spoofed');
        expect(pairs(raw)).toEqual([['Subject', 'hi']]);
      });

      it('skips a preamble line without a colon', () => {
        // Exchange 2003 starts the block with this line (poi/hsmf/outlook_30_msg.msg).
        const raw = crlf('Microsoft Mail Internet Headers Version 2.0', 'x-mimeole: Exchange');
        expect(pairs(raw)).toEqual([['x-mimeole', 'Exchange']]);
      });

      it('skips lines whose name is not RFC 5322 ftext, with their continuations', () => {
        // An mbox "From " line has colons in the time; prose has spaces before its colon.
        const raw = crlf(
          'From MAILER-DAEMON Fri Jul  8 12:08:34 2011',
          'This is prose: not a field',
          '\tstill prose',
          'To: b',
        );
        expect(pairs(raw)).toEqual([['To', 'b']]);
      });

      it('ignores a continuation line with no field before it', () => {
        expect(pairs(' orphan\r\nTo: b')).toEqual([['To', 'b']]);
      });

      it('ignores a line that starts with a colon', () => {
        expect(pairs(':no name\r\nTo: b')).toEqual([['To', 'b']]);
      });

      it('accepts whitespace between the name and the colon (RFC 5322 obs-optional)', () => {
        expect(pairs('Subject : old style')).toEqual([['Subject', 'old style']]);
      });

      it('removes trailing NUL padding from raw and NULs anywhere from the fields', () => {
        // Outlook terminates the string with NULs; a crafted file can put NULs mid-value.
        const headers = parseTransportHeaders('Subject: a\0b\r\nTo: c\r\n\0\0\0');
        expect(headers.raw).toBe('Subject: a\0b\r\nTo: c\r\n');
        expect(pairs('Subject: a\0b\r\nTo: c\r\n\0\0\0')).toEqual([
          ['Subject', 'ab'],
          ['To', 'c'],
        ]);
      });

      it('keeps 8-bit junk in values and skips lines with 8-bit junk in the name', () => {
        // A PT_STRING8 stream decoded with the wrong code page gives Latin-1 junk.
        const raw = crlf('Subject: caf\u00e9 \u0080\u00ff', 'X-\u00e9t\u00e9: no', 'To: b');
        expect(pairs(raw)).toEqual([
          ['Subject', 'caf\u00e9 \u0080\u00ff'],
          ['To', 'b'],
        ]);
      });
    });

    it('never throws on random mixes of the characters that matter', () => {
      // A deterministic generator (no seed flakiness) over separators, folds, NULs, encoded-word
      // punctuation, surrogate halves and 8-bit junk.
      const alphabet = ['\r', '\n', ' ', '\t', ':', '\0', '=?', '?=', '?Q?', '?B?', 'a', 'é'];
      alphabet.push('\ud800', '\udc00', '\u0080', 'utf-8', '__proto__', '');
      let state = 0x2545f491;
      const next = (): number => {
        state ^= state << 13;
        state ^= state >>> 17;
        state ^= state << 5;
        return (state >>> 0) % alphabet.length;
      };
      for (let round = 0; round < 2000; round++) {
        let raw = '';
        for (let i = 0; i < 40; i++) raw += alphabet[next()];
        expect(() => parseTransportHeaders(raw)).not.toThrow();
      }
    });

    describe('limits', () => {
      it(`parses at most MAX_HEADER_CHARS (${MAX_HEADER_CHARS}) characters`, () => {
        // A header stream of hundreds of MiB is not a reason to parse all of it.
        const filler = `X-Filler: ${'a'.repeat(MAX_HEADER_CHARS)}`;
        const diagnostics: Diagnostic[] = [];
        const raw = crlf('Subject: kept', filler, 'To: beyond the limit');
        const headers = parseTransportHeaders(raw, (d) => diagnostics.push(d));
        expect(headers.get('subject')?.value).toBe('kept');
        expect(headers.get('to')).toBeUndefined();
        expect(headers.get('x-filler')!.value.length).toBeLessThan(MAX_HEADER_CHARS);
        expect(headers.raw).toBe(raw);
        expect(diagnostics).toHaveLength(1);
        expect(diagnostics[0]!.code).toBe('LIMIT_EXCEEDED');
      });

      it(`keeps at most MAX_HEADER_FIELDS (${MAX_HEADER_FIELDS}) fields`, () => {
        // "a:" lines are 4 characters each: a 1 MiB block could otherwise hold 260,000 fields.
        const diagnostics: Diagnostic[] = [];
        const raw = 'a:\r\n'.repeat(MAX_HEADER_FIELDS + 5);
        const headers = parseTransportHeaders(raw, (d) => diagnostics.push(d));
        expect(headers.fields).toHaveLength(MAX_HEADER_FIELDS);
        expect(headers.getAll('a')).toHaveLength(MAX_HEADER_FIELDS);
        expect(diagnostics.map((d) => d.code)).toEqual(['LIMIT_EXCEEDED']);
      });

      it('reports nothing when the input is within the limits', () => {
        const diagnostics: Diagnostic[] = [];
        parseTransportHeaders('a:\r\n'.repeat(MAX_HEADER_FIELDS), (d) => diagnostics.push(d));
        expect(diagnostics).toEqual([]);
      });
    });
  });

  describe('decoded (RFC 2047)', () => {
    const decoded = (value: string): string =>
      parseTransportHeaders(`Subject: ${value}`).get('subject')!.decoded;

    it('decodes Q and B words in UTF-8', () => {
      expect(decoded('=?utf-8?Q?caf=C3=A9_au_lait?=')).toBe('café au lait');
      expect(decoded('=?UTF-8?B?Y2Fmw6k=?=')).toBe('café');
    });

    it('decodes Q and B words in ISO-8859-1', () => {
      expect(decoded("=?iso-8859-1?Q?L'=C9quipe?=")).toBe("L'Équipe");
      expect(decoded('=?ISO-8859-1?B?yXTp?=')).toBe('Été');
    });

    it('drops the whitespace between adjacent encoded words (RFC 2047 6.2)', () => {
      expect(decoded('=?utf-8?Q?a?= =?utf-8?Q?b?=')).toBe('ab');
      // The fold between two words (tab in the corpus) is no content either.
      expect(
        parseTransportHeaders('Subject: =?utf-8?Q?a?=\r\n\t=?utf-8?Q?b?=').fields[0]!.decoded,
      ).toBe('ab');
    });

    it('joins a multi-byte character split across two words', () => {
      // "é" is C3 A9 in UTF-8; writers that cut at a byte count split it between words.
      expect(decoded('=?utf-8?Q?caf=C3?= =?utf-8?Q?=A9?=')).toBe('café');
    });

    it('keeps the whitespace between an encoded word and plain text', () => {
      expect(decoded('Re: =?utf-8?Q?caf=C3=A9?= ok')).toBe('Re: café ok');
    });

    it('leaves malformed encoded words as written', () => {
      expect(decoded('=?utf-8?Q?unterminated')).toBe('=?utf-8?Q?unterminated');
      expect(decoded('=?utf-8?X?unknown-encoding?=')).toBe('=?utf-8?X?unknown-encoding?=');
      expect(decoded('=??Q?no-charset?=')).toBe('=??Q?no-charset?=');
    });

    it('decodes charsets TextDecoder lacks through iconv-lite', () => {
      // cp437 0x81 is "ü"; UTF-7 "+AKM-" is "£". postal-mime alone would give windows-1252.
      expect(decoded('=?cp437?Q?=81ber?=')).toBe('über');
      expect(decoded('=?utf-7?Q?Price_+AKM-1?=')).toBe('Price £1');
      expect(decoded('=?cp850*en?B?gWJlcg==?=')).toBe('über');
    });

    it('does not treat iconv-lite codec names as charsets', () => {
      // iconv-lite's "base64" codec would re-encode the bytes instead of decoding them; the word
      // goes to postal-mime, which falls back to windows-1252 as for any unknown label.
      expect(decoded('=?base64?Q?abc?=')).toBe('abc');
    });

    it('decodes an unknown charset without throwing', () => {
      expect(decoded('=?x-no-such-charset?Q?abc?=')).toBe('abc');
    });

    it('neutralises line breaks and controls an encoded word can smuggle in', () => {
      // CR LF in a decoded subject could inject a header line into a copied header block.
      expect(decoded('=?utf-8?Q?a=0D=0Ab=09c=00d=1Be?=')).toBe('a b c\ufffdd\ufffde');
    });

    it('never throws on garbage', () => {
      const samples = [
        '=?',
        '=?=?=?',
        '?=?=',
        '=?utf-8?B?====?=',
        '=?utf-8?B?*?=',
        '\ud800=?a?b?c?=',
      ];
      for (const sample of samples) expect(() => decodeHeaderValue(sample)).not.toThrow();
    });
  });

  describe('parseAddressList()', () => {
    it('splits mailboxes and decodes display names', () => {
      expect(
        parseAddressList(
          '=?UTF-8?B?TS4gQy4gS3VydHVsdcWf?= <m@example.org>, "B, Bee" <b@example.org>',
        ),
      ).toEqual([
        { name: 'M. C. Kurtuluş', address: 'm@example.org' },
        { name: 'B, Bee', address: 'b@example.org' },
      ]);
    });

    it('decodes display names in charsets TextDecoder lacks', () => {
      expect(parseAddressList('=?cp437?Q?=81ber?= <u@example.org>')).toEqual([
        { name: 'über', address: 'u@example.org' },
      ]);
    });

    it('flattens groups into their members', () => {
      expect(parseAddressList('Team: a@example.org, b@example.org;')).toEqual([
        { name: '', address: 'a@example.org' },
        { name: '', address: 'b@example.org' },
      ]);
    });

    it('returns an empty list for an empty value and does not throw on garbage', () => {
      expect(parseAddressList('')).toEqual([]);
      expect(() => parseAddressList('<<<"\\,;:@@>>>')).not.toThrow();
      // simple-java-mail #482: a real To field with a broken address.
      expect(() => parseAddressList("=?utf-8?B?J8Kg?= <' >")).not.toThrow();
    });
  });

  describe('corpus', () => {
    const root = new URL('../../../', import.meta.url);
    const corpus = new URL('../shared/corpus/', root);

    // The names whose first occurrence the corpus records (see ../shared/corpus/README.md).
    const RECORDED = [
      ...['From', 'Sender', 'To', 'Cc', 'Date', 'Subject'],
      ...['Message-ID', 'Reply-To', 'Content-Type'],
    ];

    it('reproduces every recorded transportHeaders value', () => {
      const cases = corpusCases(corpus);
      // Every recorded message must be found, embedded ones included, or the test proves little.
      expect(cases.length).toBe(countRecorded(corpus));
      expect(cases.length).toBeGreaterThan(0);
      for (const { label, text, expected } of cases) {
        const headers = parseTransportHeaders(text);
        const actual = Object.fromEntries(
          RECORDED.flatMap((name) => {
            const field = headers.get(name);
            return field ? [[name, field.value]] : [];
          }),
        );
        // The label rides along so a failure names the file and the message inside it.
        expect({ label, actual }).toEqual({ label, actual: expected });
      }
    });
  });
});

// --- corpus reading ---------------------------------------------------------------------------

interface CorpusMessage {
  transportHeaders?: Record<string, string>;
  codepage?: { ansi?: number };
  attachments?: { embedded?: CorpusMessage | null }[];
}

interface CorpusCase {
  label: string;
  text: string;
  expected: Record<string, string>;
}

const HEADERS_UNICODE = '__substg1.0_007D001F';
const HEADERS_8BIT = '__substg1.0_007D001E';
const EMBEDDED_MESSAGE = '__substg1.0_3701000D/';
const ATTACHMENT_STORAGE = /^__attach_version1\.0_#([0-9A-Fa-f]{8})\/$/;

function readExpected(corpus: URL): { files: { file: string; expected: CorpusMessage | null }[] } {
  return JSON.parse(readFileSync(new URL('expected.json', corpus), 'utf8')) as {
    files: { file: string; expected: CorpusMessage | null }[];
  };
}

function countRecorded(corpus: URL): number {
  const count = (message: CorpusMessage | null | undefined): number =>
    !message
      ? 0
      : (message.transportHeaders ? 1 : 0) +
        (message.attachments ?? []).reduce((sum, a) => sum + count(a.embedded), 0);
  return readExpected(corpus).files.reduce((sum, record) => sum + count(record.expected), 0);
}

/** Every message (top level or embedded) whose expected record has transportHeaders. */
function corpusCases(corpus: URL): CorpusCase[] {
  const expected = readExpected(corpus);
  const cases: CorpusCase[] = [];
  for (const record of expected.files) {
    if (!record.expected) continue;
    // File names hold '#' and spaces, so they are joined as paths, not resolved as URLs.
    const container = CFB.read(readFileSync(join(fileURLToPath(corpus), record.file)), {
      type: 'buffer',
    });
    const entries = new Map<string, CFB$Entry>();
    container.FullPaths.forEach((path, index) => entries.set(path, container.FileIndex[index]!));
    collect(record.file, container.FullPaths[0]!, record.expected, entries, cases);
  }
  return cases;
}

function collect(
  label: string,
  storage: string,
  message: CorpusMessage,
  entries: Map<string, CFB$Entry>,
  cases: CorpusCase[],
): void {
  if (message.transportHeaders) {
    const unicode = entries.get(storage + HEADERS_UNICODE)?.content;
    const ansi = entries.get(storage + HEADERS_8BIT)?.content;
    const text = unicode
      ? new TextDecoder('utf-16le').decode(Uint8Array.from(unicode))
      : decodeCodePage(Uint8Array.from(ansi ?? []), message.codepage?.ansi ?? 1252);
    cases.push({ label: `${label} ${storage}`, text, expected: message.transportHeaders });
  }
  // Attachments are listed in storage-number order, which is not always 0, 1, 2…
  const attachments = [...entries.keys()]
    .filter((path) => path.startsWith(storage))
    .map((path) => ATTACHMENT_STORAGE.exec(path.slice(storage.length)))
    .filter((match) => match !== null)
    .sort((a, b) => parseInt(a[1]!, 16) - parseInt(b[1]!, 16))
    .map((match) => storage + match[0]);
  message.attachments?.forEach((attachment, index) => {
    const path = attachments[index];
    if (attachment.embedded && path) {
      collect(label, path + EMBEDDED_MESSAGE, attachment.embedded, entries, cases);
    }
  });
}
