/**
 * MAPI property types: the low 16 bits of a property tag.
 *
 * Values and sizes are those of [MS-OXCDATA] 2.11.1 "Property Data Types". The table keeps the
 * MAPI names (`PT_*`, as in mapidefs.h and the "Alternate names" column of the spec) because that
 * is what readers of .msg dumps and of MFCMAPI know; the spec's own `Ptyp*` name is in the comment.
 * @see https://learn.microsoft.com/en-us/openspecs/exchange_server_protocols/ms-oxcdata/0c77892e-288e-435a-9c49-be1c20c7afdb
 */

/** [MS-OXCDATA] 2.11.1: the bit that turns a single-valued type into its multi-valued form. */
export const MV_FLAG = 0x1000;

/**
 * [MS-OXMSG] 2.4.2.1: every fixed-length property sits in an 8-byte slot of the property stream,
 * zero-padded after its value; variable-length ones store a size there and their bytes in a stream.
 */
export const FIXED_VALUE_SLOT_SIZE = 8;

// [MS-OXCDATA] 2.11.1. Where MAPI has two spellings for one value (PT_I2 and PT_SHORT), both are
// here so parser code can use whichever the surrounding spec text uses.
export const PropertyType = {
  /** PtypUnspecified: "any"; only meaningful in requests, never stored in a .msg. */
  PT_UNSPECIFIED: 0x0000,
  /** PtypNull: a placeholder without a value. */
  PT_NULL: 0x0001,
  /** PtypInteger16: 2 bytes, signed. */
  PT_I2: 0x0002,
  PT_SHORT: 0x0002,
  /** PtypInteger32: 4 bytes, signed. */
  PT_LONG: 0x0003,
  PT_I4: 0x0003,
  /** PtypFloating32: 4-byte IEEE float. */
  PT_FLOAT: 0x0004,
  PT_R4: 0x0004,
  /** PtypFloating64: 8-byte IEEE double. */
  PT_DOUBLE: 0x0005,
  PT_R8: 0x0005,
  /** PtypCurrency: 8-byte signed integer scaled by 10 000. */
  PT_CURRENCY: 0x0006,
  /** PtypFloatingTime: 8-byte double, days since 1899-12-30. */
  PT_APPTIME: 0x0007,
  /** PtypErrorCode: 4-byte SCODE. */
  PT_ERROR: 0x000a,
  /** PtypBoolean: 1 byte, 0 or 1. */
  PT_BOOLEAN: 0x000b,
  /** PtypObject / PtypEmbeddedTable: the value is a sub-storage, not bytes. */
  PT_OBJECT: 0x000d,
  /** PtypInteger64: 8 bytes, signed. */
  PT_I8: 0x0014,
  PT_LONGLONG: 0x0014,
  /** PtypString8: 8-bit string in an externally specified code page, NUL-terminated. */
  PT_STRING8: 0x001e,
  /** PtypString: UTF-16LE string, NUL-terminated. */
  PT_UNICODE: 0x001f,
  /** PtypTime: FILETIME, 100 ns ticks since 1601-01-01 UTC. */
  PT_SYSTIME: 0x0040,
  /** PtypGuid: 16 bytes. */
  PT_CLSID: 0x0048,
  /** PtypServerId: a COUNT and a server entry ID. */
  PT_SVREID: 0x00fb,
  /** PtypRestriction: a serialized restriction. */
  PT_SRESTRICT: 0x00fd,
  /** PtypRuleAction: a serialized rule action list. */
  PT_ACTIONS: 0x00fe,
  /** PtypBinary: a COUNT and that many bytes. */
  PT_BINARY: 0x0102,

  /** The multi-valued flag itself, also exported as {@link MV_FLAG}. */
  MV_FLAG,

  /** PtypMultipleInteger16 */
  PT_MV_I2: MV_FLAG | 0x0002,
  PT_MV_SHORT: MV_FLAG | 0x0002,
  /** PtypMultipleInteger32 */
  PT_MV_LONG: MV_FLAG | 0x0003,
  PT_MV_I4: MV_FLAG | 0x0003,
  /** PtypMultipleFloating32 */
  PT_MV_FLOAT: MV_FLAG | 0x0004,
  PT_MV_R4: MV_FLAG | 0x0004,
  /** PtypMultipleFloating64 */
  PT_MV_DOUBLE: MV_FLAG | 0x0005,
  PT_MV_R8: MV_FLAG | 0x0005,
  /** PtypMultipleCurrency */
  PT_MV_CURRENCY: MV_FLAG | 0x0006,
  /** PtypMultipleFloatingTime */
  PT_MV_APPTIME: MV_FLAG | 0x0007,
  /** PtypMultipleInteger64 */
  PT_MV_I8: MV_FLAG | 0x0014,
  PT_MV_LONGLONG: MV_FLAG | 0x0014,
  /** PtypMultipleString8 */
  PT_MV_STRING8: MV_FLAG | 0x001e,
  /** PtypMultipleString */
  PT_MV_UNICODE: MV_FLAG | 0x001f,
  /** PtypMultipleTime */
  PT_MV_SYSTIME: MV_FLAG | 0x0040,
  /** PtypMultipleGuid */
  PT_MV_CLSID: MV_FLAG | 0x0048,
  /** PtypMultipleBinary */
  PT_MV_BINARY: MV_FLAG | 0x0102,
} as const;

export type PropertyTypeName = keyof typeof PropertyType;

