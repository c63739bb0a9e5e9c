// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import BodyFrame from '../../src-renderer/body-frame/BodyFrame.vue';
import type { SanitizeOptions } from '../../src-renderer/body-frame/sanitize-html';
import { releaseInlineImages } from '../../src-renderer/composables/inline-images';
import { resetSession } from '../../src-renderer/composables/session';
import { installFakeBridge, ok, sampleMessage, settle } from './fake-bridge';

/**
 * The body host's own behaviour: sandbox, what it hands the sanitizer, the remote-content gate and
 * link clicks. The sanitizer is stubbed here because DOMPurify does not work under happy-dom
 * (happy-dom's Node.prototype.nodeName getter answers ''; DOMPurify's maintainers call the pair
 * unsupported). What the sanitizer removes is tested in real Chromium (sanitize-html.test.ts), and
 * what the sandbox and CSP stop, with unsanitized mail, in frame-document.test.ts.
 */
const sanitizer = vi.hoisted(() => ({
  calls: [] as Array<{ html: string; options: SanitizeOptions }>,
  /** Steps of busy work before the result, each yielding: a large mail's sanitizing. */
  slowSteps: 0,
  /** Thrown instead of a result: a bug of ours (the mail is only data). */
  error: null as Error | null,
}));
vi.mock('../../src-renderer/body-frame/sanitize-html', () => ({
  *sanitizeMail(html: string, options: SanitizeOptions) {
    sanitizer.calls.push({ html, options });
    yield 0.5;
    for (let step = 1; step <= sanitizer.slowSteps; step += 1) {
      const until = performance.now() + 10;
      while (performance.now() < until) {
        // busy, like DOMPurify on a 3 MB table
      }
      yield step / sanitizer.slowSteps;
    }
    if (sanitizer.error) throw sanitizer.error;
    const content = document.createElement('body');
    content.innerHTML =
      '<p id="top">Hello <a href="https://example.com/report" target="_blank">report</a> ' +
      '<a id="jump" href="#top">top</a></p>';
    return {
      shell: `<html><head><meta data-allow-remote="${options.allowRemote}"></head><body></body></html>`,
      content,
      hasRemoteContent: html.includes('https://tracker.test'),
    };
  },
}));

/** Mounted frames share the session's module-level state: unmount each after its test. */
const mounted: Array<{ unmount(): void }> = [];

const PNG_BYTES = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
const MAIL = '<p>Hi <img src="cid:logo@example"><img src="https://tracker.test/p.gif"></p>';

async function mountFrame(html = MAIL) {
  const bridge = installFakeBridge({
    inlineImages: () =>
      ok([
        {
          contentId: '<Logo@Example>',
          contentLocation: 'images/logo.png',
          fileName: 'logo.png',
          mimeType: 'image/png',
          bytes: PNG_BYTES,
        },
      ]),
  });
  const message = sampleMessage({ body: { best: 'html', html, text: null, rtfText: null } });
  const wrapper = mount(BodyFrame, { props: { message, html }, attachTo: document.body });
  mounted.push(wrapper);
  await settle(6);
  const frame = wrapper.get('[data-test=body-frame]').element as HTMLIFrameElement;
  return { bridge, wrapper, frame };
}

function click(doc: Document, target: Element) {
  const event = new (doc.defaultView as unknown as typeof window).MouseEvent('click', {
    bubbles: true,
    cancelable: true,
  });
  target.dispatchEvent(event);
  return event;
}

