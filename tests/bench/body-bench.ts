import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { waitForBodyFrame, waitForMessage } from '../e2e/app-window.js';
import { startHarness } from '../e2e/harness.js';
import { htmlMessage } from '../fixtures/sample-messages.js';

/**
 * The window's main thread while a large HTML body is shown, in the real renderer in Chromium
 * (tests/e2e/harness.ts): how long until the header and until the whole body, and the longest
 * task (the longest the window could not answer a key press or paint), from the browser's own
 * long-task timing.
 */

const LARGE_BODIES: Array<{ label: string; html: () => string }> = [
  {
    label: '3 MB HTML body, one table of 16,000 rows',
    html: () =>
      `<html><body><table>${Array.from(
        { length: 16_000 },
        (_, index) =>
          `<tr><td style="padding:4px;border:1px solid #ccc">Row ${index}</td>` +
          `<td align="right"><span style="color:#333">${index * 7}</span></td>` +
          `<td><a href="https://example.com/${index}">item</a></td></tr>`,
      ).join('')}</table></body></html>`,
  },
  {
    label: '3 MB HTML body, 24,000 Word paragraphs',
    html: () =>
      `<html><body><div class="WordSection1">${Array.from(
        { length: 24_000 },
        (_, index) =>
          `<p class="MsoNormal"><span style="font-size:11.0pt;font-family:Calibri,sans-serif">` +
          `Paragraph ${index} of a long thread, with the text mail has.</span></p>`,
      ).join('')}</div></body></html>`,
  },
];

const PREPARE_TIMEOUT_MS = 180_000;

export async function benchLargeBodies(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'msgview-bench-body-'));
  const harness = await startHarness();
  try {
    // Every window records its long tasks from its first moment.
    await harness.context.addInitScript(() => {
      const tasks: number[] = [];
      (window as unknown as { longTasks: number[] }).longTasks = tasks;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) tasks.push(entry.duration);
      }).observe({ type: 'longtask' });
    });
    console.log('the window (renderer main thread) while a large HTML body is shown:');
    for (const body of LARGE_BODIES) {
      const path = join(folder, 'large.msg');
      writeFileSync(path, htmlMessage(body.label, body.html()));
      const started = performance.now();
      const appWindow = await harness.openWindow(path);
      await waitForMessage(appWindow);
      const headerMs = performance.now() - started;
      await waitForBodyFrame(appWindow.page, PREPARE_TIMEOUT_MS);
      const bodyMs = performance.now() - started;
      const tasks = await appWindow.page.evaluate(
        () => (window as unknown as { longTasks: number[] }).longTasks,
      );
      const longest = Math.max(0, ...tasks);
      const over100 = tasks.filter((duration) => duration > 100).length;
      console.log(
        `  ${body.label}: header after ${headerMs.toFixed(0)} ms, whole body after ` +
          `${(bodyMs / 1000).toFixed(1)} s; longest task ${longest.toFixed(0)} ms, ` +
          `${over100} tasks over 100 ms`,
      );
      await appWindow.page.close();
    }
  } finally {
    await harness.close();
    rmSync(folder, { recursive: true, force: true });
  }
}
