import { linkifyText } from './plain-text';
import type { SlicedJob } from './slices';

/**
 * A plain-text body built into the window a block of lines at a time. A 5 MB text with a link per
 * line is 120,000 nodes: made at once, they held the window for seconds (building, then styling
 * and laying out a page a million pixels tall). In blocks, the building runs in slices
 * (slices.ts), and each block skips layout and paint until it nears the screen
 * (`content-visibility: auto`, in PlainTextBody.vue). The nodes are made with text nodes and
 * <a> elements only: nothing of the mail is ever parsed as HTML.
 */

/** Lines per block: small enough to build in a slice, large enough to stay few. */
export const LINES_PER_BLOCK = 200;

/** What a line is taken to measure before its block is laid out (the page's line height). */
const ESTIMATED_LINE_PX = 21;

/**
 * The text cut into blocks of about LINES_PER_BLOCK lines, each a run of whole lines without
 * their last line break (the block boundary is the break). A block never ends with an empty line:
 * a trailing empty line in a block shows nothing, so the cut moves past it.
 */
export function splitIntoBlocks(text: string, linesPerBlock = LINES_PER_BLOCK): string[] {
  const lines = text.split('\n');
  const blocks: string[] = [];
  let start = 0;
  while (start < lines.length) {
    let end = Math.min(lines.length, start + linesPerBlock);
    while (end < lines.length && lines[end - 1]!.replace(/\r$/, '') === '') end += 1;
    blocks.push(lines.slice(start, end).join('\n'));
    start = end;
  }
  return blocks;
}

/** One block: text nodes and http/https/mailto links, sized for layout before it is laid out. */
function blockElement(doc: Document, text: string): HTMLElement {
  const block = doc.createElement('div');
  block.className = 'block';
  const lines = text.split('\n').length;
  block.style.setProperty('contain-intrinsic-size', `auto ${lines * ESTIMATED_LINE_PX}px`);
  for (const token of linkifyText(text)) {
    if (token.kind === 'text') {
      block.append(doc.createTextNode(token.text));
      continue;
    }
    const link = doc.createElement('a');
    link.href = token.href;
    link.title = token.href;
    link.rel = 'noopener noreferrer';
    link.textContent = token.text;
    block.append(link);
  }
  return block;
}

/** Builds the text into `container`, a block per step. */
export function* buildPlainText(text: string, container: HTMLElement): SlicedJob<void> {
  const blocks = splitIntoBlocks(text);
  for (const [index, block] of blocks.entries()) {
    container.append(blockElement(container.ownerDocument, block));
    yield (index + 1) / blocks.length;
  }
}
