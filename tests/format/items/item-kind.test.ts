import { describe, expect, it } from 'vitest';
import { itemKindOf } from '../../../src-main/format/items/item-kind.js';

describe('item-kind', () => {
  describe('itemKindOf()', () => {
    it.each([
      ['IPM.Note', 'note'],
      ['ipm.note', 'note'],
      ['IPM.Note.SMIME.MultipartSigned', 'smime'],
      ['IPM.Appointment', 'appointment'],
      ['IPM.Appointment.Occurrence', 'appointment'],
      ['IPM.Schedule.Meeting.Request', 'meeting-request'],
      ['IPM.Schedule.Meeting.Resp.Pos', 'meeting-response'],
      ['IPM.Schedule.Meeting.Canceled', 'meeting-cancellation'],
      ['IPM.Contact', 'contact'],
      ['IPM.DistList', 'distribution-list'],
      ['IPM.Task', 'task'],
      ['IPM.TaskRequest.Accept', 'task-request'],
      ['IPM.StickyNote', 'sticky-note'],
      ['IPM.Post', 'post'],
      ['REPORT.IPM.Note.NDR', 'report'],
      ['IPM.Note.EnterpriseVault.Shortcut', 'note'],
    ])('classifies %s as %s', (messageClass, kind) => {
      expect(itemKindOf(messageClass)).toBe(kind);
    });

    it('does not mistake a class that only shares leading letters (IPM.Contacts… is no contact)', () => {
      expect(itemKindOf('IPM.Contacts.Foo')).toBe('note');
    });

    it('tolerates the NUL-padded class some writers store (msg-extractor#213)', () => {
      expect(itemKindOf('IPM\0')).toBe('note');
    });

    it('calls a missing class a note, as Outlook opens it as one', () => {
      expect(itemKindOf(null)).toBe('note');
    });

    it('calls a non-IPM class other', () => {
      expect(itemKindOf('Something.Else')).toBe('other');
    });
  });
});
