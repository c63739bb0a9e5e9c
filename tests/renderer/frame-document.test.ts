import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FRAME_SANDBOX,
  frameContentSecurityPolicy,
  frameHead,
} from '../../src-renderer/body-frame/frame-document';
import { ORIGIN, launchChromium, servingContext, windowPage } from './chromium';

/**
 * The body frame's second and third walls, proven in real Chromium with mail that was NOT
 * sanitized: whatever DOMPurify might miss, the sandbox (no allow-scripts) and the frame's CSP must
 * still stop it — while the window, same-origin by design, can still catch a link click.
 */

// Script, handler attributes, SVG, a nested frame, a form and a popup link: each tries to run
// code, leave the frame, or reach the network.
const HOSTILE_BODY = `
<script>parent.ran = 'script'</script>
<img id="broken" src="x" onerror="parent.ran = 'onerror'">
<svg onload="parent.ran = 'svg'"></svg>
<iframe srcdoc="<script>parent.parent.ran = 'nested frame'</script>"></iframe>
<a id="js" href="javascript:parent.ran = 'javascript url'">js</a>
<a id="popup" href="${ORIGIN}/elsewhere" target="_blank">popup</a>
<form id="form" action="${ORIGIN}/collect"><input name="password" value="x"></form>
<img id="remote" src="https://images.test/pixel.png">
<p id="text">Hello</p>`;

// A 1×1 PNG, so a picture that is let through really loads (the positive control).
const PIXEL = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);

function frameDocument(allowRemote: boolean): string {
  return `<html><head>${frameHead(allowRemote)}</head><body>${HOSTILE_BODY}</body></html>`;
}

/** Loads the document into a frame built the way BodyFrame.vue builds it; the window listens. */
async function loadFrame(page: Page, allowRemote: boolean): Promise<void> {
  await page.evaluate(
    ({ sandbox, srcdoc }) =>
      new Promise<void>((resolve) => {
        const state = window as unknown as { ran: string | null; clicks: string[] };
        state.ran = null;
        state.clicks = [];
        const frame = document.createElement('iframe');
        frame.id = 'body';
        frame.setAttribute('sandbox', sandbox);
        frame.srcdoc = srcdoc;
        frame.addEventListener('load', () => {
          frame.contentDocument?.addEventListener('click', (event) => {
            const link = (event.target as Element).closest('a');
            if (link?.id === 'popup') return; // left alone: the sandbox must stop it by itself
            event.preventDefault();
            state.clicks.push(link?.getAttribute('href') ?? '');
          });
          resolve();
        });
        document.body.replaceChildren(frame);
      }),
    { sandbox: FRAME_SANDBOX, srcdoc: frameDocument(allowRemote) },
  );
  // Let pictures settle (loaded or refused).
  await page.waitForTimeout(300);
}

describe('body frame sandbox and CSP (Chromium)', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium();
    const context = await servingContext(browser, {
      '/': windowPage([]),
      'https://images.test/pixel.png': { body: PIXEL, contentType: 'image/png' },
    });
    page = await context.newPage();
    await page.goto(`${ORIGIN}/`);
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('runs no script of the mail: not inline, not handlers, not SVG, not a nested frame', async () => {
    await loadFrame(page, false);
    await page.frameLocator('#body').locator('#js').click();
    expect(await page.evaluate(() => (window as unknown as { ran: string | null }).ran)).toBeNull();
  });

  it('lets the window reach into the frame and catch a link click', async () => {
    await loadFrame(page, false);
    expect(
      await page.evaluate(
        () =>
          document.querySelector('iframe')?.contentDocument?.getElementById('text')?.textContent,
      ),
    ).toBe('Hello');
    await page.frameLocator('#body').locator('#js').click();
    expect(await page.evaluate(() => (window as unknown as { clicks: string[] }).clicks)).toEqual([
      "javascript:parent.ran = 'javascript url'",
    ]);
  });

  it('blocks a target=_blank link by itself (no popup, no navigation) if the window does not act', async () => {
    await loadFrame(page, false);
    let popups = 0;
    page.on('popup', () => (popups += 1));
    await page.frameLocator('#body').locator('#popup').click();
    await page.waitForTimeout(300);
    expect(popups).toBe(0);
    expect(
      await page.evaluate(() => document.querySelector('iframe')?.contentWindow?.location.href),
    ).toBe('about:srcdoc');
  });

  it('submits no form', async () => {
    await loadFrame(page, false);
    await page.evaluate(() =>
      (
        document.querySelector('iframe')?.contentDocument?.getElementById('form') as HTMLFormElement
      ).requestSubmit(),
    );
    await page.waitForTimeout(300);
    expect(
      await page.evaluate(() => document.querySelector('iframe')?.contentWindow?.location.href),
    ).toBe('about:srcdoc');
  });

  const remoteWidth = () =>
    page.evaluate(
      () =>
        (
          document
            .querySelector('iframe')
            ?.contentDocument?.getElementById('remote') as HTMLImageElement
        ).naturalWidth,
    );

  it('loads no remote picture until the user allows it', async () => {
    await loadFrame(page, false);
    expect(await remoteWidth()).toBe(0);
  });

  it('loads the remote picture once allowed (the control that shows the test can see a load)', async () => {
    await loadFrame(page, true);
    expect(await remoteWidth()).toBe(1);
  });
});

describe('frameContentSecurityPolicy()', () => {
  it('allows https pictures and fonts only when remote content is allowed', () => {
    expect(frameContentSecurityPolicy(false)).not.toContain('https:');
    expect(frameContentSecurityPolicy(true)).toContain('img-src data: blob: https:');
    expect(frameContentSecurityPolicy(true)).toContain('font-src data: https:');
  });

  it('never allows scripts, forms or a base URL', () => {
    for (const allowRemote of [false, true]) {
      const policy = frameContentSecurityPolicy(allowRemote);
      expect(policy).toContain("script-src 'none'");
      expect(policy).toContain("form-action 'none'");
      expect(policy).toContain("base-uri 'none'");
      expect(policy).toMatch(/^default-src 'none'/);
    }
  });
});

describe('FRAME_SANDBOX', () => {
  it('grants same-origin and nothing else: no scripts, forms, popups or navigation', () => {
    expect(FRAME_SANDBOX.split(/\s+/)).toEqual(['allow-same-origin']);
  });
});
