import { ref } from 'vue';
import { FIND_CURRENT_HIGHLIGHT, FIND_HIGHLIGHT } from '../body-frame/frame-document';

/**
 * Find in message (Ctrl/Cmd+F): searches the header and the body — elements marked
 * `data-find-root` in the window, and the body frame's document, which is same-origin by design
 * (see body-frame/README.md). Matches are painted with the CSS Custom Highlight API, so the mail's
 * DOM is never changed; where that API is missing, matches are still counted and scrolled to.
 */

export const FIND_ROOT_SELECTOR = '[data-find-root]';
export const FIND_FRAME_SELECTOR = 'iframe[data-find-frame]';
export const SCROLL_ROOT_SELECTOR = '[data-scroll-root]';

/** Text under these is not shown, so it is not searched. */
const UNSEARCHED_ELEMENTS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TITLE', 'HEAD']);

/** Lower case with the same length, so offsets in the folded text are offsets in the original. */
function foldCase(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  return Array.from(text, (character) => {
    const folded = character.toLowerCase();
    return folded.length === character.length ? folded : character;
  }).join('');
}

/** Every case-insensitive occurrence of `query` in the text under `root`, in document order. */
export function findRanges(root: Node, query: string): Range[] {
  const needle = foldCase(query);
  if (needle.length === 0) return [];
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => {
      const parent = node.parentElement;
      return parent && !UNSEARCHED_ELEMENTS.has(parent.tagName.toUpperCase())
        ? NodeFilter.FILTER_ACCEPT
        : NodeFilter.FILTER_REJECT;
    },
  });
  // One string for the whole root, so a match may span <b>, <span>… boundaries.
  const nodes: Text[] = [];
  const starts: number[] = [];
  let haystack = '';
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    nodes.push(node as Text);
    starts.push(haystack.length);
    haystack += foldCase(node.nodeValue ?? '');
  }
  const locate = (offset: number, isEnd: boolean) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      const start = starts[middle]!;
      if (start < offset || (!isEnd && start === offset)) low = middle;
      else high = middle - 1;
    }
    return { node: nodes[low]!, offset: offset - starts[low]! };
  };
  const ranges: Range[] = [];
  for (let index = haystack.indexOf(needle); index !== -1;) {
    const start = locate(index, false);
    const end = locate(index + needle.length, true);
    const range = doc.createRange();
    range.setStart(start.node, start.offset);
    range.setEnd(end.node, end.offset);
    ranges.push(range);
    index = haystack.indexOf(needle, index + needle.length);
  }
  return ranges;
}

/** The places find looks in, window first (the header), then the body frame. */
function searchRoots(): Node[] {
  const roots: Node[] = Array.from(document.querySelectorAll(FIND_ROOT_SELECTOR));
  for (const frame of document.querySelectorAll<HTMLIFrameElement>(FIND_FRAME_SELECTOR)) {
    const body = frame.contentDocument?.body;
    if (body) roots.push(body);
  }
  return roots;
}

const isOpen = ref(false);
const query = ref('');
const total = ref(0);
/** Index of the current match, -1 when there is none. */
const current = ref(-1);
/** Bumped to ask the find bar to focus its field (Ctrl+F while it is already open). */
const focusRequests = ref(0);

let ranges: Range[] = [];
const paintedDocuments = new Set<Document>();

function clearHighlights(): void {
  for (const doc of paintedDocuments) {
    doc.defaultView?.CSS?.highlights?.delete(FIND_HIGHLIGHT);
    doc.defaultView?.CSS?.highlights?.delete(FIND_CURRENT_HIGHLIGHT);
  }
  paintedDocuments.clear();
}

function paint(): void {
  clearHighlights();
  const byDocument = new Map<Document, Range[]>();
  ranges.forEach((range, index) => {
    if (index === current.value) return;
    const doc = range.startContainer.ownerDocument!;
    byDocument.set(doc, [...(byDocument.get(doc) ?? []), range]);
  });
  const paintIn = (doc: Document, name: string, painted: Range[]) => {
    const view = doc.defaultView;
    if (!view?.CSS?.highlights || typeof Highlight === 'undefined') return;
    view.CSS.highlights.set(name, new Highlight(...painted));
    paintedDocuments.add(doc);
  };
  for (const [doc, painted] of byDocument) paintIn(doc, FIND_HIGHLIGHT, painted);
  const active = ranges[current.value];
  if (active) paintIn(active.startContainer.ownerDocument!, FIND_CURRENT_HIGHLIGHT, [active]);
}

/** Scrolls the window's scroll root so the match sits in the upper third when it is out of view. */
function reveal(range: Range): void {
  const scroller = document.querySelector<HTMLElement>(SCROLL_ROOT_SELECTOR);
  if (!scroller) return;
  const rect = range.getBoundingClientRect();
  const frame = range.startContainer.ownerDocument?.defaultView?.frameElement;
  const frameTop =
    frame && frame !== document.documentElement ? frame.getBoundingClientRect().top : 0;
  const top = rect.top + frameTop;
  const view = scroller.getBoundingClientRect();
  const margin = 48;
  if (top < view.top + margin || top + rect.height > view.bottom - margin) {
    scroller.scrollTop += top - view.top - view.height / 3;
  }
}

function search(keepPosition: boolean): void {
  const previous = current.value;
  ranges =
    isOpen.value && query.value
      ? searchRoots().flatMap((root) => findRanges(root, query.value))
      : [];
  total.value = ranges.length;
  current.value =
    ranges.length === 0
      ? -1
      : keepPosition
        ? Math.min(Math.max(previous, 0), ranges.length - 1)
        : 0;
  paint();
  const active = ranges[current.value];
  if (active && !keepPosition) reveal(active);
}

function step(direction: 1 | -1): void {
  if (ranges.length === 0) return;
  current.value = (current.value + direction + ranges.length) % ranges.length;
  paint();
  reveal(ranges[current.value]!);
}

export function useFind() {
  return {
    isOpen,
    query,
    total,
    current,
    focusRequests,
    open() {
      isOpen.value = true;
      focusRequests.value += 1;
      if (query.value) search(true);
    },
    close() {
      isOpen.value = false;
      ranges = [];
      total.value = 0;
      current.value = -1;
      clearHighlights();
    },
    /** Search again from the first match (the query changed). */
    search: () => search(false),
    /** Search again keeping the position (the body frame re-rendered). */
    refresh: () => {
      if (isOpen.value) search(true);
    },
    next: () => step(1),
    previous: () => step(-1),
  };
}
