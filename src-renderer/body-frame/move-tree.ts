import type { SlicedJob } from './slices';
import { countNodes, piecesOf } from './split-tree';

/**
 * Moves the sanitized mail into the body frame's document a few hundred nodes at a time. Inserting
 * a 3 MB body at once costs one style-and-layout pass of ~2 s; in pieces, the browser lays out
 * between slices and the window stays responsive while the mail appears from the top down.
 *
 * The nodes are moved, never serialized and parsed again: the frame shows exactly the tree the
 * sanitizer approved (re-parsing sanitized markup is where mutation XSS lives). A large element
 * arrives first as a shallow copy (its sanitized attributes, no children), then its children.
 */

/** Nodes moved per step. */
export const MOVE_UNIT_NODES = 300;

const anyElement = () => true;

/** Moves the children of `source` to the end of `target`, yielding progress between pieces. */
export function* moveTree(
  source: Element,
  target: Element,
  unitNodes: number = MOVE_UNIT_NODES,
): SlicedJob<void> {
  const total = Math.max(1, countNodes(source) - 1);
  let done = 0;
  const targetDocument = target.ownerDocument;
  const stack = [{ pieces: piecesOf(source, unitNodes, anyElement), target }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const next = top.pieces.next();
    if (next.done) {
      stack.pop();
      continue;
    }
    const piece = next.value;
    if (piece.kind === 'run') {
      top.target.append(...piece.nodes);
      done += piece.size;
    } else {
      const copy = targetDocument.importNode(piece.element, false);
      top.target.append(copy);
      stack.push({ pieces: piecesOf(piece.element, unitNodes, anyElement), target: copy });
      done += 1;
    }
    yield Math.min(1, done / total);
  }
}
