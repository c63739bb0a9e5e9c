// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import MessageHeader from '../../src-renderer/components/MessageHeader.vue';
import { useNotices } from '../../src-renderer/composables/notices';
import { sampleAddress, sampleMessage, sampleRecipient } from './fake-bridge';

describe('MessageHeader', () => {
  beforeEach(() => {
    // Pin the viewer's zone so "the sender's time" is predictable (the header uses the system zone).
    vi.stubEnv('TZ', 'UTC');
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    useNotices().notices.value = [];
  });

  it('shows the subject, and "(no subject)" when there is none', () => {
    expect(
      mount(MessageHeader, { props: { message: sampleMessage() } })
        .get('[data-test=subject]')
        .text(),
    ).toBe('Quarterly report');
    const blank = mount(MessageHeader, { props: { message: sampleMessage({ subject: '  ' }) } });
    expect(blank.get('[data-test=subject]').text()).toBe('(no subject)');
  });

  it('shows the sender with avatar initials', () => {
    const wrapper = mount(MessageHeader, { props: { message: sampleMessage() } });
    expect(wrapper.get('[data-test=from]').text()).toContain('Ann Barker');
    expect(wrapper.get('[data-test=from]').text()).toContain('ann@example.com');
    expect(wrapper.get('[data-test=avatar]').text()).toBe('AB');
    expect(wrapper.find('[data-test=on-behalf-of]').exists()).toBe(false);
  });

  it('says "on behalf of" when main found sender and sent-representing to differ', () => {
    const message = sampleMessage({
      sender: sampleAddress('Ben Assistant', 'ben@example.com'),
      sentRepresenting: sampleAddress('Ann Barker', 'ann@example.com'),
      isSentOnBehalf: true,
    });
    const from = mount(MessageHeader, { props: { message } }).get('[data-test=from]');
    expect(from.text()).toMatch(/Ben Assistant.*on behalf of.*Ann Barker/s);
  });

  it('does not say "on behalf of" when main found both to be one mailbox', () => {
    // plain chain.msg: same entry id, one side with an Exchange address, the other with none.
    const message = sampleMessage({
      sender: { ...sampleAddress('Robert Duncan', null), addressType: 'EX', isExchange: true },
      sentRepresenting: sampleAddress('Robert Duncan', null),
      isSentOnBehalf: false,
    });
    expect(
      mount(MessageHeader, { props: { message } }).find('[data-test=on-behalf-of]').exists(),
    ).toBe(false);
  });

  it('groups recipients into To, Cc and Bcc chips with the full address on hover', () => {
    const message = sampleMessage({
      recipients: [
        sampleRecipient('Bob Smith', 'bob@example.com', 'to'),
        sampleRecipient(null, 'team@example.com', 'to'),
        sampleRecipient('Carol', 'carol@example.com', 'cc'),
        sampleRecipient('Dave', 'dave@example.com', 'bcc'),
      ],
    });
    const wrapper = mount(MessageHeader, { props: { message } });
    const to = wrapper.get('[data-test=recipients-to]');
    expect(to.findAll('[data-test=address]').map((chip) => chip.text())).toEqual([
      'Bob Smithbob@example.com',
      'team@example.com',
    ]);
    expect(to.get('[data-test=address]').attributes('title')).toContain('bob@example.com');
    expect(wrapper.get('[data-test=recipients-cc]').text()).toContain('Carol');
    expect(wrapper.get('[data-test=recipients-bcc]').text()).toContain('Dave');
  });

  it('shows an Exchange-only address by its alias, keeping the DN for the tooltip', () => {
    const rawAddress =
      '/o=ExchangeLabs/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=0123456789abcdef0123456789abcdef-erin';
    const message = sampleMessage({
      recipients: [
        {
          name: 'Erin',
          email: null,
          addressType: 'EX',
          rawAddress,
          isExchange: true,
          type: 'to',
          index: 0,
        },
      ],
    });
    const chip = mount(MessageHeader, { props: { message } }).get(
      '[data-test=recipients-to] [data-test=address]',
    );
    expect(chip.text()).toBe('ErinExchange user erin');
    expect(chip.attributes('title')).toContain(rawAddress);
  });

  it('copies the address when a chip is clicked', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    const wrapper = mount(MessageHeader, { props: { message: sampleMessage() } });
    await wrapper.get('[data-test=recipients-to] [data-test=address]').trigger('click');
    await Promise.resolve();
    expect(writeText).toHaveBeenCalledWith('bob@example.com');
    vi.unstubAllGlobals();
  });

  it("shows the sender's own time and offset when it differs from the viewer's", () => {
    const wrapper = mount(MessageHeader, { props: { message: sampleMessage() } });
    const date = wrapper.get('[data-test=date]');
    expect(date.get('time').attributes('datetime')).toBe('2025-03-03T13:05:00.000Z');
    expect(date.get('time').attributes('title')).toContain('2025-03-03 13:05:00 UTC');
    expect(date.get('[data-test=sender-time]').text()).toContain('UTC+01:00');
  });

  it('says "No date" for an unsent draft', () => {
    const message = sampleMessage({ sentDate: null, receivedDate: null, dateHeader: null });
    expect(mount(MessageHeader, { props: { message } }).get('[data-test=no-date]').text()).toBe(
      'No date (not sent)',
    );
  });

  it('shows importance, sensitivity, flag and categories only when set', () => {
    const plain = mount(MessageHeader, { props: { message: sampleMessage() } });
    expect(plain.find('[data-test=badges]').exists()).toBe(false);
    expect(plain.find('[data-test=categories]').exists()).toBe(false);
    const flagged = mount(MessageHeader, {
      props: {
        message: sampleMessage({
          importance: 2,
          sensitivity: 3,
          flagStatus: 2,
          categories: ['Finance'],
        }),
      },
    });
    expect(flagged.get('[data-test=badges]').text()).toMatch(
      /High importance.*Confidential.*Flagged for follow-up/s,
    );
    expect(flagged.get('[data-test=categories]').text()).toContain('Finance');
  });

  it('collapses a long recipient list behind "+N more"', async () => {
    const recipients = Array.from({ length: 20 }, (_, index) =>
      sampleRecipient(`Person ${index}`, `p${index}@example.com`),
    );
    const wrapper = mount(MessageHeader, { props: { message: sampleMessage({ recipients }) } });
    expect(wrapper.findAll('[data-test=recipients-to] [data-test=address]')).toHaveLength(12);
    await wrapper.get('[data-test=recipients-more]').trigger('click');
    expect(wrapper.findAll('[data-test=recipients-to] [data-test=address]')).toHaveLength(20);
  });

  it('marks itself as a place find searches', () => {
    const wrapper = mount(MessageHeader, { props: { message: sampleMessage() } });
    expect(wrapper.get('[data-test=message-header]').attributes()).toHaveProperty('data-find-root');
  });

  it('shows Reply-To as its own line when main says it differs from From', () => {
    const message = sampleMessage({
      replyTo: [{ name: 'Support desk', email: 'support@example.com' }],
    });
    const line = mount(MessageHeader, { props: { message } }).get(
      '[data-test=recipients-reply-to]',
    );
    expect(line.text()).toContain('Reply to');
    expect(line.text()).toContain('Support desk');
  });
});
