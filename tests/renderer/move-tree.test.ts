import { describe, expect, it } from 'vitest';
import { corpusHtmlBodies } from '../fixtures/corpus-html';
import type { BodyFrameModules } from './body-frame-page';
import { useBodyFramePage } from './body-frame-page';

/**
 * moveTree() fills the body frame a piece at a time: the frame must end up with exactly the tree
 * it was given (the very nodes, not a re-parse), whatever the piece size.
 */
describe('moveTree() (Chromium)', () => {
  const pageOf = useBodyFramePage();

  /** Each text's body moved into a frame in pieces of `unitNodes`: same markup before and after? */
  function moveAll(texts: string[], unitNodes: number) {
    return pageOf().evaluate(
      async ({ texts, unitNodes }) => {
        const { moveTree, runToEnd } = (window as unknown as { BodyFrame: BodyFrameModules })
          .BodyFrame;
        const frame = document.createElement('iframe');
        frame.setAttribute('sandbox', 'allow-same-origin');
        frame.srcdoc = '<!DOCTYPE html><html><head></head><body></body></html>';
        await new Promise((resolve) => {
          frame.onload = resolve;
          document.body.append(frame);
        });
        const target = frame.contentDocument!.body;
        const results = texts.map((text) => {
          const source = new DOMParser().parseFromString(text, 'text/html').body;
          const before = source.innerHTML;
          target.replaceChildren();
          runToEnd(moveTree(source, target, unitNodes));
          // Large elements leave their emptied originals behind; no content stays.
          return { same: target.innerHTML === before, textLeft: source.textContent };
        });
        frame.remove();
        return results;
      },
      { texts, unitNodes },
    );
  }

  it('moves every corpus body into the frame unchanged, in pieces of 1 and 25 nodes', async () => {
    const bodies = corpusHtmlBodies();
    for (const unitNodes of [1, 25]) {
      const results = await moveAll(
        bodies.map((body) => body.html),
        unitNodes,
      );
      expect(bodies.filter((_, index) => !results[index]!.same).map((body) => body.path)).toEqual(
        [],
      );
      expect(results.every((result) => result.textLeft === '')).toBe(true);
    }
  });

  it('keeps tables whole where the parser would have moved a re-parsed piece', async () => {
    // Rows arrive in a shallow copy of their table; parsed as text they would be foster-parented.
    const table = `<table class="t">${'<tr><td>a</td><td><b>b</b></td></tr>'.repeat(50)}</table>`;
    expect(await moveAll([table, `<ul>${'<li>x</li>'.repeat(40)}</ul>`], 3)).toEqual([
      { same: true, textLeft: '' },
      { same: true, textLeft: '' },
    ]);
  });

  it('moves the nodes themselves: nothing is serialized and parsed again', async () => {
    const identity = await pageOf().evaluate(async () => {
      const { moveTree, runToEnd } = (window as unknown as { BodyFrame: BodyFrameModules })
        .BodyFrame;
      const frame = document.createElement('iframe');
      frame.setAttribute('sandbox', 'allow-same-origin');
      await new Promise((resolve) => {
        frame.onload = resolve;
        document.body.append(frame);
      });
      const source = new DOMParser().parseFromString(
        `<p id="small">s</p><div id="large">${'<span>x</span>'.repeat(20)}</div>`,
        'text/html',
      ).body;
      const small = source.querySelector('#small')!;
      const inner = source.querySelector('#large span')!;
      runToEnd(moveTree(source, frame.contentDocument!.body, 5));
      const doc = frame.contentDocument!;
      return {
        small: doc.getElementById('small') === small,
        inner: doc.querySelector('#large span') === inner,
        ownerIsFrame: small.ownerDocument === doc,
      };
    });
    expect(identity).toEqual({ small: true, inner: true, ownerIsFrame: true });
  });
});
