import type {
  ErrorInfo,
  Handle,
  InlineImage,
  MenuCommand,
  MessageView,
  MsgViewBridge,
  PropertyGroupView,
  RecentFile,
  Result,
  WrittenFileView,
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

export class BridgeError extends Error {
  override name = 'BridgeError';
  /** A SessionErrorCode (BAD_FILE, NEEDS_CONFIRMATION…), INVALID_ARGUMENT, INTERNAL, or ours. */
  readonly code: string;
  /** For BAD_FILE: the format layer's code (NOT_CFB, TRUNCATED…). */
  readonly formatCode: string | null;
  /** For NEEDS_CONFIRMATION: what the file really is. */
  readonly realType: string | null;
  /** For a file that could not be opened: its name, as main knows it. */
  readonly fileName: string | null;

  constructor(info: ErrorInfo) {
    super(info.message);
    this.code = info.code;
    this.formatCode = info.formatCode ?? null;
    this.realType = info.realType ?? null;
    this.fileName = info.fileName ?? null;
  }
}

export function isBridgeError(error: unknown, code?: string): error is BridgeError {
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

export const bridge = {
  currentMessage: (): Promise<MessageView | null> => unwrap(() => api().currentMessage()),
  /** Null when cancelled, or when the file opened in a new window (this one shows a message). */
  openWithDialog: (): Promise<MessageView | null> => unwrap(() => api().openWithDialog()),
  /** Null when this window already shows a message: main opens the file in a window of its own. */
  openPath: (path: string): Promise<MessageView | null> => unwrap(() => api().openPath(path)),
  closeSession: (): Promise<null> => unwrap(() => api().closeSession()),
  recentFiles: (): Promise<RecentFile[]> => unwrap(() => api().recentFiles()),
  properties: (message: Handle): Promise<PropertyGroupView[]> =>
    unwrap(() => api().properties(message)),
  propertyValue: (owner: Handle, recipientIndex: number | null, tag: string): Promise<string> =>
    unwrap(() => api().propertyValue(owner, recipientIndex, tag)),
  inlineImages: (message: Handle): Promise<InlineImage[]> =>
    unwrap(() => api().inlineImages(message)),
  openAttachment: (attachment: Handle, confirmed: boolean): Promise<null> =>
    unwrap(() => api().openAttachment(attachment, confirmed)),
  saveAttachment: (attachment: Handle): Promise<WrittenFileView | null> =>
    unwrap(() => api().saveAttachment(attachment)),
  saveAllAttachments: (message: Handle): Promise<WrittenFileView[] | null> =>
    unwrap(() => api().saveAllAttachments(message)),
  openEmbeddedMessage: (attachment: Handle): Promise<null> =>
    unwrap(() => api().openEmbeddedMessage(attachment)),
  openLink: (url: string): Promise<boolean> => unwrap(() => api().openLink(url)),
  allowRemoteContent: (message: Handle): Promise<null> =>
    unwrap(() => api().allowRemoteContent(message)),

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
