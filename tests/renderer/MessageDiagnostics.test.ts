// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import MessageDiagnostics from '../../src-renderer/components/MessageDiagnostics.vue';
import { sampleAttachment, sampleMessage, sampleRecipient } from './fake-bridge';

describe('MessageDiagnostics', () => {
  it('says in words which parts could not be read, naming attachments and recipients', () => {
    const attachment = { ...sampleAttachment({ fileName: 'budget.xlsx' }), index: 3 };
    const recipient = { ...sampleRecipient('Carol Diaz', 'carol@example.com'), index: 1 };
    const message = sampleMessage({
      attachments: [attachment],
      recipients: [recipient],
      diagnostics: [
        { code: 'CORRUPT_DATA', message: 'a', part: { kind: 'body' } },
        { code: 'TRUNCATED', message: 'b', part: { kind: 'attachment', index: 3 } },
        // The same part twice is said once.
        { code: 'CORRUPT_DATA', message: 'c', part: { kind: 'attachment', index: 3 } },
        { code: 'CORRUPT_DATA', message: 'd', part: { kind: 'recipient', index: 1 } },
        { code: 'CORRUPT_CONTAINER', message: 'e', part: { kind: 'file' } },
      ],
    });
    const wrapper = mount(MessageDiagnostics, { props: { message } });
    expect(wrapper.get('[data-test=diagnostics-title]').text()).toBe(
      'Some of this message could not be read: the body, attachment “budget.xlsx”, recipient “Carol Diaz”, and part of the file.',
    );
  });

  it('numbers a part it cannot name, and keeps the technical list behind a toggle', async () => {
    const message = sampleMessage({
      diagnostics: [
        {
          code: 'TRUNCATED',
          message: '__attach_version1.0_#00000001: cut',
          part: { kind: 'attachment', index: 1 },
        },
      ],
    });
    const wrapper = mount(MessageDiagnostics, { props: { message } });
    expect(wrapper.get('[data-test=diagnostics-title]').text()).toBe(
      'Some of this message could not be read: attachment 2.',
    );
    expect(wrapper.find('[data-test=diagnostics-list]').exists()).toBe(false);
    await wrapper.get('[data-test=diagnostics-toggle]').trigger('click');
    expect(wrapper.get('[data-test=diagnostics-list]').text()).toContain(
      'TRUNCATED __attach_version1.0_#00000001: cut',
    );
  });
});
