/**
 * Which URLs in a mail body may load, and where links may lead. One place decides, so the HTML
 * attributes, the CSS inside the mail and the link handler cannot disagree.
 */

/** Object URLs for the pictures a mail carries as attachments (see inline-images.ts). */
export interface InlineImageUrls {
  /** Keyed by normalizeContentId(Content-ID). */
  byContentId: ReadonlyMap<string, string>;
  /** Keyed by normalizeLocation(Content-Location), full and last path segment. */
  byLocation: ReadonlyMap<string, string>;
}

export const NO_INLINE_IMAGES: InlineImageUrls = { byContentId: new Map(), byLocation: new Map() };

export interface ResourceDecision {
  /** The URL to load instead, or null to load nothing. */
  url: string | null;
  /** The mail wanted something from the network (so the "Load remote content" bar shows). */
  isRemote: boolean;
}

/** Tab and line breaks are dropped by URL parsers, so "ht\ntp:" is "http:"; strip them first. */
const URL_IGNORED_CHARACTERS = /[\t\n\r]/g;

/**
 * Data URLs a mail may keep: pictures and fonts (they cannot reach the network). SVG pictures are
 * safe in <img> and CSS: an image document runs no script and loads nothing.
 */
const SAFE_DATA_URL =
  /^data:(?:image\/[a-z0-9.+-]+|font\/[a-z0-9.+-]+|application\/(?:x-)?font-[a-z0-9.+-]+)[;,]/i;

const REMOTE_URL = /^(?:https?:)?\/\//i;

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** `<Image001.PNG@01D9>` and `image001.png@01d9` are the same Content-ID. */
export function normalizeContentId(contentId: string): string {
  return safeDecode(contentId.trim()).replace(/^<|>$/g, '').trim().toLowerCase();
}

export function normalizeLocation(location: string): string {
  return safeDecode(location.replace(URL_IGNORED_CHARACTERS, '').trim()).toLowerCase();
}

/** The last path segment of a location ("images/logo.png" → "logo.png"). */
export function lastSegment(location: string): string {
  return location.split(/[/\\]/).pop() ?? location;
}

/**
 * Decides what an image source, a background or a CSS url() of the mail may load:
 * - `cid:` and Content-Location references → the attachment's object URL (or nothing);
 * - picture and font `data:` URLs → kept;
 * - http, https and protocol-relative → nothing, unless the user allowed remote content for this
 *   message, then the https form (an http picture would be mixed content on a secure page);
 * - anything else (file:, relative paths, other schemes) → nothing.
 */
export function resolveResource(
  raw: string,
  inline: InlineImageUrls,
  allowRemote: boolean,
): ResourceDecision {
  const cleaned = raw.replace(URL_IGNORED_CHARACTERS, '').trim();
  if (/^cid:/i.test(cleaned)) {
    const url = inline.byContentId.get(normalizeContentId(cleaned.slice(4))) ?? null;
    return { url, isRemote: false };
  }
  if (/^data:/i.test(cleaned)) {
    return { url: SAFE_DATA_URL.test(cleaned) ? cleaned : null, isRemote: false };
  }
  const location = normalizeLocation(cleaned);
  const byLocation =
    inline.byLocation.get(location) ??
    (REMOTE_URL.test(cleaned) ? undefined : inline.byLocation.get(lastSegment(location)));
  if (byLocation) return { url: byLocation, isRemote: false };
  if (REMOTE_URL.test(cleaned)) {
    return { url: allowRemote ? toHttps(cleaned) : null, isRemote: true };
  }
  return { url: null, isRemote: false };
}

/** `//host/x` and `http://host/x` → `https://host/x`; null when it does not parse. */
function toHttps(url: string): string | null {
  const absolute = url.startsWith('//') ? `https:${url}` : url;
  try {
    const parsed = new URL(absolute);
    parsed.protocol = 'https:';
    return parsed.href;
  } catch {
    return null;
  }
}

/** Where a link in a mail may go. */
export type LinkTarget =
  /** A place in the same mail (`#section`): scrolls, never navigates. */
  | { kind: 'fragment'; href: string }
  /** http, https or mailto: opened by the system after main shows the real target. */
  | { kind: 'external'; href: string };

const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** The normalised target of a link, or null when it may not be followed at all. */
export function linkTarget(raw: string): LinkTarget | null {
  const cleaned = raw.replace(URL_IGNORED_CHARACTERS, '').trim();
  if (cleaned.startsWith('#')) return { kind: 'fragment', href: cleaned };
  // A protocol-relative link would resolve against our own page (app://…): read it as https.
  const absolute = cleaned.startsWith('//') ? `https:${cleaned}` : cleaned;
  try {
    const parsed = new URL(absolute);
    return LINK_PROTOCOLS.has(parsed.protocol) ? { kind: 'external', href: parsed.href } : null;
  } catch {
    return null;
  }
}
