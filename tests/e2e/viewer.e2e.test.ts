import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BODY_FRAME,
  OPEN_TIMEOUT_MS,
  byTest,
  waitForBodyFrame,
  waitForMessage,
} from './app-window.js';
import { expectedFor, truthOf } from './corpus-expectations.js';
import { ENTRY_URL, corpus, startHarness } from './harness.js';
import type { AppWindow, Harness } from './harness.js';

/**
 * Issue: the viewer. Real corpus files opened in app windows in real Chromium, each compared with
 * the corpus's ground truth (expected.json), never with what our own code wrote down before.
 */

const HTML_WITH_PICTURES = 'poi/hsmf/attachment_msg_inlineImg.msg';
const RTF_ONLY = 'msgreader-dotnet/RtfSampleEmail.msg';
const WITH_ATTACHMENTS = [
  'poi/hsmf/attachment_test_msg.msg',
  'msgreader-dotnet/EmailWith2Attachments.msg',
];
const WITH_EMBEDDED_MESSAGE = 'msgreader-js/msgInMsg.msg';
const APPOINTMENT = 'poi/hsmf/msgClassAppointment.msg';
const NOT_A_MSG = 'python-oxmsg/not-a-MSG-file.msg';
const UNSENT_DRAFT = 'outlook-message-parser/unsent draft.msg';

/**
 * Sizes as the strip shows them (src-renderer/display/file-size.ts: steps of 1024, no decimal
 * from 10 up, one below), written out here rather than computed by the code under test.
 */
const SHOWN_SIZE: Record<number, string> = {
  89: '89 B',
  24_064: '24 KB', // 23.5 KB, rounded: no decimal from 10 up
  76_951: '75 KB', // 75.1 KB
  104_629: '102 KB', // 102.2 KB
  24_153: '24 KB', // 24,064 + 89
  181_580: '177 KB', // 104,629 + 76,951
};

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
}, 120_000);

afterAll(async () => {
  await harness?.close();
});

async function open(path: string): Promise<AppWindow> {
  const window = await harness.openWindow(corpus(path));
  await waitForMessage(window);
  return window;
}

/** What the body frame's document holds, read from the window (the frame is same-origin). */
function frameDocument(window: AppWindow) {
  return window.page.evaluate((selector) => {
    const doc = document.querySelector<HTMLIFrameElement>(selector)?.contentDocument;
    return {
      url: doc?.URL ?? null,
      images: Array.from(doc?.images ?? []).map((image) => ({
        id: image.id,
        src: image.getAttribute('src') ?? '',
        naturalWidth: image.naturalWidth,
      })),
    };
  }, BODY_FRAME);
}

