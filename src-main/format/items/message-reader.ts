import type { StorageNode } from '../cfb/cfb-storage.js';
import type { DiagnosticSink } from '../errors.js';
import { toDiagnostic } from '../errors.js';
import { MAX_ATTACHMENTS, MAX_EMBEDDING_DEPTH, MAX_RECIPIENTS } from '../limits.js';
import { readAttachment } from '../attachments/attachment-reader.js';
import { chooseAnsiCodePage, chooseBodyCodePage } from '../mapi/code-pages.js';
import type { CodePageHints } from '../mapi/code-pages.js';
import type { NamedPropertyMap } from '../mapi/named-property-map.js';
import { PS_PUBLIC_STRINGS } from '../mapi/named-property-map.js';
import { PropertyBag } from '../mapi/property-bag.js';
import { Tag } from '../mapi/property-tags.js';
import { parseTransportHeaders } from '../mime/transport-headers.js';
import type { Attachment, CodePageInfo, Message, Recipient, RecipientType } from '../model.js';
import {
  isSentOnBehalf as isSentOnBehalfOf,
  readAddress,
  readReplyTo,
  resolveSmtpAddresses,
} from './addresses.js';
import { readBodies } from './bodies.js';
import { itemKindOf } from './item-kind.js';

/**
 * Reads a message storage (the file's root, or an embedded message's `__substg1.0_3701000D`) into
 * the model: properties, recipients, attachments (recursively), bodies.
 * @see [MS-OXMSG] 2.2.1 Message Object Storage
 */

export interface MessageReadContext {
  /** The file's one named-property map: embedded messages use their top-level message's. */
  namedMap: NamedPropertyMap;
  onDiagnostic: DiagnosticSink;
  /** PT_STRING8 code page of the message being read (set per message). */
  ansiCodePage: number;
  /** A caller's code page override for 8-bit strings, when it knows better than the file. */
  codePageOverride?: number;
}

const RECIPIENT_STORAGE = /^__recip_version1\.0_#([0-9A-F]{8})$/i;
const ATTACHMENT_STORAGE = /^__attach_version1\.0_#([0-9A-F]{8})$/i;

/** [MS-OXOMSG] 2.2.3.1 PidTagRecipientType (the low bits; 0x10000000 marks a resend). */
const RECIPIENT_TYPES: ReadonlyMap<number, RecipientType> = new Map([
  [1, 'to'],
  [2, 'cc'],
  [3, 'bcc'],
]);
const RECIPIENT_TYPE_MASK = 0x0fffffff;

