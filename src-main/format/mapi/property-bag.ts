import { ByteReader } from '../byte-reader.js';
import type { StorageNode, StreamNode } from '../cfb/cfb-storage.js';
import type { Diagnostic, DiagnosticSink } from '../errors.js';
import { MsgFormatError, toDiagnostic } from '../errors.js';
import type { NamedPropertyId, NamedPropertyMap } from './named-property-map.js';
import { NAMED_PROPERTY_BASE } from './named-property-map.js';
import type { PropertyStreamOwner } from './property-stream.js';
import {
  PROPERTY_STREAM_NAME,
  PROPERTY_VALUE_SIZE,
  PROPERTY_ENTRY_SIZE,
  isValueItemName,
  makeTag,
  parsePropertyStream,
  propertyIdOf,
  propertyTypeOf,
  valueStreamName,
  valueStreamTag,
} from './property-stream.js';
import type { PropertyValue, ScalarValue, StringDecoding, TimeValue } from './property-value.js';
import {
  PT,
  decodeFixedValue,
  decodeMultiFixed,
  decodeVariableValue,
  isFixedInEntry,
  lengthEntrySize,
} from './property-value.js';
import type { MessageStreamHeader } from './property-stream.js';
import { MV_FLAG, baseType, isMultiValued } from './property-types.js';
import { namedPropertyKey } from './named-properties.js';

/**
 * All properties of one object (message, recipient or attachment): the entries of its property
 * stream plus any `__substg1.0_` value stream the writer forgot to list there (some non-Outlook
 * writers do), so no property is dropped. Values are decoded on first access.
 */

/** One property as the inspector and the item readers see it. */
export interface MapiProperty {
  tag: number;
  id: number;
  type: number;
  /** PROPATTR_* flags from the property stream; 0 when the property was found only as a stream. */
  flags: number;
  /** For IDs 0x8000 and above: what the named-property map says the ID stands for. */
  named?: NamedPropertyId;
  /** Byte size of the value as stored (variable-size values), or of the fixed slot. */
  size: number;
}

/** Where a slot's value comes from: the 8-byte value field of its entry, or a value stream. */
const SOURCE_ENTRY = 0;
const SOURCE_STREAM = 1;

interface Slot {
  property: MapiProperty;
  source: typeof SOURCE_ENTRY | typeof SOURCE_STREAM;
  /** SOURCE_ENTRY: offset of the entry's 8-byte Value field in the property stream. */
  valueOffset: number;
  isCached: boolean;
  cached: PropertyValue | undefined;
  /** The next slot with the same property ID (another type), in the order added. */
  sameId: Slot | undefined;
  /** Position in `slots` (and in `list()`). */
  index: number;
}

export interface PropertyBagContext {
  namedMap: NamedPropertyMap;
  onDiagnostic: DiagnosticSink;
}

export class PropertyBag {
  /** Keyed by property ID; when a writer stores the same ID twice with different types, the first wins for `get()`. */
  private readonly byId = new Map<number, Slot>();
  private readonly slots: Slot[] = [];
  /** The slots' properties, in the same order: what `list()` copies. */
  private readonly properties: MapiProperty[] = [];
  /** Where `valueOfProperty()` looks first: callers usually walk `list()` in order. */
  private nextIndex = 0;
  /** Reads fixed values from the property stream's entries (`<path>/__properties_version1.0`). */
  private entryReader: ByteReader | undefined;
  /** The value streams (`__substg1.0_TTTTPPPP`) by tag, indexed while looking for unlisted ones. */
  private readonly valueStreams = new Map<number, StreamNode>();
  readonly header: MessageStreamHeader | null;
  /** Code page for PT_STRING8 values; set by the message reader once it has read the code page hints. */
  readonly decoding: StringDecoding = { codePage: 1252 };

  constructor(
    readonly storage: StorageNode,
    owner: PropertyStreamOwner,
    private readonly context: PropertyBagContext,
  ) {
    const propertyStream = storage.streams.get(PROPERTY_STREAM_NAME);
    this.header = null;
    if (!propertyStream) {
      this.report({
        code: 'CORRUPT_DATA',
        message: `${storage.path || 'root'}: no ${PROPERTY_STREAM_NAME}; only values stored as streams are available`,
        where: { stream: storage.path },
      });
    } else {
      try {
        const bytes = propertyStream.read();
        const parsed = parsePropertyStream(bytes, owner, propertyStream.path);
        this.header = parsed.header;
        this.entryReader = new ByteReader(bytes, `${storage.path}/${PROPERTY_STREAM_NAME}`);
        // Some writers pad the stream with zero bytes past its last entry (4 is common): that
        // costs nothing and is not reported. Anything else there is an entry cut short.
        if (!isZeroFrom(bytes, bytes.length - parsed.trailingBytes)) {
          this.report({
            code: 'TRUNCATED',
            message: `${propertyStream.path}: the last property entry is cut short (${parsed.trailingBytes} of ${PROPERTY_ENTRY_SIZE} bytes)`,
            where: { stream: propertyStream.path },
          });
        }
        for (const entry of parsed.entries) {
          // A tag listed twice: the first entry wins.
          if (this.slotOfTag(entry.tag)) continue;
          this.addEntry(entry.tag, entry.flags, bytes, entry.valueOffset);
        }
      } catch (error) {
        this.report(toDiagnostic(error, { stream: propertyStream.path }));
      }
    }
    this.addUnlistedStreams();
  }

