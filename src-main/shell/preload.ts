import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { BRIDGE_NAME } from '../contract/ipc-contract.js';
import { createBridge } from '../ipc/bridge.js';

/**
 * The preload: exposes `window.msgview`, one function per IPC channel and the event
 * subscriptions, through contextBridge. `ipcRenderer` itself never reaches the page. Bundled to one
 * CommonJS file with `electron` external, because a sandboxed preload can only require('electron').
 */
contextBridge.exposeInMainWorld(
  BRIDGE_NAME,
  createBridge({
    invoke: (channel, args) => ipcRenderer.invoke(channel, ...args),
    on: (event, listener) => {
      const wrapped = (_event: Electron.IpcRendererEvent, payload: unknown) => listener(payload);
      ipcRenderer.on(event, wrapped);
      return () => ipcRenderer.removeListener(event, wrapped);
    },
    pathForFile: (file) => {
      try {
        return webUtils.getPathForFile(file) || null;
      } catch {
        return null;
      }
    },
  }),
);
