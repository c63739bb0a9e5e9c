// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import AttachmentList from '../../src-renderer/components/AttachmentList.vue';
import { useConfirm } from '../../src-renderer/composables/confirm';
import { useNotices } from '../../src-renderer/composables/notices';
import { listedAttachments } from '../../src-renderer/display/attachments';
import {
  fail,
  installFakeBridge,
  ok,
  sampleAttachment,
  sampleMessage,
  settle,
} from './fake-bridge';

function mountList(attachments = [sampleAttachment()]) {
  const message = sampleMessage({ attachments });
  return mount(AttachmentList, { props: { message, attachments } });
}

describe('AttachmentList', () => {
  afterEach(() => {
    useNotices().notices.value = [];
    useConfirm().request.value?.answer(false);
  });

  it('shows a card per attachment with its name, size and a type icon', () => {
    const wrapper = mountList([
      sampleAttachment({ fileName: 'Q3 report.pdf', size: 1_245_000 }),
      sampleAttachment({ fileName: 'figures.xlsx', extension: '.xlsx', size: 48_300 }),
    ]);
    expect(wrapper.findAll('[data-test=attachment-name]').map((name) => name.text())).toEqual([
      'Q3 report.pdf',
      'figures.xlsx',
    ]);
    expect(wrapper.findAll('[data-test=attachment-size]').map((size) => size.text())).toEqual([
      '1.2 MB',
      '47 KB',
    ]);
    expect(wrapper.get('[data-test=attachment-count]').text()).toContain('2 attachments');
    expect(wrapper.text()).toContain('XLSX');
  });

  it('shows the name main decided, setting a made-up one apart', () => {
    const wrapper = mountList([
      sampleAttachment({ name: 'delivery-status.txt', fileName: null, isNameDerived: true }),
    ]);
    const name = wrapper.get('[data-test=attachment-name]');
    expect(name.text()).toBe('delivery-status.txt');
    expect(name.classes()).toContain('derived');
    expect(wrapper.find('[data-test=attachment-risky]').exists()).toBe(false);
  });

  it('opens through the safe path and asks before a risky type, naming the real type', async () => {
    const bridge = installFakeBridge({
      openAttachment: (_handle, confirmed) =>
        confirmed
          ? ok(null)
          : fail({ code: 'NEEDS_CONFIRMATION', message: 'risky', realType: '.exe file' }),
    });
    const risky = sampleAttachment({
      fileName: 'setup.exe',
      openNeedsConfirmation: true,
      realType: '.exe file',
    });
    const wrapper = mountList([risky]);
    expect(wrapper.get('[data-test=attachment-risky]').text()).toContain('.exe file');
    await wrapper.get('[data-test=attachment-open]').trigger('click');
    await settle();
    const question = useConfirm().request.value;
    expect(question?.title).toContain('.exe file');
    expect(question?.body).toContain('setup.exe');
    question?.answer(true);
    await settle();
    expect(bridge.callsOf('openAttachment')).toEqual([
      [risky.handle, false],
      [risky.handle, true],
    ]);
  });

  it('does not open a risky attachment when the user cancels', async () => {
    const bridge = installFakeBridge({
      openAttachment: () =>
        fail({ code: 'NEEDS_CONFIRMATION', message: 'risky', realType: '.js file' }),
    });
    const wrapper = mountList([sampleAttachment({ fileName: 'run.js' })]);
    await wrapper.get('[data-test=attachment-open]').trigger('click');
    await settle();
    useConfirm().request.value?.answer(false);
    await settle();
    expect(bridge.callsOf('openAttachment')).toEqual([[expect.any(String), false]]);
  });

  it('opens an embedded message in its own window', async () => {
    const bridge = installFakeBridge();
    const embedded = sampleAttachment({
      fileName: null,
      method: 'embedded-message',
      isEmbeddedMessage: true,
      embeddedSubject: 'RE: Budget',
      name: 'RE: Budget.msg',
      size: null,
    });
    const wrapper = mountList([embedded]);
    expect(wrapper.get('[data-test=attachment-name]').text()).toBe('RE: Budget.msg');
    await wrapper.get('[data-test=attachment-open]').trigger('click');
    await settle();
    expect(bridge.callsOf('openEmbeddedMessage')).toEqual([[embedded.handle]]);
    expect(bridge.callsOf('openAttachment')).toEqual([]);
  });

  it('treats a web-reference attachment as a link, never reading it', async () => {
    const bridge = installFakeBridge();
    const reference = sampleAttachment({
      fileName: 'plan.docx',
      method: 'by-web-reference',
      isReference: true,
      reference: 'https://contoso.sharepoint.com/plan.docx',
      size: null,
    });
    const wrapper = mountList([reference]);
    expect(wrapper.find('[data-test=attachment-save]').exists()).toBe(false);
    await wrapper.get('[data-test=attachment-open]').trigger('click');
    await settle();
    expect(bridge.callsOf('openLink')).toEqual([['https://contoso.sharepoint.com/plan.docx']]);
    expect(bridge.callsOf('openAttachment')).toEqual([]);
  });

  it('saves one attachment and all of them, and says where', async () => {
    const bridge = installFakeBridge({
      saveAttachment: () => ok({ path: '/home/ann/report.pdf', size: 2048 }),
      saveAllAttachments: () =>
        ok([
          { path: '/home/ann/out/a.pdf', size: 1 },
          { path: '/home/ann/out/b.pdf', size: 1 },
        ]),
    });
    const wrapper = mountList();
    await wrapper.get('[data-test=attachment-save]').trigger('click');
    await wrapper.get('[data-test=attachment-save-all]').trigger('click');
    await settle();
    expect(bridge.callsOf('saveAttachment')).toHaveLength(1);
    expect(bridge.callsOf('saveAllAttachments')).toEqual([['message-1']]);
    expect(useNotices().notices.value.map((notice) => notice.text)).toEqual([
      'Saved to /home/ann/report.pdf',
      'Saved 2 files to /home/ann/out',
    ]);
  });

  it('reports a failure as an error notice', async () => {
    installFakeBridge({ saveAttachment: () => fail({ code: 'IO_ERROR', message: 'disk full' }) });
    const wrapper = mountList();
    await wrapper.get('[data-test=attachment-save]').trigger('click');
    await settle();
    expect(useNotices().notices.value).toEqual([
      expect.objectContaining({ tone: 'error', text: expect.stringContaining('disk full') }),
    ]);
  });
});

describe('listedAttachments()', () => {
  const file = sampleAttachment({ fileName: 'a.pdf' });
  const hidden = sampleAttachment({ fileName: 'hidden.bin', isHidden: true });
  const inline = sampleAttachment({ fileName: 'image001.png', isInline: true });

  it('lists neither hidden nor inline attachments when the HTML body shows', () => {
    const message = sampleMessage({
      attachments: [file, hidden, inline],
      body: { best: 'html', html: '<img src="cid:x">', text: null, rtfText: null },
    });
    expect(listedAttachments(message)).toEqual([file]);
  });

  it('lists inline pictures when the body shown is not HTML (nothing else would show them)', () => {
    const message = sampleMessage({ attachments: [file, hidden, inline] });
    expect(listedAttachments(message)).toEqual([file, inline]);
  });
});
