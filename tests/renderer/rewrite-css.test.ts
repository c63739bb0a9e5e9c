import { describe, expect, it } from 'vitest';
import {
  decodeNameEscapes,
  rewriteCss,
  rewriteStyleSheet,
} from '../../src-renderer/body-frame/rewrite-css';
import type { ResourceDecision } from '../../src-renderer/body-frame/url-policy';

/** A policy for the tests: cid:x → blob:x, https → remote (kept when `allow`), anything else → dropped. */
function policy(allow = false) {
  const seen: string[] = [];
  const resolve = (url: string): ResourceDecision => {
    seen.push(url);
    if (url.startsWith('cid:')) return { url: `blob:${url.slice(4)}`, isRemote: false };
    if (url.startsWith('https:')) return { url: allow ? url : null, isRemote: true };
    return { url: null, isRemote: false };
  };
  return { resolve, seen };
}

describe('rewrite-css', () => {
  describe('decodeNameEscapes()', () => {
    it('decodes escapes of letters, digits and hyphens (the ones that spell "url(")', () => {
      expect(decodeNameEscapes(String.raw`\75 rl( \000075rl( u\rl( \40 import`)).toBe(
        String.raw`url( url( url( \40 import`,
      );
    });

    it('leaves escapes that could end a string or a rule as written', () => {
      expect(decodeNameEscapes(String.raw`content: "\22 \7d"`)).toBe(
        String.raw`content: "\22 \7d"`,
      );
    });
  });

  describe('rewriteCss()', () => {
    it('resolves url() in every quoting style', () => {
      const { resolve, seen } = policy();
      const { css } = rewriteCss(
        `a{b:url(cid:one)} c{d:url( "cid:two" )} e{f:url('cid:th\\'ree')}`,
        resolve,
      );
      expect(seen).toEqual(['cid:one', 'cid:two', "cid:th'ree"]);
      expect(css).toBe(`a{b:url("blob:one")} c{d:url("blob:two")} e{f:url("blob:th'ree")}`);
    });

    it('replaces what may not load with none, and reports remote references', () => {
      const result = rewriteCss(
        'a { background: #fff url(https://t.test/p.gif) no-repeat; }',
        policy().resolve,
      );
      expect(result).toEqual({ css: 'a { background: #fff none no-repeat; }', hasRemote: true });
    });

    it('keeps remote references once allowed', () => {
      const result = rewriteCss('a{b:url(https://cdn.test/x.png)}', policy(true).resolve);
      expect(result.css).toBe('a{b:url("https://cdn.test/x.png")}');
    });

    it('removes @import in any form, escaped or not', () => {
      const { css } = rewriteCss(
        String.raw`@import url(x.css); @import "y.css" screen; \@import 'z.css'; p{}`,
        policy().resolve,
      );
      expect(css.trim()).toBe('p{}');
    });

    it('reads image-set() strings as URLs', () => {
      const result = rewriteCss(
        `a{b:-webkit-image-set("https://t.test/a.png" 1x, url(cid:b) 2x)}`,
        policy().resolve,
      );
      expect(result.css).toBe('a{b:url("blob:b")}');
      expect(result.hasRemote).toBe(true);
    });

    it('drops an unclosed url( to the end rather than leaving a fetch', () => {
      expect(rewriteCss('a{b:url(https://t.test/x', policy().resolve).css).toBe('a{b:none');
    });
  });

  describe('rewriteStyleSheet()', () => {
    it("drops Outlook's <!-- --> wrapper and escapes any other '<'", () => {
      const { css } = rewriteStyleSheet('<!-- p{} a[title="<b>"]{} -->', policy().resolve);
      expect(css).toBe(String.raw` p{} a[title="\3c b>"]{} `);
      expect(css).not.toContain('<');
    });
  });
});