  /** Every property, in property-stream order, then the unlisted ones. */
  list(): MapiProperty[] {
    return this.properties.slice();
  }

  has(id: number): boolean {
    return this.byId.has(id);
  }

  property(id: number): MapiProperty | undefined {
    return this.byId.get(id)?.property;
  }

  /** The decoded value of a property by ID, or undefined when absent or unreadable (a diagnostic says why). */
  get(id: number): PropertyValue | undefined {
    const slot = this.byId.get(id);
    return slot ? this.valueOf(slot) : undefined;
  }

  /** Value of a listed property (from `list()`), decoding it on demand. */
  valueOfProperty(property: MapiProperty): PropertyValue | undefined {
    let slot: Slot | undefined = this.slots[this.nextIndex];
    if (slot === undefined || slot.property !== property) slot = this.slotOfTag(property.tag);
    if (slot === undefined || slot.property !== property) return undefined;
    this.nextIndex = slot.index + 1;
    return this.valueOf(slot);
  }

  string(id: number): string | undefined {
    const value = this.get(id);
    return typeof value === 'string' ? value : undefined;
  }

  integer(id: number): number | undefined {
    const value = this.get(id);
    if (typeof value === 'number' && Number.isInteger(value)) return value;
    if (typeof value === 'bigint') return Number(value);
    return undefined;
  }

  boolean(id: number): boolean | undefined {
    const value = this.get(id);
    if (typeof value === 'boolean') return value;
    if (typeof value === 'number') return value !== 0;
    return undefined;
  }

  date(id: number): Date | null {
    const value = this.get(id);
    return isTimeValue(value) ? value.date : null;
  }

  binary(id: number): Uint8Array | undefined {
    const value = this.get(id);
    return value instanceof Uint8Array ? value : undefined;
  }

  strings(id: number): string[] | undefined {
    const value = this.get(id);
    if (Array.isArray(value))
      return value.filter((item): item is string => typeof item === 'string');
    return typeof value === 'string' ? [value] : undefined;
  }

  /** Property ID of a named property in this file, or undefined when the file does not use it. */
  namedId(guid: string, name: number | string): number | undefined {
    for (const [id, named] of this.context.namedMap) {
      if (named.guid !== guid) continue;
      if (
        typeof name === 'number'
          ? named.lid === name
          : named.name?.toLowerCase() === name.toLowerCase()
      ) {
        return this.byId.has(id) ? id : undefined;
      }
    }
    return undefined;
  }

  named(guid: string, name: number | string): PropertyValue | undefined {
    const id = this.namedId(guid, name);
    return id === undefined ? undefined : this.get(id);
  }

  /** A named property by its canonical name, e.g. `byName('PidLidLocation')`. */
  byName(canonicalName: string): PropertyValue | undefined {
    const key = namedPropertyKey(canonicalName);
    if (!key) return undefined;
    return this.named(key.set, 'lid' in key ? key.lid : key.name);
  }

  /**
   * The slot of a tag. Tags are unique in a bag; slots are found through their ID, a small integer
   * that a Map hashes faster than a 32-bit tag (a writer rarely stores one ID with two types).
   */
  private slotOfTag(tag: number): Slot | undefined {
    for (let slot = this.byId.get(propertyIdOf(tag)); slot; slot = slot.sameId) {
      if (slot.property.tag === tag) return slot;
    }
    return undefined;
  }

  private valueOf(slot: Slot): PropertyValue | undefined {
    if (!slot.isCached) {
      let value: PropertyValue | undefined;
      try {
        value =
          slot.source === SOURCE_ENTRY
            ? decodeFixedValue(slot.property.type, this.entryReader!.seek(slot.valueOffset))
            : this.loadVariable(slot.property.tag);
      } catch (error) {
        this.report(toDiagnostic(error, { stream: this.storage.path }));
      }
      slot.cached = value;
      slot.isCached = true;
    }
    return slot.cached;
  }

