import type { StorageNode } from '../cfb/cfb-storage.js';
import type { Diagnostic, DiagnosticSink } from '../errors.js';
import { MsgFormatError, toDiagnostic } from '../errors.js';
import type { NamedPropertyId, NamedPropertyMap } from './named-property-map.js';
import { NAMED_PROPERTY_BASE } from './named-property-map.js';
import type { PropertyStreamOwner } from './property-stream.js';
import {
  PROPERTY_STREAM_NAME,
  makeTag,
  parsePropertyStream,
  parseValueStreamName,
  propertyIdOf,
  propertyTypeOf,
  valueStreamName,
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

interface Slot {
  property: MapiProperty;
  load(): PropertyValue;
  cached?: { value: PropertyValue | undefined };
}

export interface PropertyBagContext {
  namedMap: NamedPropertyMap;
  onDiagnostic: DiagnosticSink;
}

export class PropertyBag {
  /** Keyed by property ID; when a writer stores the same ID twice with different types, the first wins for `get()`. */
  private readonly byId = new Map<number, Slot>();
  private readonly slots: Slot[] = [];
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
    const listed = new Set<number>();
    if (!propertyStream) {
      this.report({
        code: 'CORRUPT_DATA',
        message: `${storage.path || 'root'}: no ${PROPERTY_STREAM_NAME}; only values stored as streams are available`,
        where: { stream: storage.path },
      });
    } else {
      try {
        const parsed = parsePropertyStream(propertyStream.read(), owner, propertyStream.path);
        this.header = parsed.header;
        if (parsed.trailingBytes > 0) {
          this.report({
            code: 'TRUNCATED',
            message: `${propertyStream.path}: ${parsed.trailingBytes} bytes after the last whole property entry`,
            where: { stream: propertyStream.path },
          });
        }
        for (const entry of parsed.entries) {
          if (listed.has(entry.tag)) continue;
          listed.add(entry.tag);
          this.addEntry(entry.tag, entry.flags, entry.value);
        }
      } catch (error) {
        this.report(toDiagnostic(error, { stream: propertyStream.path }));
      }
    }
    this.addUnlistedStreams(listed);
  }

  /** Every property, in property-stream order, then the unlisted ones. */
  list(): MapiProperty[] {
    return this.slots.map((slot) => slot.property);
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
    const slot = this.slots.find((candidate) => candidate.property === property);
    return slot ? this.valueOf(slot) : undefined;
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

  private valueOf(slot: Slot): PropertyValue | undefined {
    if (!slot.cached) {
      let value: PropertyValue | undefined;
      try {
        value = slot.load();
      } catch (error) {
        this.report(toDiagnostic(error, { stream: this.storage.path }));
      }
      slot.cached = { value };
    }
    return slot.cached.value;
  }

  private addEntry(tag: number, flags: number, slotBytes: Uint8Array): void {
    const type = propertyTypeOf(tag);
    const streamName = `${this.storage.path}/${PROPERTY_STREAM_NAME}`;
    if (isFixedInEntry(type)) {
      this.addSlot(tag, flags, slotBytes.length, () =>
        decodeFixedValue(type, slotBytes, streamName),
      );
      return;
    }
    // Variable-size: the slot holds Size (4 bytes) + Reserved (4 bytes); the value is in a stream.
    const declaredSize = new DataView(slotBytes.buffer, slotBytes.byteOffset, 8).getUint32(0, true);
    this.addSlot(tag, flags, declaredSize, () => this.loadVariable(tag));
  }

  /** [MS-OXMSG] 2.1.4.1: a variable-size value whose stream exists but is not listed in the property stream. */
  private addUnlistedStreams(listed: Set<number>): void {
    const seen = new Set<number>();
    const names = [...this.storage.streams.keys(), ...this.storage.storages.keys()];
    for (const name of names) {
      const parsed = parseValueStreamName(name);
      if (!parsed) continue;
      if (listed.has(parsed.tag) || seen.has(parsed.tag)) continue;
      seen.add(parsed.tag);
      const size = this.storage.streams.get(name)?.size ?? 0;
      this.addSlot(parsed.tag, 0, size, () => this.loadVariable(parsed.tag));
    }
  }

  private addSlot(tag: number, flags: number, size: number, load: () => PropertyValue): void {
    const id = propertyIdOf(tag);
    const type = propertyTypeOf(tag);
    const property: MapiProperty = { tag, id, type, flags, size };
    if (id >= NAMED_PROPERTY_BASE) {
      const named = this.context.namedMap.get(id);
      if (named) property.named = named;
    }
    const slot: Slot = { property, load };
    this.slots.push(slot);
    if (!this.byId.has(id)) this.byId.set(id, slot);
  }

  private loadVariable(tag: number): PropertyValue {
    const type = propertyTypeOf(tag);
    const name = valueStreamName(tag);
    if (type === PT.PT_OBJECT) {
      const storage = this.storage.storages.get(name);
      const stream = this.storage.streams.get(name);
      // The object is a sub-storage (embedded message, OLE object) that its owner opens itself.
      return { kind: 'object', size: stream?.size ?? (storage ? 0 : 0) };
    }
    if (!isMultiValued(type)) {
      const stream = this.storage.streams.get(name);
      if (!stream) throw missingStream(`${this.storage.path}/${name}`);
      return decodeVariableValue(type, stream.read(), this.decoding, stream.path);
    }
    return this.loadMultiValued(tag, name);
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
