import { nextTick } from 'vue';
import { useFind } from './find';
import { usePanes } from './panes';
import { useSession } from './session';

/**
 * The window's keyboard shortcuts. They are bound on the window and on the body frame's document
 * (focus inside the mail sends keys there), so Ctrl+F works wherever the user clicked last. The
 * main process's menu may send the same commands (find, print); both paths land here.
 */

/** A menu accelerator and the page's own key handler can both fire for one key press. */
const PRINT_DEBOUNCE_MS = 1000;
let lastPrint = 0;

export async function printMessage(): Promise<void> {
  const { message } = useSession();
  if (!message.value || Date.now() - lastPrint < PRINT_DEBOUNCE_MS) return;
  lastPrint = Date.now();
  usePanes().closeDetails();
  // Let the details pane leave the DOM before the print snapshot is taken.
  await nextTick();
  window.print();
}

export function openFind(): void {
  if (!useSession().message.value) return;
  usePanes().closeDetails();
  useFind().open();
}

/** Handles a key press; true when it was one of ours (and its default was prevented). */
export function handleShortcut(event: KeyboardEvent): boolean {
  const find = useFind();
  const withCommand = (event.ctrlKey || event.metaKey) && !event.altKey;
  const key = event.key.toLowerCase();
  if (withCommand && key === 'f') {
    openFind();
  } else if (withCommand && key === 'p') {
    void printMessage();
  } else if ((key === 'f3' || (withCommand && key === 'g')) && find.isOpen.value) {
    if (event.shiftKey) find.previous();
    else find.next();
  } else if (key === 'escape' && !event.defaultPrevented) {
    // An open <dialog> handles Escape itself.
    if (document.querySelector('dialog[open]')) return false;
    if (find.isOpen.value) find.close();
    else if (usePanes().isDetailsOpen.value) usePanes().closeDetails();
    else return false;
  } else {
    return false;
  }
  event.preventDefault();
  return true;
}
