import type { Diagnostic } from '../errors.js';
import { checkCompoundFile } from './container-check.js';
import { OBJECT_TYPE } from './directory.js';
import type { DirectoryEntry } from './directory.js';
import { StreamReader } from './stream-reader.js';
import type { StreamExtent } from './stream-reader.js';

/**
 * Our one view over the compound file: the rest of the format layer sees storages and streams, and
 * nothing of how they are read. The container check (`checkCompoundFile`) reads and repairs the
 * structure; streams are then read lazily from the chains it checked (`stream-reader.ts`), as
 * views of the file's bytes where their sectors are contiguous.
 *
 * It used to hand the checked bytes to the `cfb` package, which reads eagerly and copies every
 * chain and stream: in `npm run bench` that cost more than all the rest of the parse together.
 * `cfb` stays in the tests as an independent reader: for every corpus file and every seeded
 * mutation the check accepts, each stream read here must equal what `cfb` reads, byte for byte
 * (tests/format/cfb/cfb-cross-check.ts); the tests alone keep `cfb` from bytes that would hang or
 * exhaust it.
 */

export interface StorageNode {
  /** Name as stored (case preserved); `Root Entry` (or what the writer put) for the root. */
  name: string;
  /** Slash-separated path below the root, e.g. `__attach_version1.0_#00000000`; '' for the root. */
  path: string;
  storages: MemberMap<StorageNode>;
  streams: MemberMap<StreamNode>;
}

export interface StreamNode {
  name: string;
  path: string;
  /** Bytes `read()` returns; less than the directory's size when the stream's chain is cut short. */
  size: number;
  /**
   * The content: a view of the file's bytes when the stream's sectors are contiguous, else a copy
   * made on the first call (later calls return the same array). Never written to by the reader;
   * callers must not write to it either.
   */
  read(): Uint8Array;
}

export interface CompoundFile {
  root: StorageNode;
  /** Container damage that cost content (cut chains, dropped entries); quirks are not listed. */
  diagnostics: Diagnostic[];
}

/**
 * Opens compound-file bytes: checks and repairs them (`checkCompoundFile`) and builds the storage tree
 * from the checked directory. Stream bytes are read when asked for. Throws a `MsgFormatError`.
 * @see [MS-CFB] 2.6 Compound File Directory Sectors
 */
export function openCompoundFile(bytes: Uint8Array): CompoundFile {
  // A plain Uint8Array over the same memory: a Node Buffer's subarrays are Buffers, which cost
  // more to make, and every stream read is one.
  const prepared = checkCompoundFile(
    new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
  );
  const reader = new StreamReader(prepared.layout);
  const { entries, members, paths } = prepared.tree;
  const rootEntry = entries[0];
  const root = newStorage(rootEntry?.name || 'Root Entry', '');
  const pending: Array<[number, StorageNode]> = [[0, root]];
  for (let next = 0; next < pending.length; next++) {
    const [storageId, storage] = pending[next] ?? [0, root];
    for (const id of members.get(storageId) ?? []) {
      const entry = entries[id];
      const path = paths.get(id);
      if (!entry || path === undefined) continue;
      if (entry.objectType === OBJECT_TYPE.storage) {
        const child = newStorage(entry.name, path);
        storage.storages.add(child);
        pending.push([id, child]);
      } else {
        storage.streams.add(new LazyStream(reader, entry, path));
      }
    }
  }
  return { root, diagnostics: prepared.diagnostics };
}

/** A stream whose extent is known at open time and whose bytes are found on the first `read()`. */
class LazyStream implements StreamNode {
  readonly name: string;
  readonly size: number;
  private readonly extent: StreamExtent;
  private content: Uint8Array | undefined;

  constructor(
    private readonly reader: StreamReader,
    private readonly entry: DirectoryEntry,
    readonly path: string,
  ) {
    this.name = entry.name;
    this.extent = reader.extentOf(entry);
    this.size = this.extent.size;
  }

  read(): Uint8Array {
    this.content ??= this.reader.read(this.entry, this.extent);
    return this.content;
  }
}

/**
 * The members of one storage by name. [MS-CFB] 2.6.4 compares names without regard to case, and
 * writers differ (`__SUBSTG1.0_0037001F`, lower-case hex digits in a tag), so every lookup folds
 * case here, once, where the tree is built. Iteration gives the names as stored.
 */
export class MemberMap<T extends { name: string }> implements Iterable<[string, T]> {
  private readonly byFoldedName = new Map<string, T>();

  get size(): number {
    return this.byFoldedName.size;
  }

  get(name: string): T | undefined {
    return this.byFoldedName.get(foldCase(name));
  }

  has(name: string): boolean {
    return this.byFoldedName.has(foldCase(name));
  }

  /**
   * Adds a member unless one of the same name (in any case) is there: the container check keeps
   * one entry per name, and should two differ only in case, the first in directory order wins.
   */
  add(member: T): void {
    const key = foldCase(member.name);
    if (!this.byFoldedName.has(key)) this.byFoldedName.set(key, member);
  }

  *keys(): IterableIterator<string> {
    for (const member of this.byFoldedName.values()) yield member.name;
  }

  values(): IterableIterator<T> {
    return this.byFoldedName.values();
  }

  *[Symbol.iterator](): IterableIterator<[string, T]> {
    for (const member of this.byFoldedName.values()) yield [member.name, member];
  }
}

/** [MS-CFB] 2.6.4: names compare after upper-casing (the simple case mapping). */
function foldCase(name: string): string {
  return name.toUpperCase();
}

function newStorage(name: string, path: string): StorageNode {
  return { name, path, storages: new MemberMap(), streams: new MemberMap() };
}
