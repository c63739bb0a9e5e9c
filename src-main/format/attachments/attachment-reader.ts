import type { StorageNode } from '../cfb/cfb-storage.js';
import { PropertyBag } from '../mapi/property-bag.js';
import { makeTag, valueStreamName } from '../mapi/property-stream.js';
import { PT } from '../mapi/property-value.js';
import { Tag } from '../mapi/property-tags.js';
import type { AttachMethod, Attachment, Message } from '../model.js';
import type { MessageReadContext } from '../items/message-reader.js';
import { PROPERTY_STREAM_NAME } from '../mapi/property-stream.js';

/**
 * [MS-OXMSG] 2.2.2 Attachment Object Storage (`__attach_version1.0_#N`) and the attachment
 * properties of [MS-OXCMSG] 2.2.2.
 */

/** [MS-OXCMSG] 2.2.2.9 PidTagAttachMethod. */
const ATTACH_METHODS: ReadonlyMap<number, AttachMethod> = new Map([
  [0, 'none'],
  [1, 'by-value'],
  [2, 'by-reference'],
  [3, 'by-reference-resolve'],
  [4, 'by-reference-only'],
  [5, 'embedded-message'],
  [6, 'ole'],
  [7, 'by-web-reference'],
]);

/** PidTagAttachDataBinary / PidTagAttachDataObject share ID 0x3701; the type tells them apart. */
const DATA_BINARY_STREAM = valueStreamName(makeTag(Tag.PidTagAttachDataBinary, PT.PT_BINARY));
const DATA_OBJECT_STORAGE = valueStreamName(makeTag(Tag.PidTagAttachDataBinary, PT.PT_OBJECT));

/** Reads one attachment storage. `readEmbedded` parses a message storage one level deeper. */
export function readAttachment(
  storage: StorageNode,
  index: number,
  context: MessageReadContext,
  readEmbedded: (storage: StorageNode) => Message | null,
): Attachment {
  const bag = new PropertyBag(storage, 'attachment', context);
  bag.decoding.codePage = context.ansiCodePage;
  const methodCode = bag.integer(Tag.PidTagAttachMethod) ?? null;
  const method = methodCode === null ? 'none' : (ATTACH_METHODS.get(methodCode) ?? 'unknown');
  const longFileName = bag.string(Tag.PidTagAttachLongFilename) ?? null;
  const shortFileName = bag.string(Tag.PidTagAttachFilename) ?? null;
  const displayName = bag.string(Tag.PidTagDisplayName) ?? null;
  const dataStream = storage.streams.get(DATA_BINARY_STREAM);
  const objectStorage = storage.storages.get(DATA_OBJECT_STORAGE);
  const hasEmbeddedMessage =
    objectStorage !== undefined &&
    objectStorage.streams.has(PROPERTY_STREAM_NAME) &&
    (method === 'embedded-message' || method === 'none' || method === 'unknown');
  const isOleObject = objectStorage !== undefined && !hasEmbeddedMessage;
  const embedded = hasEmbeddedMessage ? readEmbedded(objectStorage) : null;
  const reference =
    method === 'by-web-reference' || method.startsWith('by-reference')
      ? (bag.string(Tag.PidTagAttachLongPathname) ?? bag.string(Tag.PidTagAttachPathname) ?? null)
      : null;
  return {
    index,
    method,
    methodCode,
    fileName: longFileName || shortFileName || displayName || null,
    longFileName,
    shortFileName,
    displayName,
    extension: bag.string(Tag.PidTagAttachExtension) ?? null,
    mimeType: bag.string(Tag.PidTagAttachMimeTag) ?? null,
    contentId: bag.string(Tag.PidTagAttachContentId) ?? null,
    contentLocation: bag.string(Tag.PidTagAttachContentLocation) ?? null,
    isHidden: bag.boolean(Tag.PidTagAttachmentHidden) ?? false,
    isInline: false,
    flags: bag.integer(Tag.PidTagAttachFlags) ?? null,
    renderingPosition: bag.integer(Tag.PidTagRenderingPosition) ?? null,
    declaredSize: bag.integer(Tag.PidTagAttachSize) ?? null,
    size: dataStream ? dataStream.size : null,
    reference,
    data: () => (dataStream ? dataStream.read() : null),
    embedded,
    hasEmbeddedMessage,
    isOleObject,
    properties: bag,
  };
}
