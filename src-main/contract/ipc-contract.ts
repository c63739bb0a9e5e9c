/**
 * The IPC contract between the renderer and the main process: every channel, its arguments and its
 * result. Main, preload and renderer all import these types, so a mismatch is a compile error.
 * This file imports nothing: it is shared by three environments.
 *
 * Every call answers a `Result`: expected failures travel as data, because an error thrown in an
 * `ipcMain.handle` reaches the renderer as a bare message.
 */

/** An opaque id for an object a session holds (message, attachment, embedded message). */
export type Handle = string;

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

/**
 * Every error code a call can answer: the session layer's (session/session-error.ts), argument
 * validation's, and INTERNAL for an unexpected failure. The renderer's text tables are
 * `satisfies Record<ErrorCode, string>`, so a new code without text fails to compile.
 */
export type ErrorCode =
  | 'SESSION_CLOSED'
  | 'UNKNOWN_HANDLE'
  | 'NOT_OWNER'
  | 'WRONG_HANDLE_KIND'
  | 'BAD_FILE'
  | 'IO_ERROR'
  | 'PARSE_TIMEOUT'
  | 'PARSE_OUT_OF_MEMORY'
  | 'TOO_LARGE'
  | 'NEEDS_CONFIRMATION'
  | 'EXISTS'
  | 'NO_DATA'
  | 'INVALID_ARGUMENT'
  | 'INTERNAL';

/** Why a file is not a readable Outlook item: the format layer's codes (format/errors.ts). */
export type FormatErrorCode =
  | 'NOT_CFB'
  | 'NOT_MSG'
  | 'TRUNCATED'
  | 'CORRUPT_CONTAINER'
  | 'CORRUPT_DATA'
  | 'LIMIT_EXCEEDED'
  | 'INVALID_ARGUMENT';

export interface ErrorInfo {
  code: ErrorCode;
  message: string;
  /** For BAD_FILE: why the file is not readable. */
  formatCode?: FormatErrorCode;
  /** For NEEDS_CONFIRMATION: what the file really is, for the confirmation text. */
  realType?: string;
  /**
   * For a file that could not be opened: its name. A window opened for a file (double-click,
   * command line) learns of the failure only through this, and must say which file it was.
   */
  fileName?: string;
}

/** What kind of Outlook item a message is, from its message class (format/items/item-kind.ts). */
export type ItemKind =
  | 'note'
  | 'appointment'
  | 'meeting-request'
  | 'meeting-response'
  | 'meeting-cancellation'
  | 'contact'
  | 'distribution-list'
  | 'task'
  | 'task-request'
  | 'sticky-note'
  | 'journal'
  | 'post'
  | 'report'
  | 'smime'
  | 'other';

/** PidTagAttachMethod by name ([MS-OXCMSG] 2.2.2.9). */
export type AttachMethod =
  | 'none'
  | 'by-value'
  | 'by-reference'
  | 'by-reference-resolve'
  | 'by-reference-only'
  | 'embedded-message'
  | 'ole'
  | 'by-web-reference'
  | 'unknown';

export interface AddressView {
  name: string | null;
  email: string | null;
  addressType: string | null;
  rawAddress: string | null;
  isExchange: boolean;
}

export interface RecipientView extends AddressView {
  type: 'to' | 'cc' | 'bcc' | null;
  /** Storage index N of `__recip_version1.0_#N`. */
  index: number;
}

export interface AttachmentView {
  handle: Handle;
  index: number;
  /**
   * The name to show, decided in main: the stored name, else one made from the subject (embedded
   * messages) or the MIME type; characters that reorder text are replaced by visible marks.
   */
  name: string;
  /** `name` was made up, not stored in the file (the window may show it differently). */
  isNameDerived: boolean;
  /** The real extension, lower case without the dot, '' for none (for the type icon). */
  fileExtension: string;
  /** By-reference and web-reference attachments: `reference` is a path or URL, never followed. */
  isReference: boolean;
  fileName: string | null;
  displayName: string | null;
  extension: string | null;
  mimeType: string | null;
  /** Byte size of the data, or null when there is none (embedded message, reference). */
  size: number | null;
  contentId: string | null;
  contentLocation: string | null;
  method: AttachMethod;
  isHidden: boolean;
  isInline: boolean;
  /** A path or URL for by-reference and web-reference attachments; never opened automatically. */
  reference: string | null;
  /** Embedded message: its subject, and `openEmbeddedMessage` opens it in its own window. */
  embeddedSubject: string | null;
  isEmbeddedMessage: boolean;
  /** Opening it with the system's app needs the user's confirmation. */
  openNeedsConfirmation: boolean;
  realType: string;
}

export interface BodyView {
  best: 'html' | 'rtf' | 'text' | 'none';
  html: string | null;
  text: string | null;
  /** Plain text of a native RTF body (shown until RTF rendering lands). */
  rtfText: string | null;
}

