import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type * as BodyFrameEntry from './body-frame-entry';
import { ORIGIN, bundleForBrowser, launchChromium, servingContext, windowPage } from './chromium';

/** The exports of body-frame-entry.ts, as the page sees them (window.BodyFrame). */
export type BodyFrameModules = typeof BodyFrameEntry;

/**
 * A Chromium page of ours (the window's real CSP) with the body-frame modules loaded as
 * `window.BodyFrame`, for tests that run them where they run in the app.
 */
export async function openBodyFramePage(): Promise<{ browser: Browser; page: Page }> {
  const browser = await launchChromium();
  const bundle = await bundleForBrowser('./body-frame-entry.ts', 'BodyFrame');
  const context = await servingContext(browser, {
    '/': windowPage(['/body-frame.js']),
    '/body-frame.js': { body: bundle, contentType: 'text/javascript' },
  });
  const page = await context.newPage();
  await page.goto(`${ORIGIN}/`);
  return { browser, page };
}

/**
 * For a describe block: opens the page before its tests and closes the browser after; the
 * returned function gives the page (only valid inside the tests).
 */
export function useBodyFramePage(): () => Page {
  let browser: Browser | undefined;
  let page: Page | undefined;
  beforeAll(async () => {
    ({ browser, page } = await openBodyFramePage());
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!page) throw new Error('the body-frame page is not open (used outside a test?)');
    return page;
  };
}
