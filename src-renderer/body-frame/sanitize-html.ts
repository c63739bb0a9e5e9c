import DOMPurify from 'dompurify';
import type { Config } from 'dompurify';
import { doctypeOf, frameHead } from './frame-document';
import { rewriteCss, rewriteStyleSheet } from './rewrite-css';
import type { InlineImageUrls, ResourceDecision } from './url-policy';
import { linkTarget, resolveResource } from './url-policy';

/**
 * A mail's HTML made safe to show, in four steps:
 * 1. parse it inertly (DOMParser: nothing loads, nothing runs);
 * 2. the body's markup through DOMPurify configured for mail, every URL it wants to load resolved
 *    by url-policy.ts;
 * 3. the head's <style> sheets through the CSS pass (rewrite-css.ts), the <body>'s presentational
 *    attributes from an allowlist; nothing else of the head survives (meta, base, link, script…);
 * 4. a new document: the mail's doctype, our head (its CSP first), the mail's sheets, the body.
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
  /** A whole document for the frame's `srcdoc`. */
  document: string;
  /** The mail references remote pictures, backgrounds or fonts (blocked unless allowed). */
  hasRemoteContent: boolean;
}

const MAIL_CONFIG: Config = {
  // Keep a leading <style> or <meta> in the body instead of letting the parser move it to a head.
  FORCE_BODY: true,
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
        setOrRemove(element, name, tag === 'img' ? resolve(value).url : null);
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

export function sanitizeMailHtml(html: string, options: SanitizeOptions): SanitizedMail {
  let hasRemoteContent = false;
  const resolve: Resolve = (url) => {
    const decision = resolveResource(url, options.inlineImages, options.allowRemote);
    if (decision.isRemote) hasRemoteContent = true;
    return decision;
  };
  const parsed = new DOMParser().parseFromString(html, 'text/html');

  const purify = DOMPurify(window);
  purify.addHook('uponSanitizeElement', (node, event) => {
    if (event.tagName === 'style') {
      node.textContent = rewriteStyleSheet(node.textContent ?? '', resolve).css;
    }
  });
  purify.addHook('afterSanitizeAttributes', (element) => rewriteElement(element, resolve));
  const body = purify.sanitize(parsed.body?.innerHTML ?? '', MAIL_CONFIG);

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
    document:
      `${doctypeOf(parsed)}<html${htmlAttributes}><head>${frameHead(options.allowRemote)}${sheets}</head>` +
      `<body${bodyAttributes}>${body}</body></html>`,
    hasRemoteContent,
  };
}
