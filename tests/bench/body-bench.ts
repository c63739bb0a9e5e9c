import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import { waitForBodyFrame, waitForMessage } from '../e2e/app-window.js';
import { startHarness } from '../e2e/harness.js';
import { PT_UNICODE, buildMsg, utf16 } from '../fixtures/msg-builder.js';
import { htmlMessage } from '../fixtures/sample-messages.js';

/**
 * The window's main thread while a large body is shown, in the real renderer in Chromium
 * (tests/e2e/harness.ts): how long until the header and until the whole body, and the longest
 * task on the renderer's main thread (the longest the window could not answer a key press or
 * paint). Tasks come from a Chromium trace: the Long Tasks API leaves out rendering work
 * (style, layout, paint), which is most of what a large body costs.
 */

interface LargeBody {
  label: string;
  bytes: () => Uint8Array;
  /** Resolves once the whole body is shown. */
  shown: (page: Page) => Promise<unknown>;
}

const PREPARE_TIMEOUT_MS = 180_000;

const LARGE_BODIES: LargeBody[] = [
  {
    label: '3 MB HTML body, one table of 16,000 rows',
    bytes: () =>
      htmlMessage(
        'table',
        `<html><body><table>${Array.from(
          { length: 16_000 },
          (_, index) =>
            `<tr><td style="padding:4px;border:1px solid #ccc">Row ${index}</td>` +
            `<td align="right"><span style="color:#333">${index * 7}</span></td>` +
            `<td><a href="https://example.com/${index}">item</a></td></tr>`,
        ).join('')}</table></body></html>`,
      ),
    shown: (page) => waitForBodyFrame(page, PREPARE_TIMEOUT_MS),
  },
  {
    label: '3 MB HTML body, 24,000 Word paragraphs',
    bytes: () =>
      htmlMessage(
        'paragraphs',
        `<html><body><div class="WordSection1">${Array.from(
          { length: 24_000 },
          (_, index) =>
            `<p class="MsoNormal"><span style="font-size:11.0pt;font-family:Calibri,sans-serif">` +
            `Paragraph ${index} of a long thread, with the text mail has.</span></p>`,
        ).join('')}</div></body></html>`,
      ),
    shown: (page) => waitForBodyFrame(page, PREPARE_TIMEOUT_MS),
  },
  {
    label: '5 MB plain-text body, 60,000 lines with a link each',
    bytes: () =>
      buildMsg({
        properties: [
          { id: 0x001a, type: PT_UNICODE, value: utf16('IPM.Note') },
          { id: 0x0037, type: PT_UNICODE, value: utf16('plain text') },
          {
            id: 0x1000,
            type: PT_UNICODE,
            value: utf16(
              Array.from(
                { length: 60_000 },
                (_, index) =>
                  `Line ${index} of a long report, see https://example.com/item/${index} for details.`,
              ).join('\r\n'),
            ),
          },
        ],
      }),
    shown: (page) =>
      page.waitForFunction(
        () =>
          document.querySelector('[data-test=plain-text-body]')?.getAttribute('aria-busy') ===
          'false',
        null,
        { timeout: PREPARE_TIMEOUT_MS },
      ),
  },
];

interface TraceEvent {
  ph: string;
  name: string;
  pid: number;
  tid: number;
  dur?: number;
  args?: { name?: string };
}

/** Durations (ms) of the tasks run on renderer main threads, from a Chromium trace file. */
function rendererMainTasks(tracePath: string): number[] {
  const parsed = JSON.parse(readFileSync(tracePath, 'utf8')) as
    TraceEvent[] | { traceEvents: TraceEvent[] };
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const mainThreads = new Set(
    events
      .filter((event) => event.ph === 'M' && event.name === 'thread_name')
      .filter((event) => event.args?.name === 'CrRendererMain')
      .map((event) => `${event.pid}:${event.tid}`),
  );
  return events
    .filter((event) => event.ph === 'X' && event.name === 'RunTask')
    .filter((event) => mainThreads.has(`${event.pid}:${event.tid}`))
    .map((event) => (event.dur ?? 0) / 1000);
}

export async function benchLargeBodies(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'msgview-bench-body-'));
  const harness = await startHarness();
  try {
    console.log('the window (renderer main thread) while a large body is shown:');
    for (const body of LARGE_BODIES) {
      const path = join(folder, 'large.msg');
      writeFileSync(path, body.bytes());
      const tracePath = join(folder, 'trace.json');
      await harness.browser.startTracing(undefined, {
        path: tracePath,
        categories: ['disabled-by-default-devtools.timeline'],
      });
      const started = performance.now();
      const appWindow = await harness.openWindow(path);
      await waitForMessage(appWindow);
      const headerMs = performance.now() - started;
      await body.shown(appWindow.page);
      const bodyMs = performance.now() - started;
      // What the last layout and paint cost lands after the body is marked as shown.
      await appWindow.page.waitForTimeout(500);
      await harness.browser.stopTracing();
      const tasks = rendererMainTasks(tracePath);
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
