import { computed, ref, shallowRef } from 'vue';
import type {
  FormatErrorCode,
  Handle,
  MessageView,
  RecentFile,
  TextEncoding,
} from '../../src-main/contract/ipc-contract';
import type { BridgeErrorCode } from '../bridge';
import { asBridgeError, bridge } from '../bridge';
import { messages } from '../i18n/messages';
import { t } from '../i18n/translate';
import { notify } from './notices';

/**
 * The window's one message and how it got there: the welcome screen, an open in progress, the
 * message, or the page explaining why a file could not be opened. Module-level state: every
 * component that calls useSession() sees the same window.
 */

export interface OpenFailure {
  /** The file's name when the window knows it (dropped, recent), else null (Open dialog). */
  fileName: string | null;
  code: BridgeErrorCode;
  formatCode: FormatErrorCode | null;
  message: string;
}

export type Screen =
  | { kind: 'starting' }
  | { kind: 'welcome' }
  | { kind: 'message'; message: MessageView }
  | { kind: 'error'; failure: OpenFailure };

export interface PendingOpen {
  fileName: string | null;
  /** Show the loading screen (opening a known file), not just the progress bar (Open dialog). */
  showsScreen: boolean;
}

/** Opens faster than this never flash a loading screen; the progress bar shows at once. */
const LOADING_SCREEN_DELAY_MS = 250;

const screen = shallowRef<Screen>({ kind: 'starting' });
const pending = shallowRef<PendingOpen | null>(null);
const isLoadingScreenVisible = ref(false);
/** How much of the file being opened main has read (0…1), once it has said; else null. */
const readFraction = ref<number | null>(null);
const recentFiles = ref<RecentFile[]>([]);
/**
 * Messages whose remote content the user allowed, as main confirmed: a mirror for the frame, keyed
 * by handle, so it cannot outlive the message (handles are unique to their session). Main keeps the
 * permission itself, in the session; its request filter asks that.
 */
const remoteAllowed = shallowRef<ReadonlySet<Handle>>(new Set());
/** Each open takes a ticket; an answer for an older ticket (superseded open) is dropped. */
let generation = 0;

const message = computed(() => (screen.value.kind === 'message' ? screen.value.message : null));

export function fileNameOf(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

async function refreshRecent(): Promise<void> {
  try {
    recentFiles.value = await bridge.recentFiles();
  } catch {
    // The list is a convenience: keep the previous one.
  }
}

function showMessage(opened: MessageView): void {
  screen.value = { kind: 'message', message: opened };
  void refreshRecent();
}

async function runOpen(
  request: PendingOpen,
  open: () => Promise<MessageView | null>,
): Promise<void> {
  const ticket = ++generation;
  pending.value = request;
  isLoadingScreenVisible.value = false;
  readFraction.value = null;
  const timer = request.showsScreen
    ? setTimeout(() => {
        if (ticket === generation) isLoadingScreenVisible.value = true;
      }, LOADING_SCREEN_DELAY_MS)
    : null;
  try {
    const opened = await open();
    if (ticket === generation && opened) showMessage(opened);
  } catch (error) {
    if (ticket !== generation) return;
    const { code, formatCode, fileName, message: text } = asBridgeError(error);
    if (message.value) {
      // The message on screen stays; the failure is about another file.
      notify(text, 'error');
      return;
    }
    screen.value = {
      kind: 'error',
      // A window opened for a file learns its name only from main's answer.
      failure: { fileName: request.fileName ?? fileName, code, formatCode, message: text },
    };
  } finally {
    if (timer) clearTimeout(timer);
    if (ticket === generation) {
      pending.value = null;
      isLoadingScreenVisible.value = false;
      readFraction.value = null;
    }
  }
}

/**
 * Shows this window's message (or the welcome screen); returns the unsubscribe function. A window
 * opened for a file asks while the file is still being read, so this shows the loading screen.
 */
async function start(): Promise<() => void> {
  // Main asks an empty window to open a file (File → Open, the dock): open it like a dropped one.
  const unsubscribeOpen = bridge.onOpenRequested((path) => void openPath(path));
  // Main says how far it has read the file this window is opening (a large file, a slow disk).
  const unsubscribeProgress = bridge.onOpenProgress((fraction) => {
    if (pending.value) readFraction.value = fraction;
  });
  const unsubscribe = () => {
    unsubscribeOpen();
    unsubscribeProgress();
  };
  await runOpen({ fileName: null, showsScreen: true }, async () => {
    const current = await bridge.currentMessage();
    if (!current) screen.value = { kind: 'welcome' };
    return current;
  });
  await refreshRecent();
  return unsubscribe;
}

function openWithDialog(): Promise<void> {
  return runOpen({ fileName: null, showsScreen: false }, () => bridge.openWithDialog());
}

/**
 * Opens a file from the welcome screen, a drop or the recent list. While a message is shown, main
 * opens the file in a window of its own (the answer is null), so this window keeps its message.
 */
function openPath(path: string): Promise<void> {
  const request = { fileName: fileNameOf(path), showsScreen: message.value === null };
  return runOpen(request, () => bridge.openPath(path));
}

/** Files dropped on the window: the first one that is a file on disk opens here. */
async function openDroppedFiles(files: readonly File[]): Promise<void> {
  const paths = files
    .map((file) => bridge.pathForFile(file))
    .filter((path): path is string => path !== null && path !== '');
  if (paths.length === 0) {
    notify(messages.drop.notAFile, 'error');
    return;
  }
  if (paths.length > 1) notify(t(messages.drop.onlyFirst, { count: paths.length }));
  await openPath(paths[0]!);
}

async function backToStart(): Promise<void> {
  generation += 1;
  pending.value = null;
  try {
    await bridge.closeSession();
  } catch {
    // Nothing to close is fine: the window shows the welcome screen either way.
  }
  screen.value = { kind: 'welcome' };
  await refreshRecent();
}

async function allowRemoteContent(target: MessageView): Promise<void> {
  try {
    await bridge.allowRemoteContent(target.handle);
    remoteAllowed.value = new Set([...remoteAllowed.value, target.handle]);
  } catch (error) {
    notify(t(messages.attachments.failed, { message: asBridgeError(error).message }), 'error');
  }
}

/**
 * Reads the shown message again with another code page for its 8-bit text (View → Text
 * Encoding), or automatically (null). The window keeps its place; only the message is replaced.
 */
async function setTextEncoding(codePage: TextEncoding | null): Promise<void> {
  const shown = message.value;
  if (!shown) return;
  try {
    const reread = await bridge.setTextEncoding(shown.handle, codePage);
    // Still the same message on screen (no other open or close came in between)?
    if (message.value === shown) screen.value = { kind: 'message', message: reread };
  } catch (error) {
    notify(t(messages.encoding.failed, { message: asBridgeError(error).message }), 'error');
  }
}

function isRemoteAllowed(handle: Handle): boolean {
  return remoteAllowed.value.has(handle);
}

export function useSession() {
  return {
    screen,
    message,
    pending,
    isLoadingScreenVisible,
    readFraction,
    recentFiles,
    start,
    openWithDialog,
    openPath,
    openDroppedFiles,
    backToStart,
    allowRemoteContent,
    isRemoteAllowed,
    setTextEncoding,
  };
}

/** Back to the first state, for tests. */
export function resetSession(): void {
  generation += 1;
  screen.value = { kind: 'starting' };
  pending.value = null;
  isLoadingScreenVisible.value = false;
  readFraction.value = null;
  recentFiles.value = [];
  remoteAllowed.value = new Set();
}
