import type { FrameLocator, Page } from 'playwright-core';
import type { AppWindow } from './harness.js';

/** Waits shared by the e2e tests: what "the window shows it" means, in one place. */

/** A parse forks a process; a slow CI machine gets room. */
export const OPEN_TIMEOUT_MS = 20_000;

/** One click, or finding what to click, in a frame that may be navigating away. */
const CLICK_TIMEOUT_MS = 2_000;

export const BODY_FRAME = 'iframe[data-test="body-frame"]';

export function byTest(page: Page, name: string) {
  return page.locator(`[data-test="${name}"]`);
}

/** The window shows its message (header, attachments, body host). */
export async function waitForMessage(window: AppWindow): Promise<void> {
  await byTest(window.page, 'message-view').waitFor({ timeout: OPEN_TIMEOUT_MS });
}

/**
 * The HTML body's frame shows the whole sanitized mail: its shell has loaded (until then the frame
 * holds the initial about:blank, whose readyState is already "complete") and the body's nodes
 * have all been moved in (the frame is no longer aria-busy).
 */
export async function waitForBodyFrame(
  page: Page,
  timeout: number = OPEN_TIMEOUT_MS,
): Promise<FrameLocator> {
  await page.locator(BODY_FRAME).waitFor({ timeout });
  await page.waitForFunction(
    (selector) => {
      const frame = document.querySelector<HTMLIFrameElement>(selector);
      const doc = frame?.contentDocument;
      return (
        doc?.URL === 'about:srcdoc' &&
        doc.readyState === 'complete' &&
        frame?.getAttribute('aria-busy') === 'false'
      );
    },
    BODY_FRAME,
    { timeout },
  );
  return page.frameLocator(BODY_FRAME);
}

/** Everything in a mail a reader (or a test) can click: links, buttons, controls, handlers. */
export const CLICKABLE = 'a, area, button, input, summary, label, math, [onclick], [tabindex]';

/**
 * Clicks every clickable element in a frame: a real mouse click where there is something to aim
 * at, a synthetic click where there is not (hidden, zero-sized). Never both, so each element is
 * clicked once. Failures because the frame went away or the element left are what the page did,
 * not a test failure.
 */
export async function clickEverything(frame: FrameLocator): Promise<number> {
  const targets = frame.locator(CLICKABLE);
  const count = await targets.count().catch(() => 0);
  let clicked = 0;
  for (let index = 0; index < count; index += 1) {
    const target = targets.nth(index);
    const box = await target.boundingBox({ timeout: CLICK_TIMEOUT_MS }).catch(() => null);
    const click =
      box && box.width > 0 && box.height > 0
        ? target.click({ timeout: CLICK_TIMEOUT_MS, force: true })
        : target.dispatchEvent('click', undefined, { timeout: CLICK_TIMEOUT_MS });
    await click.then(
      () => (clicked += 1),
      () => undefined,
    );
  }
  return clicked;
}
