import { app, dialog, shell } from 'electron';
import type { BrowserWindow } from 'electron';
import { join } from 'node:path';
import type { ShellServices } from '../ipc/handlers.js';
import type { RecentFiles } from './recent-files.js';
import type { WindowManager } from './windows.js';

/** The Electron side of what IPC handlers need: dialogs, the system's apps, windows. */
export function createShellServices(
  windows: WindowManager,
  recent: RecentFiles,
  openFile: (path: string) => void,
): ShellServices {
  const parent = (owner: number): BrowserWindow | undefined => windows.windowOf(owner);
  const withParent = async <T>(
    owner: number,
    show: (window: BrowserWindow) => Promise<T>,
    fallback: T,
  ) => {
    const window = parent(owner);
    return window ? show(window) : fallback;
  };
  return {
    showOpenDialog: (owner) =>
      withParent(
        owner,
        async (window) => {
          const result = await dialog.showOpenDialog(window, {
            title: 'Open an Outlook item',
            properties: ['openFile'],
            filters: [
              { name: 'Outlook items', extensions: ['msg', 'oft'] },
              { name: 'All files', extensions: ['*'] },
            ],
          });
          return result.canceled ? null : (result.filePaths[0] ?? null);
        },
        null,
      ),
    showSaveDialog: (owner, defaultName) =>
      withParent(
        owner,
        async (window) => {
          const result = await dialog.showSaveDialog(window, {
            title: 'Save attachment',
            defaultPath: join(app.getPath('downloads'), defaultName),
          });
          return result.canceled ? null : (result.filePath ?? null);
        },
        null,
      ),
    showFolderDialog: (owner) =>
      withParent(
        owner,
        async (window) => {
          const result = await dialog.showOpenDialog(window, {
            title: 'Save all attachments into…',
            defaultPath: app.getPath('downloads'),
            properties: ['openDirectory', 'createDirectory'],
          });
          return result.canceled ? null : (result.filePaths[0] ?? null);
        },
        null,
      ),
    openWithSystem: async (path) => {
      const failure = await shell.openPath(path);
      if (failure) throw new Error(failure);
    },
    confirmLink: (owner, url) =>
      withParent(
        owner,
        async (window) => {
          const { response } = await dialog.showMessageBox(window, {
            type: 'question',
            buttons: ['Open in browser', 'Cancel'],
            defaultId: 1,
            cancelId: 1,
            message:
              url.protocol === 'mailto:'
                ? 'Write an email to this address?'
                : 'Open this link in your browser?',
            // The real target, whatever the link's text claimed.
            detail: url.href,
          });
          return response === 0;
        },
        false,
      ),
    openExternal: (url) => shell.openExternal(url.href),
    openMessageWindow: async (snapshot, filePath) => {
      windows.create({ snapshot, parentPath: filePath });
    },
    openInNewWindow: (path) => openFile(path),
    recentFiles: () => recent.all(),
    addRecentFile: (path) => {
      recent.add(path);
      app.addRecentDocument(path);
    },
  };
}
