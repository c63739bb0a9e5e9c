import { ByteReader } from '../byte-reader.js';
import { MsgFormatError } from '../errors.js';
import { MAX_MULTI_VALUES } from '../limits.js';
import { decodeCodePage } from './code-pages.js';
import { appTimeToDate, filetimeToDate } from './filetime.js';
import { GUID_SIZE, readGuid } from './guid.js';
import { PropertyType, baseType, isMultiValued } from './property-types.js';

/**
 * Property values as the model exposes them, decoded through one table keyed by property type.
 * @see [MS-OXCDATA] 2.11.1 Property Data Types
 */

/** PT_ERROR: the writer could not produce the value; the code is an HRESULT such as MAPI_E_NOT_FOUND. */
export interface ErrorValue {
  kind: 'error';
  code: number;
}

/** PT_OBJECT: a sub-storage (an embedded message or OLE object), read by its owner, not here. */
export interface ObjectValue {
  kind: 'object';
  size: number;
}

/**
 * PT_SYSTIME keeps the raw FILETIME so the inspector can show it even when it is not a real date
 * (zero, the "none" sentinel) and `date` is null.
 */
export interface TimeValue {
  kind: 'time';
  date: Date | null;
  filetime: bigint;
}

export type ScalarValue =
  number | bigint | boolean | string | Uint8Array | TimeValue | ErrorValue | ObjectValue;

export type PropertyValue = ScalarValue | ScalarValue[];

/** Short alias: parser code reads `PT.PT_UNICODE` like the spec tables do. */
export const PT = PropertyType;

/** How one value of a type is read, and how many bytes it takes in a fixed-size array. */
interface ScalarCodec {
  size: number;
  read(reader: ByteReader): ScalarValue;
}

const FIXED_CODECS = new Map<number, ScalarCodec>([
  [PT.PT_SHORT, { size: 2, read: (r) => r.i16() }],
  [PT.PT_LONG, { size: 4, read: (r) => r.i32() }],
  [PT.PT_FLOAT, { size: 4, read: (r) => r.f32() }],
  [PT.PT_DOUBLE, { size: 8, read: (r) => r.f64() }],
  // Currency is a 64-bit integer scaled by 10,000; kept exact as bigint.
  [PT.PT_CURRENCY, { size: 8, read: (r) => r.i64() }],
  [PT.PT_APPTIME, { size: 8, read: (r) => r.f64() }],
  [PT.PT_ERROR, { size: 4, read: (r) => ({ kind: 'error', code: r.u32() }) }],
  // [MS-OXCDATA] 2.11.1: one byte; [MS-OXMSG] 2.4.2.1.1: the rest of the slot is ignored.
  [PT.PT_BOOLEAN, { size: 1, read: (r) => r.u8() !== 0 }],
  [PT.PT_I8, { size: 8, read: (r) => r.i64() }],
  [
    PT.PT_SYSTIME,
    {
      size: 8,
      read: (r) => {
        const filetime = r.i64();
        return { kind: 'time', date: filetimeToDate(filetime), filetime };
      },
    },
  ],
  [PT.PT_CLSID, { size: GUID_SIZE, read: (r) => readGuid(r) }],
]);

/**
 * Types whose value sits in the property stream's 8-byte slot ([MS-OXMSG] 2.4.2.1). PT_CLSID is
 * 16 bytes and so, like strings and binaries, lives in its own stream.
 */
export function isFixedInEntry(type: number): boolean {
  return !isMultiValued(type) && type !== PT.PT_CLSID && FIXED_CODECS.has(type);
}

/** Decodes the 8-byte Value field of a fixed-length property entry, at the reader's position. */
export function decodeFixedValue(type: number, reader: ByteReader): ScalarValue {
  const codec = FIXED_CODECS.get(type);
  if (!codec) {
    throw new MsgFormatError(
      'CORRUPT_DATA',
      `${reader.streamName}: type 0x${type.toString(16)} is not fixed-size`,
    );
  }
  return codec.read(reader);
}

/** Text decoding context: PT_STRING8 needs the code page chosen for this message. */
export interface StringDecoding {
  codePage: number;
}

/** Strips the NUL terminators writers leave at the end of string streams (one or more). */
function trimTrailingNuls(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0) end--;
  return end === text.length ? text : text.slice(0, end);
}

const utf16Decoder = new TextDecoder('utf-16le', { fatal: false, ignoreBOM: true });

export function decodeUnicode(bytes: Uint8Array): string {
  // An odd length means a truncated code unit; decode the whole units only.
  const even = bytes.length % 2 === 0 ? bytes : bytes.subarray(0, bytes.length - 1);
  return trimTrailingNuls(utf16Decoder.decode(even));
}

export function decodeString8(bytes: Uint8Array, codePage: number): string {
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  return decodeCodePage(bytes.subarray(0, end), codePage);
}

/** Decodes a single variable-size value from its `__substg1.0_` stream. */
export function decodeVariableValue(
  type: number,
  bytes: Uint8Array,
  decoding: StringDecoding,
  streamName: string,
): ScalarValue {
  switch (type) {
    case PT.PT_UNICODE:
      return decodeUnicode(bytes);
    case PT.PT_STRING8:
      return decodeString8(bytes, decoding.codePage);
    case PT.PT_CLSID:
      return bytes.length >= GUID_SIZE ? readGuid(new ByteReader(bytes, streamName)) : bytes;
    default:
      // PT_BINARY, PT_SVREID, PT_SRESTRICT, PT_ACTIONS and unknown types: the bytes themselves.
      return bytes;
  }
}

/**
 * Multi-valued fixed-size properties: one stream holding the values back to back.
 * @see [MS-OXMSG] 2.1.4.2.1 Multiple-Valued Property Streams
 */
export function decodeMultiFixed(
  type: number,
  bytes: Uint8Array,
  streamName: string,
): ScalarValue[] {
  const codec = FIXED_CODECS.get(baseType(type));
  if (!codec) return [bytes];
  const count = Math.floor(bytes.length / codec.size);
  if (count > MAX_MULTI_VALUES) {
    throw new MsgFormatError(
      'LIMIT_EXCEEDED',
      `${streamName}: ${count} values, at most ${MAX_MULTI_VALUES}`,
    );
  }
  const reader = new ByteReader(bytes, streamName);
  const values: ScalarValue[] = [];
  for (let i = 0; i < count; i++) values.push(codec.read(reader));
  return values;
}

/** Size of one entry of a multi-valued variable-size property's length stream ([MS-OXMSG] 2.1.4.2.2). */
export function lengthEntrySize(type: number): number {
  // PtypMultipleBinary entries carry a 4-byte reserved field after the length.
  return baseType(type) === PT.PT_BINARY ? 8 : 4;
}

/** Converts an OLE automation date (PT_APPTIME) for display. */
export { appTimeToDate };
