import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpus, startHarness } from './harness.js';
import type { Harness } from './harness.js';

/** Issue: message sessions. A window's session lives exactly as long as the window. */
let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
}, 120_000);

afterAll(async () => {
  await harness?.close();
});

describe('sessions in real Chromium', () => {
  it('closing a page closes exactly its session and no other', async () => {
    const first = await harness.openWindow(corpus('poi/hsmf/quick.msg'));
    const second = await harness.openWindow(corpus('outlook-message-parser/simple sent.msg'));
    await expect
      .poll(() => harness.service.sessionOf(first.id)?.messages().length ?? 0, { timeout: 20_000 })
      .toBe(1);
    await expect
      .poll(() => harness.service.sessionOf(second.id)?.messages().length ?? 0, { timeout: 20_000 })
      .toBe(1);
    const firstHandle = harness.service.sessionOf(first.id)!.messages()[0]!.handle;
    await first.page.close();
    await expect.poll(() => harness.service.sessionOf(first.id)).toBeUndefined();
    expect(() => harness.service.sessionForHandle(second.id, firstHandle)).toThrow(
      expect.objectContaining({ code: 'SESSION_CLOSED' }),
    );
    expect(harness.service.sessionOf(second.id)!.messages()).toHaveLength(1);
  });

  it('a reload drops the window’s session', async () => {
    const window = await harness.openWindow(corpus('poi/hsmf/quick.msg'));
    await expect
      .poll(() => harness.service.sessionOf(window.id)?.messages().length ?? 0, { timeout: 20_000 })
      .toBe(1);
    const session = harness.service.sessionOf(window.id)!;
    await window.page.reload();
    await expect.poll(() => session.isClosed).toBe(true);
  });

  it('the page reaches the API only through window.msgview, with no Node in sight', async () => {
    const window = await harness.openWindow();
    const surface = await window.page.evaluate(() => ({
      bridge: typeof (globalThis as { msgview?: unknown }).msgview,
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
    }));
    expect(surface).toEqual({ bridge: 'object', require: 'undefined', process: 'undefined' });
  });
});
