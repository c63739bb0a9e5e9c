import { describe, expect, it } from 'vitest';
import { HOSTILE_VECTORS } from '../e2e/hostile-vectors';
import { corpusHtmlBodies } from '../fixtures/corpus-html';
import type { BodyFrameModules } from './body-frame-page';
import { useBodyFramePage } from './body-frame-page';

/**
 * purifyTree() runs DOMPurify in place, a piece at a time. Neither may change what DOMPurify
 * decides: the result for pieces of 1, 3 and 40 nodes, and for the whole body in one piece, must
 * equal DOMPurify's ordinary use (one call, the body's markup in, markup out), on the hostile
 * battery (where a changed decision would be a hole) and on real mail.
 */
describe('purifyTree() (Chromium)', () => {
  const pageOf = useBodyFramePage();

  /** Each text sanitized in one call, and in pieces of each size: the body's markup. */
  function purify(texts: string[], unitSizes: number[]) {
    return pageOf().evaluate(
      ({ texts, unitSizes }) => {
        const modules = (window as unknown as { BodyFrame: BodyFrameModules }).BodyFrame;
        const resolve = (url: string) =>
          modules.resolveResource(url, modules.NO_INLINE_IMAGES, false);
        const parsedBody = (text: string) =>
          new DOMParser().parseFromString(text, 'text/html').body;
        const inPieces = (text: string, unitNodes: number) => {
          const body = parsedBody(text);
          modules.runToEnd(modules.purifyTree(body, modules.mailPurifier(resolve), unitNodes));
          return body.innerHTML;
        };
        const oneCall = (text: string) => {
          const purify = modules.mailPurifier(resolve);
          // FORCE_BODY keeps a leading <style> in the body, where the parsed tree has it.
          purify.setConfig({ ...modules.MAIL_CONFIG, IN_PLACE: false, FORCE_BODY: true });
          return purify.sanitize(parsedBody(text).innerHTML) as string;
        };
        return texts.map((text) => ({
          whole: oneCall(text),
          pieces: [Number.POSITIVE_INFINITY, ...unitSizes].map((unit) => inPieces(text, unit)),
        }));
      },
      { texts, unitSizes },
    );
  }

  /** The labels of the texts whose result in pieces differs from one call's. */
  async function differingInPieces(texts: string[], labels: string[]) {
    const results = await purify(texts, [1, 3, 40]);
    const differing = labels.filter((_, index) =>
      results[index]!.pieces.some((pieces) => pieces !== results[index]!.whole),
    );
    return { differing, results };
  }

  it('decides as one call does on every hostile vector, alone and all in one mail', async () => {
    const texts = [
      ...HOSTILE_VECTORS.map((vector) => vector.html),
      HOSTILE_VECTORS.filter((vector) => !vector.endsMail)
        .map((vector) => `<div><p>${vector.name}</p>${vector.html}</div>`)
        .join(''),
    ];
    const { differing, results } = await differingInPieces(texts, [
      ...HOSTILE_VECTORS.map((vector) => vector.name),
      'all in one mail',
    ]);
    expect(differing).toEqual([]);
    // And what one call leaves holds no handler, script or javascript: URL.
    for (const { whole } of results) {
      expect(whole).not.toMatch(/<script|\son\w+=|javascript:/i);
    }
  });

  it('decides as one call does on every HTML body of the corpus', async () => {
    const bodies = corpusHtmlBodies();
    const { differing } = await differingInPieces(
      bodies.map((body) => body.html),
      bodies.map((body) => body.path),
    );
    expect(differing).toEqual([]);
  });

  it('decides as one call does where pieces meet odd structure', async () => {
    const cases = [
      // Clobbering names inside split elements (a form's control, ids that shadow DOM names).
      `<div><form name="x"><input name="attributes"></form>${'<p>a</p>'.repeat(30)}</div>`,
      `<div id="cookie">${'<span>x</span>'.repeat(30)}</div><img name="getElementById">`,
      // A large element of text and comments: one call removes it (escaped markup in text).
      `<div>&lt;b&gt;${'<!--x-->y'.repeat(30)}</div>`,
      // Elements on no list of ours that DOMPurify keeps, and tag names createElement() refuses.
      `<pre>${'<span class="k">x</span>\n'.repeat(40)}</pre><h1>${'<i>t</i>'.repeat(30)}</h1>`,
      `<a<b>${'<span>z</span>'.repeat(30)}</a<b>`,
      // Forbidden and foreign elements holding a lot: never split, judged whole.
      `<form>${'<p>kept text</p>'.repeat(30)}</form><svg>${'<g><a href="x">1</a></g>'.repeat(30)}</svg>`,
      `<template>${'<p>t</p>'.repeat(30)}</template><noscript>${'<p>n</p>'.repeat(30)}</noscript>`,
      // Text that looks like markup in a text-only element (DOMPurify's mXSS check), and a run
      // of text and comment only (the scratch <div> must not look like such an element).
      `<div>${'<p>&lt;img src=x onerror=alert(1)&gt;</p>'.repeat(20)}<!-- <b> --></div>`,
      'x &lt;y <!-- z -->',
      `<table>${'<tr><td style="background:url(https://t.test/a)">x</td></tr>'.repeat(40)}</table>`,
    ];
    const { differing } = await differingInPieces(
      cases,
      cases.map((_, index) => `case ${index}`),
    );
    expect(differing).toEqual([]);
  });

  it('splits large elements DOMPurify keeps, and judges the others whole', async () => {
    const calls = await pageOf().evaluate(() => {
      const modules = (window as unknown as { BodyFrame: BodyFrameModules }).BodyFrame;
      const resolve = (url: string) =>
        modules.resolveResource(url, modules.NO_INLINE_IMAGES, false);
      /** DOMPurify calls needed for the text in pieces of 10 nodes (tag probes included). */
      const callsFor = (text: string) => {
        const purify = modules.mailPurifier(resolve);
        let count = 0;
        const sanitize = purify.sanitize.bind(purify);
        purify.sanitize = ((dirty: Node) => {
          count += 1;
          return sanitize(dirty);
        }) as typeof purify.sanitize;
        const body = new DOMParser().parseFromString(text, 'text/html').body;
        modules.runToEnd(modules.purifyTree(body, purify, 10));
        return count;
      };
      const spans = '<span>x</span>'.repeat(100);
      return {
        // A pasted log: <pre> is on no list of ours, but DOMPurify keeps it, so it is split.
        pre: callsFor(`<pre>${spans}</pre>`),
        // DOMPurify removes <form> (our config): judged whole, in one call after the probe.
        form: callsFor(`<form>${spans}</form>`),
        // Text and comments only: DOMPurify's hidden-markup check needs them together.
        textOnly: callsFor(`<div>${'<!--x-->y'.repeat(100)}</div>`),
      };
    });
    expect(calls.pre).toBeGreaterThan(10);
    expect(calls.form).toBe(2);
    expect(calls.textOnly).toBe(1);
  });
});