describe('the viewer on real mail', () => {
  describe('an HTML mail with inline pictures', () => {
    let window: AppWindow;

    beforeAll(async () => {
      window = await open(HTML_WITH_PICTURES);
      await waitForBodyFrame(window.page);
    }, 60_000);

    it('shows every picture the body references by cid:, loaded from the attachment', async () => {
      expect(expectedFor(HTML_WITH_PICTURES).features).toContain('inline-cid');
      // Which <img> referenced cid: in the mail as stored (the frame only has the rewritten src).
      const html = harness.service.sessionOf(window.id)!.messages()[0]!.body.html ?? '';
      const cidPictures = [...html.matchAll(/<img\b[^>]*>/gi)]
        .map((match) => match[0])
        .filter((tag) => /\bsrc=["']?cid:/i.test(tag))
        .map((tag) => /\bid=["']?([^"'\s>]+)/i.exec(tag)?.[1]);
      expect(cidPictures).toHaveLength(4);
      await expect
        .poll(
          async () =>
            (await frameDocument(window)).images
              .filter((image) => cidPictures.includes(image.id))
              .map((image) => ({
                isObjectUrl: /^(blob|data):/.test(image.src),
                hasLoaded: image.naturalWidth > 0,
              })),
          { timeout: OPEN_TIMEOUT_MS },
        )
        .toEqual(cidPictures.map(() => ({ isObjectUrl: true, hasLoaded: true })));
      // The pictures are shown in the body, so the strip does not list them again.
      expect(await byTest(window.page, 'attachment-list').count()).toBe(0);
    });

    it('titles the window with the subject', async () => {
      await expect.poll(() => window.page.title()).toBe(truthOf(HTML_WITH_PICTURES).subject);
    });

    it('sends a clicked link to main’s link prompt with its real target, and the frame stays put', async () => {
      const pagesBefore = harness.context.pages().length;
      const target = 'https://addons.mozilla.org/en-us/firefox/addon/sqlite-manager/';
      await window.page.frameLocator(BODY_FRAME).locator(`a[href="${target}"]`).click();
      await expect.poll(() => harness.externalLinks).toContain(target);
      expect((await frameDocument(window)).url).toBe('about:srcdoc');
      expect(window.page.url()).toBe(ENTRY_URL);
      expect(harness.context.pages()).toHaveLength(pagesBefore);
      expect(harness.proxy.requests.filter((url) => url.includes('mozilla'))).toEqual([]);
    });
  });

  it('shows the text of an RTF-only mail, with the notice that it is shown as plain text', async () => {
    const truth = truthOf(RTF_ONLY);
    expect(truth.body).toMatchObject({ rtf: true, html: false, rtfEncapsulates: 'rtf' });
    const window = await open(RTF_ONLY);
    expect(await byTest(window.page, 'rtf-notice').isVisible()).toBe(true);
    // A phrase of the ground truth's text, past the heading: "“Well, Prince, so Genoa and Lucca…"
    const phrase = truth.body.textStart!.split(/\r?\n/).filter(Boolean).at(-1)!;
    expect(phrase).toContain('Genoa and Lucca');
    expect(await window.page.getByText(phrase).isVisible()).toBe(true);
    await expect.poll(() => window.page.title()).toBe(truth.subject);
    await window.page.close();
  });

  it.each(WITH_ATTACHMENTS)(
    'lists the attachments of %s with their names and sizes',
    async (path) => {
      const listed = truthOf(path).attachments.filter((attachment) => attachment.hidden !== true);
      const window = await open(path);
      const names = await byTest(window.page, 'attachment-name').allTextContents();
      const sizes = await byTest(window.page, 'attachment-size').allTextContents();
      expect(names).toEqual(listed.map((attachment) => attachment.filename));
      expect(sizes.map((size) => size.trim())).toEqual(
        listed.map((attachment) => SHOWN_SIZE[attachment.size!]),
      );
      const total = listed.reduce((sum, attachment) => sum + attachment.size!, 0);
      expect((await byTest(window.page, 'attachment-count').textContent())?.trim()).toBe(
        `${listed.length} attachments (${SHOWN_SIZE[total]})`,
      );
      await window.page.close();
    },
  );

  it('opens an embedded message in a window of its own, whose session outlives the parent’s', async () => {
    const embedded = truthOf(WITH_EMBEDDED_MESSAGE).attachments.find(
      (attachment) => attachment.embeddedMessage,
    )!;
    const subject = embedded.embedded!.subject!;
    const parent = await open(WITH_EMBEDDED_MESSAGE);
    const openedBefore = harness.opened.length;
    await byTest(parent.page, 'attachment')
      .filter({ hasText: subject })
      .locator('[data-test="attachment-open"]')
      .click();
    await expect
      .poll(() => harness.opened.length, { timeout: OPEN_TIMEOUT_MS })
      .toBe(openedBefore + 1);
    const child = harness.opened.at(-1)!;
    await waitForMessage(child);
    expect((await byTest(child.page, 'subject').textContent())?.trim()).toBe(subject);
    await expect.poll(() => child.page.title()).toBe(subject);

    const parentSession = harness.service.sessionOf(parent.id)!;
    const childSession = harness.service.sessionOf(child.id)!;
    expect(childSession.id).not.toBe(parentSession.id);
    const parentHandle = parentSession.messages()[0]!.handle;
    const childHandle = childSession.messages()[0]!.handle;

    await parent.page.close();
    await expect.poll(() => parentSession.isClosed).toBe(true);
    expect(() => harness.service.sessionForHandle(parent.id, parentHandle)).toThrow(
      expect.objectContaining({ code: 'SESSION_CLOSED' }),
    );
    expect(childSession.isClosed).toBe(false);
    expect(harness.service.sessionForHandle(child.id, childHandle)).toBe(childSession);
    // And the child window still reads through its handles, over IPC.
    await byTest(child.page, 'toolbar-details').click();
    await expect
      .poll(() => byTest(child.page, 'property-row').count(), { timeout: OPEN_TIMEOUT_MS })
      .toBeGreaterThan(0);
    await child.page.close();
  });

  it('lists named properties by name in the property inspector', async () => {
    const window = await open(APPOINTMENT);
    await byTest(window.page, 'toolbar-details').click();
    await byTest(window.page, 'details-pane').waitFor();
    expect(await byTest(window.page, 'details-tab-properties').getAttribute('aria-selected')).toBe(
      'true',
    );
    await byTest(window.page, 'property-inspector').waitFor();
    await byTest(window.page, 'property-filter').fill('PidLid');
    const rows = byTest(window.page, 'property-row');
    await expect
      .poll(
        async () =>
          (await rows.allTextContents()).some((row) => row.includes('PidLidAppointmentStartWhole')),
        {
          timeout: OPEN_TIMEOUT_MS,
        },
      )
      .toBe(true);
    const texts = await rows.allTextContents();
    // The filter narrows the table to the LID-named properties; it does not just add a row.
    expect(texts.every((row) => row.includes('PidLid'))).toBe(true);
    const [shown, total] = ((await byTest(window.page, 'property-count').textContent()) ?? '')
      .match(/\d+/g)!
      .map(Number);
    expect(shown).toBe(texts.length);
    expect(shown).toBeLessThan(total!);
    const startRow = texts.find((row) => row.includes('PidLidAppointmentStartWhole'))!;
    expect(startRow).toContain('PT_SYSTIME');
    await window.page.close();
  });

  it('shows the error page for a file that is not a .msg, naming the file and saying it is a PNG', async () => {
    expect(expectedFor(NOT_A_MSG).parse.ok).toBe(false);
    const window = await harness.openWindow(corpus(NOT_A_MSG));
    const page = byTest(window.page, 'error-page');
    await page.waitFor({ timeout: OPEN_TIMEOUT_MS });
    expect(await byTest(window.page, 'error-title').textContent()).toBe(
      '“not-a-MSG-file.msg” could not be opened',
    );
    expect(await page.textContent()).toContain('It is not an Outlook .msg file');
    await page.locator('summary').click();
    expect(await byTest(window.page, 'error-message').isVisible()).toBe(true);
    expect(await byTest(window.page, 'error-message').textContent()).toContain('a PNG image');
    await window.page.close();
  });

  it('says "no date" for an unsent draft', async () => {
    const truth = truthOf(UNSENT_DRAFT);
    expect([truth.sentDate, truth.receivedDate]).toEqual([null, null]);
    const window = await open(UNSENT_DRAFT);
    expect(await byTest(window.page, 'no-date').isVisible()).toBe(true);
    expect(await byTest(window.page, 'no-date').textContent()).toBe('No date (not sent)');
    expect(await byTest(window.page, 'date').locator('time').count()).toBe(0);
    await window.page.close();
  });
});
