import type { ErrorCode, MsgViewApi, Result } from '../contract/ipc-contract.js';
import { CHANNELS } from '../contract/ipc-contract.js';
import type { Handlers } from './handlers.js';

/**
 * Dispatches an IPC call to its handler after checking who sent it. Only the top frame of one of
 * our own windows, showing our own bundle, may call: never an iframe (the mail body lives in one),
 * never a page that navigated elsewhere. The transport (Electron's ipcMain, or the test harness)
 * describes the sender; the router decides.
 */

/** What the transport knows about the caller. */
export interface IpcSender {
  /** webContents id: the owner of the session. */
  webContentsId: number;
  /** URL of the frame that sent the message. */
  frameUrl: string;
  /** Whether that frame is its window's top frame. */
  isTopFrame: boolean;
}

/** Where our renderer is served from: `app://bundle/…` (see shell/protocol.ts). */
export const APP_PROTOCOL = 'app:';
export const APP_HOST = 'bundle';

export type Channel = (typeof CHANNELS)[keyof typeof CHANNELS];

const METHOD_BY_CHANNEL = new Map<string, keyof MsgViewApi>(
  Object.entries(CHANNELS).map(([method, channel]) => [channel, method as keyof MsgViewApi]),
);

export interface RouterOptions {
  handlers: Handlers;
  /** Whether the webContents is one of our windows (the shell keeps that list). */
  isOurWindow(webContentsId: number): boolean;
  /** Extra origins the test harness serves the renderer from. */
  trustedOrigins?: ReadonlyArray<{ protocol: string; host: string }>;
}

export function createRouter(options: RouterOptions) {
  const trusted = [{ protocol: APP_PROTOCOL, host: APP_HOST }, ...(options.trustedOrigins ?? [])];

  /**
   * `new URL('app://bundle/x').origin` is the string 'null', so origins cannot be compared:
   * compare protocol and host.
   */
  const isTrustedUrl = (frameUrl: string): boolean => {
    try {
      const url = new URL(frameUrl);
      return trusted.some((origin) => url.protocol === origin.protocol && url.host === origin.host);
    } catch {
      return false;
    }
  };

  return {
    channels: [...METHOD_BY_CHANNEL.keys()],
    async dispatch(channel: string, sender: IpcSender, args: unknown[]): Promise<Result<unknown>> {
      const method = METHOD_BY_CHANNEL.get(channel);
      if (!method) return refuse('INVALID_ARGUMENT', `unknown channel ${channel}`);
      if (
        !sender.isTopFrame ||
        !isTrustedUrl(sender.frameUrl) ||
        !options.isOurWindow(sender.webContentsId)
      ) {
        return refuse('NOT_OWNER', 'this frame may not use MsgView’s API');
      }
      if (!Array.isArray(args)) return refuse('INVALID_ARGUMENT', 'arguments must be a list');
      const handler = options.handlers[method] as (
        owner: number,
        ...rest: unknown[]
      ) => Promise<Result<unknown>>;
      return handler(sender.webContentsId, ...args);
    },
  };
}

export type Router = ReturnType<typeof createRouter>;

function refuse(code: ErrorCode, message: string): Result<never> {
  return { ok: false, error: { code, message } };
}
