import { existsSync, readFileSync } from 'node:fs';
import { build } from 'esbuild';
import type { Browser, BrowserContext } from 'playwright-core';
import { chromium } from 'playwright-core';

/**
 * Real Chromium for the renderer's security tests: DOMPurify, iframe sandboxing and CSP only mean
 * something in a real browser engine (happy-dom runs no sandbox, no CSP, and breaks DOMPurify).
 * Debian's chromium, driven by playwright-core (CI installs it); elsewhere point MSGVIEW_CHROME at a
 * local Chrome or Chromium.
 */
export const CHROMIUM_PATH = process.env.MSGVIEW_CHROME ?? '/usr/bin/chromium';
export const ORIGIN = 'https://msgview.test';

/** Quiet on a closed network (see ../shared/docs/electron-here.md). */
const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `no Chromium at ${CHROMIUM_PATH}: install Debian's chromium or set MSGVIEW_CHROME`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: LAUNCH_ARGS });
}

/** The window's Content Security Policy exactly as src-renderer/index.html declares it. */
export function windowPolicy(): string {
  const html = readFileSync(new URL('../../src-renderer/index.html', import.meta.url), 'utf8');
  const match = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
  if (!match) throw new Error('index.html: expected a Content-Security-Policy meta, found none');
  return match[1]!;
}

/** One renderer module bundled for the page, its exports on `window[globalName]`. */
export async function bundleForBrowser(entry: string, globalName: string): Promise<string> {
  const result = await build({
    entryPoints: [new URL(entry, import.meta.url).pathname],
    bundle: true,
    format: 'iife',
    globalName,
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

export interface ServedFile {
  body: string | Buffer;
  contentType: string;
}

/** A context that serves `files` (path → content) on ORIGIN and anything else as 404. */
export async function servingContext(
  browser: Browser,
  files: Record<string, ServedFile>,
): Promise<BrowserContext> {
  const context = await browser.newContext();
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    const file = url.origin === ORIGIN ? files[url.pathname] : files[url.href];
    return file
      ? route.fulfill({ body: file.body, contentType: file.contentType })
      : route.fulfill({ status: 404, body: '' });
  });
  return context;
}

/** A page of ours: the window's real CSP and the given same-origin scripts. */
export function windowPage(scripts: string[]): ServedFile {
  const tags = scripts.map((src) => `<script src="${src}"></script>`).join('');
  return {
    contentType: 'text/html',
    body: `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${windowPolicy()}">${tags}</head><body></body></html>`,
  };
}
