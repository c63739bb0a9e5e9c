/**
 * How a large mail tree is cut into units of bounded work: the children of an element are taken in
 * runs of consecutive siblings holding at most `unitNodes` nodes; a child larger than that is
 * either split (handled alone, then its own children the same way) or, if it may not be split,
 * taken as a run of its own. Used to sanitize (purify-tree.ts) and to fill the frame (move-tree.ts)
 * a few hundred nodes at a time.
 */

export type TreePiece =
  /** Consecutive siblings, together at most unitNodes nodes (or one larger node that may not be split). */
  | { kind: 'run'; nodes: ChildNode[]; size: number }
  /** A child larger than unitNodes that may be split: handle it alone, then its children. */
  | { kind: 'split'; element: Element };

/** Realm-independent: the mail's nodes belong to another document (and in the frame, window). */
function isElement(node: Node): node is Element {
  return node.nodeType === Node.ELEMENT_NODE;
}

/** The node and its descendants, counted up to `limit` (counting stops there). */
export function countNodes(node: Node, limit: number = Number.POSITIVE_INFINITY): number {
  const doc = node.ownerDocument ?? (node as Document);
  const walker = doc.createTreeWalker(node, NodeFilter.SHOW_ALL);
  let count = 1;
  while (count < limit && walker.nextNode()) count += 1;
  return count;
}

/**
 * The children of `parent` as pieces, in document order. The child list is read once, when the
 * first piece is asked for, so handling a piece may move or replace nodes without upsetting it.
 */
export function* piecesOf(
  parent: Node,
  unitNodes: number,
  maySplit: (element: Element) => boolean,
): Generator<TreePiece, void, void> {
  let run: ChildNode[] = [];
  let runSize = 0;
  for (const child of Array.from(parent.childNodes)) {
    const size = countNodes(child, unitNodes + 1);
    const isLarge = size > unitNodes;
    if (isLarge && isElement(child) && maySplit(child)) {
      if (run.length > 0) yield { kind: 'run', nodes: run, size: runSize };
      run = [];
      runSize = 0;
      yield { kind: 'split', element: child };
      continue;
    }
    if (run.length > 0 && runSize + size > unitNodes) {
      yield { kind: 'run', nodes: run, size: runSize };
      run = [];
      runSize = 0;
    }
    run.push(child);
    runSize += size;
  }
  if (run.length > 0) yield { kind: 'run', nodes: run, size: runSize };
}
