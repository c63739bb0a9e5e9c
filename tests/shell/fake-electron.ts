import { EventEmitter } from 'node:events';

/**
 * A stand-in for the `electron` module, enough to run the real shell (src-main/shell/main.ts)
 * under vitest: it records what the shell configures (web preferences, handlers, menus) and lets a
 * test fire the events Electron would (ready, window closed, renderer crash, navigation…).
 */

type Listener = (...args: unknown[]) => unknown;

class FakeWebContents extends EventEmitter {
  private static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  readonly sent: Array<{ channel: string; payload: unknown }> = [];
  windowOpenHandler: Listener | undefined;
  loadedUrl: string | undefined;
  readonly mainFrame = { url: 'app://bundle/index.html' };
  setWindowOpenHandler(handler: Listener) {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown) {
    this.sent.push({ channel, payload });
  }
  /** Fires an event with a preventable event object; returns whether it was prevented. */
  fire(name: string, ...args: unknown[]): boolean {
    let prevented = false;
    this.emit(name, { preventDefault: () => (prevented = true) }, ...args);
    return prevented;
  }
}

export class BrowserWindow extends EventEmitter {
  static readonly all: BrowserWindow[] = [];
  static focusedWindow: BrowserWindow | null = null;
  static getFocusedWindow() {
    return BrowserWindow.focusedWindow;
  }
  readonly webContents = new FakeWebContents();
  title = '';
  isFocused = false;
  destroyed = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    BrowserWindow.all.push(this);
  }
  async loadURL(url: string) {
    this.webContents.loadedUrl = url;
  }
  setTitle(title: string) {
    this.title = title;
  }
  show() {}
  focus() {
    this.isFocused = true;
  }
  /** What Electron does when the user closes the window. */
  close() {
    this.destroyed = true;
    this.emit('closed');
  }
}

class FakeApp extends EventEmitter {
  isPackaged = false;
  hasLock = true;
  lockData: unknown;
  quitCalled = false;
  recentDocuments: string[] = [];
  private readyResolve!: () => void;
  private readonly ready = new Promise<void>((resolve) => (this.readyResolve = resolve));
  whenReady() {
    return this.ready;
  }
  fireReady() {
    this.readyResolve();
  }
  requestSingleInstanceLock(data: unknown) {
    this.lockData = structuredClone(data); // Electron serializes it too
    return this.hasLock;
  }
  getPath(name: string) {
    return `${process.env.MSGVIEW_FAKE_USER_DATA ?? '/tmp'}/${name}`;
  }
  quit() {
    this.quitCalled = true;
  }
  addRecentDocument(path: string) {
    this.recentDocuments.push(path);
  }
  clearRecentDocuments() {
    this.recentDocuments = [];
  }
}

export const app = new FakeApp();

export const webContents = {
  fromId: (id: number) =>
    BrowserWindow.all.find((window) => !window.destroyed && window.webContents.id === id)
      ?.webContents,
};

export const ipcMain = {
  handlers: new Map<string, Listener>(),
  handle(channel: string, handler: Listener) {
    this.handlers.set(channel, handler);
  },
};

export const protocol = {
  privileged: [] as unknown[],
  handlers: new Map<string, (request: { url: string }) => Promise<Response>>(),
  registerSchemesAsPrivileged(schemes: unknown[]) {
    this.privileged.push(...schemes);
  },
  handle(scheme: string, handler: (request: { url: string }) => Promise<Response>) {
    this.handlers.set(scheme, handler);
  },
};

export const session = {
  defaultSession: {
    permissionRequestHandler: undefined as Listener | undefined,
    permissionCheckHandler: undefined as Listener | undefined,
    beforeRequest: undefined as Listener | undefined,
    setPermissionRequestHandler(handler: Listener) {
      this.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler: Listener) {
      this.permissionCheckHandler = handler;
    },
    webRequest: {
      onBeforeRequest(handler: Listener) {
        session.defaultSession.beforeRequest = handler;
      },
    },
  },
};

export const dialog = {
  nextOpen: { canceled: true, filePaths: [] as string[] },
  async showOpenDialog() {
    return dialog.nextOpen;
  },
  async showSaveDialog() {
    return { canceled: true };
  },
  async showMessageBox() {
    return { response: 1 };
  },
};

export const shell = {
  opened: [] as string[],
  async openPath(path: string) {
    shell.opened.push(path);
    return '';
  },
  async openExternal(url: string) {
    shell.opened.push(url);
  },
};

export const Menu = {
  applied: undefined as unknown,
  buildFromTemplate(template: unknown) {
    return { template };
  },
  setApplicationMenu(menu: unknown) {
    Menu.applied = menu;
  },
};

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(name: string, api: unknown) {
    this.exposed.set(name, api);
  },
};

export const ipcRenderer = { invoke: async () => undefined, on() {}, removeListener() {} };
export const webUtils = { getPathForFile: () => '' };

export default {
  app,
  BrowserWindow,
  ipcMain,
  protocol,
  session,
  dialog,
  shell,
  Menu,
  contextBridge,
  ipcRenderer,
  webUtils,
};
