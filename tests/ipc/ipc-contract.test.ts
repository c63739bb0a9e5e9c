import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBridge } from '../../src-main/ipc/bridge.js';
import { CHANNELS, EVENTS } from '../../src-main/contract/ipc-contract.js';
import type { MsgViewBridge } from '../../src-main/contract/ipc-contract.js';
import { SessionService } from '../../src-main/session/session-service.js';
import { createInProcessParser } from '../fixtures/in-process-parser.js';
import {
  APP_URL,
  bridgeFor,
  createFakeShell,
  createRouterFor,
} from '../fixtures/in-process-ipc.js';
import type { FakeShell } from '../fixtures/in-process-ipc.js';
import { HTML_SAMPLE, NESTED_SAMPLE, corpus } from '../fixtures/corpus.js';

let work: string;
let service: SessionService;
let shell: FakeShell;
let router: ReturnType<typeof createRouterFor>;
const ourWindows = new Set([1, 2]);
let windowOne: MsgViewBridge;
let windowTwo: MsgViewBridge;

function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: { code: string } }): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}`);
  return result.value;
}

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'msgview-ipc-test-'));
  service = new SessionService(createInProcessParser(), { tempRoot: work });
  shell = createFakeShell();
  router = createRouterFor(service, shell, ourWindows);
  windowOne = bridgeFor(router, { webContentsId: 1, frameUrl: APP_URL, isTopFrame: true });
  windowTwo = bridgeFor(router, { webContentsId: 2, frameUrl: APP_URL, isTopFrame: true });
});

afterEach(async () => {
  await service.closeAll();
  rmSync(work, { recursive: true, force: true });
});

describe('IPC contract', () => {
  it('has a channel for every API method, and no channel twice', () => {
    const channels = Object.values(CHANNELS);
    expect(new Set(channels).size).toBe(channels.length);
    expect(Object.keys(windowOne)).toEqual(expect.arrayContaining(Object.keys(CHANNELS)));
  });

  it('opens a message through the whole chain and answers plain, cloneable data', async () => {
    const view = unwrap(await windowOne.openPath(HTML_SAMPLE));
    expect(view?.subject).toBe('hey');
    expect(unwrap(await windowOne.currentMessage())?.handle).toBe(view?.handle);
    expect(shell.calls).toContain(`addRecentFile ${HTML_SAMPLE}`);
  });

  it('lists properties with canonical names, named properties included', async () => {
    const view = unwrap(await windowOne.openPath(HTML_SAMPLE))!;
    const groups = unwrap(await windowOne.properties(view.handle));
    expect(groups[0]!.title).toBe('Message');
    const subject = groups[0]!.properties.find((property) => property.name === 'PidTagSubject');
    expect(subject).toMatchObject({ tag: '0x0037001F', type: 'PT_UNICODE', preview: 'hey' });
    expect(
      groups[0]!.properties.some(
        (property) => property.named !== null && property.name?.startsWith('PidLid'),
      ),
    ).toBe(true);
    expect(groups.some((group) => group.title.startsWith('Attachment 2 (dresscode.txt)'))).toBe(
      true,
    );
  });

  it('keeps one window out of another window’s session', async () => {
    const view = unwrap(await windowOne.openPath(HTML_SAMPLE))!;
    const foreign = await windowTwo.properties(view.handle);
    expect(foreign).toEqual({ ok: false, error: expect.objectContaining({ code: 'NOT_OWNER' }) });
    const foreignSave = await windowTwo.openAttachment(view.attachments[1]!.handle, true);
    expect(foreignSave).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'NOT_OWNER' }),
    });
    expect(shell.openedWithSystem).toEqual([]);
  });

  it('closes exactly the calling window’s session', async () => {
    const first = unwrap(await windowOne.openPath(HTML_SAMPLE))!;
    const second = unwrap(await windowTwo.openPath(HTML_SAMPLE))!;
    unwrap(await windowOne.closeSession());
    expect(await windowOne.properties(first.handle)).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'SESSION_CLOSED' }),
    });
    expect(unwrap(await windowTwo.properties(second.handle)).length).toBeGreaterThan(0);
  });

  it('opens an embedded message in a window of its own', async () => {
    const view = unwrap(await windowOne.openPath(NESTED_SAMPLE))!;
    const embedded = view.attachments.find((attachment) => attachment.isEmbeddedMessage)!;
    unwrap(await windowOne.openEmbeddedMessage(embedded.handle));
    expect(shell.openedWindows).toHaveLength(1);
    expect(shell.openedWindows[0]!.snapshot.view.subject).toBe(embedded.embeddedSubject);
  });

  it('opens a second file in a new window rather than replacing this one', async () => {
    unwrap(await windowOne.openPath(HTML_SAMPLE));
    expect(unwrap(await windowOne.openPath(NESTED_SAMPLE))).toBeNull();
    expect(shell.calls).toContain(`openInNewWindow ${NESTED_SAMPLE}`);
  });

  it('opens only http, https and mailto links, and only after the user agreed', async () => {
    expect(unwrap(await windowOne.openLink('https://example.org/a'))).toBe(true);
    expect(await windowOne.openLink('javascript:alert(1)')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    });
    expect(await windowOne.openLink('file:///etc/passwd')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    });
    shell.confirmLinks = false;
    expect(unwrap(await windowOne.openLink('https://example.org/b'))).toBe(false);
    expect(shell.openedExternal).toEqual(['https://example.org/a']);
  });

  describe('setTextEncoding()', () => {
    // Issue 8 item 14: a Cyrillic message (code page 1251 from its LCID) read again as Western
    // shows the mojibake a wrong guess gives, and back to automatic shows Russian again.
    const CYRILLIC = corpus('poi/hsmf/ASCII_CP1251_LCID1049.msg');

    it('reads the message again with the chosen code page, releasing the old handles', async () => {
      const first = unwrap(await windowOne.openPath(CYRILLIC))!;
      expect(first.subject).toBe('Subject автоматически Subject');
      expect(first.textEncoding).toEqual({
        codePage: 1251,
        isChosen: false,
        hasEightBitText: true,
      });

      const western = unwrap(await windowOne.setTextEncoding(first.handle, 1252));
      expect(western.subject).toBe('Subject àâòîìàòè÷åñêè Subject');
      expect(western.textEncoding).toMatchObject({ codePage: 1252, isChosen: true });
      expect(western.handle).not.toBe(first.handle);
      expect(await windowOne.properties(first.handle)).toMatchObject({
        ok: false,
        error: { code: 'UNKNOWN_HANDLE' },
      });
      expect(unwrap(await windowOne.currentMessage())?.handle).toBe(western.handle);

      const automatic = unwrap(await windowOne.setTextEncoding(western.handle, null));
      expect(automatic.subject).toBe('Subject автоматически Subject');
      expect(automatic.textEncoding.isChosen).toBe(false);
    });

    it('reads an embedded message again from its place in the parent file', async () => {
      const parent = unwrap(await windowOne.openPath(NESTED_SAMPLE))!;
      const attachment = parent.attachments.find((candidate) => candidate.isEmbeddedMessage)!;
      unwrap(await windowOne.openEmbeddedMessage(attachment.handle));
      const [snapshot] = shell.openedWindows;
      const session = service.openSession(3);
      const embedded = session.adopt(snapshot!.snapshot, snapshot!.filePath);
      const reread = await session.reread(embedded.handle, 1252);
      expect(reread.subject).toBe(embedded.subject);
      expect(reread.textEncoding.isChosen).toBe(true);
    });

    it.each([[1234], ['1251'], [{}], [undefined]])('refuses the code page %j', async (codePage) => {
      const view = unwrap(await windowOne.openPath(CYRILLIC))!;
      const result = await router.dispatch(
        CHANNELS.setTextEncoding,
        { webContentsId: 1, frameUrl: APP_URL, isTopFrame: true },
        [view.handle, codePage],
      );
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    });
  });

  it('hands menu listeners only the commands the menu sends', () => {
    let deliver: (payload: unknown) => void = () => undefined;
    const bridge = createBridge({
      invoke: async () => undefined,
      on: (event, listener) => {
        if (event === EVENTS.menuCommand) deliver = listener;
        return () => undefined;
      },
      pathForFile: () => null,
    });
    const heard: string[] = [];
    bridge.onMenuCommand((command) => heard.push(command));
    for (const payload of ['find', 'encoding:1251', 'encoding:1234', 'encoding:', 'rm -rf', 7]) {
      deliver(payload);
    }
    expect(heard).toEqual(['find', 'encoding:1251']);
  });

  it('hands open-progress listeners only a fraction between 0 and 1', () => {
    let deliver: (payload: unknown) => void = () => undefined;
    const bridge = createBridge({
      invoke: async () => undefined,
      on: (event, listener) => {
        if (event === EVENTS.openProgress) deliver = listener;
        return () => undefined;
      },
      pathForFile: () => null,
    });
    const heard: number[] = [];
    bridge.onOpenProgress((readFraction) => heard.push(readFraction));
    for (const payload of [0.5, 1, -1, 2, '0.7', Number.NaN, null, { readFraction: 1 }, 0]) {
      deliver(payload);
    }
    expect(heard).toEqual([0.5, 1, 0]);
  });

  describe('hostile payloads', () => {
    it.each([
      ['a number for a path', [42]],
      ['an object for a path', [{ toString: 'x' }]],
      ['a path with a NUL byte', ['/tmp/a\0.msg']],
      ['a huge path', ['/'.padEnd(1_000_000, 'a')]],
    ])('refuses %s', async (_label, args) => {
      const result = await router.dispatch(
        CHANNELS.openPath,
        { webContentsId: 1, frameUrl: APP_URL, isTopFrame: true },
        args,
      );
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    });

    it.each([
      ['a huge handle', 'x'.repeat(100_000)],
      ['a handle of the wrong type', ['array']],
      ['a prototype-polluting object', JSON.parse('{"__proto__": {"polluted": true}}')],
    ])('refuses %s', async (_label, handle) => {
      const result = await router.dispatch(
        CHANNELS.properties,
        { webContentsId: 1, frameUrl: APP_URL, isTopFrame: true },
        [handle],
      );
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('refuses calls from an iframe, from a page that is not ours, and from an unknown window', async () => {
      const call = (sender: { webContentsId: number; frameUrl: string; isTopFrame: boolean }) =>
        router.dispatch(CHANNELS.recentFiles, sender, []);
      await expect(
        call({ webContentsId: 1, frameUrl: APP_URL, isTopFrame: false }),
      ).resolves.toMatchObject({ ok: false, error: { code: 'NOT_OWNER' } });
      await expect(
        call({ webContentsId: 1, frameUrl: 'https://evil.example/', isTopFrame: true }),
      ).resolves.toMatchObject({ ok: false, error: { code: 'NOT_OWNER' } });
      await expect(
        call({ webContentsId: 1, frameUrl: 'app://evil/index.html', isTopFrame: true }),
      ).resolves.toMatchObject({ ok: false, error: { code: 'NOT_OWNER' } });
      await expect(
        call({ webContentsId: 99, frameUrl: APP_URL, isTopFrame: true }),
      ).resolves.toMatchObject({ ok: false, error: { code: 'NOT_OWNER' } });
      await expect(
        call({ webContentsId: 1, frameUrl: APP_URL, isTopFrame: true }),
      ).resolves.toMatchObject({ ok: true });
    });

    it('refuses an unknown channel and arguments that are not a list', async () => {
      const sender = { webContentsId: 1, frameUrl: APP_URL, isTopFrame: true };
      await expect(router.dispatch('msgview:format-disk', sender, [])).resolves.toMatchObject({
        ok: false,
      });
      await expect(
        router.dispatch(CHANNELS.recentFiles, sender, 'x' as unknown as unknown[]),
      ).resolves.toMatchObject({ ok: false });
    });
  });
});
