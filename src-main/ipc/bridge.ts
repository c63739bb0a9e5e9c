import type { MenuCommand, MsgViewApi, MsgViewBridge } from '../contract/ipc-contract.js';
import { CHANNELS, EVENTS, TEXT_ENCODINGS } from '../contract/ipc-contract.js';

/**
 * Builds the object the preload exposes as `window.msgview`, from the channel table alone: one
 * function per channel, nothing else (never `ipcRenderer` itself). The transport is Electron's
 * ipcRenderer in the app and a Playwright binding in the browser tests, so both run this same code.
 */
export interface BridgeTransport {
  invoke(channel: string, args: unknown[]): Promise<unknown>;
  /** Subscribes to a main → renderer event; returns the unsubscribe function. */
  on(event: string, listener: (payload: unknown) => void): () => void;
  pathForFile(file: File): string | null;
}

export function createBridge(transport: BridgeTransport): MsgViewBridge {
  const api = {} as Record<keyof MsgViewApi, (...args: unknown[]) => Promise<unknown>>;
  for (const [method, channel] of Object.entries(CHANNELS) as Array<[keyof MsgViewApi, string]>) {
    api[method] = (...args: unknown[]) => transport.invoke(channel, args);
  }
  return Object.freeze({
    ...(api as unknown as MsgViewApi),
    onOpenRequested: (listener: (path: string) => void) =>
      transport.on(EVENTS.openRequested, (payload) => {
        if (typeof payload === 'string') listener(payload);
      }),
    onMenuCommand: (listener: (command: MenuCommand) => void) =>
      transport.on(EVENTS.menuCommand, (payload) => {
        if (isMenuCommand(payload)) listener(payload);
      }),
    onOpenProgress: (listener: (readFraction: number) => void) =>
      transport.on(EVENTS.openProgress, (payload) => {
        if (typeof payload === 'number' && payload >= 0 && payload <= 1) listener(payload);
      }),
    pathForFile: (file: File) => transport.pathForFile(file),
  });
}

/** Only the commands the menu sends reach the renderer. */
function isMenuCommand(payload: unknown): payload is MenuCommand {
  if (payload === 'find' || payload === 'print' || payload === 'encoding:auto') return true;
  if (typeof payload !== 'string' || !payload.startsWith('encoding:')) return false;
  const codePage = Number(payload.slice('encoding:'.length));
  return (TEXT_ENCODINGS as readonly number[]).includes(codePage);
}
