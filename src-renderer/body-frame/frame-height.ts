/**
 * The body frame is as tall as the mail, so the window scrolls the whole message (and prints all
 * of it). Measuring is a resize: the frame is collapsed, its content's height read, and the
 * frame set to it; each resize makes the browser lay the whole mail out again (most of a second
 * for a huge table), so the window measures once per frame at most (scheduleFit).
 */

/** A frame never collapses below this. */
export const MIN_FRAME_HEIGHT = 120;

/**
 * Sizes the frame to its content, keeping the window's scroll position. Collapsing first is what
 * makes it exact: a frame reports at least its own height, and a mail sized to its viewport
 * (`html, body { height: 100% }`) would otherwise grow by its margins at every measure.
 */
export function fitFrameHeight(frame: HTMLIFrameElement): void {
  const root = frame.contentDocument?.documentElement;
  if (!root) return;
  const scroller = frame.closest<HTMLElement>('[data-scroll-root]');
  const scrollTop = scroller?.scrollTop ?? 0;
  frame.style.height = '0px';
  frame.style.height = `${Math.max(root.scrollHeight, MIN_FRAME_HEIGHT)}px`;
  if (scroller) scroller.scrollTop = scrollTop;
}

/**
 * After the mail has filled a frame a screen high: content taller than that is measured as it
 * stands, sparing a huge mail the extra layout of a collapse; shorter content is fitted exactly.
 */
export function fitFilledFrame(frame: HTMLIFrameElement): void {
  const root = frame.contentDocument?.documentElement;
  if (root && root.scrollHeight > frame.clientHeight) {
    frame.style.height = `${root.scrollHeight}px`;
  } else {
    fitFrameHeight(frame);
  }
}

/** Fits the frame at the next animation frame, once however often it is asked meanwhile. */
export function createFitScheduler(frame: () => HTMLIFrameElement | null): () => void {
  let isScheduled = false;
  return () => {
    if (isScheduled) return;
    isScheduled = true;
    requestAnimationFrame(() => {
      isScheduled = false;
      const element = frame();
      if (element) fitFrameHeight(element);
    });
  };
}
