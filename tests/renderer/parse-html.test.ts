import { describe, expect, it } from 'vitest';
import { corpusHtmlBodies } from '../fixtures/corpus-html';
import type { BodyFrameModules } from './body-frame-page';
import { useBodyFramePage } from './body-frame-page';

/**
 * parseHtml() feeds the browser's parser a piece at a time; the tree must be the one DOMParser
 * builds from the whole text at once, wherever the pieces are cut (pieces of 1 and 7 characters
 * cut through every tag, entity, comment and surrogate pair).
 */
describe('parseHtml() (Chromium)', () => {
  const pageOf = useBodyFramePage();

  /** For each text: does the piecewise tree (doctype, mode, markup) equal DOMParser's? */
  function compare(texts: string[], pieceLength: number) {
    return pageOf().evaluate(
      ({ texts, pieceLength }) => {
        const { parseHtml, runToEnd } = (window as unknown as { BodyFrame: BodyFrameModules })
          .BodyFrame;
        const describeDocument = (doc: Document) =>
          JSON.stringify([
            doc.doctype && [doc.doctype.name, doc.doctype.publicId, doc.doctype.systemId],
            doc.compatMode,
            doc.documentElement.outerHTML,
          ]);
        return texts.map((text) => {
          const whole = describeDocument(new DOMParser().parseFromString(text, 'text/html'));
          const pieces = describeDocument(runToEnd(parseHtml(text, pieceLength)));
          return whole === pieces ? 'same' : `differs:\n${whole}\n${pieces}`;
        });
      },
      { texts, pieceLength },
    );
  }

  const TRICKY = [
    // No doctype: quirks mode, where <table> stays inside an open <p>.
    '<p>before<table><tr><td>cell</td></tr></table>after',
    '<!DOCTYPE html><p>before<table><tr><td>cell</td></tr></table>after',
    '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN"><p>x<table><td>y</table>',
    // Raw text and RCDATA elements: their end tags cut in two.
    '<style>p { color: red } /* </sty */</style><title>a &amp; b</title><textarea>x</textarea>',
    '<script>if (a < b) document.write("</p>")</script><p>after',
    // Comments, CDATA in HTML, character references cut anywhere.
    '<!-- a -- b --><p>&eacute;&#x1F600;&notin;&notit;</p><![CDATA[ x ]]>',
    // Surrogate pairs and CR LF at every position.
    'a😀b\r\nc\r\n😀😀\r\r\n<p>\r\n😀</p>',
    // Foreign content and the parser's adoption agency.
    '<svg><desc><p>x</p></desc></svg><math><mi>y</mi></math><b><i>1</b>2</i>',
    '<table><tr><td>a<p>b</table>c<form><input></form>',
    '<plaintext><p>everything after is text',
    // Declarative shadow DOM: neither builds a shadow root (it stays an inert <template>).
    '<div><template shadowrootmode="open"><img src="x"></template>light</div>',
  ];

  it('builds the tree DOMParser builds, pieces of 1 and 7 characters', async () => {
    for (const pieceLength of [1, 7]) {
      expect(await compare(TRICKY, pieceLength)).toEqual(TRICKY.map(() => 'same'));
    }
  });

  it('builds the tree DOMParser builds for every HTML body of the corpus', async () => {
    const bodies = corpusHtmlBodies();
    expect(bodies.length).toBeGreaterThan(50);
    const results = await compare(
      bodies.map((body) => body.html),
      61,
    );
    const differing = bodies.filter((_, index) => results[index] !== 'same');
    expect(differing.map((body) => body.path)).toEqual([]);
  });

  it('reports progress rising to 1', async () => {
    const fractions = await pageOf().evaluate(() => {
      const { parseHtml } = (window as unknown as { BodyFrame: BodyFrameModules }).BodyFrame;
      const job = parseHtml('<p>' + 'x'.repeat(1000) + '</p>', 100);
      const seen: number[] = [];
      for (let step = job.next(); !step.done; step = job.next()) seen.push(step.value);
      return seen;
    });
    expect(fractions.length).toBeGreaterThanOrEqual(10);
    expect(fractions.every((value, index) => index === 0 || value > fractions[index - 1]!)).toBe(
      true,
    );
    expect(fractions.at(-1)).toBe(1);
  });

  it('loads and runs nothing while parsing', async () => {
    const events = await pageOf().evaluate(async () => {
      const { parseHtml, runToEnd } = (window as unknown as { BodyFrame: BodyFrameModules })
        .BodyFrame;
      const seen: string[] = [];
      (window as unknown as { ran: () => void }).ran = () => seen.push('script ran');
      const observer = new PerformanceObserver((list) =>
        list.getEntries().forEach((entry) => seen.push(`fetched ${entry.name}`)),
      );
      observer.observe({ type: 'resource' });
      runToEnd(
        parseHtml(
          '<img src="/pixel.png" onerror="ran()"><script>ran()</script>' +
            '<link rel=stylesheet href="/sheet.css"><iframe src="/frame.html"></iframe>',
          5,
        ),
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      const whileParsing = [...seen];
      // Control: the same picture in the window's own document is fetched, and seen.
      document.body.insertAdjacentHTML('beforeend', '<img src="/control.png">');
      await new Promise((resolve) => setTimeout(resolve, 300));
      observer.disconnect();
      return { whileParsing, control: seen.slice(whileParsing.length) };
    });
    expect(events.whileParsing).toEqual([]);
    expect(events.control).toEqual([expect.stringContaining('/control.png')]);
  });
});
