import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { itemFields } from '../../../src-main/format/items/item-fields.js';
import { readMsg } from '../../../src-main/format/read-msg.js';

const read = (path: string) =>
  readMsg(
    readFileSync(fileURLToPath(new URL(`../../../../shared/corpus/${path}`, import.meta.url))),
  ).message;
const field = (fields: ReturnType<typeof itemFields>, label: string) =>
  fields.find((entry) => entry.label === label);

// Apache POI's item-class samples: a "Quick brown fox" appointment, contact, task and sticky note.
describe('item-fields', () => {
  describe('itemFields()', () => {
    it('gives an appointment its when, where and organizer, times as UTC instants', () => {
      const fields = itemFields(read('poi/hsmf/msgClassAppointment.msg'));
      expect(field(fields, 'Location')?.value).toBe('under lazy dog');
      expect(field(fields, 'Start')).toEqual({
        label: 'Start',
        value: '2017-02-28T18:30:00.000Z',
        isDate: true,
      });
      expect(field(fields, 'End')?.value).toBe('2017-02-28T19:00:00.000Z');
      expect(field(fields, 'Show as')?.value).toBe('Busy');
    });

    it('gives a contact its name, email and phones', () => {
      const fields = itemFields(read('poi/hsmf/msgClassContact.msg'));
      expect(field(fields, 'Email')?.value).toBe('quickbrown@gmail.com');
      expect(field(fields, 'Company')?.value).toBe('Fence Co');
      expect(field(fields, 'Mobile phone')?.value).toBe('(456) 789-0123');
    });

    it('gives a task its dates and status by name, not number', () => {
      const fields = itemFields(read('poi/hsmf/msgClassTask.msg'));
      expect(field(fields, 'Status')?.value).toBe('In progress');
      expect(field(fields, 'Due')?.isDate).toBe(true);
    });

    it('names a sticky note’s colour', () => {
      expect(itemFields(read('poi/hsmf/msgClassStickyNote.msg'))).toEqual([
        { label: 'Colour', value: 'Yellow', isDate: false },
      ]);
    });

    it('has nothing extra for a plain mail', () => {
      expect(itemFields(read('poi/hsmf/quick.msg'))).toEqual([]);
    });
  });
});
