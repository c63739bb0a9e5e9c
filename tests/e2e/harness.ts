import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { EVENTS } from '../../src-main/contract/ipc-contract.js';
import type { MessageView } from '../../src-main/contract/ipc-contract.js';
import { createRouter } from '../../src-main/ipc/router.js';
import { createHandlers } from '../../src-main/ipc/handlers.js';
import type { ShellServices } from '../../src-main/ipc/handlers.js';
import { createForkParserHost } from '../../src-main/session/parser-host.js';
import type { MessageSnapshot } from '../../src-main/session/message-snapshot.js';
import { SessionService } from '../../src-main/session/session-service.js';
import { startRecordingProxy } from './recording-proxy.js';
import type { RecordingProxy } from './recording-proxy.js';

/**
 * The renderer end to end in real Chromium, with `window.msgview` bound to the real router,
 * handlers and session service in the test process (Electron cannot launch here). Each page plays
 * one window: its close is the window's close, a main-frame navigation is a reload. The renderer is
 * the real Vite build, served on a fake https origin (file:// breaks Vite's module scripts).
 */

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export { corpus } from '../fixtures/corpus.js';
export const ORIGIN = 'https://msgview.test';
export const ENTRY_URL = `${ORIGIN}/index.html`;
export const SCREENSHOTS = join(repoRoot, 'tests', '.artifacts', 'screenshots');

/** Debian's Chromium here; elsewhere set MSGVIEW_CHROME to a local Chrome or Chromium. */
export const CHROME = process.env.MSGVIEW_CHROME ?? '/usr/bin/chromium';

const CHROME_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

let rendererBuilt = false;
/** Harnesses of this process serving the build: the last one to close removes it. */
let rendererUsers = 0;

/**
 * Builds the renderer once per test process (the real build the app ships), into a folder of this
 * process's own: test files run in parallel, and the packaging test builds into out/.
 */
export function buildRenderer(): string {
  const outDir = join(repoRoot, 'tests', '.artifacts', `renderer-${process.pid}`);
  if (!rendererBuilt) {
    execFileSync(
      'npx',
      ['vite', 'build', '--logLevel', 'error', '--outDir', outDir, '--emptyOutDir'],
      {
        cwd: repoRoot,
        stdio: 'pipe',
      },
    );
    rendererBuilt = true;
  }
  return outDir;
}

