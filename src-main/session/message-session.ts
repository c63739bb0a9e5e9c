import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import type {
  AttachmentView,
  Handle,
  InlineImage,
  MessageView,
  PropertyGroupView,
  WrittenFileView,
} from '../contract/ipc-contract.js';
import { DisposableStore } from './disposable-store.js';
import type { AttachmentSnapshot, MessageSnapshot, PropertySnapshot } from './message-snapshot.js';
import type { ParserHost } from './parser-host.js';
import { safeFileName } from './safe-file-name.js';
import { saveAllAttachments, writeFileSafely } from './save-files.js';
import type { SavableMessage } from './save-files.js';
import { SessionError } from './session-error.js';
import { TempFolder } from './temp-folder.js';

/**
 * A message session, after MAPI's OpenIMsgSession / OpenIMsgOnIStg / CloseIMsgSession: everything
 * opened through it (messages, attachments, embedded messages, temp files) gets a handle the
 * session tracks, and `close()` releases all of it. Closing is the only way they are released;
 * afterwards every handle fails with SESSION_CLOSED.
 */

type SessionObject =
  | {
      kind: 'message';
      handle: Handle;
      snapshot: MessageSnapshot;
      filePath: string;
      view: MessageView;
    }
  | {
      kind: 'attachment';
      handle: Handle;
      snapshot: AttachmentSnapshot;
      message: Handle;
      filePath: string;
    };

export class MessageSession {
  readonly id = randomUUID();
  private readonly store = new DisposableStore();
  private readonly objects = new Map<Handle, SessionObject>();
  private readonly tempFolder: TempFolder;
  private nextHandle = 1;
  private opening: Promise<MessageView> | undefined;
  private failedOpen: unknown;
  /**
   * Messages this window may load remote content for: the one owner of that permission. The
   * shell's request filter asks the window's current session, so closing the session ends it.
   */
  private readonly remoteAllowed = new Set<Handle>();

  constructor(
    /** The window (or other caller) that owns this session. */
    readonly owner: number,
    private readonly parser: ParserHost,
    tempRoot?: string,
    /** Told how much of the file being opened has been read (the window shows it). */
    private readonly onOpenProgress?: (readFraction: number) => void,
  ) {
    this.tempFolder = new TempFolder(tempRoot);
    void this.store.add(this.tempFolder);
    void this.store.add({ dispose: () => this.objects.clear() });
  }

  get isClosed(): boolean {
    return this.store.isClosed;
  }

  /** Whether a handle was issued by this session (alive or not): its prefix is the session id. */
  issued(handle: Handle): boolean {
    return handle.startsWith(`${this.id}/`);
  }

  /** OpenIMsgOnIStg: parses a .msg/.oft read-only and returns the message's view. */
  openMessage(filePath: string, options: { codePage?: number } = {}): Promise<MessageView> {
    this.assertOpen();
    const onProgress = (readFraction: number) => {
      if (!this.isClosed) this.onOpenProgress?.(readFraction);
    };
    const opening = this.parser.parse(filePath, { ...options, onProgress }).then(
      (snapshot) => {
        this.assertOpen();
        return this.adopt(snapshot, filePath);
      },
      (error: unknown) => {
        // The window this file was opened for shows the failure, and must say which file it was.
        if (error instanceof SessionError) error.details.fileName = basename(filePath);
        throw error;
      },
    );
    this.opening = opening;
    const clear = () => {
      if (this.opening === opening) this.opening = undefined;
    };
    opening.then(clear, (error: unknown) => {
      clear();
      this.failedOpen = error;
    });
    return opening;
  }

  /** Whether an open is under way (the window shows progress, not the welcome screen). */
  get isOpening(): boolean {
    return this.opening !== undefined;
  }

  /** Waits for an open under way; its failure is the caller's failure (the window shows the error page). */
  async whenOpened(): Promise<void> {
    if (this.opening) await this.opening;
    // An open that failed before the window asked: report it once (the window shows the error page).
    const failure = this.failedOpen;
    this.failedOpen = undefined;
    if (failure !== undefined) throw failure;
  }

  /** Takes an already parsed message (an embedded message moved to its own window). */
  adopt(snapshot: MessageSnapshot, filePath: string): MessageView {
    this.assertOpen();
    const handle = this.issue();
    const attachments = snapshot.attachments.map((attachment) =>
      this.registerAttachment(attachment, handle, filePath),
    );
    const view: MessageView = { ...snapshot.view, handle, filePath, attachments };
    this.objects.set(handle, { kind: 'message', handle, snapshot, filePath, view });
    return view;
  }

