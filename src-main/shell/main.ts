import { Menu, app, dialog, ipcMain, protocol, session, webContents } from 'electron';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MenuCommand } from '../contract/ipc-contract.js';
import { EVENTS } from '../contract/ipc-contract.js';
import { createHandlers } from '../ipc/handlers.js';
import { createRouter } from '../ipc/router.js';
import { createForkParserHost } from '../session/parser-host.js';
import { SessionService } from '../session/session-service.js';
import { filesFromArgv, isSecondInstanceData } from './file-arguments.js';
import { menuTemplate } from './menu.js';
import { APP_SCHEME, contentTypeOf, resolveBundlePath } from './protocol.js';
import { RecentFiles } from './recent-files.js';
import { APP_CONTENT_SECURITY_POLICY, isPermissionGranted, isRequestAllowed } from './security.js';
import { createShellServices } from './shell-services.js';
import { WindowManager } from './windows.js';

/** Where the built pieces are; `entry.ts` computes them from the bundle's own folder. */
export interface AppPaths {
  rendererDir: string;
  preloadPath: string;
  parseWorker: string;
  parseWorkerExecArgv?: string[];
}

/**
 * Wires the app: the app:// protocol, the security policy, IPC, the menu, windows, and file
 * opening (command line, second instance, macOS open-file, File → Open). Thin by design: the logic
 * lives in session/ and ipc/, which run and are tested under plain Node.
 */
export function startApp(paths: AppPaths): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);

  const pendingFiles = filesFromArgv(process.argv, {
    cwd: process.cwd(),
    isPackaged: app.isPackaged,
  });
  let openFile: ((path: string) => void) | undefined;
  // macOS sends open-file before `ready` for a file dropped on the dock icon: queue it until then.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    if (openFile) openFile(path);
    else pendingFiles.push(path);
  });

  if (!app.requestSingleInstanceLock({ files: pendingFiles })) {
    // Another MsgView runs: it receives our files through `second-instance`.
    app.quit();
    return;
  }

  void app.whenReady().then(() => {
    const parser = createForkParserHost({
      workerScript: paths.parseWorker,
      execArgv: paths.parseWorkerExecArgv,
    });
    const service = new SessionService(parser, {
      // A session's owner is its window's webContents id.
      onOpenProgress: (owner, readFraction) =>
        webContents.fromId(owner)?.send(EVENTS.openProgress, readFraction),
    });
    const windows = new WindowManager(service, paths.preloadPath);
    const recent = new RecentFiles(join(app.getPath('userData'), 'recent-files.json'));
    const router = createRouter({
      handlers: createHandlers(
        service,
        createShellServices(windows, recent, (path) => openFile?.(path)),
      ),
      isOurWindow: (id) => windows.isOurWindow(id),
    });

    protocol.handle(APP_SCHEME, async (request) => {
      const path = resolveBundlePath(paths.rendererDir, request.url);
      if (!path) return new Response('Not found', { status: 404 });
      try {
        const body = await readFile(path);
        return new Response(body, {
          headers: {
            'content-type': contentTypeOf(path),
            'content-security-policy': APP_CONTENT_SECURITY_POLICY,
          },
        });
      } catch {
        return new Response('Not found', { status: 404 });
      }
    });

    const defaultSession = session.defaultSession;
    defaultSession.setPermissionRequestHandler((_contents, permission, callback) =>
      callback(isPermissionGranted(permission)),
    );
    defaultSession.setPermissionCheckHandler((_contents, permission) =>
      isPermissionGranted(permission),
    );
    defaultSession.webRequest.onBeforeRequest((details, callback) => {
      callback({
        cancel: !isRequestAllowed(
          details.url,
          windows.isRemoteContentAllowed(details.webContentsId),
        ),
      });
    });

    for (const channel of router.channels) {
      ipcMain.handle(channel, (event, ...args: unknown[]) =>
        router.dispatch(
          channel,
          {
            webContentsId: event.sender.id,
            frameUrl: event.senderFrame?.url ?? '',
            isTopFrame: event.senderFrame !== null && event.senderFrame === event.sender.mainFrame,
          },
          args,
        ),
      );
    }

    openFile = (path: string) => {
      const showing = windows.windowShowing(path);
      if (showing) {
        showing.focus();
        return;
      }
      const empty = windows.emptyWindow();
      if (empty) windows.requestOpen(empty, path);
      else windows.create({ filePath: path });
    };

    const sendCommand = (command: MenuCommand) => {
      const focused = windows.focused();
      focused?.webContents.send(EVENTS.menuCommand, command);
    };
    const rebuildMenu = () =>
      Menu.setApplicationMenu(
        Menu.buildFromTemplate(
          menuTemplate(
            {
              open: () => {
                const focused = windows.focused();
                const options = {
                  title: 'Open an Outlook item',
                  properties: ['openFile', 'multiSelections'] as Array<
                    'openFile' | 'multiSelections'
                  >,
                  filters: [
                    { name: 'Outlook items', extensions: ['msg', 'oft'] },
                    { name: 'All files', extensions: ['*'] },
                  ],
                };
                void (
                  focused ? dialog.showOpenDialog(focused, options) : dialog.showOpenDialog(options)
                ).then((result) => {
                  if (!result.canceled) for (const path of result.filePaths) openFile?.(path);
                });
              },
              openRecent: (path) => openFile?.(path),
              clearRecent: () => {
                recent.clear();
                app.clearRecentDocuments();
                rebuildMenu();
              },
              command: sendCommand,
              isDevelopment: !app.isPackaged,
            },
            recent.all(),
            process.platform,
          ),
        ),
      );
    rebuildMenu();
    recent.onChange(rebuildMenu);

    app.on('second-instance', (_event, _argv, _cwd, data) => {
      const files = isSecondInstanceData(data) ? data.files : [];
      if (files.length === 0) {
        const focused = windows.focused();
        if (focused) focused.focus();
        else windows.create();
      }
      for (const file of files) openFile?.(file);
    });
    app.on('activate', () => {
      if (windows.count === 0) windows.create();
    });
    app.on('window-all-closed', () => {
      if (process.platform !== 'darwin') app.quit();
    });
    app.on('will-quit', () => {
      void service.closeAll();
      parser.dispose();
    });

    if (pendingFiles.length === 0) windows.create();
    for (const file of pendingFiles.splice(0)) openFile(file);
  });
}
