import { ByteReader } from '../byte-reader.js';

export const GUID_SIZE = 16;

/**
 * Formats a 16-byte GUID as lowercase `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`: the first three
 * fields little-endian, the last eight bytes in order.
 * @see [MS-DTYP] 2.3.4.2 GUID Packet Representation
 */
export function readGuid(reader: ByteReader): string {
  const data1 = reader.u32();
  const data2 = reader.u16();
  const data3 = reader.u16();
  const data4 = reader.bytesView(8);
  const hex = (value: number, digits: number) => value.toString(16).padStart(digits, '0');
  const tail = Array.from(data4, (byte) => hex(byte, 2)).join('');
  return `${hex(data1, 8)}-${hex(data2, 4)}-${hex(data3, 4)}-${tail.slice(0, 4)}-${tail.slice(4)}`;
}

export function guidFromBytes(bytes: Uint8Array): string {
  return readGuid(new ByteReader(bytes, 'guid'));
}
