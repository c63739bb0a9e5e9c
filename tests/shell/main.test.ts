import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNELS, EVENTS } from '../../src-main/contract/ipc-contract.js';
import { corpus, HTML_SAMPLE, NESTED_SAMPLE } from '../fixtures/corpus.js';

vi.mock('electron', () => import('./fake-electron.js'));

const fake = await import('./fake-electron.js');
const { startApp } = await import('../../src-main/shell/main.js');

let work: string;
let rendererDir: string;

type Window = InstanceType<typeof fake.BrowserWindow>;

/** Calls a channel as the given window's top frame would, through the real ipcMain handler. */
async function invoke(
  window: Window,
  channel: string,
  args: unknown[] = [],
  frame?: { url: string },
) {
  const handler = fake.ipcMain.handlers.get(channel)!;
  const contents = window.webContents;
  const senderFrame = frame ?? contents.mainFrame;
  return (await handler({ sender: contents, senderFrame }, ...args)) as {
    ok: boolean;
    value?: unknown;
    error?: { code: string };
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'msgview-shell-test-'));
  rendererDir = join(work, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>MsgView</title>');
  writeFileSync(join(work, 'secret.txt'), 'not for the renderer');
  process.env.MSGVIEW_FAKE_USER_DATA = work;
  // Electron's argv in development: the binary, the app folder, then the files to open.
  process.argv = ['/usr/bin/electron', '.', HTML_SAMPLE];
  startApp({
    rendererDir,
    preloadPath: '/app/out/preload/preload.cjs',
    parseWorker: fileURLToPath(new URL('../../src-main/session/parse-worker.ts', import.meta.url)),
    parseWorkerExecArgv: ['--import', 'tsx'],
  });
  // macOS may deliver open-file before ready (a file dropped on the dock icon).
  fake.app.emit('open-file', { preventDefault() {} }, NESTED_SAMPLE);
  fake.app.fireReady();
  await settle();
});

afterAll(() => {
  for (const window of fake.BrowserWindow.all) if (!window.destroyed) window.close();
  fake.app.emit('will-quit');
  rmSync(work, { recursive: true, force: true });
});

