import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlMessage } from '../fixtures/sample-messages.js';
import {
  BODY_FRAME,
  OPEN_TIMEOUT_MS,
  byTest,
  waitForBodyFrame,
  waitForMessage,
} from './app-window.js';
import { startHarness } from './harness.js';
import type { Harness } from './harness.js';

/**
 * Issue: the viewer — "loading a large file shows progress and never freezes the window". A mail
 * whose HTML body is a 3 MB table (a report pasted into a mail, a long newsletter) takes seconds
 * to sanitize and lay out. The window must answer while that happens, show how far it is, and end
 * with the whole mail. (How long the longest pause is belongs to `npm run bench`.)
 */

const ROWS = 16_000;
/** Preparing it takes ~12 s on a quiet 2-core machine (a table is laid out again per frame). */
const PREPARE_TIMEOUT_MS = 120_000;

/** A 3 MB table the way Outlook writes one: styled cells, a link per row. */
function largeTableMail(): string {
  const rows = Array.from(
    { length: ROWS },
    (_, index) =>
      `<tr><td style="padding:4px;border:1px solid #ccc">Row ${index + 1}</td>` +
      `<td align="right"><span style="color:#333">${index * 7}</span></td>` +
      `<td><a href="https://example.com/item/${index + 1}">item ${index + 1}</a></td></tr>`,
  );
  return (
    '<html><head><style>td { font-family: Calibri, sans-serif }</style></head><body>' +
    `<p>Quarterly report</p><table>${rows.join('')}</table><p id="last">End of report</p>` +
    '</body></html>'
  );
}

/**
 * The frame's height and where the mail's content ends (its body's bottom margin edge), measured
 * without touching the frame: scrollHeight alone can never show a frame that is too tall.
 */
function heightsOf(page: Page) {
  return page.evaluate((selector) => {
    const element = document.querySelector<HTMLIFrameElement>(selector)!;
    const doc = element.contentDocument!;
    const margin = Number.parseFloat(getComputedStyle(doc.body).marginBottom) || 0;
    return {
      frame: element.offsetHeight,
      content: doc.body.getBoundingClientRect().bottom + doc.defaultView!.scrollY + margin,
    };
  }, BODY_FRAME);
}

let harness: Harness;
let work: string;

beforeAll(async () => {
  harness = await startHarness();
  work = mkdtempSync(join(tmpdir(), 'msgview-large-'));
}, 120_000);

afterAll(async () => {
  await harness?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('a mail with a 3 MB HTML body', () => {
  it('answers the keyboard and shows rising progress while the body is prepared, then shows all of it', async () => {
    const html = largeTableMail();
    expect(html.length).toBeGreaterThan(3_000_000);
    const path = join(work, 'large.msg');
    writeFileSync(path, htmlMessage('Quarterly report', html));
    const window = await harness.openWindow(path);
    await waitForMessage(window);
    const { page } = window;

    // The header is up and the body is still being prepared: progress is shown.
    const progress = byTest(page, 'body-progress');
    await progress.waitFor({ timeout: OPEN_TIMEOUT_MS });
    const first = Number(await progress.getAttribute('aria-valuenow'));
    await harness.screenshot(window, 'large-body-preparing');

    // The window answers a key press while the work goes on: Ctrl+F opens the find bar, and the
    // body is still not done (one long task would have answered only after the end).
    await page.keyboard.press('Control+f');
    await byTest(page, 'find-bar').waitFor({ timeout: 2_000 });
    expect(await progress.isVisible()).toBe(true);

    await expect
      .poll(async () => Number((await progress.getAttribute('aria-valuenow')) ?? 100), {
        timeout: PREPARE_TIMEOUT_MS,
      })
      .toBeGreaterThan(first);

    // At the end: the whole mail, the progress gone.
    const frame = await waitForBodyFrame(page, PREPARE_TIMEOUT_MS);
    expect(await progress.count()).toBe(0);
    expect(await frame.locator('#last').textContent()).toBe('End of report');
    expect(await frame.locator('tr').count()).toBe(ROWS);
    // The frame is sized to the whole mail, so the window scrolls all of it (and prints it).
    const { frame: frameHeight, content } = await heightsOf(page);
    expect(Math.abs(frameHeight - content)).toBeLessThanOrEqual(1);
  }, 300_000);
});

describe('a mail sized to its own viewport (html, body { height: 100% })', () => {
  it('gets a frame as tall as its content, which stays put when the window is resized', async () => {
    const paragraphs = Array.from({ length: 60 }, (_, index) => `<p>Line ${index + 1}</p>`);
    const html =
      '<html><head><style>html, body { height: 100%; }</style></head>' +
      `<body>${paragraphs.join('')}</body></html>`;
    const path = join(work, 'viewport.msg');
    writeFileSync(path, htmlMessage('Sized to its viewport', html));
    const window = await harness.openWindow(path);
    await waitForMessage(window);
    const { page } = window;
    await waitForBodyFrame(page);
    const first = await heightsOf(page);
    // Each width change refits the frame: a fit that read the frame's own height back would add
    // the body's margins every time.
    for (const width of [900, 1100, 900, 1100]) {
      await page.setViewportSize({ width, height: 800 });
      await page.waitForTimeout(150);
    }
    const last = await heightsOf(page);
    expect(last.frame).toBe(first.frame);
    // Content and frame agree within the body's margins (the body is as tall as the frame).
    expect(Math.abs(last.frame - last.content)).toBeLessThanOrEqual(32);
  }, 60_000);
});
