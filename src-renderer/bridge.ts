import type {
  ErrorCode,
  ErrorInfo,
  FormatErrorCode,
  MenuCommand,
  MsgViewApi,
  MsgViewBridge,
  Result,
} from '../src-main/contract/ipc-contract';

/**
 * The renderer's one door to the main process: the only file that touches `window.msgview`.
 * Every call's `Result` is unwrapped here, so the rest of the renderer works with plain values and
 * catches `BridgeError`s that carry the main process's error code.
 */

/** The page runs without the preload (opened in a plain browser): nothing can be opened. */
export const NO_BRIDGE = 'NO_BRIDGE';
/** The call itself failed (the main process threw instead of answering a Result). */
export const IPC_FAILED = 'IPC_FAILED';

/** Main's error codes, and the two the renderer adds when main cannot be asked at all. */
export type BridgeErrorCode = ErrorCode | typeof NO_BRIDGE | typeof IPC_FAILED;

export class BridgeError extends Error {
  override name = 'BridgeError';
  readonly code: BridgeErrorCode;
  /** For BAD_FILE: the format layer's code (NOT_CFB, TRUNCATED…). */
  readonly formatCode: FormatErrorCode | null;
  /** For NEEDS_CONFIRMATION: what the file really is. */
  readonly realType: string | null;
  /** For a file that could not be opened: its name, as main knows it. */
  readonly fileName: string | null;

  constructor(info: Omit<ErrorInfo, 'code'> & { code: BridgeErrorCode }) {
    super(info.message);
    this.code = info.code;
    this.formatCode = info.formatCode ?? null;
    this.realType = info.realType ?? null;
    this.fileName = info.fileName ?? null;
  }
}

export function isBridgeError(error: unknown, code?: BridgeErrorCode): error is BridgeError {
  return error instanceof BridgeError && (code === undefined || error.code === code);
}

/** Any thrown value as a BridgeError, so callers can show one kind of failure. */
export function asBridgeError(error: unknown): BridgeError {
  if (error instanceof BridgeError) return error;
  return new BridgeError({ code: IPC_FAILED, message: String(error) });
}

/** The preload's object, or undefined when the page runs without it. */
function exposed(): MsgViewBridge | undefined {
  return (window as { msgview?: MsgViewBridge }).msgview;
}

function api(): MsgViewBridge {
  const preload = exposed();
  if (!preload) {
    throw new BridgeError({ code: NO_BRIDGE, message: 'the MsgView preload API is missing' });
  }
  return preload;
}

async function unwrap<T>(call: () => Promise<Result<T>>): Promise<T> {
  let result: Result<T>;
  try {
    result = await call();
  } catch (error) {
    throw asBridgeError(error);
  }
  if (result.ok) return result.value;
  throw new BridgeError(result.error);
}

/**
 * Every method of the contract's API, with its `Result` unwrapped: the value, or a thrown
 * BridgeError. Derived from `MsgViewApi`, so a new channel needs no line here.
 */
export type BridgeCalls = {
  [Method in keyof MsgViewApi]: MsgViewApi[Method] extends (
    ...args: infer Args
  ) => Promise<Result<infer Value>>
    ? (...args: Args) => Promise<Value>
    : never;
};

/**
 * The calls, made on demand by name: the renderer may import only types from the contract, so the
 * channel table is not at hand; the preload's object (built from that table) is the list.
 */
const calls = new Proxy({} as BridgeCalls, {
  get(_target, method) {
    if (typeof method !== 'string') return undefined;
    return (...args: unknown[]) =>
      unwrap(() => {
        const call = (api() as unknown as Record<string, unknown>)[method];
        if (typeof call !== 'function') {
          throw new BridgeError({ code: IPC_FAILED, message: `no such call: ${method}` });
        }
        return call(...args) as Promise<Result<unknown>>;
      });
  },
});

/** The API calls (from `calls`) and the event subscriptions, which work without the preload too. */
const events = {
  /** Subscribes to files main asks this window to open; a no-op without the preload. */
  onOpenRequested(listener: (path: string) => void): () => void {
    return exposed()?.onOpenRequested(listener) ?? (() => {});
  },
  onMenuCommand(listener: (command: MenuCommand) => void): () => void {
    return exposed()?.onMenuCommand(listener) ?? (() => {});
  },
  /** How much of the file this window is opening has been read (0…1), as main reads it. */
  onOpenProgress(listener: (readFraction: number) => void): () => void {
    return exposed()?.onOpenProgress(listener) ?? (() => {});
  },
  /** The path of a dropped file, or null (not a file on disk, or no preload). */
  pathForFile(file: File): string | null {
    return exposed()?.pathForFile(file) ?? null;
  },
};

export const bridge: BridgeCalls & typeof events = Object.assign(
  Object.create(calls) as BridgeCalls,
  events,
);
