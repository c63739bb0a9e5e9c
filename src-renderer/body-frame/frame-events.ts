import { openLink } from '../composables/links';
import { useSession } from '../composables/session';
import { handleShortcut } from '../composables/shortcuts';
import { linkTarget } from './url-policy';

/**
 * What the window does with events in the body frame (same-origin, so it listens from outside;
 * nothing in the frame runs): link clicks go to main's link prompt, keys to the window's
 * shortcuts, dropped files open like files dropped anywhere else in the window. The link
 * handler also serves the plain-text body (PlainTextBody.vue), so both bodies follow links alike.
 */

function scrollToFragment(doc: Document, fragment: string): void {
  let id = fragment.slice(1);
  try {
    id = decodeURIComponent(id);
  } catch {
    // Keep it as written.
  }
  const target = doc.getElementById(id) ?? doc.getElementsByName(id)[0];
  target?.scrollIntoView({ block: 'start' });
}

/**
 * Every click on a link in a mail body ends here, the HTML frame's and the plain-text body's:
 * nothing in a mail navigates by itself. In-mail #fragments scroll; http, https and mailto go to
 * main's link prompt; anything else does nothing.
 */
export function onMailLinkClick(event: MouseEvent): void {
  // The frame is another realm: duck-type instead of `instanceof Element`.
  const clicked = event.target as Element | null;
  const link =
    typeof clicked?.closest === 'function' ? clicked.closest('a[href], area[href]') : null;
  if (!link) return;
  event.preventDefault();
  if (event.type === 'auxclick' && event.button !== 1) return;
  const target = linkTarget(link.getAttribute('href') ?? '');
  if (target?.kind === 'fragment') scrollToFragment(link.ownerDocument, target.href);
  else if (target) void openLink(target.href);
}

function hasFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes('Files');
}

/** Attaches the window's listeners to a freshly loaded frame document. */
export function listenToFrame(doc: Document): void {
  const session = useSession();
  doc.addEventListener('click', onMailLinkClick);
  doc.addEventListener('auxclick', onMailLinkClick);
  doc.addEventListener('keydown', handleShortcut);
  doc.addEventListener('dragover', (event) => {
    if (hasFiles(event)) event.preventDefault();
  });
  doc.addEventListener('drop', (event) => {
    event.preventDefault();
    const files = Array.from(event.dataTransfer?.files ?? []);
    if (files.length > 0) void session.openDroppedFiles(files);
  });
}
