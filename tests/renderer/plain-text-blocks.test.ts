// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { buildPlainText, splitIntoBlocks } from '../../src-renderer/body-frame/plain-text-blocks';
import { runToEnd } from '../../src-renderer/body-frame/slices';

describe('plain-text-blocks', () => {
  describe('splitIntoBlocks()', () => {
    it('cuts the text into runs of whole lines that join back into it', () => {
      const text = Array.from({ length: 10 }, (_, index) => `line ${index}`).join('\r\n');
      const blocks = splitIntoBlocks(text, 4);
      expect(blocks).toHaveLength(3);
      expect(blocks[0]).toBe('line 0\r\nline 1\r\nline 2\r\nline 3\r');
      expect(blocks.join('\n')).toBe(text);
    });

    it('never ends a block with an empty line, which would not show', () => {
      // Lines 3 and 4 are empty: the cut after line 4 moves past them.
      const text = 'a\nb\nc\n\n\nd\ne';
      const blocks = splitIntoBlocks(text, 4);
      expect(blocks).toEqual(['a\nb\nc\n\n\nd', 'e']);
      expect(blocks.join('\n')).toBe(text);
    });

    it('keeps a text without line breaks, and an empty text, whole', () => {
      expect(splitIntoBlocks('one line')).toEqual(['one line']);
      expect(splitIntoBlocks('')).toEqual(['']);
    });
  });

  describe('buildPlainText()', () => {
    it('builds text nodes and links only, markup staying text, a block per step', () => {
      const container = document.createElement('div');
      const text = Array.from(
        { length: 450 },
        (_, index) => `<b>${index}</b> see https://example.com/${index}`,
      ).join('\n');
      const job = buildPlainText(text, container);
      const steps: number[] = [];
      for (let step = job.next(); !step.done; step = job.next()) steps.push(step.value);
      expect(steps).toEqual([1 / 3, 2 / 3, 1]);
      expect(container.children).toHaveLength(3);
      expect(container.querySelectorAll('b')).toHaveLength(0);
      // Each block is its own line box: the break between blocks is the block boundary.
      expect(Array.from(container.children, (block) => block.textContent).join('\n')).toBe(text);
      const links = container.querySelectorAll('a');
      expect(links).toHaveLength(450);
      expect(links[7]!.getAttribute('href')).toBe('https://example.com/7');
      expect(links[7]!.getAttribute('rel')).toBe('noopener noreferrer');
    });

    it('gives each block an estimated height until it is laid out', () => {
      const container = document.createElement('div');
      runToEnd(buildPlainText('a\nb\nc', container));
      const block = container.firstElementChild as HTMLElement;
      expect(block.style.getPropertyValue('contain-intrinsic-size')).toBe('auto 63px');
    });
  });
});