  /**
   * Reads a message again from its file with `codePage` for its 8-bit text (undefined: chosen
   * automatically), in place: the old message's handles, and its attachments', are released and
   * the new view takes its place. An embedded message is found again by its path in the file.
   */
  async reread(handle: unknown, codePage: number | undefined): Promise<MessageView> {
    const object = this.messageObject(handle);
    const parsed = await this.parser.parse(
      object.filePath,
      codePage === undefined ? {} : { codePage },
    );
    this.assertOpen();
    let snapshot: MessageSnapshot | null = parsed;
    for (const position of object.snapshot.embeddedPath) {
      snapshot = snapshot?.attachments[position]?.embedded ?? null;
    }
    // The file changed under us since it was opened; nothing to show in its place.
    if (!snapshot) throw new SessionError('NO_DATA', 'the message is no longer in its file');
    this.forget(object.handle);
    return this.adopt(snapshot, object.filePath);
  }

  message(handle: unknown): MessageView {
    return this.messageObject(handle).view;
  }

  /** All messages opened in this session, first first. */
  messages(): MessageView[] {
    return [...this.objects.values()].flatMap((object) =>
      object.kind === 'message' ? [object.view] : [],
    );
  }

  /** The embedded message of an attachment, for opening it in a window (and session) of its own. */
  embeddedMessage(attachment: unknown): { snapshot: MessageSnapshot; filePath: string } {
    const object = this.attachmentObject(attachment);
    if (!object.snapshot.embedded)
      throw new SessionError('NO_DATA', 'this attachment is not an embedded message');
    return { snapshot: object.snapshot.embedded, filePath: object.filePath };
  }

  propertyGroups(handle: unknown): PropertyGroupView[] {
    const { snapshot, view } = this.messageObject(handle);
    const strip = (properties: PropertySnapshot[]) =>
      properties.map(({ full: _full, ...property }) => property);
    const groups: PropertyGroupView[] = [
      {
        title: 'Message',
        owner: view.handle,
        recipientIndex: null,
        properties: strip(snapshot.properties),
      },
    ];
    snapshot.recipientProperties.forEach((properties, index) => {
      const name =
        snapshot.view.recipients[index]?.name ?? snapshot.view.recipients[index]?.email ?? '';
      groups.push({
        title: `Recipient ${index + 1}${name ? ` (${name})` : ''}`,
        owner: view.handle,
        recipientIndex: index,
        properties: strip(properties),
      });
    });
    view.attachments.forEach((attachment, index) => {
      const attachmentSnapshot = snapshot.attachments[index]!;
      groups.push({
        title: `Attachment ${index + 1}${attachment.fileName ? ` (${attachment.fileName})` : ''}`,
        owner: attachment.handle,
        recipientIndex: null,
        properties: strip(attachmentSnapshot.properties),
      });
    });
    return groups;
  }

  propertyValue(owner: unknown, recipientIndex: unknown, tag: unknown): string {
    if (typeof tag !== 'string') throw new SessionError('INVALID_ARGUMENT', 'tag must be a string');
    const object = this.resolve(owner);
    let properties: PropertySnapshot[] | undefined;
    if (object.kind === 'attachment') properties = object.snapshot.properties;
    else if (recipientIndex === null) properties = object.snapshot.properties;
    else if (typeof recipientIndex === 'number')
      properties = object.snapshot.recipientProperties[recipientIndex];
    const property = properties?.find((candidate) => candidate.tag === tag);
    if (!property) throw new SessionError('UNKNOWN_HANDLE', `no property ${tag} here`);
    return property.full;
  }

  /**
   * Attachments the HTML body may show in place, with their bytes: those with a Content-ID or
   * Content-Location, and pictures, which a body can name by file name (`<img src="logo.jpg">`).
   */
  inlineImages(handle: unknown): InlineImage[] {
    const { snapshot } = this.messageObject(handle);
    return snapshot.attachments.flatMap((attachment) => {
      const { view, data } = attachment;
      const isPicture =
        (view.mimeType ?? '').toLowerCase().startsWith('image/') ||
        PICTURE_EXTENSIONS.has(view.fileExtension);
      if (!data || (!view.contentId && !view.contentLocation && !isPicture)) return [];
      return [
        {
          contentId: view.contentId,
          contentLocation: view.contentLocation,
          fileName: view.fileName,
          mimeType: view.mimeType ?? 'application/octet-stream',
          bytes: data,
        },
      ];
    });
  }

  /**
   * Writes the attachment to this session's temp folder for the system's default app and returns
   * the path. Risky types (executables, scripts, macro documents, spoofed names) need `confirmed`.
   */
  async prepareOpen(handle: unknown, confirmed: boolean): Promise<string> {
    const object = this.attachmentObject(handle);
    const data = this.dataOf(object);
    const { fileName: name, openVerdict: verdict } = object.snapshot;
    if (verdict.kind === 'confirm' && !confirmed) {
      throw new SessionError('NEEDS_CONFIRMATION', verdict.reason, undefined, {
        realType: verdict.realType,
      });
    }
    const path = await this.tempFolder.write(name, data);
    this.assertOpen();
    return path;
  }

