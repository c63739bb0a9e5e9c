/**
 * The document the body frame shows: the sanitized mail plus our head — its own Content Security
 * Policy first, then a base style the mail's CSS can override. See README.md in this folder for
 * why the frame is sandboxed the way it is.
 */

/**
 * The iframe's sandbox: every restriction on, except `allow-same-origin`, so the window can
 * reach into the frame (link clicks, find, sizing). Without `allow-scripts` nothing in the
 * frame runs — no <script>, no on* handler, no javascript: URL — whatever the sanitizer missed.
 * The pair that would be dangerous (`allow-scripts allow-same-origin`, which lets a frame lift
 * its own sandbox) can never occur because scripts are never allowed.
 */
export const FRAME_SANDBOX = 'allow-same-origin';

/** The Custom Highlight names the find bar uses (styled in the frame and in the window). */
export const FIND_HIGHLIGHT = 'msgview-find';
export const FIND_CURRENT_HIGHLIGHT = 'msgview-find-current';

/**
 * The frame's own policy, on top of the window's (a srcdoc document inherits that one too).
 * Remote images and fonts (https only) only after the user asked, for this message.
 */
export function frameContentSecurityPolicy(allowRemote: boolean): string {
  const remote = allowRemote ? ' https:' : '';
  return [
    "default-src 'none'",
    "script-src 'none'",
    `img-src data: blob:${remote}`,
    "style-src 'unsafe-inline'",
    `font-src data:${remote}`,
    "frame-src 'none'",
    "object-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}

/** Before the mail's own CSS, so the mail wins: only what unstyled mail needs to read well. */
const BASE_STYLE = `
:root { color-scheme: light; }
body {
  margin: 16px 20px;
  font-family: system-ui, -apple-system, 'Segoe UI', Roboto, Ubuntu, 'Noto Sans', Arial, sans-serif;
  font-size: 14px;
  overflow-wrap: break-word;
}
pre { white-space: pre-wrap; }
a[href] { cursor: pointer; }
::highlight(${FIND_HIGHLIGHT}) { background-color: #ffe066; color: #000; }
::highlight(${FIND_CURRENT_HIGHLIGHT}) { background-color: #ff9632; color: #000; }
`;

/**
 * Our part of the frame's <head>: the CSP first (a meta policy governs only what comes after it),
 * then charset, no referrer (remote pictures, once allowed, must not tell the sender where they
 * were opened), a light colour scheme, and the base style.
 */
export function frameHead(allowRemote: boolean): string {
  return [
    `<meta http-equiv="Content-Security-Policy" content="${frameContentSecurityPolicy(allowRemote)}">`,
    '<meta charset="utf-8">',
    '<meta name="referrer" content="no-referrer">',
    '<meta name="color-scheme" content="light">',
    `<style>${BASE_STYLE}</style>`,
  ].join('');
}

/**
 * The mail's doctype as written. It does not change the layout mode: a srcdoc document is always
 * in no-quirks mode whatever its doctype (HTML, "iframe srcdoc document"), as webmail shows mail.
 */
export function doctypeOf(doc: Document): string {
  const doctype = doc.doctype;
  if (!doctype) return '';
  const clean = (text: string) => text.replace(/[^\w\s\-/.:()+,]/g, '');
  let text = `<!DOCTYPE ${clean(doctype.name) || 'html'}`;
  if (doctype.publicId) text += ` PUBLIC "${clean(doctype.publicId)}"`;
  if (doctype.systemId) text += `${doctype.publicId ? '' : ' SYSTEM'} "${clean(doctype.systemId)}"`;
  return `${text}>`;
}
