import { createHash } from 'node:crypto';
import { Tag } from '../../src-main/format/mapi/property-tags.js';
import type { Address, Attachment, Message } from '../../src-main/format/model.js';

/**
 * Our model in the shape of `../shared/corpus/expected.json` (its README defines every field), so
 * the conformance check can compare field by field. This maps names; it computes nothing the
 * model does not already hold, except hashes.
 */

const TRANSPORT_HEADER_NAMES = [
  'From',
  'Sender',
  'To',
  'Cc',
  'Date',
  'Subject',
  'Message-ID',
  'Reply-To',
  'Content-Type',
];
const TEXT_START_LENGTH = 80;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export function toExpectedShape(message: Message): Record<string, unknown> {
  const { bodies } = message;
  const headers: Record<string, string> = {};
  for (const name of TRANSPORT_HEADER_NAMES) {
    const field = message.transportHeaders?.get(name);
    if (field) headers[name] = field.value;
  }
  const storedText = bodies.stored.text ? bodies.text : null;
  return {
    messageClass: message.messageClass,
    subject: message.subject,
    sender: addressShape(message.sender),
    from: addressShape(message.sentRepresenting),
    recipients: message.recipients.map((recipient) => ({
      ...addressShape(recipient),
      type: recipient.type,
    })),
    displayTo: message.displayTo,
    displayCc: message.displayCc,
    displayBcc: message.displayBcc,
    sentDate: iso(message.sentDate),
    receivedDate: iso(message.receivedDate),
    creationTime: iso(message.creationTime),
    lastModificationTime: iso(message.lastModificationTime),
    body: {
      text: bodies.stored.text,
      html: bodies.stored.html,
      rtf: bodies.stored.rtf,
      rtfDecompressedSha256: bodies.rtf ? sha256(bodies.rtf.rtf) : null,
      htmlPropType: bodies.stored.htmlPropType,
      rtfEncapsulates: bodies.rtf?.encapsulates ?? null,
      // Both reference parsers give null, not "", for an empty PidTagBody.
      textStart: storedText ? Array.from(storedText).slice(0, TEXT_START_LENGTH).join('') : null,
    },
    internetMessageId: message.internetMessageId,
    hasTransportHeaders: message.transportHeaders !== null,
    transportHeaders: headers,
    attachments: message.attachments.map(attachmentShape),
  };
}

function addressShape(address: Address | null) {
  return {
    name: address?.name ?? null,
    email: address?.email ?? null,
    addressType: address?.addressType ?? null,
    rawAddress: address?.rawAddress ?? null,
  };
}

function attachmentShape(attachment: Attachment): Record<string, unknown> {
  const data = attachment.data();
  const bag = attachment.properties;
  return {
    // The README's "long, else short, else display name" skips empty names but, like Python's
    // `or`, returns the last one as it is (""), where our model's fileName says null.
    filename: attachment.longFileName || attachment.shortFileName || attachment.displayName,
    longFilename: attachment.longFileName,
    shortFilename: attachment.shortFileName,
    displayName: attachment.displayName,
    extension: attachment.extension,
    size: attachment.embedded || attachment.hasEmbeddedMessage ? null : attachment.size,
    mime: attachment.mimeType,
    contentId: attachment.contentId,
    contentLocation: attachment.contentLocation,
    embeddedMessage: attachment.hasEmbeddedMessage,
    oleObject: attachment.isOleObject,
    hidden: bag.boolean(Tag.PidTagAttachmentHidden) ?? null,
    method: attachment.methodCode,
    flags: attachment.flags,
    attachSizeProp: attachment.declaredSize,
    sha256: data ? sha256(data) : null,
    embedded: attachment.embedded ? toExpectedShape(attachment.embedded) : null,
  };
}

function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}
