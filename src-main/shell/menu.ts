import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand, RecentFile, TextEncoding } from '../contract/ipc-contract.js';
import { TEXT_ENCODINGS } from '../contract/ipc-contract.js';

/** View → Text Encoding, named as Outlook names them. */
const TEXT_ENCODING_NAMES = {
  1252: 'Western European (Windows)',
  1250: 'Central European (Windows)',
  1251: 'Cyrillic (Windows)',
  1253: 'Greek (Windows)',
  1254: 'Turkish (Windows)',
  1255: 'Hebrew (Windows)',
  1256: 'Arabic (Windows)',
  1257: 'Baltic (Windows)',
  1258: 'Vietnamese (Windows)',
  874: 'Thai (Windows)',
  932: 'Japanese (Shift-JIS)',
  936: 'Chinese Simplified (GB2312)',
  950: 'Chinese Traditional (Big5)',
  949: 'Korean',
  65001: 'Unicode (UTF-8)',
} satisfies Record<TextEncoding, string>;

/** What the menu's own items do; roles (copy, zoom, close…) need nothing from us. */
export interface MenuActions {
  open(): void;
  openRecent(path: string): void;
  clearRecent(): void;
  /** Sends a command to the focused window's renderer (find, print). */
  command(command: MenuCommand): void;
  isDevelopment: boolean;
}

/** The application menu: File, Edit, View, Window, Help with standard roles and shortcuts. */
export function menuTemplate(
  actions: MenuActions,
  recent: RecentFile[],
  platform: NodeJS.Platform,
): MenuItemConstructorOptions[] {
  const isMac = platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [];
  if (isMac) {
    template.push({
      role: 'appMenu',
      submenu: [
        { role: 'about' },
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  }
  template.push(
    {
      label: '&File',
      submenu: [
        { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: () => actions.open() },
        {
          label: 'Open Recent',
          submenu: [
            ...recent.map((file) => ({
              label: file.name,
              toolTip: file.path,
              click: () => actions.openRecent(file.path),
            })),
            ...(recent.length > 0 ? [{ type: 'separator' as const }] : []),
            {
              label: 'Clear Recent',
              enabled: recent.length > 0,
              click: () => actions.clearRecent(),
            },
          ],
        },
        { type: 'separator' },
        { label: 'Print…', accelerator: 'CmdOrCtrl+P', click: () => actions.command('print') },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: '&Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
        { type: 'separator' },
        { label: 'Find…', accelerator: 'CmdOrCtrl+F', click: () => actions.command('find') },
      ],
    },
    {
      label: '&View',
      submenu: [
        ...(actions.isDevelopment
          ? ([
              { role: 'reload' },
              { role: 'toggleDevTools' },
              { type: 'separator' },
            ] as MenuItemConstructorOptions[])
          : []),
        {
          label: 'Text &Encoding',
          submenu: [
            { label: 'Automatic', click: () => actions.command('encoding:auto') },
            { type: 'separator' },
            ...TEXT_ENCODINGS.map((codePage) => ({
              label: TEXT_ENCODING_NAMES[codePage],
              click: () => actions.command(`encoding:${codePage}`),
            })),
          ],
        },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      label: '&Window',
      submenu: isMac
        ? [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }]
        : [{ role: 'minimize' }, { role: 'close' }],
    },
    { label: '&Help', role: 'help', submenu: [{ role: 'about', label: 'About MsgView' }] },
  );
  return template;
}
