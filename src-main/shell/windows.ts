import { BrowserWindow } from 'electron';
import type { WebContents } from 'electron';
import { EVENTS } from '../contract/ipc-contract.js';
import type { MessageSnapshot } from '../session/message-snapshot.js';
import type { SessionService } from '../session/session-service.js';
import { APP_ENTRY_URL } from './protocol.js';
import { webPreferences } from './security.js';

/**
 * Windows and their sessions: one session per window, owned by the window's webContents id. The
 * session closes when the window closes, when its renderer crashes, and when the page reloads or
 * navigates, so nothing a window opened outlives it.
 */
export class WindowManager {
  private readonly windows = new Map<number, BrowserWindow>();

  constructor(
    private readonly service: SessionService,
    private readonly preloadPath: string,
  ) {}

  isOurWindow(webContentsId: number): boolean {
    return this.windows.has(webContentsId);
  }

  /**
   * Whether a request from this webContents may go to the network: only while the message its
   * window shows now has the user's permission. The permission is held by that message's session,
   * so it ends with the session (closing the message, opening another, closing the window).
   */
  isRemoteContentAllowed(webContentsId: number | undefined): boolean {
    if (webContentsId === undefined || !this.windows.has(webContentsId)) return false;
    return this.service.sessionOf(webContentsId)?.isRemoteContentAllowed ?? false;
  }

  windowOf(webContentsId: number): BrowserWindow | undefined {
    return this.windows.get(webContentsId);
  }

  /** A window showing nothing yet (the welcome screen), to open a file in before making a new one. */
  emptyWindow(): BrowserWindow | undefined {
    for (const [id, window] of this.windows) {
      if (
        (this.service.sessionOf(id)?.messages().length ?? 0) === 0 &&
        !this.service.sessionOf(id)?.isOpening
      )
        return window;
    }
    return undefined;
  }

  /** The window already showing this file, so opening it again focuses it (one window per file). */
  windowShowing(filePath: string): BrowserWindow | undefined {
    for (const [id, window] of this.windows) {
      if (
        this.service
          .sessionOf(id)
          ?.messages()
          .some((message) => message.filePath === filePath)
      )
        return window;
    }
    return undefined;
  }

  focused(): BrowserWindow | undefined {
    const focused = BrowserWindow.getFocusedWindow();
    return focused && this.windows.has(focused.webContents.id)
      ? focused
      : [...this.windows.values()].at(-1);
  }

  get count(): number {
    return this.windows.size;
  }

  /** Opens a window: empty (welcome), for a file, or for an already parsed (embedded) message. */
  create(
    content: { filePath?: string; snapshot?: MessageSnapshot; parentPath?: string } = {},
  ): BrowserWindow {
    const window = new BrowserWindow({
      width: 1100,
      height: 800,
      minWidth: 480,
      minHeight: 360,
      show: false,
      title: 'MsgView',
      backgroundColor: '#ffffff',
      webPreferences: webPreferences(this.preloadPath),
    });
    const contents = window.webContents;
    const owner = contents.id;
    this.windows.set(owner, window);
    this.guard(contents);
    const session = this.service.openSession(owner);
    if (content.snapshot) session.adopt(content.snapshot, content.parentPath ?? '');
    else if (content.filePath) void session.openMessage(content.filePath).catch(() => undefined);

    let hasLoaded = false;
    contents.on('did-navigate', () => {
      // The first navigation is the initial load; any later one is a reload: drop what it held.
      if (hasLoaded) this.release(owner);
      hasLoaded = true;
    });
    contents.on('render-process-gone', () => this.release(owner));
    contents.on('page-title-updated', (event, title) => {
      event.preventDefault();
      window.setTitle(title ? `${title} — MsgView` : 'MsgView');
    });
    window.once('ready-to-show', () => window.show());
    window.on('closed', () => {
      this.windows.delete(owner);
      this.release(owner);
    });
    void window.loadURL(APP_ENTRY_URL);
    return window;
  }

  /**
   * Has a window that shows nothing yet open a file. The renderer opens it through the same call as
   * a dropped file, so its loading screen and error page apply, and the file is parsed once.
   */
  requestOpen(window: BrowserWindow, filePath: string): void {
    const contents = window.webContents;
    const send = () => contents.send(EVENTS.openRequested, filePath);
    if (contents.isLoading()) contents.once('did-finish-load', send);
    else send();
  }

  private release(owner: number): void {
    void this.service.closeSession(owner);
  }

  /** Navigation, new windows and webviews are refused: the renderer is one page, and mail links go to the system browser. */
  private guard(contents: WebContents): void {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    // Renderer-initiated navigation only (loadURL does not fire it): a link or a dropped file.
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
  }
}
