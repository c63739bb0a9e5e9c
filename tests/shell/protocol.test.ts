import { describe, expect, it } from 'vitest';
import { resolveBundlePath } from '../../src-main/shell/protocol.js';
import { readFileSync } from 'node:fs';
import { APP_CONTENT_SECURITY_POLICY, isRequestAllowed } from '../../src-main/shell/security.js';

describe('protocol', () => {
  describe('resolveBundlePath()', () => {
    const root = '/app/out/renderer';

    it('maps app://bundle/ paths into the bundle folder', () => {
      expect(resolveBundlePath(root, 'app://bundle/index.html')).toBe(
        '/app/out/renderer/index.html',
      );
      expect(resolveBundlePath(root, 'app://bundle/')).toBe('/app/out/renderer/index.html');
      expect(resolveBundlePath(root, 'app://bundle/assets/index-abc.js?v=1#x')).toBe(
        '/app/out/renderer/assets/index-abc.js',
      );
    });

    it.each(['app://bundle/../../main/main.cjs', 'app://bundle/%2e%2e/main/main.cjs'])(
      'keeps %s inside the bundle (URL parsing folds dot segments at the root)',
      (url) => {
        expect(resolveBundlePath(root, url)).toBe('/app/out/renderer/main/main.cjs');
      },
    );

    it.each([
      'app://bundle/assets/%2e%2e%2f%2e%2e%2fsecret',
      'app://bundle/..%5c..%5csecret',
      'app://bundle/%00index.html',
      'app://bundle/%E0%A4%A',
      'app://elsewhere/index.html',
      'file:///etc/passwd',
      'not a url',
    ])('refuses %s', (url) => {
      expect(resolveBundlePath(root, url)).toBeNull();
    });
  });
});

describe('security', () => {
  describe('isRequestAllowed()', () => {
    it('lets the bundle and inline data through', () => {
      expect(isRequestAllowed('app://bundle/index.html', false)).toBe(true);
      expect(isRequestAllowed('data:image/png;base64,AAAA', false)).toBe(true);
      expect(isRequestAllowed('blob:app://bundle/1234', false)).toBe(true);
    });

    it('blocks remote content unless the user allowed it', () => {
      expect(isRequestAllowed('https://tracker.example/p.gif', false)).toBe(false);
      expect(isRequestAllowed('https://tracker.example/p.gif', true)).toBe(true);
      expect(isRequestAllowed('http://example.org/', true)).toBe(true);
    });

    it('never lets mail reach the disk or other protocols', () => {
      expect(isRequestAllowed('file:///etc/passwd', true)).toBe(false);
      expect(isRequestAllowed('ftp://example.org/x', true)).toBe(false);
      expect(isRequestAllowed('wss://example.org/socket', true)).toBe(false);
      expect(isRequestAllowed('::not a url::', true)).toBe(false);
    });
  });
});

describe('APP_CONTENT_SECURITY_POLICY', () => {
  it('is the policy index.html declares, so the header and the page never disagree', () => {
    const html = readFileSync(new URL('../../src-renderer/index.html', import.meta.url), 'utf8');
    const declared = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(declared).toBe(APP_CONTENT_SECURITY_POLICY);
  });

  it('lets no script in but our own bundle', () => {
    expect(APP_CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(APP_CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
  });
});