/** The preload's bridge factory, bundled for the page, wired to a Playwright binding. */
async function bridgeInitScript(): Promise<string> {
  const bundled = await build({
    stdin: {
      contents: `
        import { createBridge } from './src-main/ipc/bridge.ts';
        if (window.top === window) {
          const listeners = new Map();
          window.__msgviewEmit = (event, payload) => (listeners.get(event) ?? []).forEach((listener) => listener(payload));
          window.msgview = createBridge({
            invoke: (channel, args) => window.__msgviewInvoke(channel, args),
            on: (event, listener) => {
              listeners.set(event, [...(listeners.get(event) ?? []), listener]);
              return () => listeners.set(event, (listeners.get(event) ?? []).filter((other) => other !== listener));
            },
            pathForFile: () => null,
          });
        }`,
      resolveDir: repoRoot,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    write: false,
    platform: 'browser',
  });
  return bundled.outputFiles[0]!.text;
}

export interface AppWindow {
  page: Page;
  id: number;
}

export interface Harness {
  browser: Browser;
  context: BrowserContext;
  service: SessionService;
  proxy: RecordingProxy;
  /** Windows the app opened (embedded messages), in order. */
  opened: AppWindow[];
  /** Links the app was asked to open, after confirmation. */
  externalLinks: string[];
  /** Opens a window on the welcome screen, or for a file (as a double-click would). */
  openWindow(filePath?: string): Promise<AppWindow>;
  /** Sends a main → renderer event to a window. */
  emit(window: AppWindow, event: string, payload: unknown): Promise<void>;
  screenshot(window: AppWindow, name: string): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(
  options: { colorScheme?: 'light' | 'dark'; confirmLinks?: boolean } = {},
): Promise<Harness> {
  const rendererDir = buildRenderer();
  rendererUsers += 1;
  const proxy = await startRecordingProxy();
  const browser = await chromium.launch({
    executablePath: CHROME,
    args: CHROME_ARGS,
    proxy: { server: proxy.url, bypass: '<-loopback>' },
  });
  const context = await browser.newContext({
    colorScheme: options.colorScheme ?? 'light',
    viewport: { width: 1100, height: 800 },
  });
  const work = mkdtempSync(join(tmpdir(), 'msgview-e2e-'));
  const parser = createForkParserHost({
    workerScript: join(repoRoot, 'src-main', 'session', 'parse-worker.ts'),
    execArgv: ['--import', 'tsx'],
  });
  const windows = new Map<Page, AppWindow>();
  const service = new SessionService(parser, {
    tempRoot: work,
    onOpenProgress: (owner, readFraction) => {
      const target = [...windows.values()].find((window) => window.id === owner);
      // Before its page has loaded, a window has no listeners yet (as in the app).
      if (target) void emitTo(target, EVENTS.openProgress, readFraction).catch(() => undefined);
    },
  });
  let nextId = 1;
  const opened: AppWindow[] = [];
  const externalLinks: string[] = [];

  await context.route(`${ORIGIN}/**`, async (route) => {
    const path = new URL(route.request().url()).pathname;
    const file = join(rendererDir, path === '/' ? 'index.html' : path);
    if (!file.startsWith(rendererDir) || !existsSync(file)) return route.fulfill({ status: 404 });
    await route.fulfill({
      status: 200,
      contentType: CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      body: readFileSync(file),
    });
  });

  const shell: ShellServices = {
    showOpenDialog: async () => null,
    showSaveDialog: async (_owner, name) => join(work, 'saved', name),
    showFolderDialog: async () => join(work, 'saved-all'),
    openWithSystem: async () => undefined,
    confirmLink: async () => options.confirmLinks ?? true,
    openExternal: async (url) => void externalLinks.push(url.href),
    openMessageWindow: async (snapshot: MessageSnapshot, filePath: string) => {
      const window = await newWindow((id) => service.openSession(id).adopt(snapshot, filePath));
      opened.push(window);
    },
    openInNewWindow: (path) => void newWindow((id) => service.openSession(id).openMessage(path)),
    recentFiles: () => [],
    addRecentFile: () => undefined,
  };
  const router = createRouter({
    handlers: createHandlers(service, shell),
    isOurWindow: (id) => [...windows.values()].some((window) => window.id === id),
    trustedOrigins: [{ protocol: 'https:', host: 'msgview.test' }],
  });

  await context.exposeBinding(
    '__msgviewInvoke',
    async (source, channel: string, args: unknown[]) => {
      const window = windows.get(source.page);
      return router.dispatch(
        channel,
        {
          webContentsId: window?.id ?? -1,
          frameUrl: source.frame.url(),
          isTopFrame: source.frame === source.page.mainFrame(),
        },
        args,
      );
    },
  );
  await context.addInitScript({ content: await bridgeInitScript() });

  async function emitTo(target: AppWindow, event: string, payload: unknown): Promise<void> {
    await target.page.evaluate(
      ([name, data]) =>
        (globalThis as unknown as { __msgviewEmit(n: unknown, d: unknown): void }).__msgviewEmit(
          name,
          data,
        ),
      [event, payload] as const,
    );
  }

  async function newWindow(prepare?: (id: number) => unknown): Promise<AppWindow> {
    const page = await context.newPage();
    const window = { page, id: nextId++ };
    windows.set(page, window);
    // As in the app: a window's session closes when it closes or reloads.
    page.on('close', () => void service.closeSession(window.id));
    let loads = 0;
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame() && loads++ > 0) void service.closeSession(window.id);
    });
    if (prepare) {
      const opening = prepare(window.id);
      if (opening instanceof Promise) opening.catch(() => undefined);
    }
    await page.goto(ENTRY_URL);
    return window;
  }

  return {
    browser,
    context,
    service,
    proxy,
    opened,
    externalLinks,
    openWindow: (filePath) =>
      newWindow(filePath ? (id) => service.openSession(id).openMessage(filePath) : undefined),
    emit: emitTo,
    screenshot: async (window, name) => {
      mkdirSync(SCREENSHOTS, { recursive: true });
      await window.page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
    },
    close: async () => {
      await context.close();
      await browser.close();
      await service.closeAll();
      parser.dispose();
      await proxy.close();
      rmSync(work, { recursive: true, force: true });
      // Another harness of this file (a dark-theme one, say) may still be serving the build.
      rendererUsers -= 1;
      if (rendererUsers === 0) {
        rmSync(rendererDir, { recursive: true, force: true });
        rendererBuilt = false;
      }
    },
  };
}

export { EVENTS };
export type { MessageView };
