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

/**
 * `cfb` 1.2.2 copies every sector chain it walks, and walks a chain again from each stream that
 * starts inside it, so cross-linked chains make it copy the same sectors over and over (a 2 MB file
 * can ask for gigabytes). An intact file makes it copy each sector at most twice; beyond that,
 * copies up to this many bytes are allowed, and a file needing more is refused.
 */
export const MAX_CFB_EXTRA_COPY_BYTES = 64 * 1024 * 1024;

/**
 * `cfb` 1.2.2 names entries with a queue whose membership test is `lastIndexOf`, quadratic in the
 * number of directory entries (measured: 20,000 entries 1.2 s, 40,000 entries 5–7 s, 100,000
 * entries 36 s; about 3 ns a step). The check counts the exact steps first and refuses a directory
 * that would take more than about two seconds (a flat directory of some 24,000 entries). Our own
 * stream reader has no such cost; the limit stays while the tests read with `cfb` to compare
 * (cfb/cfb-hazards.ts).
 */
export const MAX_CFB_PATH_STEPS = 600_000_000;

/**
 * `cfb` 1.2.2 joins path names up the storage chain for each entry, once per level when entries are
 * listed before their parents; deep nesting in that order builds millions of strings. Caps the
 * joins (each a string of up to a path's length).
 */
export const MAX_CFB_PATH_JOINS = 2_000_000;
