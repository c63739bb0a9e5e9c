import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readMsg } from '../../src-main/format/read-msg.js';
import { snapshotMessage } from '../../src-main/session/message-snapshot.js';
import { corpus } from '../fixtures/corpus.js';
import { PT_BINARY, PT_LONG, PT_UNICODE, buildMsg, int32, utf16 } from '../fixtures/msg-builder.js';
import type { PropertySpec } from '../fixtures/msg-builder.js';

const snapshotOf = (bytes: Uint8Array) => snapshotMessage(readMsg(bytes).message);
const snapshotOfCorpus = (file: string) => snapshotOf(new Uint8Array(readFileSync(corpus(file))));
const unicode = (id: number, text: string): PropertySpec => ({
  id,
  type: PT_UNICODE,
  value: utf16(text),
});
const long = (id: number, value: number): PropertySpec => ({
  id,
  type: PT_LONG,
  value: int32(value),
});
const data = (bytes: number[]): PropertySpec => ({
  id: 0x3701,
  type: PT_BINARY,
  value: new Uint8Array(bytes),
});

describe('session/message-snapshot', () => {
  describe('attachment display facts, decided in main', () => {
    // Issue 8 item 8: embedded messages showed "⚠ file without an extension"; they open inside
    // MsgView, so they need no warning, and the icon says "message".
    it.each([
      'msgreader-js/msgInMsg.msg',
      'msgreader-dotnet/EmailWithInnerMailAndAttachments.msg',
      'msgviewer/embedded/test.msg',
      'outlook-message-parser/testgetmsgAttch.msg',
      'msgreader-dotnet/EmailWithMsgAttachment.msg',
    ])('names the embedded message of %s and does not warn about it', (file) => {
      const embedded = snapshotOfCorpus(file).attachments.filter((a) => a.embedded !== null);
      expect(embedded.length).toBeGreaterThan(0);
      for (const { view } of embedded) {
        expect(view.name.trim()).not.toBe('');
        expect(view.openNeedsConfirmation).toBe(false);
        expect(view.fileExtension).toBe('msg');
      }
    });

    it('names an unnamed embedded message after its subject', () => {
      const snapshot = snapshotOf(
        buildMsg({
          properties: [unicode(0x001a, 'IPM.Note')],
          attachments: [
            {
              properties: [long(0x3705, 5)],
              embedded: { properties: [unicode(0x001a, 'IPM.Note'), unicode(0x0037, 'Minutes')] },
            },
          ],
        }),
      );
      expect(snapshot.attachments[0]?.view).toMatchObject({
        name: 'Minutes.msg',
        isNameDerived: true,
      });
    });

    // Issue 8 item 9: a delivery report's unnamed parts showed "(unnamed attachment) ⚠" and the
    // confirm dialog said a text part "can run programs".
    it('names unnamed report parts from their MIME type and opens them without asking', () => {
      const views = snapshotOfCorpus('outlook-message-parser/attachments.msg')
        .attachments.map(({ view }) => view)
        .filter((view) => view.fileName === null);
      expect(
        views.map(({ name, isNameDerived, openNeedsConfirmation }) => ({
          name,
          isNameDerived,
          openNeedsConfirmation,
        })),
      ).toEqual([
        { name: 'delivery-status.txt', isNameDerived: true, openNeedsConfirmation: false },
        { name: 'message-headers.txt', isNameDerived: true, openNeedsConfirmation: false },
      ]);
    });

    it('shows reordering characters in a name instead of obeying them, and asks before opening', () => {
      // "invoice\u202Efdp.exe" would display as "invoiceexe.pdf".
      const snapshot = snapshotOf(
        buildMsg({
          properties: [unicode(0x001a, 'IPM.Note')],
          attachments: [
            { properties: [long(0x3705, 1), unicode(0x3707, 'invoice\u202efdp.exe'), data([1])] },
          ],
        }),
      );
      const attachment = snapshot.attachments[0]!;
      expect(attachment.view).toMatchObject({
        name: 'invoice\ufffdfdp.exe',
        fileExtension: 'exe',
        openNeedsConfirmation: true,
      });
      // Files are still written under the name as stored (safe-file-name strips what it must).
      expect(attachment.fileName).toBe('invoice\u202efdp.exe');
    });

    it('marks by-reference attachments as links', () => {
      const snapshot = snapshotOf(
        buildMsg({
          properties: [unicode(0x001a, 'IPM.Note')],
          attachments: [
            {
              properties: [
                long(0x3705, 7),
                unicode(0x3707, 'plan.docx'),
                unicode(0x370d, 'https://contoso.example/plan.docx'),
              ],
            },
          ],
        }),
      );
      expect(snapshot.attachments[0]?.view.isReference).toBe(true);
    });
  });
});
