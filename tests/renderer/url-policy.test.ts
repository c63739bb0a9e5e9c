import { describe, expect, it } from 'vitest';
import type { InlineImageUrls } from '../../src-renderer/body-frame/url-policy';
import {
  NO_INLINE_IMAGES,
  linkTarget,
  normalizeContentId,
  resolveResource,
} from '../../src-renderer/body-frame/url-policy';

const INLINE: InlineImageUrls = {
  byContentId: new Map([['image001.png@01d9', 'blob:one']]),
  byLocation: new Map([
    ['https://example.com/logo.png', 'blob:two'],
    ['logo.png', 'blob:two'],
  ]),
};

describe('url-policy', () => {
  describe('normalizeContentId()', () => {
    it('ignores angle brackets, case and percent-encoding', () => {
      expect(normalizeContentId('<Image001.PNG@01D9>')).toBe('image001.png@01d9');
      expect(normalizeContentId('%3Cimage001.png%4001d9%3E')).toBe('image001.png@01d9');
    });
  });

  describe('resolveResource()', () => {
    it("maps cid: to the attachment's URL, and an unknown cid: to nothing", () => {
      expect(resolveResource('CID:Image001.png@01D9', INLINE, false)).toEqual({
        url: 'blob:one',
        isRemote: false,
      });
      expect(resolveResource('cid:other', INLINE, false)).toEqual({ url: null, isRemote: false });
    });

    it('prefers an attachment whose Content-Location matches, even for an http URL', () => {
      expect(resolveResource('https://example.com/logo.png', INLINE, false)).toEqual({
        url: 'blob:two',
        isRemote: false,
      });
      expect(resolveResource('img/logo.png', INLINE, false)).toEqual({
        url: 'blob:two',
        isRemote: false,
      });
    });

    it('blocks remote URLs until allowed, then upgrades them to https', () => {
      for (const url of [
        'https://t.test/a.gif',
        'http://t.test/a.gif',
        '//t.test/a.gif',
        ' ht\ntps://t.test/a.gif',
      ]) {
        expect(resolveResource(url, NO_INLINE_IMAGES, false)).toEqual({
          url: null,
          isRemote: true,
        });
      }
      expect(resolveResource('http://t.test/a.gif', NO_INLINE_IMAGES, true).url).toBe(
        'https://t.test/a.gif',
      );
      expect(resolveResource('//t.test/a.gif', NO_INLINE_IMAGES, true).url).toBe(
        'https://t.test/a.gif',
      );
    });

    it('keeps picture and font data: URLs only', () => {
      expect(resolveResource('data:image/gif;base64,R0lG', NO_INLINE_IMAGES, false).url).toBe(
        'data:image/gif;base64,R0lG',
      );
      expect(
        resolveResource('data:font/woff2;base64,d09G', NO_INLINE_IMAGES, false).url,
      ).not.toBeNull();
      expect(resolveResource('data:text/html,<script>', NO_INLINE_IMAGES, false).url).toBeNull();
    });

    it('loads nothing from file:, other schemes or relative paths', () => {
      for (const url of [
        'file:///etc/passwd',
        'smb://server/share/x.png',
        'pics/a.png',
        'blob:https://x/y',
      ]) {
        expect(resolveResource(url, NO_INLINE_IMAGES, true)).toEqual({
          url: null,
          isRemote: false,
        });
      }
    });
  });

  describe('linkTarget()', () => {
    it('allows http, https and mailto, normalised', () => {
      expect(linkTarget('HTTPS://Example.COM/a b')).toEqual({
        kind: 'external',
        href: 'https://example.com/a%20b',
      });
      expect(linkTarget('mailto:ann@example.com')).toEqual({
        kind: 'external',
        href: 'mailto:ann@example.com',
      });
      expect(linkTarget('//example.org')).toEqual({
        kind: 'external',
        href: 'https://example.org/',
      });
    });

    it('reads a leading # as a place in the mail', () => {
      expect(linkTarget('#part2')).toEqual({ kind: 'fragment', href: '#part2' });
    });

    it('refuses every other scheme and relative links', () => {
      for (const href of [
        'javascript:alert(1)',
        'java\tscript:alert(1)',
        'file:///C:/x',
        'data:text/html,x',
        'ms-settings:',
        'page.html',
        '',
      ]) {
        expect(linkTarget(href)).toBeNull();
      }
    });
  });
});
