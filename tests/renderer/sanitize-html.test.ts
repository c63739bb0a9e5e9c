import { describe, expect, it } from 'vitest';
import type { BodyFrameModules } from './body-frame-page';
import { useBodyFramePage } from './body-frame-page';

/**
 * sanitizeMail() run where it runs in the app: in Chromium, under the window's real CSP
 * (DOMPurify is unsupported under happy-dom). Each case is a trick mail uses, or an attack.
 */

/** What the frame ends up showing: the shell with the sanitized body's nodes inside <body>. */
interface FrameDocument {
  document: string;
  hasRemoteContent: boolean;
}

interface Inline {
  cid?: Record<string, string>;
  location?: Record<string, string>;
  allowRemote?: boolean;
}

describe('sanitizeMail() (Chromium)', () => {
  const pageOf = useBodyFramePage();

  function sanitize(html: string, { cid = {}, location = {}, allowRemote = false }: Inline = {}) {
    return pageOf().evaluate(
      ({ html, cid, location, allowRemote }) => {
        const { runToEnd, sanitizeMail } = (window as unknown as { BodyFrame: BodyFrameModules })
          .BodyFrame;
        const mail = runToEnd(
          sanitizeMail(html, {
            inlineImages: {
              byContentId: new Map(Object.entries(cid)),
              byLocation: new Map(Object.entries(location)),
            },
            allowRemote,
          }),
        );
        const closing = '</body></html>';
        if (!mail.shell.endsWith(closing)) throw new Error(`unexpected shell end: ${mail.shell}`);
        const document = mail.shell.slice(0, -closing.length) + mail.content.innerHTML + closing;
        return { document, hasRemoteContent: mail.hasRemoteContent };
      },
      { html, cid, location, allowRemote },
    ) as Promise<FrameDocument>;
  }

  /** The mail part of the result (what follows our head), for precise assertions. */
  async function body(html: string, options?: Inline): Promise<string> {
    const { document } = await sanitize(html, options);
    return document.slice(document.indexOf('<body'));
  }

  describe('what never survives', () => {
    it('removes scripts, handlers and javascript: URLs', async () => {
      const out = await body(
        `<script>alert(1)</script><noscript><p>x</p></noscript><img src="cid:a" onerror="alert(2)">
         <p onclick="alert(3)" onmouseover="alert(4)">text</p><a href="javascript:alert(5)">js</a>
         <a href=" jav&#x09;ascript:alert(6)">tab</a><a href="vbscript:x">vb</a>`,
      );
      expect(out).not.toMatch(/script|alert|onerror|onclick|onmouseover/i);
      expect(out).toContain('<p>text</p>');
      expect(out).toContain('<a>js</a>');
    });

    it('removes forms and their controls, keeping visible text', async () => {
      const out = await body(
        '<form action="https://evil.test/"><input name="password"><textarea>t</textarea><select><option>o</option></select><button formaction="https://evil.test/">Send</button></form>',
      );
      expect(out).not.toMatch(/<form|<input|<textarea|<select|<button|action|evil/i);
      expect(out).toContain('Send');
    });

    it('removes frames, plug-ins, base, meta, link and media', async () => {
      const out = await body(
        `<iframe src="https://evil.test/"></iframe><frame src="x"><object data="x.swf"></object><embed src="x">
         <base href="https://evil.test/"><meta http-equiv="refresh" content="0;url=https://evil.test/">
         <meta http-equiv="Content-Security-Policy" content="img-src *"><link rel="stylesheet" href="https://evil.test/a.css">
         <video poster="https://evil.test/p.png"><source src="https://evil.test/v.mp4"></video>
         <audio src="https://evil.test/a.mp3"></audio><p>kept</p>`,
      );
      expect(out).not.toMatch(
        /iframe|<frame|object|embed|<base|<meta|<link|video|audio|source|evil/i,
      );
      expect(out).toContain('<p>kept</p>');
    });

    it('removes SVG and MathML', async () => {
      const out = await body(
        '<svg onload="alert(1)"><image href="https://evil.test/i.png"/><use href="#x"/></svg><math><mi>x</mi></math><p>ok</p>',
      );
      expect(out).not.toMatch(/svg|image|<use|math|evil/i);
    });

    it("removes data-* attributes, so the mail cannot imitate the viewer's markers", async () => {
      expect(await body('<p data-test="body-frame" data-find-root>x</p>')).toContain('<p>x</p>');
    });

    it('drops everything of the head except style sheets', async () => {
      const { document } = await sanitize(
        '<html><head><title>t</title><base href="https://evil.test/"><script src="https://evil.test/x.js"></script><style>p { color: red }</style></head><body>x</body></html>',
      );
      expect(document).not.toMatch(/evil|<title|<base|<script/i);
      expect(document).toContain('<style>p { color: red }</style>');
    });
  });

  describe('the frame document', () => {
    it('starts its head with our CSP, blocking remote content until allowed', async () => {
      const blocked = await sanitize('<p>x</p>');
      expect(blocked.document).toMatch(
        /^<html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none';[^"]*img-src data: blob:;/,
      );
      const allowed = await sanitize('<p>x</p>', { allowRemote: true });
      expect(allowed.document).toContain('img-src data: blob: https:');
    });

    it('keeps the doctype as written, and adds none to mail without one', async () => {
      expect((await sanitize('<p>x</p>')).document.startsWith('<html>')).toBe(true);
      const transitional = await sanitize(
        '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN"><html><body>x</body></html>',
      );
      expect(transitional.document).toMatch(
        /^<!DOCTYPE html PUBLIC "-\/\/W3C\/\/DTD HTML 4.01 Transitional\/\/EN">/,
      );
    });

    it("keeps the body's colours and language but not its handlers", async () => {
      const out = await body(
        '<body lang="EN-US" link="#0563C1" vlink="#954F72" bgcolor="#ffffee" onload="alert(1)" style="margin:0">x</body>',
      );
      expect(out).toMatch(
        /^<body bgcolor="#ffffee" link="#0563C1" vlink="#954F72" lang="EN-US" style="margin:0">/,
      );
      expect(out).not.toContain('onload');
    });
  });

  describe('styles', () => {
    it("keeps Outlook's comment-wrapped style sheet (DOMPurify alone would drop it)", async () => {
      const { document } = await sanitize(
        '<html><head><style><!-- /* Font Definitions */ p.MsoNormal { margin: 0cm; } --></style></head><body><p class="MsoNormal">x</p></body></html>',
      );
      expect(document).toContain('p.MsoNormal { margin: 0cm; }');
      expect(document).not.toContain('<!--');
    });

    it('keeps a <style> wherever the mail put it, and cannot be broken out of', async () => {
      // A leading <style> is moved into the head by the HTML parser; a later one stays in the body.
      const leading = await sanitize('<style>p { color: green }</style><p>x</p>');
      expect(leading.document).toContain('<style>p { color: green }</style></head>');
      expect(await body('<p>x</p><style>p { color: blue }</style>')).toContain(
        '<style>p { color: blue }</style>',
      );
      const escape = await sanitize(
        '<html><head><style>a{}</style><script>alert(1)</script></head><body>x</body></html>',
      );
      expect(escape.document).not.toContain('alert');
    });

    it('removes @import and remote url() in sheets and style attributes, and says so', async () => {
      const result = await sanitize(
        `<style>@import url("https://evil.test/a.css"); @import 'https://evil.test/b.css'; .a { background: url(https://tracker.test/bg.png) }</style>
         <p style="background-image: url('//tracker.test/p.gif'); color: red">x</p>`,
      );
      expect(result.document).not.toMatch(/@import|evil|tracker/);
      expect(result.document).toContain('background: none');
      expect(result.document).toContain('color: red');
      expect(result.hasRemoteContent).toBe(true);
    });

    it('sees through CSS escapes and image-set() strings', async () => {
      const result = await sanitize(
        String.raw`<p style="background: \75 rl(https://tracker.test/a.gif)">a</p><p style="background: u\rl(https://tracker.test/b.gif)">b</p><p style="background-image: image-set('https://tracker.test/c.png' 1x)">c</p><style>\@import 'https://evil.test/x.css';</style>`,
      );
      expect(result.document).not.toMatch(/tracker|evil/);
      expect(result.hasRemoteContent).toBe(true);
    });
  });

  describe('pictures', () => {
    const inline = {
      cid: { 'logo@01d9': 'blob:https://msgview.test/1' },
      location: { 'image002.png': 'blob:https://msgview.test/2' },
    };

    it("resolves cid: and Content-Location to the message's own attachments", async () => {
      const out = await body(
        `<img src="cid:Logo@01D9"><img src="cid:%3Clogo@01d9%3E"><img src="image002.png"><img src="images/image002.png">
         <table background="cid:logo@01d9"><tr><td style="background: url(cid:logo@01d9)">x</td></tr></table>`,
        inline,
      );
      expect(out.match(/blob:https:\/\/msgview\.test\/1/g)).toHaveLength(4);
      expect(out.match(/blob:https:\/\/msgview\.test\/2/g)).toHaveLength(2);
    });

    it('draws a placeholder for an unknown cid: or relative picture; a file: one gets nothing', async () => {
      const result = await sanitize(
        '<img src="cid:missing" alt="a"><img src="pics/x.png" alt="b"><img src="file:///etc/passwd" alt="c">',
      );
      const pictures = [...result.document.matchAll(/<img src="([^"]*)" alt="(\w)">/g)];
      expect(pictures.map((picture) => picture[2])).toEqual(['a', 'b']);
      // DOMPurify drops a file: URL before our hook sees it.
      expect(result.document).toContain('<img alt="c">');
      // One placeholder drawing for both: an SVG picture, which runs no script in <img>.
      expect(new Set(pictures.map((picture) => picture[1])).size).toBe(1);
      expect(pictures[0]?.[1]).toMatch(/^data:image\/svg\+xml,/);
      expect(result.hasRemoteContent).toBe(false);
    });

    it('resolves a relative picture by an attachment file name (EmailWithAttachments.msg)', async () => {
      // buildInlineImageUrls() indexes file names in byLocation; the body says src="tinkerbell.jpg".
      const out = await body('<img src="tinkerbell.jpg">', {
        cid: {},
        location: { 'tinkerbell.jpg': 'blob:https://msgview.test/3' },
      });
      expect(out).toContain('src="blob:https://msgview.test/3"');
    });

    it('keeps data: pictures but not other data: URLs', async () => {
      const out = await body(
        '<img src="data:image/png;base64,iVBORw0KGgo="><img src="data:text/html;base64,PHNjcmlwdD4=">',
      );
      expect(out).toContain('src="data:image/png;base64,iVBORw0KGgo="');
      expect(out).not.toContain('text/html');
    });

    it('blocks remote pictures, srcset and backgrounds, and reports them', async () => {
      const result = await sanitize(
        '<img src="https://tracker.test/p.gif" alt="p"><img srcset="https://cdn.test/a.png 1x, https://cdn.test/b.png 2x"><td background="http://tracker.test/bg.gif">',
      );
      expect(result.document).not.toMatch(/tracker|cdn\.test/);
      expect(result.hasRemoteContent).toBe(true);
    });

    it('lets remote pictures through once allowed, upgraded to https', async () => {
      const result = await sanitize(
        '<img src="http://cdn.test/a.png"><img src="//cdn.test/b.png"><img src="https://cdn.test/c.png"><img srcset="http://cdn.test/d.png 2x">',
        { allowRemote: true },
      );
      expect(result.document).toContain('src="https://cdn.test/a.png"');
      expect(result.document).toContain('src="https://cdn.test/b.png"');
      expect(result.document).toContain('src="https://cdn.test/c.png"');
      expect(result.document).toContain('srcset="https://cdn.test/d.png 2x"');
      expect(result.document).not.toContain('http://');
    });
  });

  describe('links', () => {
    it('keeps http, https and mailto links, showing the real target and asking the sandbox to block them', async () => {
      const out = await body(
        '<a href="https://example.com/a" title="Our site">a</a><a href="mailto:ann@example.com">m</a><a href="//example.org/x">p</a>',
      );
      expect(out).toContain(
        '<a href="https://example.com/a" title="Our site\nhttps://example.com/a" target="_blank" rel="noopener noreferrer">a</a>',
      );
      expect(out).toContain('href="mailto:ann@example.com"');
      expect(out).toContain('href="https://example.org/x"');
    });

    it('shows the punycode of a look-alike host in the tooltip', async () => {
      expect(await body('<a href="https://exаmple.com/">x</a>')).toContain(
        'title="https://xn--exmple-4nf.com/"',
      );
    });

    it('keeps #fragment links inside the mail without a target', async () => {
      expect(await body('<a href="#part2">next</a><a name="part2">2</a>')).toContain(
        '<a href="#part2">next</a>',
      );
    });

    it('unlinks every other scheme and relative links', async () => {
      const out = await body(
        '<a href="file:///C:/secret.txt">f</a><a href="relative.html">r</a><a href="ms-settings:">s</a><a href="data:text/html,x">d</a>',
      );
      expect(out).toBe('<body><a>f</a><a>r</a><a>s</a><a>d</a></body></html>');
    });
  });
});
