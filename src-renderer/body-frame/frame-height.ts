/**
 * The body frame is as tall as the mail, so the window scrolls the whole message (and prints all
 * of it). Each resize makes the browser lay the whole mail out again (most of a second for a huge
 * table), so the frame is collapsed and measured afresh only when the content may have shrunk.
 */

/** A frame never collapses below this. */
export const MIN_FRAME_HEIGHT = 120;

/** Where the mail's content ends, whatever the frame's height (scrollHeight is at least that). */
function contentBottom(doc: Document): number {
  const body = doc.body;
  if (!body) return 0;
  const view = doc.defaultView;
  const margin = Number.parseFloat(view?.getComputedStyle(body).marginBottom ?? '') || 0;
  return body.getBoundingClientRect().bottom + (view?.scrollY ?? 0) + margin;
}

/** Sizes the frame to its content, keeping the window's scroll position. */
export function fitFrameHeight(frame: HTMLIFrameElement): void {
  const doc = frame.contentDocument;
  const root = doc?.documentElement;
  if (!doc || !root) return;
  const scroller = frame.closest<HTMLElement>('[data-scroll-root]');
  const scrollTop = scroller?.scrollTop ?? 0;
  let height = root.scrollHeight;
  // A frame as tall as its content or taller reports its own height as the scroll height.
  if (height <= frame.clientHeight && contentBottom(doc) < frame.clientHeight - 1) {
    frame.style.height = '0px';
    height = root.scrollHeight;
  }
  height = Math.max(height, MIN_FRAME_HEIGHT);
  if (height !== frame.clientHeight) frame.style.height = `${height}px`;
  if (scroller) scroller.scrollTop = scrollTop;
}
