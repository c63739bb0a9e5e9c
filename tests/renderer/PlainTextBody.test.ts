// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import PlainTextBody from '../../src-renderer/body-frame/PlainTextBody.vue';
import { installFakeBridge, ok } from './fake-bridge';

const mounted: Array<{ unmount(): void }> = [];

function mountBody(text: string) {
  const wrapper = mount(PlainTextBody, { props: { text }, attachTo: document.body });
  mounted.push(wrapper);
  return wrapper;
}

describe('PlainTextBody', () => {
  afterEach(() => {
    for (const wrapper of mounted.splice(0)) wrapper.unmount();
    delete (window as { msgview?: unknown }).msgview;
  });

  it('shows a short text at once, line breaks and markup kept as text', async () => {
    const wrapper = mountBody('Hello <b>Ann</b>\r\nsecond line');
    await vi.waitFor(() => expect(wrapper.attributes('aria-busy')).toBe('false'));
    expect(wrapper.text()).toContain('Hello <b>Ann</b>');
    expect(wrapper.element.textContent).toBe('Hello <b>Ann</b>\r\nsecond line');
    expect(wrapper.find('b').exists()).toBe(false);
  });

  it('builds a long text in slices, giving the window turns, busy until every line is in', async () => {
    const text = Array.from({ length: 100_000 }, (_, index) => `line ${index}`).join('\n');
    const wrapper = mountBody(text);
    // A timer set now runs at the first pause: the window got its turn before the end.
    const atFirstTurn = await new Promise<{ busy?: string; length: number }>((resolve) =>
      setTimeout(() =>
        resolve({
          busy: wrapper.attributes('aria-busy'),
          length: wrapper.element.textContent?.length ?? 0,
        }),
      ),
    );
    expect(atFirstTurn.busy).toBe('true');
    expect(atFirstTurn.length).toBeGreaterThan(0);
    expect(atFirstTurn.length).toBeLessThan(text.length);
    await vi.waitFor(() => expect(wrapper.attributes('aria-busy')).toBe('false'), {
      timeout: 20_000,
    });
    const blocks = Array.from((wrapper.element as HTMLElement).children);
    const lines = blocks.map((block) => block.textContent).join('\n');
    expect(lines).toBe(text);
  });

  it('sends a clicked link to the link prompt instead of following it', async () => {
    const bridge = installFakeBridge({ openLink: () => ok(true) });
    const wrapper = mountBody('Report: https://example.com/q3.pdf.');
    await vi.waitFor(() => expect(wrapper.find('a').exists()).toBe(true));
    const link = wrapper.get('a');
    expect(link.text()).toBe('https://example.com/q3.pdf');
    const event = new MouseEvent('click', { bubbles: true, cancelable: true });
    link.element.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
    await vi.waitFor(() =>
      expect(bridge.callsOf('openLink')).toEqual([['https://example.com/q3.pdf']]),
    );
  });
});
