import type { DOMPurify } from 'dompurify';
import type { SlicedJob } from './slices';
import { countNodes, piecesOf } from './split-tree';

/**
 * DOMPurify over a parsed mail body, a bounded piece at a time, so a body of tens of thousands of
 * elements does not hold the window for seconds (one DOMPurify call over a 3 MB table takes ~2 s).
 *
 * Each piece goes through DOMPurify in place, inside a scratch <div> in the piece's position: a
 * run of siblings together, or a large element alone (its children detached) before its children
 * are done the same way. What DOMPurify decides about a node depends on the node, its subtree and
 * its parent's namespace, which this keeps:
 * - only HTML-namespace elements that DOMPurify keeps are split (`splitRule`), so every node's
 *   parent is in the HTML namespace, as the scratch <div> is; nothing under SVG, MathML, a
 *   forbidden element (whose content DOMPurify may hoist or drop) or a raw-text element is split;
 * - a split element is judged without its children; if DOMPurify removes it anyway (clobbering,
 *   a hook), its children go with it, as they would with it;
 * - the scratch <div> always holds an element (an empty <span> marker, removed after), or
 *   DOMPurify's check for markup hidden in text-only elements would judge the <div> itself.
 * tests/renderer/purify-tree.test.ts checks that the result is the one a single call gives, on
 * the corpus's HTML bodies and the hostile battery.
 */

/** Nodes one DOMPurify call takes, at most (a few milliseconds of work). */
export const PURIFY_UNIT_NODES = 400;

/**
 * Elements DOMPurify judges by their content as text (raw text, RCDATA, template contents):
 * never split, so that judgement sees what it would see in one call.
 */
const TEXT_CONTENT_ELEMENTS = new Set([
  'style',
  'script',
  'xmp',
  'iframe',
  'noembed',
  'noframes',
  'plaintext',
  'noscript',
  'textarea',
  'title',
  'template',
]);

const HTML_NAMESPACE = 'http://www.w3.org/1999/xhtml';

/**
 * Whether an element may be split: an HTML element with an element child (DOMPurify's check
 * for markup hidden in text looks only at elements without one, and a split element is judged
 * without its children), not judged by text content, of a tag DOMPurify keeps. Which tags it
 * keeps is asked of DOMPurify itself, once per tag: an empty element of the tag, sanitized.
 */
function splitRule(purify: DOMPurify): (element: Element) => boolean {
  const keptTags = new Map<string, boolean>();
  const keeps = (element: Element): boolean => {
    const tag = element.localName;
    let kept = keptTags.get(tag);
    if (kept === undefined) {
      const doc = element.ownerDocument;
      const scratch = doc.createElement('div');
      try {
        scratch.append(doc.createElement(tag));
        purify.sanitize(scratch);
        kept = scratch.firstElementChild?.localName === tag;
      } catch {
        // The parser makes elements createElement() refuses (`<a<b>`): never split those.
        kept = false;
      }
      keptTags.set(tag, kept);
    }
    return kept;
  };
  return (element) =>
    element.namespaceURI === HTML_NAMESPACE &&
    element.firstElementChild !== null &&
    !TEXT_CONTENT_ELEMENTS.has(element.localName) &&
    keeps(element);
}

/**
 * Sanitizes consecutive siblings in place. `purify` must be configured (setConfig) with IN_PLACE.
 */
function purifyRun(nodes: ChildNode[], purify: DOMPurify): void {
  const first = nodes[0];
  const doc = first?.ownerDocument;
  if (!first || !doc) return;
  const scratch = doc.createElement('div');
  const marker = doc.createElement('span');
  first.before(scratch);
  scratch.append(...nodes, marker);
  purify.sanitize(scratch);
  marker.remove();
  scratch.replaceWith(...Array.from(scratch.childNodes));
}

/** Sanitizes the children of `root` (not root itself), yielding progress between pieces. */
export function* purifyTree(
  root: Element,
  purify: DOMPurify,
  unitNodes: number = PURIFY_UNIT_NODES,
): SlicedJob<void> {
  const total = Math.max(1, countNodes(root) - 1);
  let done = 0;
  const maySplit = splitRule(purify);
  const stack = [piecesOf(root, unitNodes, maySplit)];
  while (stack.length > 0) {
    const next = stack[stack.length - 1]!.next();
    if (next.done) {
      stack.pop();
      continue;
    }
    const piece = next.value;
    if (piece.kind === 'run') {
      purifyRun(piece.nodes, purify);
      done += piece.size;
    } else {
      const element = piece.element;
      const parent = element.parentNode;
      const children = element.ownerDocument.createDocumentFragment();
      children.append(...Array.from(element.childNodes));
      purifyRun([element], purify);
      done += 1;
      if (element.parentNode === parent) {
        element.append(children);
        stack.push(piecesOf(element, unitNodes, maySplit));
      } else {
        done += countNodes(children) - 1;
      }
    }
    yield Math.min(1, done / total);
  }
}
