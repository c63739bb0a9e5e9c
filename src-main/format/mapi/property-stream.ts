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
   * Offset in the stream of the 8-byte Value field: the value itself for fixed-size types, or
   * Size (4 bytes) + Reserved (4 bytes) for variable-size and multi-valued ones.
   */
  valueOffset: number;
}

/** Bytes of an entry's Value field. */
export const PROPERTY_VALUE_SIZE = 8;

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
    const valueOffset = reader.position;
    reader.skip(PROPERTY_VALUE_SIZE);
    entries.push({ tag, flags, valueOffset });
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

const VALUE_STREAM_PREFIX = '__substg1.0_';
const HEX_DIGITS = 8;
/** `__substg1.0_` + 8 hex digits, optionally followed by `-` + 8 hex digits (a multi-value item). */
const VALUE_STREAM_NAME_LENGTH = VALUE_STREAM_PREFIX.length + HEX_DIGITS;
const VALUE_ITEM_NAME_LENGTH = VALUE_STREAM_NAME_LENGTH + 1 + HEX_DIGITS;
const HYPHEN = 0x2d;

/** `__substg1.0_` + the tag as 8 uppercase hex digits: where a variable-size value lives. */
export function valueStreamName(tag: number): string {
  return VALUE_STREAM_PREFIX + hex8(tag);
}

/** Whether a name `valueStreamTag` accepts is one item `-NNNNNNNN` of a multi-valued property. */
export function isValueItemName(name: string): boolean {
  return name.length === VALUE_ITEM_NAME_LENGTH;
}

/**
 * The tag of a `__substg1.0_TTTTPPPP[-NNNNNNNN]` name, or undefined for any other name. Called
 * for every member of every storage, so it reads characters rather than running a pattern.
 */
export function valueStreamTag(name: string): number | undefined {
  if (name.length !== VALUE_STREAM_NAME_LENGTH && name.length !== VALUE_ITEM_NAME_LENGTH) {
    return undefined;
  }
  // Case-blind, as compound-file names are ([MS-CFB] 2.6.4): some writers upper-case them.
  if (name.slice(0, VALUE_STREAM_PREFIX.length).toLowerCase() !== VALUE_STREAM_PREFIX) {
    return undefined;
  }
  const tag = parseHex8(name, VALUE_STREAM_PREFIX.length);
  if (tag < 0) return undefined;
  if (name.length === VALUE_STREAM_NAME_LENGTH) return tag;
  if (name.charCodeAt(VALUE_STREAM_NAME_LENGTH) !== HYPHEN) return undefined;
  return parseHex8(name, VALUE_STREAM_NAME_LENGTH + 1) < 0 ? undefined : tag;
}

/** The 8 hex digits at `start` as an unsigned number, or -1 when one is not a hex digit. */
function parseHex8(text: string, start: number): number {
  let value = 0;
  for (let index = start; index < start + HEX_DIGITS; index++) {
    const digit = hexDigitValue(text.charCodeAt(index));
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

function hexDigitValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x41 && code <= 0x46) return code - 0x41 + 10;
  if (code >= 0x61 && code <= 0x66) return code - 0x61 + 10;
  return -1;
}

const UPPER_HEX = '0123456789ABCDEF';

/** A 32-bit number as 8 uppercase hex digits. */
function hex8(value: number): string {
  let text = '';
  for (let shift = 28; shift >= 0; shift -= 4) text += UPPER_HEX[(value >>> shift) & 0xf];
  return text;
}