export function readMessage(
  storage: StorageNode,
  depth: number,
  context: MessageReadContext,
  inheritedHints: CodePageHints = {},
): Message {
  const bag = new PropertyBag(storage, depth === 0 ? 'top-message' : 'embedded-message', context);
  const codePage = chooseCodePages(bag, inheritedHints, context.codePageOverride);
  bag.decoding.codePage = codePage.ansi.codePage;
  const childContext: MessageReadContext = {
    namedMap: context.namedMap,
    onDiagnostic: context.onDiagnostic,
    ansiCodePage: codePage.ansi.codePage,
    codePageOverride: context.codePageOverride,
  };
  const messageClass = bag.string(Tag.PidTagMessageClass) ?? null;
  const headersText = bag.string(Tag.PidTagTransportMessageHeaders);
  const sender = readAddress(bag, {
    name: Tag.PidTagSenderName,
    email: Tag.PidTagSenderEmailAddress,
    addressType: Tag.PidTagSenderAddressType,
    smtp: Tag.PidTagSenderSmtpAddress,
    smtpAlternate: Tag.PidTagSenderSmtpAddressAlternate,
  });
  const sentRepresenting = readAddress(bag, {
    name: Tag.PidTagSentRepresentingName,
    email: Tag.PidTagSentRepresentingEmailAddress,
    addressType: Tag.PidTagSentRepresentingAddressType,
    smtp: Tag.PidTagSentRepresentingSmtpAddress,
    smtpAlternate: Tag.PidTagSentRepresentingSmtpAddressAlternate,
  });
  const isSentOnBehalf = isSentOnBehalfOf(bag, sender, sentRepresenting);
  const message: Message = {
    kind: itemKindOf(messageClass),
    messageClass,
    subject: bag.string(Tag.PidTagSubject) ?? null,
    sender,
    sentRepresenting,
    isSentOnBehalf,
    replyTo: [],
    recipients: readRecipients(storage, childContext),
    displayTo: bag.string(Tag.PidTagDisplayTo) ?? null,
    displayCc: bag.string(Tag.PidTagDisplayCc) ?? null,
    displayBcc: bag.string(Tag.PidTagDisplayBcc) ?? null,
    sentDate: bag.date(Tag.PidTagClientSubmitTime),
    receivedDate: bag.date(Tag.PidTagMessageDeliveryTime),
    creationTime: bag.date(Tag.PidTagCreationTime),
    lastModificationTime: bag.date(Tag.PidTagLastModificationTime),
    importance: bag.integer(Tag.PidTagImportance) ?? null,
    sensitivity: bag.integer(Tag.PidTagSensitivity) ?? null,
    flagStatus: bag.integer(Tag.PidTagFlagStatus) ?? null,
    categories: bag.strings(bag.namedId(PS_PUBLIC_STRINGS, 'Keywords') ?? -1) ?? [],
    internetMessageId: bag.string(Tag.PidTagInternetMessageId) ?? null,
    transportHeaders: headersText === undefined ? null : parseTransportHeaders(headersText),
    bodies: readBodies(bag, codePage, context.onDiagnostic),
    // Read after the bodies (the literal's order), so diagnostics come in the same order as before.
    attachments: readAttachments(storage, depth, childContext, codePage.hints),
    codePage,
    properties: bag,
    depth,
  };
  message.replyTo = readReplyTo(bag, message.transportHeaders);
  resolveSmtpAddresses(
    message.transportHeaders,
    sender,
    sentRepresenting,
    isSentOnBehalf,
    message.recipients,
  );
  markInlineAttachments(message);
  return message;
}

function chooseCodePages(
  bag: PropertyBag,
  inherited: CodePageHints,
  override?: number,
): CodePageInfo {
  // Only the hints the message has, in this order (they are shown as they are).
  const own: CodePageHints = {};
  const messageCodePage = bag.integer(Tag.PidTagMessageCodepage);
  const localeId = bag.integer(Tag.PidTagMessageLocaleId);
  const internetCodePage = bag.integer(Tag.PidTagInternetCodepage);
  if (messageCodePage !== undefined) own.messageCodePage = messageCodePage;
  if (localeId !== undefined) own.localeId = localeId;
  if (internetCodePage !== undefined) own.internetCodePage = internetCodePage;
  // An embedded message may say nothing about its code page; it was written by the same client.
  const hasOwn =
    messageCodePage !== undefined || localeId !== undefined || internetCodePage !== undefined;
  const hints = hasOwn ? own : inherited;
  return {
    hints,
    ansi: chooseAnsiCodePage(hints, override),
    body: chooseBodyCodePage(hints, override),
  };
}

/** Child storages matching `pattern`, in storage-index order (N of `#N`), at most `limit`. */
function indexedStorages(
  storage: StorageNode,
  pattern: RegExp,
  limit: number,
  onDiagnostic: DiagnosticSink,
) {
  const found: Array<{ index: number; storage: StorageNode }> = [];
  for (const [name, child] of storage.storages) {
    const match = pattern.exec(name);
    if (match) found.push({ index: Number.parseInt(match[1]!, 16), storage: child });
  }
  found.sort((a, b) => a.index - b.index);
  if (found.length > limit) {
    onDiagnostic({
      code: 'LIMIT_EXCEEDED',
      message: `${storage.path || 'root'}: ${found.length} ${pattern.source} storages; the first ${limit} are read`,
      where: { stream: storage.path },
    });
    found.length = limit;
  }
  return found;
}

