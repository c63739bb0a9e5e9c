import { basename } from 'node:path';
import { isSessionError } from '../session/session-error.js';
import type { MessageSnapshot } from '../session/message-snapshot.js';
import type { SessionService } from '../session/session-service.js';
import type {
  ErrorInfo,
  MessageView,
  MsgViewApi,
  RecentFile,
  Result,
} from '../contract/ipc-contract.js';
import {
  booleanArg,
  handleArg,
  linkArg,
  pathArg,
  recipientIndexArg,
  tagArg,
  textEncodingArg,
} from './validate.js';

/**
 * The main-process side of every channel. Each handler receives the owner (the calling window's id,
 * already checked by the router) first and the renderer's arguments as `unknown`; it validates
 * them, resolves the owner's session, and answers a `Result`. Nothing here imports Electron: what
 * needs it (dialogs, the system's apps, windows) comes in through `ShellServices`.
 */

export interface ShellServices {
  showOpenDialog(owner: number): Promise<string | null>;
  showSaveDialog(owner: number, defaultName: string): Promise<string | null>;
  showFolderDialog(owner: number): Promise<string | null>;
  /** Opens a file with the system's default app. */
  openWithSystem(path: string): Promise<void>;
  /** Shows the real target of a link and asks; true when the user agreed. */
  confirmLink(owner: number, url: URL): Promise<boolean>;
  openExternal(url: URL): Promise<void>;
  /** Opens an embedded message in a new window with its own session. */
  openMessageWindow(snapshot: MessageSnapshot, filePath: string): Promise<void>;
  /** Opens a file in another window (this one already shows a message: one window per file). */
  openInNewWindow(path: string): void;
  recentFiles(): RecentFile[];
  addRecentFile(path: string): void;
}

/** Main-side handler types, derived from the contract: owner first, arguments unknown. */
export type Handlers = {
  [K in keyof MsgViewApi]: (owner: number, ...args: unknown[]) => ReturnType<MsgViewApi[K]>;
};

export function createHandlers(service: SessionService, shell: ShellServices): Handlers {
  const open = async (owner: number, path: string): Promise<MessageView | null> => {
    const existing = service.sessionOf(owner);
    if (existing && (existing.messages().length > 0 || existing.isOpening)) {
      shell.openInNewWindow(path);
      return null;
    }
    const view = await service.openSession(owner).openMessage(path);
    shell.addRecentFile(path);
    return view;
  };
  return {
    currentMessage: (owner) =>
      run(async () => {
        const session = service.sessionOf(owner);
        if (!session) return null;
        // A window opened for a file asks while the parse may still run: answer when it is done.
        await session.whenOpened();
        return session.messages()[0] ?? null;
      }),
    openWithDialog: (owner) =>
      run(async () => {
        const path = await shell.showOpenDialog(owner);
        return path === null ? null : open(owner, path);
      }),
    openPath: (owner, path) => run(() => open(owner, pathArg(path))),
    closeSession: (owner) =>
      run(async () => {
        await service.closeSession(owner);
        return null;
      }),
    recentFiles: () => run(() => shell.recentFiles()),
    properties: (owner, message) =>
      run(() => {
        const handle = handleArg(message);
        return service.sessionForHandle(owner, handle).propertyGroups(handle);
      }),
    propertyValue: (owner, handle, recipientIndex, tag) =>
      run(() => {
        const checked = handleArg(handle);
        return service
          .sessionForHandle(owner, checked)
          .propertyValue(checked, recipientIndexArg(recipientIndex), tagArg(tag));
      }),
    inlineImages: (owner, message) =>
      run(() => {
        const handle = handleArg(message);
        return service.sessionForHandle(owner, handle).inlineImages(handle);
      }),
    openAttachment: (owner, attachment, confirmed) =>
      run(async () => {
        const handle = handleArg(attachment);
        const path = await service
          .sessionForHandle(owner, handle)
          .prepareOpen(handle, booleanArg(confirmed));
        await shell.openWithSystem(path);
        return null;
      }),
    saveAttachment: (owner, attachment) =>
      run(async () => {
        const handle = handleArg(attachment);
        const session = service.sessionForHandle(owner, handle);
        const name = session.attachmentFileName(handle);
        const target = await shell.showSaveDialog(owner, name);
        // The save dialog asks before replacing a file, so a chosen path carries the user's consent.
        return target === null ? null : session.saveAttachment(handle, target, true);
      }),
    saveAllAttachments: (owner, message) =>
      run(async () => {
        const handle = handleArg(message);
        const session = service.sessionForHandle(owner, handle);
        // Check the handle before asking for a folder: a stale one fails without a pointless dialog.
        session.message(handle);
        const folder = await shell.showFolderDialog(owner);
        return folder === null ? null : session.saveAllAttachments(handle, folder);
      }),
    openEmbeddedMessage: (owner, attachment) =>
      run(async () => {
        const handle = handleArg(attachment);
        const { snapshot, filePath } = service
          .sessionForHandle(owner, handle)
          .embeddedMessage(handle);
        await shell.openMessageWindow(snapshot, filePath);
        return null;
      }),
    openLink: (owner, url) =>
      run(async () => {
        const link = linkArg(url);
        if (!(await shell.confirmLink(owner, link))) return false;
        await shell.openExternal(link);
        return true;
      }),
    allowRemoteContent: (owner, message) =>
      run(() => {
        const handle = handleArg(message);
        // The session holds the permission; the shell's request filter asks it (see WindowManager).
        service.sessionForHandle(owner, handle).allowRemoteContent(handle);
        return null;
      }),
    setTextEncoding: (owner, message, codePage) =>
      run(() => {
        const handle = handleArg(message);
        const choice = textEncodingArg(codePage);
        return service.sessionForHandle(owner, handle).reread(handle, choice ?? undefined);
      }),
  };
}

/** Runs a handler body and turns expected failures into data; unexpected ones are logged and masked. */
async function run<T>(body: () => T | Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, value: await body() };
  } catch (error) {
    return { ok: false, error: errorInfo(error) };
  }
}

export function errorInfo(error: unknown): ErrorInfo {
  if (isSessionError(error)) {
    const info: ErrorInfo = { code: error.code, message: error.message };
    if (error.formatCode) info.formatCode = error.formatCode;
    if (error.details.realType) info.realType = error.details.realType;
    if (error.details.fileName) info.fileName = error.details.fileName;
    return info;
  }
  console.error('msgview: unexpected error in an IPC handler', error);
  return {
    code: 'INTERNAL',
    message: 'something went wrong in MsgView; the details are in its log',
  };
}

export function recentFile(path: string): RecentFile {
  return { path, name: basename(path) };
}
