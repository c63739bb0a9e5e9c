import type { WebPreferences } from 'electron';

/**
 * The security policy of every window, in one place. A .msg file is untrusted: its HTML must never
 * run script, reach the network unasked, or reach Node. The renderer itself gets no Node, runs
 * sandboxed and isolated, and talks to main only through the preload's narrow API.
 */

export function webPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
  };
}

/**
 * The app page's Content-Security-Policy, sent as a header by the app:// protocol and repeated in
 * src-renderer/index.html (a test keeps the two equal). The mail body's srcdoc iframe inherits it
 * and adds its own, stricter one; https: images and fonts are allowed here only so that "Load remote
 * content" can work at all: the body frame forbids them until the user asks, and the main process
 * cancels the requests too.
 */
export const APP_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https:",
  "font-src 'self' data: https:",
  "frame-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Schemes a request may use without the user's "load remote content" for that window. */
const ALWAYS_ALLOWED_SCHEMES = new Set(['app:', 'data:', 'blob:', 'devtools:', 'about:']);

/**
 * Whether a request may go out. Remote requests (http, https, ws, ftp…) are cancelled unless the
 * window's user allowed remote content for the message it shows. `file:` is never allowed: mail
 * HTML could otherwise probe the local disk.
 */
export function isRequestAllowed(url: string, remoteContentAllowed: boolean): boolean {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    return false;
  }
  if (ALWAYS_ALLOWED_SCHEMES.has(protocol)) return true;
  if (protocol === 'https:' || protocol === 'http:') return remoteContentAllowed;
  return false;
}

/** Permission requests (camera, notifications, geolocation, clipboard-read…) are all refused. */
export function isPermissionGranted(_permission: string): boolean {
  return false;
}