export interface FieldView {
  label: string;
  /** Text, or an ISO-8601 instant when `isDate` (the renderer shows it in local time). */
  value: string;
  isDate: boolean;
}

/**
 * What a problem cost, in the terms a person sees (format/diagnostic-part.ts): the body, an
 * attachment or recipient (by its storage index, as in AttachmentView.index), some fields, or the
 * file as a whole.
 */
export type DiagnosticPart =
  | { kind: 'body' }
  | { kind: 'attachment'; index: number }
  | { kind: 'recipient'; index: number }
  | { kind: 'fields' }
  | { kind: 'file' };

export interface DiagnosticView {
  code: FormatErrorCode;
  /** Technical: stream, offset, expected and found. */
  message: string;
  part: DiagnosticPart;
}

export interface MessageView {
  handle: Handle;
  /** The file it came from (for the title bar and error pages), or the parent's for embedded ones. */
  filePath: string;
  kind: ItemKind;
  messageClass: string | null;
  subject: string | null;
  sender: AddressView | null;
  sentRepresenting: AddressView | null;
  /** `sender` sent for `sentRepresenting` ("A on behalf of B"), decided by mailbox, not name. */
  isSentOnBehalf: boolean;
  /** Where replies go, only when that differs from the From address; else empty. */
  replyTo: Array<{ name: string | null; email: string | null }>;
  recipients: RecipientView[];
  /** ISO-8601 UTC, or null (unsent draft). */
  sentDate: string | null;
  receivedDate: string | null;
  /** The `Date:` transport header as written, which carries the sender's UTC offset. */
  dateHeader: string | null;
  importance: number | null;
  sensitivity: number | null;
  flagStatus: number | null;
  categories: string[];
  internetHeaders: string | null;
  body: BodyView;
  attachments: AttachmentView[];
  /** Key fields of appointments, contacts, tasks and notes, in display order. */
  itemFields: FieldView[];
  /** What could not be read: the view shows the rest with a notice. */
  diagnostics: DiagnosticView[];
  textEncoding: TextEncodingView;
}

/**
 * The code pages a person can choose for a message's 8-bit text (View → Text Encoding), besides
 * automatic: the Windows code pages Outlook writes, the East Asian double-byte ones, and UTF-8.
 * The menu's and the window's label tables are `satisfies Record<TextEncoding, string>`.
 */
export type TextEncoding =
  | 1252 // Western
  | 1250 // Central European
  | 1251 // Cyrillic
  | 1253 // Greek
  | 1254 // Turkish
  | 1255 // Hebrew
  | 1256 // Arabic
  | 1257 // Baltic
  | 1258 // Vietnamese
  | 874 // Thai
  | 932 // Japanese (Shift-JIS)
  | 936 // Simplified Chinese (GBK)
  | 950 // Traditional Chinese (Big5)
  | 949 // Korean
  | 65001; // UTF-8

/** Every TextEncoding, in menu order (the type check below fails when one is missing). */
export const TEXT_ENCODINGS = [
  1252, 1250, 1251, 1253, 1254, 1255, 1256, 1257, 1258, 874, 932, 936, 950, 949, 65001,
] as const satisfies readonly TextEncoding[];
/** Fails to compile when a TextEncoding is missing from the list. */
export const EVERY_TEXT_ENCODING_LISTED: TextEncoding extends (typeof TEXT_ENCODINGS)[number]
  ? true
  : false = true;

/** Which code page a message's 8-bit text is read with. */
export interface TextEncodingView {
  /** The code page in use for 8-bit strings. */
  codePage: number;
  /** The person chose it (View → Text Encoding); false when MsgView chose it from the file. */
  isChosen: boolean;
  /** The message stores 8-bit text at all; in a Unicode message the choice changes nothing. */
  hasEightBitText: boolean;
}

export interface PropertyView {
  tag: string;
  id: string;
  type: string;
  /** Canonical name (PidTagSubject, PidLidLocation, PidNameKeywords) or null. */
  name: string | null;
  /** Property set and LID/name for named properties. */
  named: string | null;
  /** A short display value (dates ISO, binary as a hex preview, long text cut). */
  preview: string;
  /** The preview was cut; `getPropertyValue` returns the whole value. */
  isTruncated: boolean;
}

export interface PropertyGroupView {
  /** "Message", "Recipient 1 (Ann)", "Attachment 2 (report.pdf)". */
  title: string;
  owner: Handle;
  /** Index into the owner's recipients when the group is a recipient's. */
  recipientIndex: number | null;
  properties: PropertyView[];
}

export interface InlineImage {
  contentId: string | null;
  contentLocation: string | null;
  /**
   * The attachment's file name: Outlook also resolves a relative `<img src="logo.jpg">` against
   * attachment names.
   */
  fileName: string | null;
  mimeType: string;
  bytes: Uint8Array;
}

