import { ByteReader } from '../byte-reader.js';
import type { DiagnosticSink } from '../errors.js';
import { toDiagnostic } from '../errors.js';
import { MAX_NAMED_PROPERTIES } from '../limits.js';
import { GUID_SIZE, readGuid } from './guid.js';
import { decodeUnicode } from './property-value.js';

/**
 * [MS-OXMSG] 2.2.3 Named Property Mapping Storage (`__nameid_version1.0`): maps the property IDs
 * 0x8000–0xFFFE used in this file to (property set GUID, numeric LID or string name).
 */

export const NAMED_PROPERTY_STORAGE = '__nameid_version1.0';
export const GUID_STREAM = '__substg1.0_00020102';
export const ENTRY_STREAM = '__substg1.0_00030102';
export const STRING_STREAM = '__substg1.0_00040102';

/** First property ID of the named range. */
export const NAMED_PROPERTY_BASE = 0x8000;
const ENTRY_SIZE = 8;

/** [MS-OXMSG] 2.2.3.1.2: GUID index 1 and 2 are implicit, the stream starts at index 3. */
export const PS_MAPI = '00020328-0000-0000-c000-000000000046';
export const PS_PUBLIC_STRINGS = '00020329-0000-0000-c000-000000000046';
const FIRST_STREAM_GUID_INDEX = 3;

export interface NamedPropertyId {
  /** Property set GUID, lowercase. */
  guid: string;
  /** Numeric name (LID) for PropertyKind 0. */
  lid?: number;
  /** String name for PropertyKind 1. */
  name?: string;
}

export type NamedPropertyMap = ReadonlyMap<number, NamedPropertyId>;

export interface NamedPropertyStreams {
  guids?: Uint8Array;
  entries?: Uint8Array;
  strings?: Uint8Array;
}

/** @see [MS-OXMSG] 2.2.3.1 Property Name to Property ID Mapping Streams */
export function parseNamedPropertyMap(
  streams: NamedPropertyStreams,
  onDiagnostic: DiagnosticSink,
): NamedPropertyMap {
  const map = new Map<number, NamedPropertyId>();
  if (!streams.entries) return map;
  const guids = readGuidStream(streams.guids ?? new Uint8Array(0));
  const entries = new ByteReader(streams.entries, ENTRY_STREAM);
  const count = Math.min(Math.floor(entries.length / ENTRY_SIZE), MAX_NAMED_PROPERTIES);
  for (let i = 0; i < count; i++) {
    // [MS-OXMSG] 2.2.3.1.2 Entry Stream
    const nameIdentifierOrStringOffset = entries.u32();
    const indexAndKind = entries.u32();
    const propertyKind = indexAndKind & 0x1; // 0 numeric, 1 string
    const guidIndex = (indexAndKind >>> 1) & 0x7fff;
    const propertyIndex = indexAndKind >>> 16;
    const guid = guidAt(guidIndex, guids);
    if (guid === undefined) {
      onDiagnostic({
        code: 'CORRUPT_DATA',
        message: `${ENTRY_STREAM}: entry ${i} names GUID index ${guidIndex}, but only ${guids.length + 2} exist`,
        where: { stream: ENTRY_STREAM, offset: i * ENTRY_SIZE },
      });
      continue;
    }
    const id = NAMED_PROPERTY_BASE + propertyIndex;
    if (propertyKind === 0) {
      map.set(id, { guid, lid: nameIdentifierOrStringOffset });
      continue;
    }
    try {
      map.set(id, { guid, name: readName(streams.strings, nameIdentifierOrStringOffset) });
    } catch (error) {
      onDiagnostic(
        toDiagnostic(error, { stream: STRING_STREAM, offset: nameIdentifierOrStringOffset }),
      );
    }
  }
  return map;
}

/** [MS-OXMSG] 2.2.3.1.1 GUID Stream: the property sets beyond the two implicit ones. */
function readGuidStream(bytes: Uint8Array): string[] {
  const reader = new ByteReader(bytes, GUID_STREAM);
  const guids: string[] = [];
  while (reader.remaining >= GUID_SIZE) guids.push(readGuid(reader));
  return guids;
}

function guidAt(index: number, guids: string[]): string | undefined {
  if (index === 1) return PS_MAPI;
  if (index === 2) return PS_PUBLIC_STRINGS;
  return guids[index - FIRST_STREAM_GUID_INDEX];
}

/** [MS-OXMSG] 2.2.3.1.3 String Stream: a 4-byte length, then that many bytes of UTF-16LE. */
function readName(strings: Uint8Array | undefined, offset: number): string {
  const reader = new ByteReader(strings ?? new Uint8Array(0), STRING_STREAM).seek(offset);
  const length = reader.u32();
  return decodeUnicode(reader.bytesView(length));
}
