import type { PropertyBag } from '../format/mapi/property-bag.js';
import { describeProperty } from '../format/mapi/property-naming.js';
import { itemFields } from '../format/items/item-fields.js';
import type { Address, Attachment, Message } from '../format/model.js';
import type { Diagnostic } from '../format/errors.js';
import { diagnosticPart } from '../format/diagnostic-part.js';
import type {
  AddressView,
  AttachmentView,
  MessageView,
  PropertyView,
} from '../contract/ipc-contract.js';
import { attachmentDisplay } from './attachment-display.js';
import { visibleName } from './attachment-policy.js';
import type { OpenVerdict } from './attachment-policy.js';
import { FULL_VALUE_LENGTH, formatPropertyValue } from './property-format.js';

/**
 * A parsed message as plain data: what the parser process sends back to the main process (through
 * structured clone, so no functions or class instances), and what the session then hands out
 * piece by piece under handles. Attachment bytes travel along; property values as text.
 */

export interface PropertySnapshot extends PropertyView {
  /** The whole value as text (capped at FULL_VALUE_LENGTH). */
  full: string;
}

export type MessageViewData = Omit<MessageView, 'handle' | 'filePath' | 'attachments'>;
export type AttachmentViewData = Omit<AttachmentView, 'handle'>;

export interface AttachmentSnapshot {
  view: AttachmentViewData;
  /** The name files are written under (the view's name before making hidden characters visible). */
  fileName: string;
  /** Whether opening it with the system's app needs confirmation, and why. */
  openVerdict: OpenVerdict;
  data: Uint8Array | null;
  embedded: MessageSnapshot | null;
  properties: PropertySnapshot[];
}

export interface MessageSnapshot {
  view: MessageViewData;
  /**
   * Where the message sits in its file: the attachment positions leading to it ([] for the file's
   * own message), so it can be read again (with another code page) from the file.
   */
  embeddedPath: number[];
  attachments: AttachmentSnapshot[];
  properties: PropertySnapshot[];
  /** One list per recipient, in `view.recipients` order. */
  recipientProperties: PropertySnapshot[][];
}

export function snapshotMessage(
  message: Message,
  diagnostics: Diagnostic[] = [],
  embeddedPath: number[] = [],
): MessageSnapshot {
  const dateHeader = message.transportHeaders?.get('Date')?.value.trim() ?? null;
  const { bodies } = message;
  return {
    view: {
      kind: message.kind,
      messageClass: message.messageClass,
      subject: message.subject,
      sender: addressView(message.sender),
      sentRepresenting: addressView(message.sentRepresenting),
      isSentOnBehalf: message.isSentOnBehalf,
      replyTo: replyToShown(message),
      recipients: message.recipients.map((recipient) => ({
        ...addressView(recipient)!,
        type: recipient.type,
        index: recipient.index,
      })),
      sentDate: message.sentDate?.toISOString() ?? null,
      receivedDate: message.receivedDate?.toISOString() ?? null,
      dateHeader,
      importance: message.importance,
      sensitivity: message.sensitivity,
      flagStatus: message.flagStatus,
      categories: message.categories,
      internetHeaders: message.transportHeaders?.raw ?? null,
      body: {
        best: bodies.best,
        html: bodies.html?.html ?? null,
        text: bodies.text,
        rtfText: bodies.rtf && bodies.rtf.encapsulates === 'rtf' ? bodies.rtf.deEncapsulated : null,
      },
      itemFields: itemFields(message),
      diagnostics: diagnostics.map((diagnostic) => ({
        code: diagnostic.code,
        message: diagnostic.message,
        part: diagnosticPart(diagnostic),
      })),
      textEncoding: {
        codePage: message.codePage.ansi.codePage,
        isChosen: message.codePage.ansi.source === 'override',
        hasEightBitText: hasEightBitText(message),
      },
    },
    embeddedPath,
    attachments: message.attachments.map((attachment, position) =>
      snapshotAttachment(attachment, position, [...embeddedPath, position]),
    ),
    properties: snapshotProperties(message.properties),
    recipientProperties: message.recipients.map((recipient) =>
      snapshotProperties(recipient.properties),
    ),
  };
}

function snapshotAttachment(
  attachment: Attachment,
  position: number,
  embeddedPath: number[],
): AttachmentSnapshot {
  const display = attachmentDisplay(attachment, position);
  return {
    view: {
      name: visibleName(display.name),
      isNameDerived: display.isNameDerived,
      fileExtension: display.fileExtension,
      isReference: display.isReference,
      index: attachment.index,
      fileName: attachment.fileName,
      displayName: attachment.displayName,
      extension: attachment.extension,
      mimeType: attachment.mimeType,
      size: attachment.size,
      contentId: attachment.contentId,
      contentLocation: attachment.contentLocation,
      method: attachment.method,
      isHidden: attachment.isHidden,
      isInline: attachment.isInline,
      reference: attachment.reference,
      embeddedSubject: attachment.embedded?.subject ?? null,
      isEmbeddedMessage: attachment.embedded !== null,
      openNeedsConfirmation: display.verdict.kind === 'confirm',
      realType: display.verdict.realType,
    },
    fileName: display.name,
    openVerdict: display.verdict,
    data: attachment.embedded ? null : attachment.data(),
    embedded: attachment.embedded ? snapshotMessage(attachment.embedded, [], embeddedPath) : null,
    properties: snapshotProperties(attachment.properties),
  };
}

/** PT_STRING8 and PT_MV_STRING8: text in the code page the choice applies to. */
const EIGHT_BIT_STRING_TYPES = new Set([0x001e, 0x101e]);

/** Whether any string of the message, its recipients or attachments is 8-bit, or its body is. */
function hasEightBitText(message: Message): boolean {
  const bags = [
    message.properties,
    ...message.recipients.map((recipient) => recipient.properties),
    ...message.attachments.map((attachment) => attachment.properties),
  ];
  return (
    message.bodies.stored.htmlPropType === 'binary' ||
    bags.some((bag) => bag.list().some((property) => EIGHT_BIT_STRING_TYPES.has(property.type)))
  );
}

/** Reply-To, unless it only repeats the From address (many mailers write it always). */
function replyToShown(message: Message): Message['replyTo'] {
  const from = message.sentRepresenting ?? message.sender;
  const fromEmail = (from?.email ?? from?.smtpAlternate)?.toLowerCase();
  const isFrom = ({ name, email }: Message['replyTo'][number]) =>
    email !== null ? email.toLowerCase() === fromEmail : name !== null && name === from?.name;
  return message.replyTo.every(isFrom) ? [] : message.replyTo;
}

function addressView(address: Address | null): AddressView | null {
  if (!address) return null;
  const { name, email, addressType, rawAddress, isExchange } = address;
  return { name, email: email ?? address.smtpAlternate, addressType, rawAddress, isExchange };
}

function snapshotProperties(bag: PropertyBag): PropertySnapshot[] {
  return bag.list().map((property) => {
    const description = describeProperty(property);
    const formatted = formatPropertyValue(bag.valueOfProperty(property));
    const named = description.named
      ? `${description.named.set ?? description.named.guid} ${description.named.lid ?? `"${description.named.name}"`}`
      : null;
    return {
      tag: description.tag,
      id: description.id,
      type: description.type,
      name: description.name,
      named,
      preview: formatted.preview,
      isTruncated: formatted.isTruncated,
      full: formatted.full.slice(0, FULL_VALUE_LENGTH + 64),
    };
  });
}