  /** The safe file name to suggest when saving an attachment. */
  attachmentFileName(handle: unknown): string {
    const { view, fileName } = this.attachmentObject(handle).snapshot;
    return safeFileName(fileName, `attachment-${view.index + 1}`);
  }

  /** Writes one attachment to a path the user chose. `overwrite` only with the user's consent. */
  async saveAttachment(
    handle: unknown,
    targetPath: string,
    overwrite: boolean,
  ): Promise<WrittenFileView> {
    const data = this.dataOf(this.attachmentObject(handle));
    await writeFileSafely(targetPath, data, overwrite);
    return { path: targetPath, size: data.length };
  }

  /** Writes every file attachment into `folder` under safe unique names; embedded messages' into sub-folders. */
  async saveAllAttachments(handle: unknown, folder: string): Promise<WrittenFileView[]> {
    const { snapshot } = this.messageObject(handle);
    return saveAllAttachments(savable(snapshot), folder);
  }

  allowRemoteContent(handle: unknown): void {
    this.remoteAllowed.add(this.messageObject(handle).handle);
  }

  get isRemoteContentAllowed(): boolean {
    return !this.isClosed && this.remoteAllowed.size > 0;
  }

  /** CloseIMsgSession: releases everything; idempotent. */
  close(): Promise<void> {
    this.remoteAllowed.clear();
    return this.store.close();
  }

  /** Every handle alive in this session (for tests and leak checks). */
  get handleCount(): number {
    return this.objects.size;
  }

  private registerAttachment(
    snapshot: AttachmentSnapshot,
    message: Handle,
    filePath: string,
  ): AttachmentView {
    const handle = this.issue();
    this.objects.set(handle, { kind: 'attachment', handle, snapshot, message, filePath });
    return { ...snapshot.view, handle };
  }

  /** Releases a message's handle and its attachments' (they answer UNKNOWN_HANDLE afterwards). */
  private forget(message: Handle): void {
    for (const [handle, object] of this.objects) {
      if (handle === message || (object.kind === 'attachment' && object.message === message)) {
        this.objects.delete(handle);
      }
    }
    this.remoteAllowed.delete(message);
  }

  private issue(): Handle {
    return `${this.id}/${this.nextHandle++}`;
  }

  private resolve(handle: unknown): SessionObject {
    this.assertOpen();
    if (typeof handle !== 'string')
      throw new SessionError('INVALID_ARGUMENT', 'a handle must be a string');
    const object = this.objects.get(handle);
    if (!object) {
      throw this.issued(handle)
        ? new SessionError('UNKNOWN_HANDLE', 'this object is no longer open')
        : new SessionError('NOT_OWNER', 'this handle belongs to another window');
    }
    return object;
  }

  private messageObject(handle: unknown) {
    const object = this.resolve(handle);
    if (object.kind !== 'message')
      throw new SessionError('WRONG_HANDLE_KIND', 'expected a message handle');
    return object;
  }

  private attachmentObject(handle: unknown) {
    const object = this.resolve(handle);
    if (object.kind !== 'attachment')
      throw new SessionError('WRONG_HANDLE_KIND', 'expected an attachment handle');
    return object;
  }

  private dataOf(object: Extract<SessionObject, { kind: 'attachment' }>): Uint8Array {
    const data = object.snapshot.data;
    if (!data) {
      throw new SessionError(
        'NO_DATA',
        object.snapshot.embedded
          ? 'an embedded message opens in its own window'
          : 'this attachment has no content in the file (it links elsewhere)',
      );
    }
    return data;
  }

  private assertOpen(): void {
    if (this.store.isClosed) throw new SessionError('SESSION_CLOSED', 'this message was closed');
  }
}

/** Extensions of pictures a mail body can show. */
const PICTURE_EXTENSIONS = new Set([
  'png',
  'jpg',
  'jpeg',
  'gif',
  'bmp',
  'webp',
  'svg',
  'ico',
  'tif',
]);

/** The snapshot in the shape the shared save routine takes. */
function savable(snapshot: MessageSnapshot): SavableMessage {
  return {
    attachments: snapshot.attachments.map((attachment) => ({
      index: attachment.view.index,
      // An embedded message's files go into a folder named after it, not after a made-up .msg name.
      fileName: attachment.embedded
        ? (attachment.view.fileName ?? attachment.view.displayName)
        : attachment.fileName,
      data: attachment.data,
      embedded: attachment.embedded ? savable(attachment.embedded) : null,
      embeddedSubject: attachment.view.embeddedSubject,
    })),
  };
}
