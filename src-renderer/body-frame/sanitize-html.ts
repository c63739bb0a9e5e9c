import DOMPurify from 'dompurify';
import type { Config, DOMPurify as Purifier } from 'dompurify';
import { doctypeOf, frameHead } from './frame-document';
import { parseHtml } from './parse-html';
import { purifyTree } from './purify-tree';
import { rewriteCss, rewriteStyleSheet } from './rewrite-css';
import { phase } from './slices';
import type { SlicedJob } from './slices';
import type { InlineImageUrls, ResourceDecision } from './url-policy';
import { linkTarget, resolveResource } from './url-policy';

/**
 * A mail's HTML made safe to show, in four steps:
 * 1. parse it inertly (parse-html.ts: nothing loads, nothing runs);
 * 2. the body's tree through DOMPurify configured for mail, in place and a piece at a time
 *    (purify-tree.ts), every URL it wants to load resolved by url-policy.ts;
 * 3. the head's <style> sheets through the CSS pass (rewrite-css.ts), the <body>'s presentational
 *    attributes from an allowlist; nothing else of the head survives (meta, base, link, script…);
 * 4. a frame document shell: the mail's doctype, our head (its CSP first), the mail's sheets, an
 *    empty <body> with the mail's attributes. The sanitized body's nodes are then moved into the
 *    frame (move-tree.ts), never serialized and re-parsed.
 * Steps 1 and 2 are a SlicedJob (slices.ts), so a large body can be done without freezing the
 * window.
 *
 * What goes and why:
 * - scripts, event handlers, javascript: URLs — DOMPurify; the frame could not run them anyway;
 * - forms and their controls — a mail must not collect input or submit anywhere;
 * - iframe, frame, object, embed, portal — no nested documents or plug-ins;
 * - base — it would change where every relative URL points; meta — refresh redirects, and a
 *   second CSP the mail could write; link — remote stylesheets and prefetches;
 * - audio, video, source, track, picture — media would fetch; a picture's <img> fallback stays;
 * - SVG and MathML — not needed for mail, and SVG can reference remote resources;
 * - popover and command attributes — they act without script;
 * - data-* attributes — the mail cannot imitate markers of ours.
 * Kept: <style> and style="" (mail layout lives there, rewritten by rewrite-css.ts), tables,
 * legacy presentational attributes (bgcolor, background, body link colours).
 */

export interface SanitizeOptions {
  inlineImages: InlineImageUrls;
  /** The user allowed remote content for this message. */
  allowRemote: boolean;
}

export interface SanitizedMail {
  /** The frame's document for its `srcdoc`, with an empty <body>: `content` is moved in. */
  shell: string;
  /** The sanitized body, in an inert document: its children are what the frame shows. */
  content: Element;
  /** The mail references remote pictures, backgrounds or fonts (blocked unless allowed). */
  hasRemoteContent: boolean;
}

export const MAIL_CONFIG: Config = {
  // The parsed body is sanitized where it is (purify-tree.ts), never serialized and re-parsed.
  IN_PLACE: true,
  USE_PROFILES: { html: true },
  FORBID_TAGS: [
    'script',
    'noscript',
    'form',
    'input',
    'button',
    'select',
    'option',
    'optgroup',
    'datalist',
    'textarea',
    'iframe',
    'frame',
    'frameset',
    'object',
    'embed',
    'applet',
    'portal',
    'base',
    'meta',
    'link',
    'audio',
    'video',
    'source',
    'track',
    'picture',
    'dialog',
    'template',
  ],
  FORBID_ATTR: [
    'action',
    'formaction',
    'ping',
    'srcdoc',
    'autofocus',
    'popover',
    'popovertarget',
    'popovertargetaction',
    'command',
    'commandfor',
    'integrity',
    'crossorigin',
    'nonce',
    'xmlns',
  ],
  ALLOW_DATA_ATTR: false,
};

/** What <body> may keep: old Outlook HTML sets its colours here (`<body link=blue vlink=purple>`). */
const BODY_ATTRIBUTES = ['bgcolor', 'text', 'link', 'vlink', 'alink', 'lang', 'dir', 'class'];
const HTML_ATTRIBUTES = ['lang', 'dir'];

type Resolve = (url: string) => ResourceDecision;

function rewriteSrcset(srcset: string, resolve: Resolve): string | null {
  const candidates = srcset
    .split(/,(?=\s*\S)/)
    .map((candidate) => candidate.trim())
    .filter(Boolean);
  const rewritten: string[] = [];
  for (const candidate of candidates) {
    const [url = '', ...descriptors] = candidate.split(/\s+/);
    const resolved = resolve(url).url;
    if (!resolved) return null;
    rewritten.push([resolved, ...descriptors].join(' '));
  }
  return rewritten.length > 0 ? rewritten.join(', ') : null;
}

/** Writes only a changed value: setting style="" makes the browser parse it again. */
function setOrRemove(element: Element, name: string, value: string | null): void {
  if (value === null || value === '') element.removeAttribute(name);
  else if (element.getAttribute(name) !== value) element.setAttribute(name, value);
}

/**
 * A picture frame drawn where the mail shows a picture of its own that the file does not hold (an
 * unknown cid:, a relative name no attachment has), so the layout keeps its hole and the reader
 * sees that something is missing, as Outlook does. An SVG in <img> runs no script.
 */
