import CFB from 'cfb';
import { MsgFormatError } from '../errors.js';
import type { Diagnostic } from '../errors.js';
import { prepareForCfb } from './container-check.js';
import { OBJECT_TYPE } from './directory.js';

/**
 * Our one view over the `cfb` package: the rest of the format layer sees storages and streams,
 * never `cfb`, so a lazy reader can replace it (`cfb` copies every stream into memory when it
 * opens a file). `cfb` only ever sees bytes `prepareForCfb` has checked, and every call into it is
 * wrapped so that whatever it throws becomes a `MsgFormatError`.
 */

export interface StorageNode {
  /** Name as stored (case preserved); `Root Entry` (or what the writer put) for the root. */
  name: string;
  /** Slash-separated path below the root, e.g. `__attach_version1.0_#00000000`; '' for the root. */
  path: string;
  storages: Map<string, StorageNode>;
  streams: Map<string, StreamNode>;
}

export interface StreamNode {
  name: string;
  path: string;
  /** Bytes `read()` returns; less than the directory's size when the stream's chain is cut short. */
  size: number;
  /** The content, as a view of what `cfb` read (no copy). */
  read(): Uint8Array;
}

export interface CompoundFile {
  root: StorageNode;
  /** Container damage that cost content (cut chains, dropped entries); quirks are not listed. */
  diagnostics: Diagnostic[];
}

/**
 * Opens compound-file bytes: checks and repairs them (`prepareForCfb`), lets `cfb` read them, and
 * builds the storage tree from the checked directory, taking only the stream bytes from `cfb`
 * (its own paths go wrong when entries precede their parents). Throws a `MsgFormatError`.
 * @see [MS-CFB] 2.6 Compound File Directory Sectors
 */
export function openCompoundFile(bytes: Uint8Array): CompoundFile {
  const prepared = prepareForCfb(bytes);
  const container = callCfb(() => CFB.read(asBuffer(prepared.bytes), { type: 'buffer' }));
  const { entries, members, paths } = prepared.tree;
  const cfbEntries = container.FileIndex;
  if (cfbEntries.length !== entries.length) {
    throw new MsgFormatError(
      'CORRUPT_CONTAINER',
      `compound file: the container library read ${cfbEntries.length} directory entries, the check ${entries.length}`,
    );
  }
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
        storage.storages.set(entry.name, child);
        pending.push([id, child]);
      } else {
        const content = contentView(cfbEntries[id]?.content);
        storage.streams.set(entry.name, {
          name: entry.name,
          path,
          size: content.length,
          read: () => content,
        });
      }
    }
  }
  return { root, diagnostics: prepared.diagnostics };
}

/**
 * A stream of `storage` by name. Exact match first; then, as [MS-CFB] 2.6.4 compares names without
 * regard to case, any case (some writers upper-case `__SUBSTG1.0_…`).
 */
export function getStream(storage: StorageNode, name: string): StreamNode | undefined {
  return storage.streams.get(name) ?? caseInsensitiveIndex(storage).streams.get(name.toUpperCase());
}

/** A child storage of `storage` by name, matched like `getStream`. */
export function getStorage(storage: StorageNode, name: string): StorageNode | undefined {
  return (
    storage.storages.get(name) ?? caseInsensitiveIndex(storage).storages.get(name.toUpperCase())
  );
}

interface CaseInsensitiveIndex {
  streams: Map<string, StreamNode>;
  storages: Map<string, StorageNode>;
}

/** Built on first use per storage: a storage with thousands of members is looked up thousands of times. */
const caseInsensitiveIndexes = new WeakMap<StorageNode, CaseInsensitiveIndex>();

function caseInsensitiveIndex(storage: StorageNode): CaseInsensitiveIndex {
  let index = caseInsensitiveIndexes.get(storage);
  if (!index) {
    index = { streams: upperCaseKeys(storage.streams), storages: upperCaseKeys(storage.storages) };
    caseInsensitiveIndexes.set(storage, index);
  }
  return index;
}

function upperCaseKeys<T>(map: Map<string, T>): Map<string, T> {
  const upper = new Map<string, T>();
  for (const [name, value] of map) {
    const key = name.toUpperCase();
    if (!upper.has(key)) upper.set(key, value);
  }
  return upper;
}

function newStorage(name: string, path: string): StorageNode {
  return { name, path, storages: new Map(), streams: new Map() };
}

/** Runs a `cfb` call; anything it throws (TypeError, RangeError…) becomes CORRUPT_CONTAINER. */
function callCfb<T>(call: () => T): T {
  try {
    return call();
  } catch (error) {
    if (error instanceof MsgFormatError) throw error;
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new MsgFormatError(
      'CORRUPT_CONTAINER',
      `compound file: the container library failed: ${message}`,
    );
  }
}

/**
 * `cfb` slices its input per sector; a Node `Buffer` slices into views, a plain `Uint8Array` into
 * copies, and then every stream comes back as an array of numbers. So the bytes go in as a
 * `Buffer` over the same memory (no copy) wherever `Buffer` exists.
 */
function asBuffer(bytes: Uint8Array): Uint8Array {
  if (typeof Buffer === 'undefined') return bytes;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * `cfb` gives a stream's content as a Buffer, a plain array (a stream with no sectors) or nothing.
 * Returns a plain `Uint8Array` view, so no caller relies on `Buffer`'s different `slice`.
 */
function contentView(content: unknown): Uint8Array {
  if (content instanceof Uint8Array)
    return new Uint8Array(content.buffer, content.byteOffset, content.byteLength);
  if (Array.isArray(content)) return Uint8Array.from(content, (value) => Number(value) & 0xff);
  return new Uint8Array(0);
}
