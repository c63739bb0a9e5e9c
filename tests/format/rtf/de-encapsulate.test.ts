import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src-main/format/errors.js';
import { MsgFormatError } from '../../../src-main/format/errors.js';
import { MAX_RTF_GROUP_DEPTH } from '../../../src-main/format/limits.js';
import { decompressRtf } from '../../../src-main/format/rtf/compressed-rtf.js';
import type { DeEncapsulateOptions } from '../../../src-main/format/rtf/de-encapsulate.js';
import { deEncapsulateRtf, rtfEncapsulation } from '../../../src-main/format/rtf/de-encapsulate.js';
import { corpusRecords, corpusRtfStreams } from './corpus-rtf.js';

/** RTF source is 7-bit in practice; latin1 keeps any 8-bit test byte as that byte. */
function bytes(rtf: string): Uint8Array {
  return Uint8Array.from(Buffer.from(rtf, 'latin1'));
}

function read(rtf: string, options: DeEncapsulateOptions = {}) {
  const diagnostics: Diagnostic[] = [];
  const result = deEncapsulateRtf(bytes(rtf), {
    ...options,
    onDiagnostic: (diagnostic) => diagnostics.push(diagnostic),
  });
  return { ...result, diagnostics };
}

/** The header Outlook writes before RTF-encapsulated HTML. */
const HTML_HEADER =
  '{\\rtf1\\ansi\\ansicpg1252\\fromhtml1 \\fbidis \\deff0{\\fonttbl\r\n' +
  '{\\f0\\fswiss\\fcharset0 Arial;}\r\n{\\f1\\fmodern Courier New;}\r\n' +
  '{\\f2\\fnil\\fcharset2 Symbol;}\r\n{\\f3\\fmodern\\fcharset0 Courier New;}}\r\n' +
  '{\\colortbl\\red0\\green0\\blue0;\\red0\\green0\\blue255;}\r\n' +
  '\\uc1\\pard\\plain\\deftab360 \\f0\\fs24 \r\n';

/** Outlook's header before RTF-encapsulated plain text. */
const TEXT_HEADER =
  '{\\rtf1\\ansi\\ansicpg1252\\fromtext \\fbidis \\deff0{\\fonttbl\r\n' +
  '{\\f0\\fswiss\\fcharset0 Arial;}\r\n{\\f1\\fmodern Courier New;}}\r\n' +
  '{\\colortbl\\red0\\green0\\blue0;\\red0\\green0\\blue255;}\r\n' +
  '\\uc1\\pard\\plain\\deftab360 \\f0\\fs20 ';

function html(body: string): string {
  return `${HTML_HEADER}${body}}`;
}

