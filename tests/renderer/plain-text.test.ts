import { describe, expect, it } from 'vitest';
import { linkifyText } from '../../src-renderer/body-frame/plain-text';

describe('linkifyText()', () => {
  it('turns http, https and mailto URLs into links and keeps everything else as text', () => {
    expect(linkifyText('See https://example.com/a?b=1 or mail mailto:ann@example.com now')).toEqual(
      [
        { kind: 'text', text: 'See ' },
        { kind: 'link', text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
        { kind: 'text', text: ' or mail ' },
        { kind: 'link', text: 'mailto:ann@example.com', href: 'mailto:ann@example.com' },
        { kind: 'text', text: ' now' },
      ],
    );
  });

  it('keeps markup as text (it is never parsed)', () => {
    expect(linkifyText('<script>alert(1)</script>')).toEqual([
      { kind: 'text', text: '<script>alert(1)</script>' },
    ]);
  });

  it('does not linkify other schemes', () => {
    expect(linkifyText('file:///etc/passwd javascript:alert(1) ftp://x')).toHaveLength(1);
  });

  it('leaves sentence punctuation and unmatched brackets outside the link', () => {
    const links = (text: string) =>
      linkifyText(text)
        .filter((token) => token.kind === 'link')
        .map((token) => token.text);
    expect(links('Go to https://example.com.')).toEqual(['https://example.com']);
    expect(links('(see https://example.com/a)')).toEqual(['https://example.com/a']);
    expect(links('https://en.wikipedia.org/wiki/Foo_(bar), ok')).toEqual([
      'https://en.wikipedia.org/wiki/Foo_(bar)',
    ]);
    expect(links('Outlook writes <https://example.com/x>')).toEqual(['https://example.com/x']);
  });

  it('keeps line breaks in the text tokens', () => {
    expect(linkifyText('a\n\nb')).toEqual([{ kind: 'text', text: 'a\n\nb' }]);
  });
});