/**
 * One display name per type value. Where MAPI has two spellings, the one mapidefs.h and MFCMAPI
 * print is chosen (PT_I2 rather than PT_SHORT, PT_LONG rather than PT_I4), so our dumps line up.
 */
const DISPLAY_NAMES: ReadonlyMap<number, string> = new Map<number, string>([
  [PropertyType.PT_UNSPECIFIED, 'PT_UNSPECIFIED'],
  [PropertyType.PT_NULL, 'PT_NULL'],
  [PropertyType.PT_I2, 'PT_I2'],
  [PropertyType.PT_LONG, 'PT_LONG'],
  [PropertyType.PT_R4, 'PT_R4'],
  [PropertyType.PT_DOUBLE, 'PT_DOUBLE'],
  [PropertyType.PT_CURRENCY, 'PT_CURRENCY'],
  [PropertyType.PT_APPTIME, 'PT_APPTIME'],
  [PropertyType.PT_ERROR, 'PT_ERROR'],
  [PropertyType.PT_BOOLEAN, 'PT_BOOLEAN'],
  [PropertyType.PT_OBJECT, 'PT_OBJECT'],
  [PropertyType.PT_I8, 'PT_I8'],
  [PropertyType.PT_STRING8, 'PT_STRING8'],
  [PropertyType.PT_UNICODE, 'PT_UNICODE'],
  [PropertyType.PT_SYSTIME, 'PT_SYSTIME'],
  [PropertyType.PT_CLSID, 'PT_CLSID'],
  [PropertyType.PT_SVREID, 'PT_SVREID'],
  [PropertyType.PT_SRESTRICT, 'PT_SRESTRICT'],
  [PropertyType.PT_ACTIONS, 'PT_ACTIONS'],
  [PropertyType.PT_BINARY, 'PT_BINARY'],
  [PropertyType.PT_MV_I2, 'PT_MV_I2'],
  [PropertyType.PT_MV_LONG, 'PT_MV_LONG'],
  [PropertyType.PT_MV_R4, 'PT_MV_R4'],
  [PropertyType.PT_MV_DOUBLE, 'PT_MV_DOUBLE'],
  [PropertyType.PT_MV_CURRENCY, 'PT_MV_CURRENCY'],
  [PropertyType.PT_MV_APPTIME, 'PT_MV_APPTIME'],
  [PropertyType.PT_MV_I8, 'PT_MV_I8'],
  [PropertyType.PT_MV_STRING8, 'PT_MV_STRING8'],
  [PropertyType.PT_MV_UNICODE, 'PT_MV_UNICODE'],
  [PropertyType.PT_MV_SYSTIME, 'PT_MV_SYSTIME'],
  [PropertyType.PT_MV_CLSID, 'PT_MV_CLSID'],
  [PropertyType.PT_MV_BINARY, 'PT_MV_BINARY'],
]);

/**
 * Bytes the value occupies at the start of its 8-byte slot, for the types [MS-OXMSG] 2.1.2 stores
 * inline ("fixed length properties"). Sizes from [MS-OXCDATA] 2.11.1.
 */
const FIXED_SIZES: ReadonlyMap<number, number> = new Map<number, number>([
  [PropertyType.PT_I2, 2],
  [PropertyType.PT_LONG, 4],
  [PropertyType.PT_R4, 4],
  [PropertyType.PT_DOUBLE, 8],
  [PropertyType.PT_CURRENCY, 8],
  [PropertyType.PT_APPTIME, 8],
  [PropertyType.PT_ERROR, 4],
  // MAPI's in-memory PT_BOOLEAN is a 16-bit VARIANT_BOOL, but [MS-OXCDATA] 2.11.1 gives PtypBoolean
  // as 1 byte, and [MS-OXMSG] 2.4.2.1.1 says the rest of the slot is Reserved and MUST be ignored.
  // Reading one byte therefore matches the spec and every writer we know (they write 01 00 ...).
  [PropertyType.PT_BOOLEAN, 1],
  [PropertyType.PT_I8, 8],
  [PropertyType.PT_SYSTIME, 8],
]);

/** Whether the multi-valued bit is set. @see [MS-OXCDATA] 2.11.1 */
export function isMultiValued(type: number): boolean {
  return (type & MV_FLAG) !== 0;
}

/** The single-valued type of a (possibly multi-valued) type, e.g. PT_MV_UNICODE → PT_UNICODE. */
export function baseType(type: number): number {
  return type & ~MV_FLAG & 0xffff;
}

/** The MAPI name of a type (`PT_MV_UNICODE`), or `PT_0x1234` for a value the spec does not define. */
export function propertyTypeName(type: number): string {
  return DISPLAY_NAMES.get(type) ?? `PT_0x${hex4(type)}`;
}

/**
 * Size in bytes of a fixed-length value inside its 8-byte property-stream slot, or undefined for
 * types whose value lives in a `__substg1.0_` stream (strings, binary, objects, every multi-valued
 * type, and PtypGuid, which [MS-OXMSG] 2.1.3 streams although it is always 16 bytes) and for
 * unknown types.
 * @see [MS-OXMSG] 2.4.2.1 Fixed Length Property Entry
 */
export function fixedSize(type: number): number | undefined {
  return FIXED_SIZES.get(type);
}

/** Whether two types name the same kind of string: PT_STRING8 and PT_UNICODE differ only in encoding. */
export function isStringType(type: number): boolean {
  const base = baseType(type);
  return base === PropertyType.PT_STRING8 || base === PropertyType.PT_UNICODE;
}

function hex4(value: number): string {
  return (value & 0xffff).toString(16).toUpperCase().padStart(4, '0');
}
