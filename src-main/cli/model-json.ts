import { createHash } from 'node:crypto';
import type { Diagnostic } from '../format/errors.js';
import type { MapiProperty } from '../format/mapi/property-bag.js';
import type { PropertyBag } from '../format/mapi/property-bag.js';
import { describeProperty } from '../format/mapi/property-naming.js';
import type { PropertyValue, ScalarValue } from '../format/mapi/property-value.js';
import type { Address, Attachment, Message, MsgDocument, Recipient } from '../format/model.js';

/**
 * The JSON document `msgview inspect --json` prints: the whole model, embedded messages nested in
 * their attachment, bodies included, binary data as `{ size, sha256 }` instead of bytes. The schema
 * is documented in the README; `schemaVersion` changes when a field changes meaning.
 */

export const JSON_SCHEMA_VERSION = 1;

export interface BinaryJson {
  size: number;
  sha256: string;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function binaryJson(bytes: Uint8Array): BinaryJson {
  return { size: bytes.length, sha256: sha256Hex(bytes) };
}

export interface DocumentJsonOptions {
  /** Include every property of every object (the default); the summary views leave them out. */
  properties?: boolean;
}

export function documentToJson(
  document: MsgDocument,
  file: { path: string; bytes: Uint8Array },
  options: DocumentJsonOptions = {},
) {
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    file: { path: file.path, ...binaryJson(file.bytes) },
    diagnostics: document.diagnostics.map(diagnosticJson),
    message: messageToJson(document.message, options),
  };
}

export function diagnosticJson(diagnostic: Diagnostic) {
  return { code: diagnostic.code, message: diagnostic.message, where: diagnostic.where };
}

export function messageToJson(
  message: Message,
  options: DocumentJsonOptions = {},
): Record<string, unknown> {
  const { bodies } = message;
  return {
    kind: message.kind,
    messageClass: message.messageClass,
    subject: message.subject,
    sender: addressJson(message.sender),
    sentRepresenting: addressJson(message.sentRepresenting),
    isSentOnBehalf: message.isSentOnBehalf,
    replyTo: message.replyTo,
    recipients: message.recipients.map(recipientJson),
    displayTo: message.displayTo,
    displayCc: message.displayCc,
    displayBcc: message.displayBcc,
    sentDate: isoOrNull(message.sentDate),
    receivedDate: isoOrNull(message.receivedDate),
    creationTime: isoOrNull(message.creationTime),
    lastModificationTime: isoOrNull(message.lastModificationTime),
    importance: message.importance,
    sensitivity: message.sensitivity,
    flagStatus: message.flagStatus,
    categories: message.categories,
    internetMessageId: message.internetMessageId,
    transportHeaders: message.transportHeaders
      ? { raw: message.transportHeaders.raw, fields: message.transportHeaders.fields }
      : null,
    codePage: message.codePage,
    body: {
      best: bodies.best,
      stored: bodies.stored,
      text: bodies.text,
      html: bodies.html,
      rtf: bodies.rtf
        ? {
            ...binaryJson(bodies.rtf.rtf),
            encapsulates: bodies.rtf.encapsulates,
            deEncapsulated: bodies.rtf.deEncapsulated,
          }
        : null,
    },
    attachments: message.attachments.map((attachment) => attachmentJson(attachment, options)),
    ...(options.properties === false ? {} : { properties: propertiesJson(message.properties) }),
  };
}

function addressJson(address: Address | null) {
  if (!address) return null;
  return {
    name: address.name,
    email: address.email,
    addressType: address.addressType,
    rawAddress: address.rawAddress,
    isExchange: address.isExchange,
    smtpAlternate: address.smtpAlternate,
  };
}

function recipientJson(recipient: Recipient) {
  return { index: recipient.index, type: recipient.type, ...addressJson(recipient) };
}

function attachmentJson(attachment: Attachment, options: DocumentJsonOptions) {
  const data = attachment.data();
  return {
    index: attachment.index,
    method: attachment.method,
    methodCode: attachment.methodCode,
    fileName: attachment.fileName,
    longFileName: attachment.longFileName,
    shortFileName: attachment.shortFileName,
    displayName: attachment.displayName,
    extension: attachment.extension,
    mimeType: attachment.mimeType,
    contentId: attachment.contentId,
    contentLocation: attachment.contentLocation,
    isHidden: attachment.isHidden,
    isInline: attachment.isInline,
    flags: attachment.flags,
    renderingPosition: attachment.renderingPosition,
    declaredSize: attachment.declaredSize,
    reference: attachment.reference,
    data: data ? binaryJson(data) : null,
    hasEmbeddedMessage: attachment.hasEmbeddedMessage,
    isOleObject: attachment.isOleObject,
    embedded: attachment.embedded ? messageToJson(attachment.embedded, options) : null,
    ...(options.properties === false ? {} : { properties: propertiesJson(attachment.properties) }),
  };
}

function propertiesJson(bag: PropertyBag) {
  return bag.list().map((property: MapiProperty) => ({
    ...describeProperty(property),
    flags: property.flags,
    value: valueJson(bag.valueOfProperty(property)),
  }));
}

function valueJson(value: PropertyValue | undefined): unknown {
  if (value === undefined) return null;
  if (Array.isArray(value)) return value.map(scalarJson);
  return scalarJson(value);
}

function scalarJson(value: ScalarValue): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array) return binaryJson(value);
  if (typeof value === 'object') {
    switch (value.kind) {
      case 'time':
        return { date: isoOrNull(value.date), filetime: value.filetime.toString() };
      case 'error':
        return { error: `0x${value.code.toString(16).padStart(8, '0')}` };
      case 'object':
        return { object: true };
    }
  }
  return value;
}

function isoOrNull(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}
