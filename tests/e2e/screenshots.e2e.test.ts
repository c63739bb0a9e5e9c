import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BODY_FRAME,
  OPEN_TIMEOUT_MS,
  byTest,
  waitForBodyFrame,
  waitForMessage,
} from './app-window.js';
import { SCREENSHOTS, corpus, startHarness } from './harness.js';
import type { AppWindow, Harness } from './harness.js';

/**
 * Screenshots of the window's main states, in tests/.artifacts/screenshots (git-ignored), for a
 * person to look at. Each test first asserts the state is really on screen, so a screenshot of a
 * loading spinner or an error never passes for the real thing.
 */

const HTML_MAIL = 'poi/hsmf/attachment_msg_inlineImg.msg';
const RTF_ONLY = 'msgreader-dotnet/RtfSampleEmail.msg';
const APPOINTMENT = 'poi/hsmf/msgClassAppointment.msg';
const NOT_A_MSG = 'python-oxmsg/not-a-MSG-file.msg';

let light: Harness;
let dark: Harness;

beforeAll(async () => {
  [light, dark] = await Promise.all([startHarness(), startHarness({ colorScheme: 'dark' })]);
}, 120_000);

afterAll(async () => {
  await Promise.all([light?.close(), dark?.close()]);
});

async function shoot(harness: Harness, window: AppWindow, name: string): Promise<void> {
  await harness.screenshot(window, name);
  expect(existsSync(join(SCREENSHOTS, `${name}.png`))).toBe(true);
  await window.page.close();
}

/** The HTML body is in, and every picture in it has loaded (the screenshot would show holes). */
async function waitForPictures(window: AppWindow): Promise<void> {
  await waitForBodyFrame(window.page);
  await window.page.waitForFunction(
    (selector) => {
      const images = document.querySelector<HTMLIFrameElement>(selector)?.contentDocument?.images;
      return (
        !!images && images.length > 0 && Array.from(images).every((image) => image.naturalWidth > 0)
      );
    },
    BODY_FRAME,
    { timeout: OPEN_TIMEOUT_MS },
  );
}

describe('screenshots of the main states', () => {
  it('welcome screen', async () => {
    const window = await light.openWindow();
    await byTest(window.page, 'welcome').waitFor({ timeout: OPEN_TIMEOUT_MS });
    expect(await byTest(window.page, 'welcome-open').isVisible()).toBe(true);
    await shoot(light, window, 'welcome');
  });

  it('HTML mail with inline pictures', async () => {
    const window = await light.openWindow(corpus(HTML_MAIL));
    await waitForMessage(window);
    await waitForPictures(window);
    expect(await byTest(window.page, 'subject').isVisible()).toBe(true);
    await shoot(light, window, 'html-mail');
  });

  it('RTF-only mail', async () => {
    const window = await light.openWindow(corpus(RTF_ONLY));
    await waitForMessage(window);
    expect(await byTest(window.page, 'rtf-notice').isVisible()).toBe(true);
    expect(await byTest(window.page, 'plain-text-body').isVisible()).toBe(true);
    await shoot(light, window, 'rtf-only-mail');
  });

  it('appointment with its fields', async () => {
    const window = await light.openWindow(corpus(APPOINTMENT));
    await waitForMessage(window);
    expect(await byTest(window.page, 'item-fields').isVisible()).toBe(true);
    expect(await byTest(window.page, 'item-kind').textContent()).toBe('Appointment');
    await waitForBodyFrame(window.page);
    await shoot(light, window, 'appointment');
  });

  it('property inspector', async () => {
    const window = await light.openWindow(corpus(APPOINTMENT));
    await waitForMessage(window);
    await byTest(window.page, 'toolbar-details').click();
    await byTest(window.page, 'property-row').first().waitFor({ timeout: OPEN_TIMEOUT_MS });
    expect(await byTest(window.page, 'property-inspector').isVisible()).toBe(true);
    await shoot(light, window, 'property-inspector');
  });

  it('error page', async () => {
    const window = await light.openWindow(corpus(NOT_A_MSG));
    await byTest(window.page, 'error-page').waitFor({ timeout: OPEN_TIMEOUT_MS });
    expect(await byTest(window.page, 'error-title').isVisible()).toBe(true);
    await shoot(light, window, 'error-page');
  });

  it('dark theme: an HTML mail and the welcome screen', async () => {
    const window = await dark.openWindow(corpus(HTML_MAIL));
    await waitForMessage(window);
    await waitForPictures(window);
    // The theme really is dark: the system preference reaches the page and its colours follow.
    const theme = await window.page.evaluate(() => ({
      prefersDark: matchMedia('(prefers-color-scheme: dark)').matches,
      background: getComputedStyle(document.querySelector('[data-test="message-view"]')!)
        .backgroundColor,
    }));
    expect(theme.prefersDark).toBe(true);
    const [red, green, blue] = theme.background.match(/\d+/g)!.map(Number);
    expect(Math.max(red!, green!, blue!)).toBeLessThan(80);
    await shoot(dark, window, 'dark-html-mail');

    const welcome = await dark.openWindow();
    await byTest(welcome.page, 'welcome').waitFor({ timeout: OPEN_TIMEOUT_MS });
    await shoot(dark, welcome, 'dark-welcome');
  });
});
