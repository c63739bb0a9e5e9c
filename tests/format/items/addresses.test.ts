import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addressText } from '../../../src-main/format/items/addresses.js';
import type { Address } from '../../../src-main/format/model.js';
import { readMsg } from '../../../src-main/format/read-msg.js';
import { corpus } from '../../fixtures/corpus.js';
import { PT_BINARY, PT_UNICODE, buildMsg, utf16 } from '../../fixtures/msg-builder.js';
import type { PropertySpec } from '../../fixtures/msg-builder.js';

const read = (file: string) => readMsg(new Uint8Array(readFileSync(corpus(file)))).message;
const unicode = (id: number, text: string): PropertySpec => ({
  id,
  type: PT_UNICODE,
  value: utf16(text),
});
const binary = (id: number, bytes: number[]): PropertySpec => ({
  id,
  type: PT_BINARY,
  value: new Uint8Array(bytes),
});
/** What a viewer would mail to: the SMTP property, else the resolved alternate. */
const mailbox = (address: Address | null) => address?.email ?? address?.smtpAlternate ?? null;

describe('format/items/addresses', () => {
  describe('addressText()', () => {
    it('keeps what a C-string reader shows: the text before the first NUL', () => {
      expect(addressText('llink@gmail.com\u0000SMTP\u0000jav')).toBe('llink@gmail.com');
      // Anything else is kept as stored.
      expect(addressText(' Ann Barker ')).toBe(' Ann Barker ');
    });

    it('gives null for strings that are not text: empty, control characters, shifted ASCII', () => {
      expect(addressText('\u0000脀Ἣ')).toBeNull();
      expect(addressText('Ann\u0002Barker')).toBeNull();
      expect(addressText('Ann\ufffd')).toBeNull();
      // "MTP" read one byte off as UTF-16.
      expect(addressText('䴀吀倀')).toBeNull();
      expect(addressText(undefined)).toBeNull();
      // Real CJK text stays.
      expect(addressText('山田太郎')).toBe('山田太郎');
    });
  });

  // Issue 8 item 5: a damaged file's names were shown as control characters and stray CJK.
  it('reads the damaged unknown_properties.msg without control characters in any address', () => {
    const message = read('poi/poifs/unknown_properties.msg');
    const strings = [message.sender, message.sentRepresenting, ...message.recipients].flatMap(
      (address) => (address ? [address.name, address.email, address.rawAddress] : []),
    );
    const isControl = (char: string) => char.charCodeAt(0) < 0x20;
    expect(strings.filter((text) => text !== null && [...text].some(isControl))).toEqual([]);
    expect(message.sentRepresenting?.email).toBe('llink@gmail.com');
    expect(message.isSentOnBehalf).toBe(false);
  });

  // Issue 8 item 6: Exchange senders showed "Exchange user H0700000" though the SMTP address is in
  // the file. The expected addresses are the transport headers' From lines, read by eye.
  it.each([
    ['poi/hsmf/outlook_30_msg.msg', 'nick.cramer@pnl.gov'],
    ['poi/hsmf/53784_succeeds.msg', 'AshleyCE2@state.gov'],
  ])('resolves the Exchange sender of %s from the transport headers', (file, address) => {
    const message = read(file);
    expect(message.sentRepresenting?.email).toBeNull();
    expect(mailbox(message.sentRepresenting)).toBe(address);
    expect(mailbox(message.sender)).toBe(address);
  });

  it('resolves an Exchange organizer from the recipient with the same Exchange DN', () => {
    const message = read('poi/hsmf/msgClassAppointment.msg');
    expect(mailbox(message.sentRepresenting)).toBe('tallison@mitre.org');
  });

  describe('isSentOnBehalf', () => {
    // Issue 8 item 7: plain chain.msg read "Robert Duncan … on behalf of Robert Duncan": one side
    // has an Exchange address and the other none, but both entry ids are the same.
    it('is false for plain chain.msg, whose sender and representing share an entry id', () => {
      expect(read('outlook-message-parser/plain chain.msg').isSentOnBehalf).toBe(false);
    });

    const withEntryIds = (sender: number[], representing: number[]) =>
      readMsg(
        buildMsg({
          properties: [
            unicode(0x001a, 'IPM.Note'),
            unicode(0x0c1a, 'Ann Barker'),
            unicode(0x0042, 'Ann Barker'),
            binary(0x0c19, sender),
            binary(0x0041, representing),
          ],
        }),
      ).message.isSentOnBehalf;

    it('compares entry ids, never display names', () => {
      // Same name on both sides, different mailboxes: a delegate who shares a name.
      expect(withEntryIds([0, 0, 0, 0, 1, 2, 3], [0, 0, 0, 0, 1, 2, 4])).toBe(true);
      expect(withEntryIds([0, 0, 0, 0, 1, 2, 3], [0, 0, 0, 0, 1, 2, 3])).toBe(false);
    });
  });
});
