import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diagnosticPart } from '../../src-main/format/diagnostic-part.js';
import type { Diagnostic } from '../../src-main/format/errors.js';
import { readMsg } from '../../src-main/format/read-msg.js';
import { corpus } from '../fixtures/corpus.js';

const at = (stream?: string): Diagnostic => ({
  code: 'CORRUPT_DATA',
  message: 'x',
  where: stream === undefined ? {} : { stream },
});

describe('format/diagnostic-part', () => {
  describe('diagnosticPart()', () => {
    it('names the body for PidTagBody, PidTagRtfCompressed and PidTagHtml streams', () => {
      for (const stream of ['__substg1.0_1000001F', '__substg1.0_10090102', '__substg1.0_10130102'])
        expect(diagnosticPart(at(stream))).toEqual({ kind: 'body' });
    });

    it('names an attachment or recipient by its storage index, at any depth below it', () => {
      expect(diagnosticPart(at('__attach_version1.0_#0000000A/__substg1.0_37010102'))).toEqual({
        kind: 'attachment',
        index: 10,
      });
      expect(diagnosticPart(at('__recip_version1.0_#00000002'))).toEqual({
        kind: 'recipient',
        index: 2,
      });
      // Names compare case-blind in a compound file.
      expect(diagnosticPart(at('__ATTACH_VERSION1.0_#00000001/'))).toEqual({
        kind: 'attachment',
        index: 1,
      });
    });

    it('says "fields" for other streams of the message and "file" for container damage', () => {
      expect(diagnosticPart(at('__substg1.0_0037001F'))).toEqual({ kind: 'fields' });
      expect(diagnosticPart(at('__nameid_version1.0/'))).toEqual({ kind: 'fields' });
      expect(diagnosticPart(at())).toEqual({ kind: 'file' });
    });
  });

  // Issue 8 item 3: these showed "Part of this file could not be read" only because their property
  // streams end in 4 zero bytes of padding, which cost nothing.
  it.each([
    'msgreader-dotnet/EmailWithAttachments.msg',
    'kreuzberg/email/msg/with_attachments/msg_with_png_attachment.msg',
    'kreuzberg/email/msg/simple/simple_msg.msg',
    'python-oxmsg/no-attachments.msg',
  ])('reports nothing for %s, whose only oddity is padding', (file) => {
    expect(readMsg(new Uint8Array(readFileSync(corpus(file)))).diagnostics).toEqual([]);
  });
});