describe('shell/main', () => {
  it('opens one window per file from the command line and from open-file queued before ready', () => {
    expect(fake.BrowserWindow.all).toHaveLength(2);
    // The command-line files go to an already running instance through the lock's additionalData.
    expect(fake.app.lockData).toEqual({ files: [HTML_SAMPLE] });
  });

  it('tells each window how much of its own file has been read', async () => {
    const [first, second] = fake.BrowserWindow.all as [Window, Window];
    await invoke(first, CHANNELS.currentMessage);
    await invoke(second, CHANNELS.currentMessage);
    const progressOf = (window: Window) =>
      window.webContents.sent.filter((sent) => sent.channel === EVENTS.openProgress);
    // Corpus files are read in one piece: one report each, all read, to its own window only.
    expect(progressOf(first)).toEqual([{ channel: EVENTS.openProgress, payload: 1 }]);
    expect(progressOf(second)).toEqual([{ channel: EVENTS.openProgress, payload: 1 }]);
  });

  it('creates windows with isolation, sandbox, no Node and web security', () => {
    const preferences = fake.BrowserWindow.all[0]!.options.webPreferences as Record<
      string,
      unknown
    >;
    expect(preferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
      preload: '/app/out/preload/preload.cjs',
    });
    expect(fake.BrowserWindow.all[0]!.webContents.loadedUrl).toBe('app://bundle/index.html');
  });

  it('denies every permission request', () => {
    const granted: boolean[] = [];
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
    ]) {
      fake.session.defaultSession.permissionRequestHandler!(null, permission, (answer: boolean) =>
        granted.push(answer),
      );
    }
    expect(granted).toEqual([false, false, false, false, false]);
    expect(fake.session.defaultSession.permissionCheckHandler!(null, 'media')).toBe(false);
  });

  it('denies new windows, navigation, redirects and webviews', () => {
    const contents = fake.BrowserWindow.all[0]!.webContents;
    expect(contents.windowOpenHandler!({ url: 'https://example.org' })).toEqual({ action: 'deny' });
    expect(contents.fire('will-navigate', 'https://example.org')).toBe(true);
    expect(contents.fire('will-redirect', 'https://example.org')).toBe(true);
    expect(contents.fire('will-attach-webview')).toBe(true);
  });

  it('serves the bundle through app:// and refuses paths outside it', async () => {
    const handler = fake.protocol.handlers.get('app')!;
    const index = await handler({ url: 'app://bundle/index.html' });
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("default-src 'none'");
    for (const url of [
      'app://bundle/../secret.txt',
      'app://bundle/%2e%2e/secret.txt',
      'app://bundle/..%2fsecret.txt',
      'app://other/index.html',
    ]) {
      expect((await handler({ url })).status).toBe(404);
    }
  });

  it('refuses IPC from an iframe or a foreign page, and answers our top frame', async () => {
    const window = fake.BrowserWindow.all[0]!;
    expect(
      await invoke(window, CHANNELS.recentFiles, [], { url: 'app://bundle/index.html' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_OWNER' },
    });
    expect(await invoke(window, CHANNELS.recentFiles)).toMatchObject({ ok: true });
  });

  it('blocks remote requests until the window allows remote content for its message', async () => {
    const window = fake.BrowserWindow.all[0]!;
    const decide = (url: string, webContentsId: number) => {
      let cancel: boolean | undefined;
      fake.session.defaultSession.beforeRequest!(
        { url, webContentsId },
        (answer: { cancel: boolean }) => (cancel = answer.cancel),
      );
      return cancel;
    };
    expect(decide('https://tracker.example/pixel.gif', window.webContents.id)).toBe(true);
    expect(decide('file:///etc/passwd', window.webContents.id)).toBe(true);
    expect(decide('app://bundle/index.html', window.webContents.id)).toBe(false);
    const current = await invoke(window, CHANNELS.currentMessage);
    const handle = (current.value as { handle: string }).handle;
    expect(await invoke(window, CHANNELS.allowRemoteContent, [handle])).toMatchObject({ ok: true });
    expect(decide('https://example.org/logo.png', window.webContents.id)).toBe(false);
    expect(decide('https://example.org/logo.png', fake.BrowserWindow.all[1]!.webContents.id)).toBe(
      true,
    );

    // The permission belongs to the message's session: once the window closes it and goes back to
    // the welcome screen, or opens another message, remote requests are blocked again.
    expect(await invoke(window, CHANNELS.closeSession)).toMatchObject({ ok: true });
    expect(decide('https://example.org/logo.png', window.webContents.id)).toBe(true);
    expect(await invoke(window, CHANNELS.openPath, [HTML_SAMPLE])).toMatchObject({ ok: true });
    expect(decide('https://example.org/logo.png', window.webContents.id)).toBe(true);
  });

  it('closes a window’s session when the window closes', async () => {
    const [first, second] = fake.BrowserWindow.all as [Window, Window];
    const current = await invoke(second, CHANNELS.currentMessage);
    const handle = (current.value as { handle: string }).handle;
    second.close();
    await settle();
    expect(await invoke(first, CHANNELS.properties, [handle])).toMatchObject({
      ok: false,
      error: { code: 'SESSION_CLOSED' },
    });
  });

  it('closes a window’s session when its renderer crashes, and when it reloads', async () => {
    fake.app.emit('second-instance', {}, [], '/', { files: [NESTED_SAMPLE] });
    fake.app.emit('second-instance', {}, [], '/', { files: [corpus('poi/hsmf/quick.msg')] });
    await settle();
    const windows = fake.BrowserWindow.all.filter((window) => !window.destroyed);
    const crashing = windows.at(-2)!;
    const reloading = windows.at(-1)!;
    const crashHandle = (
      (await invoke(crashing, CHANNELS.currentMessage)).value as { handle: string }
    ).handle;
    const reloadHandle = (
      (await invoke(reloading, CHANNELS.currentMessage)).value as { handle: string }
    ).handle;
    crashing.webContents.emit('render-process-gone', {}, { reason: 'crashed' });
    reloading.webContents.emit('did-navigate'); // the initial load
    expect(await invoke(reloading, CHANNELS.properties, [reloadHandle])).toMatchObject({
      ok: true,
    });
    reloading.webContents.emit('did-navigate'); // a reload
    await settle();
    const first = fake.BrowserWindow.all[0]!;
    expect(await invoke(first, CHANNELS.properties, [crashHandle])).toMatchObject({
      error: { code: 'SESSION_CLOSED' },
    });
    expect(await invoke(reloading, CHANNELS.properties, [reloadHandle])).toMatchObject({
      error: { code: 'SESSION_CLOSED' },
    });
  });

  it('focuses the window already showing a file instead of opening it twice', async () => {
    const before = fake.BrowserWindow.all.length;
    fake.app.emit('second-instance', {}, [], '/', { files: [HTML_SAMPLE] });
    await settle();
    expect(fake.BrowserWindow.all).toHaveLength(before);
    expect(fake.BrowserWindow.all[0]!.isFocused).toBe(true);
  });

  it('installs a File, Edit, View, Window, Help menu', () => {
    const template = (fake.Menu.applied as { template: Array<{ label?: string; role?: string }> })
      .template;
    const labels = template.map((item) => item.label?.replace('&', '') ?? item.role);
    expect(labels).toEqual(expect.arrayContaining(['File', 'Edit', 'View', 'Window', 'Help']));
  });

  it('offers View → Text Encoding and sends the choice to the focused window', () => {
    type Item = { label?: string; role?: string; submenu?: Item[]; click?: () => void };
    const template = (fake.Menu.applied as { template: Item[] }).template;
    const view = template.find((item) => item.label?.replace('&', '') === 'View')!;
    const encoding = view.submenu!.find(
      (item) => item.label?.replace('&', '') === 'Text Encoding',
    )!;
    const labels = encoding.submenu!.flatMap((item) => (item.label ? [item.label] : []));
    // Automatic and the fifteen code pages issue 8 names.
    expect(labels).toHaveLength(16);
    expect(labels).toEqual(expect.arrayContaining(['Automatic', 'Cyrillic (Windows)', 'Korean']));
    const commands = () =>
      fake.BrowserWindow.all.flatMap((window) =>
        window.webContents.sent.filter((sent) => sent.channel === EVENTS.menuCommand),
      );
    const before = commands().length;
    encoding.submenu!.find((item) => item.label === 'Cyrillic (Windows)')!.click!();
    expect(commands().slice(before)).toEqual([
      { channel: EVENTS.menuCommand, payload: 'encoding:1251' },
    ]);
  });
});
