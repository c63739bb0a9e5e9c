import { linkTarget } from './url-policy';

/**
 * A plain-text body as text and link tokens. Nothing here builds HTML: the component renders the
 * tokens with text interpolation, so every character of the mail is shown, never interpreted.
 * Only http, https and mailto become links.
 */
export type TextToken =
  { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

/** A URL runs to whitespace or a character that cannot be in one unescaped. */
const LINK_CANDIDATE = /\b(?:https?:\/\/|mailto:)[^\s<>"'`{}|\\^]+/gi;
/** Sentence punctuation that ends a URL in prose ("see https://example.com."). */
const TRAILING_PUNCTUATION = /[.,;:!?'"*_~]+$/;

/** Drops trailing punctuation, and a closing bracket that has no opening one inside the URL. */
function trimUrl(candidate: string): string {
  let url = candidate;
  for (;;) {
    const before = url;
    url = url.replace(TRAILING_PUNCTUATION, '');
    for (const [open, close] of [
      ['(', ')'],
      ['[', ']'],
    ] as const) {
      if (url.endsWith(close) && url.split(open).length <= url.split(close).length - 1) {
        url = url.slice(0, -1);
      }
    }
    if (url === before) return url;
  }
}

export function linkifyText(text: string): TextToken[] {
  const tokens: TextToken[] = [];
  let position = 0;
  const pushText = (end: number) => {
    if (end > position) tokens.push({ kind: 'text', text: text.slice(position, end) });
  };
  for (const match of text.matchAll(LINK_CANDIDATE)) {
    const url = trimUrl(match[0]);
    const target = url.length > 0 ? linkTarget(url) : null;
    if (!target || target.kind !== 'external') continue;
    pushText(match.index);
    tokens.push({ kind: 'link', text: url, href: target.href });
    position = match.index + url.length;
  }
  pushText(text.length);
  return tokens;
}
