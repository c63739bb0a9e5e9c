import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Disposable } from './disposable-store.js';
import { safeFileName, uniqueFileName } from './safe-file-name.js';

/**
 * A session's private temp folder, for attachments opened with the system's default app. Created on
 * first use with mode 0700 (mkdtemp's own mode), files 0600 and never overwritten; disposing the
 * folder deletes it with everything in it.
 */
export class TempFolder implements Disposable {
  private path: Promise<string> | undefined;
  private readonly names = new Set<string>();

  constructor(private readonly root: string = tmpdir()) {}

  /** Writes `data` under a safe, unique version of `name` and returns the file's path. */
  async write(name: string, data: Uint8Array): Promise<string> {
    const folder = await this.folder();
    const fileName = uniqueFileName(safeFileName(name, 'attachment'), (candidate) =>
      this.names.has(candidate.toLowerCase()),
    );
    this.names.add(fileName.toLowerCase());
    const path = join(folder, fileName);
    const handle = await open(path, 'wx', 0o600);
    try {
      await handle.writeFile(data);
    } finally {
      await handle.close();
    }
    return path;
  }

  /** The folder's path, if it was created. */
  async created(): Promise<string | undefined> {
    return this.path;
  }

  async dispose(): Promise<void> {
    const path = this.path;
    this.path = undefined;
    if (path) await rm(await path, { recursive: true, force: true });
  }

  private folder(): Promise<string> {
    this.path ??= mkdtemp(join(this.root, 'msgview-'));
    return this.path;
  }
}