describe('de-encapsulate', () => {
  describe('rtfEncapsulation()', () => {
    it('answers html when the header has \\fromhtml1', () => {
      expect(rtfEncapsulation(bytes(html('')))).toBe('html');
    });

    it('answers text when the header has \\fromtext', () => {
      expect(rtfEncapsulation(bytes(`${TEXT_HEADER}hi}`))).toBe('text');
    });

    it('answers rtf when the header has neither', () => {
      expect(rtfEncapsulation(bytes('{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl;}hi}'))).toBe(
        'rtf',
      );
    });

    it('answers rtf when \\fromhtml1 comes only after the first group', () => {
      // [MS-OXRTFEX] 2.2.3.1: inspection stops at the first begin-group mark after the header.
      expect(rtfEncapsulation(bytes('{\\rtf1\\ansi{\\fonttbl;}\\fromhtml1 x}'))).toBe('rtf');
    });

    it('answers rtf when \\fromhtml1 comes after the first 10 tokens', () => {
      const late = '{\\rtf1\\a\\b\\c\\d\\e\\f\\g\\h\\i\\j\\fromhtml1 x}';
      expect(rtfEncapsulation(bytes(late))).toBe('rtf');
    });

    it('answers rtf when text comes before \\fromtext', () => {
      expect(rtfEncapsulation(bytes('{\\rtf1 hello \\fromtext}'))).toBe('rtf');
    });

    it('answers rtf for bytes that are not RTF', () => {
      expect(rtfEncapsulation(new Uint8Array(0))).toBe('rtf');
      expect(rtfEncapsulation(bytes('<html>\\fromhtml1</html>'))).toBe('rtf');
    });
  });

  describe('deEncapsulateRtf() with encapsulated HTML', () => {
    it('copies htmltag content and drops text inside \\htmlrtf … \\htmlrtf0', () => {
      // The shape Outlook writes: tags in htmltag groups, RTF-only formatting inside \htmlrtf.
      const { kind, text, diagnostics } = read(
        html(
          '{\\*\\htmltag19 <html>}\r\n{\\*\\htmltag50 <body>}\r\n' +
            '{\\*\\htmltag64 <p>}\\htmlrtf {\\htmlrtf0 Hello \r\n' +
            '{\\*\\htmltag84 <b>}\\htmlrtf {\\b \\htmlrtf0 world\r\n' +
            '{\\*\\htmltag92 </b>}\\htmlrtf }\\htmlrtf0 \r\n' +
            '{\\*\\htmltag84 &nbsp;}\\htmlrtf \\~\\htmlrtf0 \r\n' +
            '{\\*\\htmltag72 </p>}\\htmlrtf\\par}\\htmlrtf0\r\n' +
            '{\\*\\htmltag58 </body>}\r\n{\\*\\htmltag27 </html>}',
        ),
      );
      expect(kind).toBe('html');
      expect(text).toBe('<html><body><p>Hello <b>world</b>&nbsp;</p></body></html>');
      expect(diagnostics).toEqual([]);
    });

    it('turns \\par, \\line and \\tab inside htmltag into CRLF, CRLF and TAB', () => {
      const { text } = read(
        html('{\\*\\htmltag241 <style>\\par \\tab p \\{margin:0\\}\\line </style>}'),
      );
      expect(text).toBe('<style>\r\n\tp {margin:0}\r\n</style>');
    });

    it('unescapes \\\\ \\{ \\} and the spec table of quote and dash words', () => {
      const { text } = read(
        html(
          '{\\*\\htmltag84 a\\\\b\\{c\\}}' +
            '{\\*\\htmltag84 \\lquote\\rquote\\ldblquote\\rdblquote\\bullet\\endash\\emdash}',
        ),
      );
      expect(text).toBe('a\\b{c}\u2018\u2019\u201c\u201d\u2022\u2013\u2014');
    });

    it("decodes \\'hh in code page 1252 inside and outside htmltag groups", () => {
      const { text } = read(html("{\\*\\htmltag84 caf\\'e9 }\\htmlrtf0 na\\'efve"));
      expect(text).toBe('café naïve');
    });

    it('reads \\uN as a character and skips the \\uc1 fallback', () => {
      const { text } = read(html("{\\*\\htmltag84 \\u8364?}\\u8364\\'80 \\u-3913?"));
      expect(text).toBe('\u20ac\u20ac \uf0b7');
    });

    it('joins a surrogate pair written as two \\uN', () => {
      const { text } = read(html('\\u-10179?\\u-8704?'));
      expect(text).toBe('\u{1f600}');
    });

    it('uses the original htmltag and ignores the rewritten \\mhtmltag', () => {
      const { text } = read(
        html(
          '{\\*\\mhtmltag84 <img src="{\\htmlbase ATT-0-image001.png}">}\r\n' +
            '{\\*\\htmltag84 <img src="cid:image001.png@01D0">}\\htmlrtf \\objattph \\htmlrtf0',
        ),
      );
      expect(text).toBe('<img src="cid:image001.png@01D0">');
    });

    it('does not leak \\background shape properties into the HTML (MSGReader#213)', () => {
      const background =
        '{\\*\\background {\\shp{\\*\\shpinst{\\sp{\\sn fillColor}{\\sv 16777215}}' +
        '{\\sp{\\sn fFilled}{\\sv 1}}}}}';
      const { text } = read(
        html(
          `{\\*\\htmltag50 <body bgcolor=#FFFFFF>}\\htmlrtf \\viewkind5\r\n${background}\\htmlrtf0 \r\n` +
            // The same group outside \htmlrtf, and without its \*, must not leak either.
            `${background}{\\background {\\shp{\\shpinst{\\sp{\\sn fillColor}{\\sv 255}}}}}` +
            '{\\*\\htmltag58 </body>}',
        ),
      );
      expect(text).toBe('<body bgcolor=#FFFFFF></body>');
    });

    it('ignores font, color and style tables and other ignorable destinations', () => {
      const { text } = read(
        '{\\rtf1\\ansi\\ansicpg1252\\fromhtml1 \\deff0{\\fonttbl{\\f0\\fswiss Arial;}}' +
          '{\\colortbl;\\red255\\green0\\blue0;}{\\stylesheet{\\s0 Normal;}}' +
          '{\\*\\generator Riched20;}{\\*\\htmltag19 <html>}{\\*\\unknown secret}' +
          '{\\*\\htmltag27 </html>}}',
      );
      expect(text).toBe('<html></html>');
    });

    it('decodes htmltag bytes in the document code page, not the current font', () => {
      // [MS-OXRTFEX] 2.2.3.2: escapes inside HTMLTAG are in the default RTF code page.
      const { text } = read(
        '{\\rtf1\\ansi\\ansicpg1252\\fromhtml1 \\deff0{\\fonttbl{\\f0\\fswiss Arial;}' +
          "{\\f1\\fnil\\fcharset134 SimSun;}}\\f1 {\\*\\htmltag84 caf\\'e9}\\'d6\\'d0}",
      );
      expect(text).toBe('café中');
    });
  });

  describe('deEncapsulateRtf() code pages', () => {
    it("decodes \\'82\\'a0 as one character when the document is \\ansicpg932", () => {
      const { text } = read(
        `{\\rtf1\\ansi\\ansicpg932\\fromtext \\deff0{\\fonttbl{\\f0 MS Gothic;}}\\f0 \\'82\\'a0}`,
      );
      expect(text).toBe('あ');
    });

    it('decodes a DBCS trail byte written as a literal or escaped character', () => {
      // Shift_JIS ア is 0x83 0x41 ("A"), 表 is 0x95 0x5C (a backslash, escaped as \\).
      const { text } = read(`{\\rtf1\\ansi\\ansicpg932\\fromtext \\'83A\\'95\\\\}`);
      expect(text).toBe('ア表');
    });

    it('skips both DBCS fallback bytes after \\uN when \\uc2', () => {
      const { text } = read(
        `{\\rtf1\\ansi\\ansicpg932\\fromtext \\uc2\\u12354\\'82\\'a0\\u12450\\'83A!}`,
      );
      expect(text).toBe('あア!');
    });

    it('decodes hex escapes in the code page of a \\fcharset134 (GB2312) font', () => {
      const { text } = read(
        '{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fswiss\\fcharset0 Arial;}' +
          "{\\f1\\fnil\\fcharset134 \\'cb\\'ce\\'cc\\'e5;}}\\f0 Chinese: \\f1\\'d6\\'d0\\'ce\\'c4\\f0  ok\\par}",
      );
      expect(text).toBe('Chinese: 中文 ok\r\n');
    });

    it('restores the outer font code page when a group ends', () => {
      const { text } = read(
        "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Arial;}{\\f1\\fcharset204 Arial CYR;}}{\\f1\\'e0}\\'e0}",
      );
      expect(text).toBe('аà');
    });

    it('uses fallbackCodePage when the header has no \\ansicpg', () => {
      const { text } = read("{\\rtf1\\ansi\\fromtext \\'e0}", { fallbackCodePage: 1251 });
      expect(text).toBe('а');
    });

    it('reports an unsupported \\ansicpg and keeps the fallback', () => {
      const { text, diagnostics } = read("{\\rtf1\\ansi\\ansicpg99999\\fromtext \\'e9}");
      expect(text).toBe('é');
      expect(diagnostics).toEqual([expect.objectContaining({ code: 'CORRUPT_DATA' })]);
    });

    it('throws INVALID_ARGUMENT for a fallbackCodePage that is no code page', () => {
      expect(() => deEncapsulateRtf(bytes('{\\rtf1}'), { fallbackCodePage: 1.5 })).toThrow(
        MsgFormatError,
      );
      expect(() => deEncapsulateRtf(bytes('{\\rtf1}'), { fallbackCodePage: -1 })).toThrow(
        expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
      );
    });
  });

  describe('deEncapsulateRtf() with encapsulated text or native RTF', () => {
    it('reads a \\fromtext body as its plain text', () => {
      const { kind, text, diagnostics } = read(
        `${TEXT_HEADER}Hello\\par\r\nworld\\tab !\\par\r\n\\{braces\\}\\par\r\n}`,
      );
      expect(kind).toBe('text');
      expect(text).toBe('Hello\r\nworld\t!\r\n{braces}\r\n');
      expect(diagnostics).toEqual([]);
    });

    it('reads native RTF as plain text, skipping document info, field codes and pictures', () => {
      const { kind, text } = read(
        '{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fswiss Calibri;}}' +
          '{\\colortbl;\\red0\\green0\\blue0;}{\\*\\generator Riched20 10.0;}' +
          '{\\info{\\title Secret title}{\\author Someone}}\\viewkind4\\uc1\r\n' +
          '\\pard\\f0\\fs22 Hello {\\b world}\\par\r\n' +
          '{\\field{\\*\\fldinst HYPERLINK "http://example.com/"}{\\fldrslt link}}\\par\r\n' +
          // \bin data is raw bytes: its braces and backslashes are not RTF.
          '{\\pict\\wmetafile8\\picw10 0102abcd\\bin4 }\\{x}\\par\r\n' +
          '{\\pntext\\f0 1.\\tab}A \\emdash  B\\~C\\par\r\n}',
      );
      expect(kind).toBe('rtf');
      expect(text).toBe('Hello world\r\nlink\r\n\r\n1.\tA \u2014 B\u00a0C\r\n');
    });

    it('does not leak \\background or shape text from native RTF', () => {
      const { text } = read(
        '{\\rtf1\\ansi{\\*\\background{\\shp{\\*\\shpinst{\\sp{\\sn fillColor}{\\sv 1}}}}}Body}',
      );
      expect(text).toBe('Body');
    });
  });

  describe('deEncapsulateRtf() with malformed RTF', () => {
    it('returns what it read and reports unbalanced braces instead of throwing', () => {
      const { text, diagnostics } = read(`${TEXT_HEADER}one}}} two{{three`);
      expect(text).toBe('one twothree');
      expect(diagnostics.map((diagnostic) => diagnostic.code).sort()).toEqual([
        'CORRUPT_DATA',
        'TRUNCATED',
      ]);
    });

    it('returns the HTML read so far when the RTF is cut short', () => {
      const whole = html(
        '{\\*\\htmltag19 <html>}{\\*\\htmltag50 <body>}Hi{\\*\\htmltag58 </body>}',
      );
      const { text, diagnostics } = read(whole.slice(0, whole.indexOf('Hi') + 2));
      expect(text).toBe('<html><body>Hi');
      expect(diagnostics).toEqual([expect.objectContaining({ code: 'TRUNCATED' })]);
    });

    it('does not crash on 5000 nested groups and reports the depth limit', () => {
      // Deeper than MAX_RTF_GROUP_DEPTH: the parser is iterative, so this is a diagnostic.
      const depth = 5000;
      const { text, diagnostics } = read(
        `${TEXT_HEADER}${'{'.repeat(depth)}deep${'}'.repeat(depth)} end}`,
      );
      expect(depth).toBeGreaterThan(MAX_RTF_GROUP_DEPTH);
      expect(text).toBe('deep end');
      expect(diagnostics).toEqual([expect.objectContaining({ code: 'LIMIT_EXCEEDED' })]);
    });

    it('does not crash on a million unclosed groups', () => {
      const { text, diagnostics } = read(`{\\rtf1 ${'{'.repeat(1_000_000)}x`);
      expect(text).toBe('x');
      expect(diagnostics.map((diagnostic) => diagnostic.code).sort()).toEqual([
        'LIMIT_EXCEEDED',
        'TRUNCATED',
      ]);
    });

    it('ignores a dangling backslash, a bad hex escape and an overlong control word', () => {
      const { text } = read(`{\\rtf1 a\\'zzb\\${'x'.repeat(100)}123 c}\\`);
      expect(text).toBe('azzbc');
    });

    it('tells words apart that share their length and last eight letters', () => {
      // Words are looked up by their last eight letters and length; the letters before must
      // still decide. \colorschememapping is a destination to skip, \xolorschememapping is not.
      const { text } = read(
        `{\\rtf1 {\\colorschememapping hidden}{\\xolorschememapping shown}{\\par}}`,
      );
      expect(text).toBe('shown\r\n');
    });
  });

  describe('deEncapsulateRtf() on the corpus', () => {
    const expectedByFile = new Map(
      corpusRecords().map((record) => [record.file, record.expected?.body]),
    );
    const topLevel = corpusRtfStreams()
      .filter(({ storage }) => storage === '')
      .map(({ file, compressed }) => ({
        file,
        body: expectedByFile.get(file),
        rtf: decompressRtf(compressed),
      }));

    it('recognizes the encapsulation expected.json records for every message', () => {
      const mismatches = topLevel
        .filter(({ body }) => body?.rtfEncapsulates)
        .filter(({ body, rtf }) => rtfEncapsulation(rtf) !== body!.rtfEncapsulates)
        .map(({ file }) => file);
      expect(mismatches).toEqual([]);
    });

    it('de-encapsulates every html or text body to non-empty output that keeps <html / <body', () => {
      const problems: string[] = [];
      let checked = 0;
      for (const { file, body, rtf } of topLevel) {
        if (body?.rtfEncapsulates !== 'html' && body?.rtfEncapsulates !== 'text') continue;
        checked++;
        const { kind, text } = deEncapsulateRtf(rtf);
        if (kind !== body.rtfEncapsulates) problems.push(`${file}: kind ${kind}`);
        if (text.length === 0) problems.push(`${file}: empty`);
        if (kind !== 'html') continue;
        const source = Buffer.from(rtf).toString('latin1');
        for (const tag of [/<html/i, /<body/i]) {
          if (tag.test(source) && !tag.test(text)) problems.push(`${file}: lost ${tag.source}`);
        }
      }
      expect(problems).toEqual([]);
      expect(checked).toBeGreaterThan(60);
    });

    it('never throws on corpus RTF with bytes replaced by RTF syntax or cut short', () => {
      // A fixed-seed generator, so a failure reproduces.
      let seed = 0x5eed;
      const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
      const syntax = Buffer.from("{}\\'*uchtmlrtf0123456789abcdef \r\n\x82\xa0", 'latin1');
      for (let round = 0; round < 300; round++) {
        const { rtf } = topLevel[Math.floor(random() * topLevel.length)]!;
        const mutated = rtf.slice(0, Math.floor(rtf.length * (0.5 + random() / 2)));
        for (let edit = 0; edit < 20; edit++) {
          mutated[Math.floor(random() * mutated.length)] =
            syntax[Math.floor(random() * syntax.length)]!;
        }
        expect(() => deEncapsulateRtf(mutated, { fallbackCodePage: 932 })).not.toThrow();
      }
    });

    it('reads text and native RTF bodies so they start like PidTagBody', () => {
      const normalize = (text: string) => text.replace(/\s+/g, ' ').trim();
      const mismatches: { file: string; expected: string; actual: string }[] = [];
      let checked = 0;
      for (const { file, body, rtf } of topLevel) {
        if (!body?.textStart || body.rtfEncapsulates === 'html') continue;
        checked++;
        const expected = normalize(body.textStart);
        const actual = normalize(deEncapsulateRtf(rtf).text).slice(0, expected.length);
        if (actual !== expected) mismatches.push({ file, expected, actual });
      }
      expect(mismatches).toEqual([]);
      expect(checked).toBeGreaterThan(25);
    });
  });
});
