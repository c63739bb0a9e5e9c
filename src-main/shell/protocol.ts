import { isAbsolute, normalize, relative, resolve, sep } from 'node:path';
import { APP_HOST, APP_PROTOCOL } from '../ipc/router.js';

/**
 * The `app://bundle/…` protocol the renderer is served from: a custom scheme (not file://) so the
 * page has a stable origin the IPC sender check can recognise, and so nothing outside the bundle
 * folder can be read through it.
 */

export const APP_SCHEME = APP_PROTOCOL.slice(0, -1);
export const APP_ENTRY_URL = `${APP_PROTOCOL}//${APP_HOST}/index.html`;

/**
 * The file a request URL names inside `bundleRoot`, or null when it is not ours or would leave the
 * folder (`..`, encoded `%2e%2e`, backslashes, absolute paths, NUL bytes).
 */
export function resolveBundlePath(bundleRoot: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== APP_PROTOCOL || url.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  // Encoded dot segments survive URL parsing (which only folds literal ones): refuse, don't fold.
  if (pathname.includes('\0') || pathname.includes('\\') || pathname.split('/').includes('..'))
    return null;
  const relativePath = normalize(pathname === '/' ? '/index.html' : pathname).replace(
    /^[/\\]+/,
    '',
  );
  const root = resolve(bundleRoot);
  const target = resolve(root, relativePath);
  const fromRoot = relative(root, target);
  if (
    fromRoot === '' ||
    fromRoot.startsWith('..') ||
    isAbsolute(fromRoot) ||
    fromRoot.split(sep).includes('..')
  ) {
    return null;
  }
  return target;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export function contentTypeOf(path: string): string {
  const dot = path.lastIndexOf('.');
  return CONTENT_TYPES[path.slice(dot).toLowerCase()] ?? 'application/octet-stream';
}