  private addEntry(tag: number, flags: number, stream: Uint8Array, valueOffset: number): void {
    if (isFixedInEntry(propertyTypeOf(tag))) {
      this.addSlot(tag, flags, PROPERTY_VALUE_SIZE, SOURCE_ENTRY, valueOffset);
      return;
    }
    // Variable-size: the slot holds Size (4 bytes) + Reserved (4 bytes); the value is in a stream.
    const at = valueOffset;
    const declaredSize =
      (stream[at]! | (stream[at + 1]! << 8) | (stream[at + 2]! << 16) | (stream[at + 3]! << 24)) >>>
      0;
    this.addSlot(tag, flags, declaredSize, SOURCE_STREAM, 0);
  }

  /** [MS-OXMSG] 2.1.4.1: a variable-size value whose stream exists but is not listed in the property stream. */
  private addUnlistedStreams(): void {
    // A tag already there is a listed one, or an unlisted one added already.
    for (const [name, stream] of this.storage.streams) {
      const tag = valueStreamTag(name);
      if (tag === undefined) continue;
      // Also index the value streams by tag, while every name is at hand.
      if (!isValueItemName(name)) this.valueStreams.set(tag, stream);
      if (!this.slotOfTag(tag)) this.addSlot(tag, 0, stream.size, SOURCE_STREAM, 0);
    }
    for (const name of this.storage.storages.keys()) {
      const tag = valueStreamTag(name);
      if (tag !== undefined && !this.slotOfTag(tag)) this.addSlot(tag, 0, 0, SOURCE_STREAM, 0);
    }
  }

  private addSlot(
    tag: number,
    flags: number,
    size: number,
    source: Slot['source'],
    valueOffset: number,
  ): void {
    const id = propertyIdOf(tag);
    const type = propertyTypeOf(tag);
    const property: MapiProperty = { tag, id, type, flags, size };
    if (id >= NAMED_PROPERTY_BASE) {
      const named = this.context.namedMap.get(id);
      if (named) property.named = named;
    }
    const slot: Slot = {
      property,
      source,
      valueOffset,
      isCached: false,
      cached: undefined,
      sameId: undefined,
      index: this.slots.length,
    };
    this.slots.push(slot);
    this.properties.push(property);
    let last = this.byId.get(id);
    if (!last) {
      this.byId.set(id, slot);
      return;
    }
    while (last.sameId) last = last.sameId;
    last.sameId = slot;
  }

  private loadVariable(tag: number): PropertyValue {
    const type = propertyTypeOf(tag);
    if (type === PT.PT_OBJECT) {
      // The object is a sub-storage (embedded message, OLE object) that its owner opens itself.
      return { kind: 'object', size: this.valueStreams.get(tag)?.size ?? 0 };
    }
    if (!isMultiValued(type)) {
      const stream = this.valueStreams.get(tag);
      if (!stream) throw missingStream(`${this.storage.path}/${valueStreamName(tag)}`);
      return decodeVariableValue(type, stream.read(), this.decoding, stream.path);
    }
    return this.loadMultiValued(tag, valueStreamName(tag));
  }

  /** [MS-OXMSG] 2.1.4.2 Multiple-Valued Property Streams */
  private loadMultiValued(tag: number, name: string): ScalarValue[] {
    const type = propertyTypeOf(tag);
    const base = baseType(type);
    const stream = this.storage.streams.get(name);
    if (!stream) throw missingStream(`${this.storage.path}/${name}`);
    const isVariable = base === PT.PT_STRING8 || base === PT.PT_UNICODE || base === PT.PT_BINARY;
    if (!isVariable) return decodeMultiFixed(type, stream.read(), stream.path);
    // The length stream says how many values there are; each value has its own `-NNNNNNNN` stream.
    const count = Math.floor(stream.size / lengthEntrySize(type));
    const values: ScalarValue[] = [];
    for (let index = 0; index < count; index++) {
      const itemName = `${valueStreamName(makeTag(propertyIdOf(tag), base | MV_FLAG))}-${index
        .toString(16)
        .toUpperCase()
        .padStart(8, '0')}`;
      const item = this.storage.streams.get(itemName);
      if (!item) {
        this.report({
          code: 'CORRUPT_DATA',
          message: `${this.storage.path}/${itemName}: value ${index} of ${count} is missing`,
          where: { stream: itemName },
        });
        continue;
      }
      values.push(decodeVariableValue(base, item.read(), this.decoding, item.path));
    }
    return values;
  }

  private report(diagnostic: Diagnostic): void {
    this.context.onDiagnostic(diagnostic);
  }
}

function missingStream(path: string): MsgFormatError {
  return new MsgFormatError(
    'CORRUPT_DATA',
    `${path}: listed in the property stream but not stored`,
    {
      stream: path,
    },
  );
}

export function isTimeValue(value: unknown): value is TimeValue {
  return (
    typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'time'
  );
}

/** Whether every byte from `start` to the end is zero (true for an empty range). */
function isZeroFrom(bytes: Uint8Array, start: number): boolean {
  for (let index = start; index < bytes.length; index++) if (bytes[index] !== 0) return false;
  return true;
}