export const MISSING_PICTURE_URL = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 32 32">' +
    '<rect x="1" y="1" width="30" height="30" fill="#f3f3f3" stroke="#a0a0a0" stroke-width="2"/>' +
    '<path d="M7 24l6-8 4 5 3-3 5 6z" fill="#a0a0a0"/><circle cx="21" cy="10" r="3" fill="#a0a0a0"/>' +
    '</svg>',
)}`;

/** An <img> source: the resolved URL, nothing for blocked remote pictures, else the placeholder. */
function pictureSource(value: string, resolve: Resolve): string | null {
  const decision = resolve(value);
  if (decision.url !== null || decision.isRemote || value.trim() === '') return decision.url;
  return MISSING_PICTURE_URL;
}

/**
 * Runs after DOMPurify has vetted an element's attributes: what is set here is ours. One pass over
 * the attributes the element has (mail can hold tens of thousands of elements).
 */
function rewriteElement(element: Element, resolve: Resolve): void {
  if (!element.hasAttributes()) return;
  const tag = element.tagName.toLowerCase();
  const isLink = tag === 'a' || tag === 'area';
  for (const name of element.getAttributeNames()) {
    const value = element.getAttribute(name) ?? '';
    switch (name) {
      case 'style':
        setOrRemove(element, name, rewriteCss(value, resolve).css.trim());
        break;
      case 'background':
        setOrRemove(element, name, resolve(value).url);
        break;
      case 'src':
        setOrRemove(element, name, tag === 'img' ? pictureSource(value, resolve) : null);
        break;
      case 'srcset':
        setOrRemove(element, name, tag === 'img' ? rewriteSrcset(value, resolve) : null);
        break;
      case 'poster':
        element.removeAttribute(name);
        break;
      case 'target':
        // Only links get one, set by rewriteLink.
        element.removeAttribute(name);
        break;
    }
  }
  if (isLink) rewriteLink(element);
}

/**
 * Links keep their real href (keyboard focus, the tooltip, the window's click handler read it)
 * and get `target=_blank`: the sandbox has no allow-popups, so if the window's click handler
 * were ever missing, a click would be blocked rather than navigate the frame to the page.
 */
function rewriteLink(element: Element): void {
  const href = element.getAttribute('href');
  if (href === null) return;
  const target = linkTarget(href);
  if (!target) {
    element.removeAttribute('href');
    return;
  }
  element.setAttribute('href', target.href);
  if (target.kind === 'external') {
    element.setAttribute('target', '_blank');
    element.setAttribute('rel', 'noopener noreferrer');
    // Show where the link really goes: link text that names another site is a phishing classic.
    const title = element.getAttribute('title')?.trim();
    element.setAttribute(
      'title',
      title && title !== target.href ? `${title}\n${target.href}` : target.href,
    );
  }
}

function escapeAttribute(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

function attributesOf(
  element: Element | null,
  names: readonly string[],
  extra: Record<string, string | null> = {},
) {
  const pairs: Array<[string, string]> = [];
  for (const name of names) {
    const value = element?.getAttribute(name);
    if (value) pairs.push([name, value]);
  }
  for (const [name, value] of Object.entries(extra)) if (value) pairs.push([name, value]);
  return pairs.map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`).join('');
}

/** DOMPurify set up for mail, every URL it keeps resolved through `resolve`. */
export function mailPurifier(resolve: Resolve): Purifier {
  const purify = DOMPurify(window);
  purify.setConfig(MAIL_CONFIG);
  purify.addHook('uponSanitizeElement', (node, event) => {
    if (event.tagName === 'style') {
      node.textContent = rewriteStyleSheet(node.textContent ?? '', resolve).css;
    }
  });
  purify.addHook('afterSanitizeAttributes', (element) => rewriteElement(element, resolve));
  return purify;
}

/** Parsing takes about a tenth of the time DOMPurify takes. */
const PARSE_SHARE = 0.1;

/** Sanitizes a mail's HTML as a SlicedJob: run it with runInSlices() or runToEnd(). */
export function* sanitizeMail(html: string, options: SanitizeOptions): SlicedJob<SanitizedMail> {
  let hasRemoteContent = false;
  const resolve: Resolve = (url) => {
    const decision = resolveResource(url, options.inlineImages, options.allowRemote);
    if (decision.isRemote) hasRemoteContent = true;
    return decision;
  };
  const parsed = yield* phase(parseHtml(html), 0, PARSE_SHARE);
  // A frameset document has no <body>: its frames go, nothing is left to show.
  const content = parsed.body ?? parsed.createElement('body');
  yield* phase(purifyTree(content, mailPurifier(resolve)), PARSE_SHARE, 1);

  // rewriteStyleSheet leaves no "<" in the text, so a sheet can never close its <style> early.
  const sheets = Array.from(parsed.head?.querySelectorAll('style') ?? [])
    .map((style) => `<style>${rewriteStyleSheet(style.textContent ?? '', resolve).css}</style>`)
    .join('');
  const bodyStyle = parsed.body?.getAttribute('style');
  const bodyBackground = parsed.body?.getAttribute('background');
  const bodyAttributes = attributesOf(parsed.body, BODY_ATTRIBUTES, {
    style: bodyStyle ? rewriteCss(bodyStyle, resolve).css.trim() : null,
    background: bodyBackground ? resolve(bodyBackground).url : null,
  });
  const htmlAttributes = attributesOf(parsed.documentElement, HTML_ATTRIBUTES);
  return {
    shell:
      `${doctypeOf(parsed)}<html${htmlAttributes}><head>${frameHead(options.allowRemote)}${sheets}</head>` +
      `<body${bodyAttributes}></body></html>`,
    content,
    hasRemoteContent,
  };
}
