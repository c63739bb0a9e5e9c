/**
 * Every limit the format layer enforces, each with the attack or accident it stops. A hostile file
 * must not hang the parser, recurse without bound, or make it allocate far beyond the file's size.
 */

/** Larger files are refused before any parsing: the viewer is for mail items, not PST archives. */
export const MAX_FILE_SIZE = 1024 * 1024 * 1024;

/** Attachment-in-message nesting. Outlook itself stops well below this; a crafted file could loop. */
export const MAX_EMBEDDING_DEPTH = 32;

/** Directory entries in one compound file: stops a directory chain that claims millions of entries. */
export const MAX_DIRECTORY_ENTRIES = 1_000_000;

/** Recipients or attachments per message: a storage named `__recip_version1.0_#FFFFFFFF` is not a reason to loop 4 billion times. */
export const MAX_RECIPIENTS = 100_000;
export const MAX_ATTACHMENTS = 100_000;

/**
 * Decompressed RTF may be at most this many times the compressed size, and never more than
 * `MAX_RTF_DECOMPRESSED_SIZE`: the header's `rawSize` is attacker-controlled, so it bounds nothing alone.
 */
export const MAX_RTF_EXPANSION_RATIO = 1024;
export const MAX_RTF_DECOMPRESSED_SIZE = 256 * 1024 * 1024;

/** RTF group nesting during de-encapsulation: deeper input is treated as text, not recursed into. */
export const MAX_RTF_GROUP_DEPTH = 1000;

/** Entries in `__nameid_version1.0`: the entry stream's size already bounds it; this caps a lie about it. */
export const MAX_NAMED_PROPERTIES = 65_536;

/** Values in one multi-valued property. */
export const MAX_MULTI_VALUES = 1_000_000;

/**
 * Characters (UTF-16 code units) of PidTagTransportMessageHeaders that are parsed; the rest is
 * ignored. Real header blocks are a few KiB (a long Received chain stays under 64 KiB); a stream
 * of hundreds of MiB of "a:\n" lines must not become millions of field objects and decodes.
 */
export const MAX_HEADER_CHARS = 1024 * 1024;

/** Header fields kept from one header block: bounds the field list and the RFC 2047 decoding work. */
export const MAX_HEADER_FIELDS = 10_000;

/**
 * Problems listed for one compound file. A fuzzed FAT can break every chain in it; one line each
 * would bury the first, useful ones and cost memory. The rest are counted in one summary line.
 */
export const MAX_CONTAINER_PROBLEMS = 200;
