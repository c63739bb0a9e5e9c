import { describe, expect, it } from 'vitest';
import { readMsg } from '../../src-main/format/read-msg.js';
import {
  PT_BINARY,
  PT_BOOLEAN,
  PT_LONG,
  PT_MV_UNICODE,
  PT_STRING8,
  PT_SYSTIME,
  PT_UNICODE,
  bool,
  buildMsg,
  filetime,
  int32,
  utf16,
} from '../fixtures/msg-builder.js';
import type { ObjectSpec, PropertySpec } from '../fixtures/msg-builder.js';
import { buildCfb, storage, stream } from '../fixtures/cfb-builder.js';

const PS_PUBLIC_STRINGS = '00020329-0000-0000-c000-000000000046';
const PSETID_APPOINTMENT = '00062002-0000-0000-c000-000000000046';

const unicode = (id: number, text: string): PropertySpec => ({
  id,
  type: PT_UNICODE,
  value: utf16(text),
});
const string8 = (id: number, bytes: number[]): PropertySpec => ({
  id,
  type: PT_STRING8,
  value: new Uint8Array([...bytes, 0]),
});
const long = (id: number, value: number): PropertySpec => ({
  id,
  type: PT_LONG,
  value: int32(value),
});

const note = (...properties: PropertySpec[]): ObjectSpec => ({
  properties: [unicode(0x001a, 'IPM.Note'), ...properties],
});

/** A property stream: `headerSize` reserved bytes, then one 16-byte entry per variable-size tag. */
function propertyStream(headerSize: number, entries: Array<[tag: number, size: number]>) {
  const bytes = new Uint8Array(headerSize + entries.length * 16);
  const view = new DataView(bytes.buffer);
  entries.forEach(([tag, size], index) => {
    view.setUint32(headerSize + index * 16, tag, true);
    view.setUint32(headerSize + index * 16 + 4, 0x6, true);
    view.setUint32(headerSize + index * 16 + 8, size, true);
  });
  return bytes;
}

