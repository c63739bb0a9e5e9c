import { ByteReader } from '../byte-reader.js';

export const GUID_SIZE = 16;

/**
 * Formats a 16-byte GUID as lowercase `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`: the first three
 * fields little-endian, the last eight bytes in order.
 * @see [MS-DTYP] 2.3.4.2 GUID Packet Representation
 */
export function readGuid(reader: ByteReader): string {
  const bytes = reader.bytesView(GUID_SIZE);
  let text = '';
  for (let position = 0; position < GUID_SIZE; position++) {
    if (DASH_BEFORE.has(position)) text += '-';
    text += HEX_BYTE[bytes[BYTE_AT_POSITION[position]!]!];
  }
  return text;
}

/**
 * Which byte prints at each of the 16 positions: Data1 (4 bytes), Data2 and Data3 (2 bytes each)
 * are little-endian, so their bytes print reversed; Data4 (8 bytes) prints in order.
 */
const BYTE_AT_POSITION = [3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15];
/** `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`: dashes before the bytes at these positions. */
const DASH_BEFORE = new Set([4, 6, 8, 10]);
/** Every byte as two lowercase hex digits. */
const HEX_BYTE = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

export function guidFromBytes(bytes: Uint8Array): string {
  return readGuid(new ByteReader(bytes, 'guid'));
}