/** [MS-OXMSG] 2.2.1 Recipient Object Storage (`__recip_version1.0_#N`). */
function readRecipients(storage: StorageNode, context: MessageReadContext): Recipient[] {
  return indexedStorages(storage, RECIPIENT_STORAGE, MAX_RECIPIENTS, context.onDiagnostic).map(
    ({ index, storage: recipientStorage }) => {
      const bag = new PropertyBag(recipientStorage, 'recipient', context);
      bag.decoding.codePage = context.ansiCodePage;
      const address = readAddress(bag, {
        name: Tag.PidTagDisplayName,
        email: Tag.PidTagEmailAddress,
        addressType: Tag.PidTagAddressType,
        smtp: Tag.PidTagSmtpAddress,
      }) ?? {
        name: null,
        email: null,
        addressType: null,
        rawAddress: null,
        isExchange: false,
        smtpAlternate: null,
      };
      const typeCode = bag.integer(Tag.PidTagRecipientType);
      const type =
        typeCode === undefined
          ? null
          : (RECIPIENT_TYPES.get(typeCode & RECIPIENT_TYPE_MASK) ?? null);
      // Field by field rather than a spread of `address`: V8's spread is slow, and 200 recipients
      // are not rare.
      return {
        name: address.name,
        email: address.email,
        addressType: address.addressType,
        rawAddress: address.rawAddress,
        isExchange: address.isExchange,
        smtpAlternate: address.smtpAlternate,
        type,
        index,
        properties: bag,
      };
    },
  );
}

function readAttachments(
  storage: StorageNode,
  depth: number,
  context: MessageReadContext,
  hints: CodePageHints,
): Attachment[] {
  const readEmbedded = (embeddedStorage: StorageNode): Message | null => {
    if (depth + 1 > MAX_EMBEDDING_DEPTH) {
      context.onDiagnostic({
        code: 'LIMIT_EXCEEDED',
        message: `${embeddedStorage.path}: messages nested deeper than ${MAX_EMBEDDING_DEPTH} are not read`,
        where: { stream: embeddedStorage.path },
      });
      return null;
    }
    try {
      return readMessage(embeddedStorage, depth + 1, context, hints);
    } catch (error) {
      context.onDiagnostic(toDiagnostic(error, { stream: embeddedStorage.path }));
      return null;
    }
  };
  const attachments: Attachment[] = [];
  for (const { index, storage: attachmentStorage } of indexedStorages(
    storage,
    ATTACHMENT_STORAGE,
    MAX_ATTACHMENTS,
    context.onDiagnostic,
  )) {
    try {
      attachments.push(readAttachment(attachmentStorage, index, context, readEmbedded));
    } catch (error) {
      context.onDiagnostic(toDiagnostic(error, { stream: attachmentStorage.path }));
    }
  }
  return attachments;
}

/**
 * An attachment is "inline" (part of the body, not a file to list) when it is hidden or the HTML
 * body references it by cid: or content-location. Flags alone are unreliable (MSGReader#142, #297).
 */
function markInlineAttachments(message: Message): void {
  // Lower-cased once, and only when an attachment has a cid or a location to look for.
  let html: string | undefined;
  const lowerCaseHtml = () => (html ??= message.bodies.html?.html.toLowerCase() ?? '');
  for (const attachment of message.attachments) {
    const cid = attachment.contentId?.replace(/^<|>$/g, '').toLowerCase();
    const location = attachment.contentLocation?.toLowerCase();
    attachment.isInline =
      attachment.isHidden ||
      (cid !== undefined && cid !== '' && lowerCaseHtml().includes(`cid:${cid}`)) ||
      (location !== undefined && location !== '' && lowerCaseHtml().includes(location));
  }
}
