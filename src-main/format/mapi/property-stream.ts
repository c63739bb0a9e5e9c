import { ByteReader } from '../byte-reader.js';

/**
 * [MS-OXMSG] 2.4 Property Stream (`__properties_version1.0`): a header whose size depends on the
 * object that owns the stream, then one 16-byte entry per property.
 */

export const PROPERTY_STREAM_NAME = '__properties_version1.0';
export const PROPERTY_ENTRY_SIZE = 16;

/** Which object owns the stream decides its header size. */
export type PropertyStreamOwner = 'top-message' | 'embedded-message' | 'recipient' | 'attachment';

/** [MS-OXMSG] 2.4.1.1 (top level: 32 bytes), 2.4.1.2 (embedded: 24 bytes), 2.4.2 (8 bytes). */
const HEADER_SIZE: Record<PropertyStreamOwner, number> = {
  'top-message': 32,
  'embedded-message': 24,
  recipient: 8,
  attachment: 8,
};

/** [MS-OXMSG] 2.4.1.1 Top Level Message Object Header, 2.4.1.2 Embedded Message Object Header. */
export interface MessageStreamHeader {
  /** Next free recipient storage index (informational: storages are enumerated, not counted). */
  nextRecipientId: number;
  /** Next free attachment storage index. */
  nextAttachmentId: number;
  /** Number of recipient storages the writer meant to store. */
  recipientCount: number;
  /** Number of attachment storages the writer meant to store. */
  attachmentCount: number;
}

/** [MS-OXMSG] 2.4.2.1 Fixed Length Property Entry / 2.4.2.2 Variable Length Property or Multiple-Valued Property Entry. */
export interface PropertyEntry {
  /** PropertyTag: property type in the low 16 bits, property ID in the high 16 bits. */
  tag: number;
  /** Flags: PROPATTR_MANDATORY 1, PROPATTR_READABLE 2, PROPATTR_WRITABLE 4. */
  flags: number;
  /**
   * The 8-byte Value field: the value itself for fixed-size types, or Size (4 bytes) + Reserved
   * (4 bytes) for variable-size and multi-valued ones. A view into the stream.
   */
  value: Uint8Array;
}

export interface PropertyStream {
  header: MessageStreamHeader | null;
  entries: PropertyEntry[];
  /** Bytes after the last whole entry: a truncated stream; reported, the whole entries kept. */
  trailingBytes: number;
}

/** @see [MS-OXMSG] 2.4 Property Stream */
export function parsePropertyStream(
  bytes: Uint8Array,
  owner: PropertyStreamOwner,
  streamName = PROPERTY_STREAM_NAME,
): PropertyStream {
  const reader = new ByteReader(bytes, streamName);
  const headerSize = HEADER_SIZE[owner];
  let header: MessageStreamHeader | null = null;
  if (owner === 'top-message' || owner === 'embedded-message') {
    reader.skip(8); // Reserved
    header = {
      nextRecipientId: reader.u32(),
      nextAttachmentId: reader.u32(),
      recipientCount: reader.u32(),
      attachmentCount: reader.u32(),
    };
  }
  reader.seek(headerSize);
  const entries: PropertyEntry[] = [];
  while (reader.remaining >= PROPERTY_ENTRY_SIZE) {
    const tag = reader.u32();
    const flags = reader.u32();
    const value = reader.bytesView(8);
    entries.push({ tag, flags, value });
  }
  return { header, entries, trailingBytes: reader.remaining };
}

export function propertyIdOf(tag: number): number {
  return tag >>> 16;
}

export function propertyTypeOf(tag: number): number {
  return tag & 0xffff;
}

export function makeTag(id: number, type: number): number {
  return ((id << 16) | type) >>> 0;
}

/** `__substg1.0_` + the tag as 8 uppercase hex digits: where a variable-size value lives. */
export function valueStreamName(tag: number): string {
  return `__substg1.0_${tag.toString(16).toUpperCase().padStart(8, '0')}`;
}

const VALUE_STREAM_PATTERN = /^__substg1\.0_([0-9A-Fa-f]{8})(?:-([0-9A-Fa-f]{8}))?$/;

/** Parses a `__substg1.0_TTTTPPPP[-NNNNNNNN]` name into tag and multi-value index. */
export function parseValueStreamName(name: string): { tag: number; index?: number } | undefined {
  const match = VALUE_STREAM_PATTERN.exec(name);
  if (!match) return undefined;
  const tag = Number.parseInt(match[1]!, 16) >>> 0;
  return match[2] === undefined ? { tag } : { tag, index: Number.parseInt(match[2], 16) };
}