export interface WrittenFileView {
  path: string;
  size: number;
}

export interface RecentFile {
  path: string;
  name: string;
}

/** What the renderer may ask the main process. Each method is one channel. */
export interface MsgViewApi {
  /** The message this window was opened for, or null for a welcome window. */
  currentMessage(): Promise<Result<MessageView | null>>;
  /**
   * Shows the system's Open dialog and opens the chosen file here (or in a new window when this one
   * already shows a message). Null when cancelled or opened elsewhere.
   */
  openWithDialog(): Promise<Result<MessageView | null>>;
  /**
   * Opens a file this window was given (drag and drop, recent files). Null when this window already
   * shows a message: the file then opens in a window of its own.
   */
  openPath(path: string): Promise<Result<MessageView | null>>;
  /** Closes this window's session (back to the welcome screen). */
  closeSession(): Promise<Result<null>>;
  recentFiles(): Promise<Result<RecentFile[]>>;
  /** Every property of the message, its recipients and attachments, grouped. */
  properties(message: Handle): Promise<Result<PropertyGroupView[]>>;
  /** The whole value of one property, for "show full text". */
  propertyValue(owner: Handle, recipientIndex: number | null, tag: string): Promise<Result<string>>;
  /** Bytes of the attachments an HTML body references by cid: or content-location. */
  inlineImages(message: Handle): Promise<Result<InlineImage[]>>;
  /** Opens the attachment with the system's app; NEEDS_CONFIRMATION unless `confirmed`. */
  openAttachment(attachment: Handle, confirmed: boolean): Promise<Result<null>>;
  /** Save dialog, then writes it. Null when cancelled. */
  saveAttachment(attachment: Handle): Promise<Result<WrittenFileView | null>>;
  /** Folder dialog, then writes every file attachment (embedded messages' into sub-folders). */
  saveAllAttachments(message: Handle): Promise<Result<WrittenFileView[] | null>>;
  /** Opens an embedded message in a window (and session) of its own. */
  openEmbeddedMessage(attachment: Handle): Promise<Result<null>>;
  /** Asks main to open a link in the system browser after showing its real target (http, https, mailto). */
  openLink(url: string): Promise<Result<boolean>>;
  /** Lets this window's message load remote content (images, fonts) until it is closed. */
  allowRemoteContent(message: Handle): Promise<Result<null>>;
  /**
   * Reads the message again in its session with this code page for its 8-bit text (null: choose
   * automatically, as at first). The old handles of the message and its attachments are released.
   */
  setTextEncoding(message: Handle, codePage: TextEncoding | null): Promise<Result<MessageView>>;
}

/** The channel of every method: `satisfies` makes a method without a channel a compile error. */
export const CHANNELS = {
  currentMessage: 'msgview:current-message',
  openWithDialog: 'msgview:open-with-dialog',
  openPath: 'msgview:open-path',
  closeSession: 'msgview:close-session',
  recentFiles: 'msgview:recent-files',
  properties: 'msgview:properties',
  propertyValue: 'msgview:property-value',
  inlineImages: 'msgview:inline-images',
  openAttachment: 'msgview:open-attachment',
  saveAttachment: 'msgview:save-attachment',
  saveAllAttachments: 'msgview:save-all-attachments',
  openEmbeddedMessage: 'msgview:open-embedded-message',
  openLink: 'msgview:open-link',
  allowRemoteContent: 'msgview:allow-remote-content',
  setTextEncoding: 'msgview:set-text-encoding',
} as const satisfies Record<keyof MsgViewApi, string>;

/** Events the main process sends to a window. */
export const EVENTS = {
  /**
   * Main asks this (empty) window to open a file (File → Open, a file dropped on the dock…). The
   * renderer opens it like one dropped on it, so loading and errors show the same way.
   */
  openRequested: 'msgview:event:open-requested',
  /** A menu command the renderer carries out (find, print). */
  menuCommand: 'msgview:event:menu-command',
  /** How much of the file this window is opening has been read, 0…1 (a number). */
  openProgress: 'msgview:event:open-progress',
} as const;

/** `encoding:1251` (or `encoding:auto`): View → Text Encoding for the window's message. */
export type MenuCommand = 'find' | 'print' | `encoding:${TextEncoding | 'auto'}`;

/** What the preload exposes as `window.msgview`: the API plus event subscriptions. */
export interface MsgViewBridge extends MsgViewApi {
  onOpenRequested(listener: (path: string) => void): () => void;
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  onOpenProgress(listener: (readFraction: number) => void): () => void;
  /** Resolves a dropped File to its path (Electron's webUtils); null in the browser harness. */
  pathForFile(file: File): string | null;
}

/** The global name under which the preload exposes the bridge. */
export const BRIDGE_NAME = 'msgview';