describe('BodyFrame', () => {
  beforeEach(() => {
    sanitizer.calls.length = 0;
    sanitizer.slowSteps = 0;
    sanitizer.error = null;
  });
  afterEach(() => {
    for (const wrapper of mounted.splice(0)) wrapper.unmount();
    releaseInlineImages();
    resetSession();
    document.body.innerHTML = '';
  });

  it('shows the sanitized document in a frame sandboxed without scripts, same-origin only', async () => {
    const { frame } = await mountFrame();
    expect(frame.getAttribute('sandbox')).toBe('allow-same-origin');
    expect(frame.getAttribute('referrerpolicy')).toBe('no-referrer');
    expect(frame.getAttribute('srcdoc')).toContain('data-allow-remote="false"');
    // The sanitized body is moved into the loaded shell, not written into srcdoc.
    expect(frame.contentDocument!.getElementById('top')?.textContent).toContain('Hello');
    expect(frame.hasAttribute('data-find-frame')).toBe(true);
  });

  it("hands the sanitizer the message's own pictures, keyed by Content-ID and location", async () => {
    const { bridge } = await mountFrame();
    expect(bridge.callsOf('inlineImages')).toEqual([['message-1']]);
    const { options, html } = sanitizer.calls[0]!;
    expect(html).toBe(MAIL);
    expect(options.allowRemote).toBe(false);
    expect(options.inlineImages.byContentId.get('logo@example')).toMatch(/^blob:/);
    expect(options.inlineImages.byLocation.get('images/logo.png')).toMatch(/^blob:/);
    expect(options.inlineImages.byLocation.get('logo.png')).toMatch(/^blob:/);
  });

  it('offers "Load remote content" and re-renders only after main allowed it', async () => {
    const { wrapper, bridge } = await mountFrame();
    expect(wrapper.find('[data-test=remote-content-bar]').exists()).toBe(true);
    await wrapper.get('[data-test=load-remote-content]').trigger('click');
    await settle(6);
    expect(bridge.callsOf('allowRemoteContent')).toEqual([['message-1']]);
    expect(sanitizer.calls.map((call) => call.options.allowRemote)).toEqual([false, true]);
    // A new frame: the old one's document (and its CSP) is gone with it.
    const frame = wrapper.get('[data-test=body-frame]').element as HTMLIFrameElement;
    expect(frame.getAttribute('srcdoc')).toContain('data-allow-remote="true"');
    expect(wrapper.find('[data-test=remote-content-bar]').exists()).toBe(false);
  });

  it('keeps remote content blocked when main refuses', async () => {
    installFakeBridge();
    const { wrapper } = await mountFrame();
    const bridge = installFakeBridge({
      allowRemoteContent: () => ({
        ok: false,
        error: { code: 'SESSION_CLOSED', message: 'closed' },
      }),
    });
    await wrapper.get('[data-test=load-remote-content]').trigger('click');
    await settle(6);
    expect(bridge.callsOf('allowRemoteContent')).toHaveLength(1);
    expect(sanitizer.calls.every((call) => !call.options.allowRemote)).toBe(true);
    expect(wrapper.find('[data-test=remote-content-bar]').exists()).toBe(true);
  });

  it('shows no remote bar when the mail references nothing remote', async () => {
    const { wrapper } = await mountFrame('<p>Just text</p>');
    expect(wrapper.find('[data-test=remote-content-bar]').exists()).toBe(false);
  });

  it('sends a link click to the link prompt instead of navigating the frame', async () => {
    const { bridge, frame } = await mountFrame();
    const doc = frame.contentDocument!;
    const event = click(doc, doc.querySelector('a[target]')!);
    await settle();
    expect(event.defaultPrevented).toBe(true);
    expect(bridge.callsOf('openLink')).toEqual([['https://example.com/report']]);
  });

  it('keeps an in-mail #fragment link inside the mail', async () => {
    const { bridge, frame } = await mountFrame();
    const doc = frame.contentDocument!;
    const event = click(doc, doc.getElementById('jump')!);
    await settle();
    expect(event.defaultPrevented).toBe(true);
    expect(bridge.callsOf('openLink')).toEqual([]);
  });
  it('shows rising progress while a large body is prepared, and is busy until it is shown', async () => {
    sanitizer.slowSteps = 40; // ~400 ms of work, in slices
    installFakeBridge();
    const message = sampleMessage({
      body: { best: 'html', html: MAIL, text: null, rtfText: null },
    });
    const wrapper = mount(BodyFrame, { props: { message, html: MAIL }, attachTo: document.body });
    mounted.push(wrapper);
    const seen: number[] = [];
    await vi.waitFor(
      () => {
        const bar = wrapper.find('[data-test=body-progress]');
        if (bar.exists()) seen.push(Number(bar.attributes('aria-valuenow')));
        expect(wrapper.find('[data-test=body-frame]').exists()).toBe(true);
      },
      { timeout: 5_000, interval: 20 },
    );
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(seen.at(-1)!).toBeGreaterThan(seen[0]!);
    const frame = wrapper.get('[data-test=body-frame]').element as HTMLIFrameElement;
    await vi.waitFor(() => expect(frame.getAttribute('aria-busy')).toBe('false'));
    expect(frame.contentDocument!.getElementById('top')).not.toBeNull();
    expect(wrapper.find('[data-test=body-progress]').exists()).toBe(false);
  });

  it('says the body could not be shown, and is not left busy, when preparing it fails', async () => {
    sanitizer.error = new Error('out of memory');
    installFakeBridge();
    const message = sampleMessage({
      body: { best: 'html', html: MAIL, text: null, rtfText: null },
    });
    const wrapper = mount(BodyFrame, { props: { message, html: MAIL }, attachTo: document.body });
    mounted.push(wrapper);
    await vi.waitFor(() =>
      expect(wrapper.get('[data-test=body-failed]').text()).toBe(
        'The body of this message could not be shown: out of memory',
      ),
    );
    expect(wrapper.find('[data-test=body-preparing]').exists()).toBe(false);
    expect(wrapper.find('[data-test=body-progress]').exists()).toBe(false);
    expect(wrapper.find('[data-test=body-frame]').exists()).toBe(false);
  });
});
