import type { ResourceDecision } from './url-policy';

/**
 * Mail CSS passes through here before it reaches the body frame: `@import` goes (no remote
 * stylesheets, ever), and every url(), src() and image-set() is resolved by the caller's policy
 * (cid: → the attachment, remote → nothing until allowed). The frame's CSP blocks what might slip
 * through; this pass makes the "remote content" bar truthful and inline pictures work.
 */

export interface CssRewrite {
  css: string;
  hasRemote: boolean;
}

type Resolve = (url: string) => ResourceDecision;

/**
 * CSS lets any letter of a name be escaped (`\75 rl(` is `url(`, `\@import` is `@import`), which
 * is how filters that look for "url(" get bypassed. Decode escapes that stand for letters, digits
 * and hyphens before looking; other escapes stay as written (decoding a quote could end a string).
 */
const ESCAPE = /\\(?:([0-9a-f]{1,6})[ \t\n\r\f]?|([g-z]))/gi;
const NAME_CHARACTER = /^[a-z0-9-]$/i;

export function decodeNameEscapes(css: string): string {
  return css.replace(ESCAPE, (whole, hex: string | undefined, letter: string | undefined) => {
    if (letter) return letter;
    const codePoint = Number.parseInt(hex ?? '', 16);
    const character = codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : '';
    return NAME_CHARACTER.test(character) ? character : whole;
  });
}

/** `@import …;` (or the escaped `\@import`) up to its semicolon, the next brace or the end. */
const IMPORT_RULE = /\\?@import\b[^;{}]*(?:;|(?=[{}])|$)/gi;
/** The functions that fetch: url(), src() (CSS Values 4) and (-webkit-)image-set(). */
const FETCHING_FUNCTION = /(?:-webkit-)?image-set\(|\burl\(|\bsrc\(/gi;

/** Index just past the `)` closing a function whose arguments start at `start`, or the end. */
function functionEnd(css: string, start: number): number {
  let depth = 1;
  let quote: string | null = null;
  for (let index = start; index < css.length; index += 1) {
    const character = css[index];
    if (quote) {
      if (character === '\\') index += 1;
      else if (character === quote) quote = null;
    } else if (character === '"' || character === "'") {
      quote = character;
    } else if (character === '(') {
      depth += 1;
    } else if (character === ')') {
      depth -= 1;
      if (depth === 0) return index + 1;
    }
  }
  return css.length;
}

/** The URL inside url(…) / src(…): unquoted, or a quoted string without its escapes. */
function argumentUrl(argument: string): string {
  const trimmed = argument.trim();
  const quoted = /^(["'])([\s\S]*)\1$/.exec(trimmed);
  return quoted ? quoted[2]!.replace(/\\(.)/g, '$1') : trimmed;
}

/** The candidate URLs of image-set(): its strings and its url() arguments. */
function imageSetUrls(argument: string): string[] {
  const urls: string[] = [];
  const candidate = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)|"([^"]*)"|'([^']*)'/gi;
  for (const match of argument.matchAll(candidate)) {
    const url = match.slice(1).find((group) => group !== undefined);
    if (url !== undefined) urls.push(url);
  }
  return urls;
}

function cssString(url: string): string {
  return `"${url.replace(/["\\]/g, '\\$&').replace(/[\n\r\f]/g, ' ')}"`;
}

export function rewriteCss(css: string, resolve: Resolve): CssRewrite {
  let hasRemote = false;
  const decide = (url: string) => {
    const decision = resolve(url);
    if (decision.isRemote) hasRemote = true;
    return decision.url;
  };
  const text = decodeNameEscapes(css).replace(IMPORT_RULE, '');
  let output = '';
  let position = 0;
  for (const match of text.matchAll(FETCHING_FUNCTION)) {
    const start = match.index;
    if (start < position) continue; // inside a function already replaced
    const argumentStart = start + match[0].length;
    const end = functionEnd(text, argumentStart);
    const argument = text.slice(argumentStart, Math.max(argumentStart, end - 1));
    let replacement: string | null = null;
    if (/image-set\($/i.test(match[0])) {
      // Keep the first candidate the policy allows; every remote one still counts.
      for (const url of imageSetUrls(argument)) {
        const resolved = decide(url);
        replacement ??= resolved;
      }
    } else {
      replacement = decide(argumentUrl(argument));
    }
    output +=
      text.slice(position, start) + (replacement ? `url(${cssString(replacement)})` : 'none');
    position = end;
  }
  output += text.slice(position);
  return { css: output, hasRemote };
}

/**
 * The text of a <style> element. Outlook wraps its CSS in `<!-- … -->`, which DOMPurify would
 * take for markup and drop the whole sheet; the markers mean nothing to CSS, so they go, and any
 * other `<` becomes its CSS escape so the text can never read as a tag.
 */
export function rewriteStyleSheet(css: string, resolve: Resolve): CssRewrite {
  const unwrapped = css.replace(/<!--|-->/g, '').replace(/</g, '\\3c ');
  return rewriteCss(unwrapped, resolve);
}