describe('read-msg', () => {
  describe('readMsg()', () => {
    // [MS-CFB] 2.6.4 compares names without regard to case, and writers differ: some upper-case the
    // whole name, some write the tag's hex digits in lower case. Every lookup must find them.
    it('finds storages and streams whatever the case of their names', () => {
      const subject = utf16('Case does not matter');
      const body = utf16('The body');
      const recipientName = utf16('Ann');
      const bytes = buildCfb([
        stream('__PROPERTIES_VERSION1.0', propertyStream(32, [[0x0037001f, subject.length]])),
        stream('__SUBSTG1.0_001A001F', utf16('IPM.Note')),
        stream('__SUBSTG1.0_0037001F', subject),
        stream('__substg1.0_1000001f', body),
        storage('__RECIP_VERSION1.0_#00000000', [
          stream(
            '__Properties_Version1.0',
            propertyStream(8, [[0x3001001f, recipientName.length]]),
          ),
          stream('__substg1.0_3001001f', recipientName),
        ]),
      ]).bytes;
      const { message, diagnostics } = readMsg(bytes);
      expect(message.subject).toBe('Case does not matter');
      expect(message.messageClass).toBe('IPM.Note');
      expect(message.bodies.text).toBe('The body');
      expect(message.recipients.map((recipient) => recipient.name)).toEqual(['Ann']);
      expect(diagnostics).toEqual([]);
    });

    it('reads Unicode strings without their NUL terminator', () => {
      const { message } = readMsg(buildMsg(note(unicode(0x0037, 'Quarterly report'))));
      expect(message.subject).toBe('Quarterly report');
      expect(message.kind).toBe('note');
    });

    it('decodes 8-bit strings with PR_MESSAGE_CODEPAGE (Cyrillic 1251, not Latin-1)', () => {
      const bytes = buildMsg(
        note(long(0x3ffd, 1251), string8(0x0037, [0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2])),
      );
      expect(readMsg(bytes).message.subject).toBe('Привет');
    });

    it('falls back to the locale when no code page is stored (LCID 0x0411 → Shift-JIS)', () => {
      const bytes = buildMsg(note(long(0x3ff1, 0x0411), string8(0x0037, [0x82, 0xa0])));
      const { message } = readMsg(bytes);
      expect(message.subject).toBe('あ');
      expect(message.codePage.ansi).toEqual({ codePage: 932, source: 'PR_MESSAGE_LOCALE_ID' });
    });

    it('lets the caller override the code page', () => {
      const bytes = buildMsg(note(string8(0x0037, [0xcf, 0xf0])));
      expect(readMsg(bytes, { codePage: 1251 }).message.subject).toBe('Пр');
    });

    it('reads fixed-size values from the property stream (importance, booleans, dates)', () => {
      const sent = new Date(Date.UTC(2021, 2, 4, 10, 11, 12, 345));
      const bytes = buildMsg(
        note(
          long(0x0017, 2),
          { id: 0x0e1f, type: PT_BOOLEAN, value: bool(true) },
          { id: 0x0039, type: PT_SYSTIME, value: filetime(sent) },
        ),
      );
      const { message } = readMsg(bytes);
      expect(message.importance).toBe(2);
      expect(message.properties.boolean(0x0e1f)).toBe(true);
      expect(message.sentDate?.toISOString()).toBe('2021-03-04T10:11:12.345Z');
    });

    it('shows a zero submit time as "no date", as for an unsent draft', () => {
      const bytes = buildMsg(note({ id: 0x0039, type: PT_SYSTIME, value: filetime(0n) }));
      expect(readMsg(bytes).message.sentDate).toBeNull();
    });

    it('resolves named properties through __nameid_version1.0 (categories are PidNameKeywords)', () => {
      const keywords: PropertySpec = {
        id: 0x8001,
        type: PT_MV_UNICODE,
        value: new Uint8Array(8),
        values: [utf16('Red'), utf16('Project X')],
      };
      const location = unicode(0x8002, 'Room 4');
      const bytes = buildMsg(note(keywords, location), [
        { id: 0x8001, guid: PS_PUBLIC_STRINGS, name: 'Keywords' },
        { id: 0x8002, guid: PSETID_APPOINTMENT, lid: 0x8208 },
      ]);
      const { message } = readMsg(bytes);
      expect(message.categories).toEqual(['Red', 'Project X']);
      expect(message.properties.named(PSETID_APPOINTMENT, 0x8208)).toBe('Room 4');
      expect(message.properties.property(0x8002)?.named).toEqual({
        guid: PSETID_APPOINTMENT,
        lid: 0x8208,
      });
    });

    it('keeps a value stream the property stream does not list (some writers omit entries)', () => {
      const bytes = buildMsg(note({ ...unicode(0x0037, 'Only a stream'), unlisted: true }));
      const { message } = readMsg(bytes);
      expect(message.subject).toBe('Only a stream');
      expect(message.properties.property(0x0037)?.flags).toBe(0);
    });

    it('keeps properties it has no name for', () => {
      const bytes = buildMsg(note(long(0x6ff0, 7)));
      expect(readMsg(bytes).message.properties.integer(0x6ff0)).toBe(7);
    });

    it('lists recipients in storage order with To/Cc/Bcc and SMTP resolution', () => {
      const recipient = (
        name: string,
        type: number,
        addressType: string,
        address: string,
        smtp?: string,
      ): ObjectSpec => ({
        properties: [
          unicode(0x3001, name),
          long(0x0c15, type),
          unicode(0x3002, addressType),
          unicode(0x3003, address),
          ...(smtp ? [unicode(0x39fe, smtp)] : []),
        ],
      });
      const exchangeDn = '/o=ExchangeLabs/ou=Exchange Administrative Group/cn=Recipients/cn=jane';
      const bytes = buildMsg({
        ...note(),
        recipients: [
          recipient('Ann', 1, 'SMTP', 'ann@example.org'),
          recipient('Jane', 2, 'EX', exchangeDn),
          recipient('Joe', 3, 'EX', exchangeDn, 'joe@example.org'),
        ],
      });
      const [ann, jane, joe] = readMsg(bytes).message.recipients;
      expect(ann).toMatchObject({
        name: 'Ann',
        type: 'to',
        email: 'ann@example.org',
        isExchange: false,
      });
      expect(jane).toMatchObject({
        name: 'Jane',
        type: 'cc',
        email: null,
        rawAddress: exchangeDn,
        isExchange: true,
      });
      expect(joe).toMatchObject({ type: 'bcc', email: 'joe@example.org', isExchange: true });
    });

    it('reads attachments with their bytes and names, and embedded messages recursively', () => {
      const bytes = buildMsg({
        ...note(),
        attachments: [
          {
            properties: [
              long(0x3705, 1),
              unicode(0x3707, 'report.pdf'),
              unicode(0x3704, 'REPORT~1.PDF'),
              unicode(0x370e, 'application/pdf'),
              { id: 0x3701, type: PT_BINARY, value: new Uint8Array([0x25, 0x50, 0x44, 0x46]) },
            ],
          },
          {
            properties: [long(0x3705, 5), unicode(0x3001, 'Forwarded')],
            embedded: {
              properties: [unicode(0x001a, 'IPM.Appointment'), unicode(0x0037, 'Inner')],
              attachments: [
                {
                  properties: [
                    long(0x3705, 1),
                    unicode(0x3707, 'inner.txt'),
                    { id: 0x3701, type: PT_BINARY, value: new Uint8Array([0x68, 0x69]) },
                  ],
                },
              ],
            },
          },
        ],
      });
      const { message, diagnostics } = readMsg(bytes);
      expect(diagnostics).toEqual([]);
      const [pdf, forwarded] = message.attachments;
      expect(pdf).toMatchObject({
        method: 'by-value',
        fileName: 'report.pdf',
        shortFileName: 'REPORT~1.PDF',
        mimeType: 'application/pdf',
        size: 4,
      });
      expect(Array.from(pdf!.data()!)).toEqual([0x25, 0x50, 0x44, 0x46]);
      expect(forwarded).toMatchObject({
        method: 'embedded-message',
        hasEmbeddedMessage: true,
        size: null,
      });
      expect(forwarded!.embedded).toMatchObject({
        kind: 'appointment',
        subject: 'Inner',
        depth: 1,
      });
      expect(forwarded!.embedded!.attachments[0]!.fileName).toBe('inner.txt');
    });

    it('stops nesting at the depth limit with a diagnostic instead of recursing without bound', () => {
      let inner: ObjectSpec = note(unicode(0x0037, 'deepest'));
      for (let level = 0; level < 40; level++) {
        inner = { ...note(), attachments: [{ properties: [long(0x3705, 5)], embedded: inner }] };
      }
      const { diagnostics } = readMsg(buildMsg(inner));
      expect(diagnostics.some((diagnostic) => diagnostic.code === 'LIMIT_EXCEEDED')).toBe(true);
    });

    it('reports a listed value whose stream is missing, and reads the rest', () => {
      const body: PropertySpec = {
        id: 0x1000,
        type: PT_UNICODE,
        value: utf16('gone'),
        streamless: true,
      };
      const { message, diagnostics } = readMsg(buildMsg(note(unicode(0x0037, 'Still here'), body)));
      expect(message.subject).toBe('Still here');
      expect(diagnostics).toContainEqual(
        expect.objectContaining({
          code: 'CORRUPT_DATA',
          message: expect.stringContaining('__substg1.0_1000001F'),
        }),
      );
    });

    it('throws on the first problem in strict mode', () => {
      const body: PropertySpec = {
        id: 0x1000,
        type: PT_UNICODE,
        value: utf16('gone'),
        streamless: true,
      };
      const bytes = buildMsg(note(body));
      expect(() => readMsg(bytes, { strict: true })).toThrow(
        expect.objectContaining({ code: 'CORRUPT_DATA' }),
      );
    });

    it('rejects bytes that are not a compound file with NOT_CFB', () => {
      const png = new Uint8Array([
        0x89,
        0x50,
        0x4e,
        0x47,
        0x0d,
        0x0a,
        0x1a,
        0x0a,
        ...new Uint8Array(600),
      ]);
      expect(() => readMsg(png)).toThrow(
        expect.objectContaining({ name: 'MsgFormatError', code: 'NOT_CFB' }),
      );
    });

    it('rejects a compound file without message properties with NOT_MSG', async () => {
      const CFB = (await import('cfb')).default;
      const file = CFB.utils.cfb_new();
      CFB.utils.cfb_add(file, '/WordDocument', new Uint8Array(100));
      const bytes = new Uint8Array(CFB.write(file, { type: 'buffer' }) as Buffer);
      expect(() => readMsg(bytes)).toThrow(expect.objectContaining({ code: 'NOT_MSG' }));
    });
  });
  // Outlook and other writers pad the property stream with zero bytes past its last entry (4 in
  // EmailWithAttachments.msg): nothing is lost, so nothing is reported. A cut entry is reported.
  describe('property stream padding', () => {
    const subject = utf16('Padded');
    const withTail = (tail: number[]) =>
      buildCfb([
        stream(
          '__properties_version1.0',
          new Uint8Array([...propertyStream(32, [[0x0037001f, subject.length]]), ...tail]),
        ),
        stream('__substg1.0_001A001F', utf16('IPM.Note')),
        stream('__substg1.0_0037001F', subject),
      ]).bytes;

    it('says nothing of zero bytes after the last entry', () => {
      const { message, diagnostics } = readMsg(withTail([0, 0, 0, 0]));
      expect(message.subject).toBe('Padded');
      expect(diagnostics).toEqual([]);
    });

    it('reports an entry cut short, keeping the whole ones', () => {
      const { message, diagnostics } = readMsg(withTail([0x1f, 0x00, 0x3d, 0x00, 0x06, 0, 0, 0]));
      expect(message.subject).toBe('Padded');
      expect(diagnostics).toEqual([
        expect.objectContaining({
          code: 'TRUNCATED',
          message: expect.stringContaining('cut short (8 of 16 bytes)') as string,
        }),
      ]);
    });
  });
});
