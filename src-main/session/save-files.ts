import { mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import { safeFileName, uniqueFileName } from './safe-file-name.js';
import { SessionError } from './session-error.js';

/**
 * Writing attachments where the user chose, for the app's sessions and the CLI alike. Names are
 * made safe and unique; an existing file is never replaced unless the caller has the user's
 * consent, and "unique" is enforced by the file system (O_EXCL), not by a check that a file
 * appearing in between could defeat.
 */

export interface SavableAttachment {
  index: number;
  fileName: string | null;
  /** Bytes to write; null for attachments without content (references, embedded messages). */
  data: Uint8Array | null;
  /** An embedded message: its attachments go into a sub-folder named after it. */
  embedded: SavableMessage | null;
  embeddedSubject: string | null;
}

export interface SavableMessage {
  attachments: SavableAttachment[];
}

export interface WrittenFile {
  path: string;
  size: number;
}

/** Writes `data` to `path`; replaces an existing file only when `overwrite` (the user's consent). */
export async function writeFileSafely(
  path: string,
  data: Uint8Array,
  overwrite: boolean,
): Promise<void> {
  let handle;
  try {
    handle = await open(path, overwrite ? 'w' : 'wx', 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new SessionError('EXISTS', `${path} exists; it was not replaced`);
    }
    throw new SessionError('IO_ERROR', `could not write ${path}: ${(error as Error).message}`);
  }
  try {
    await handle.writeFile(data);
  } finally {
    await handle.close();
  }
}

/** Writes every attachment with content into `folder`; embedded messages' into sub-folders. */
export async function saveAllAttachments(
  message: SavableMessage,
  folder: string,
): Promise<WrittenFile[]> {
  await mkdir(folder, { recursive: true });
  const written: WrittenFile[] = [];
  const taken = new Set<string>();
  for (const attachment of message.attachments) {
    if (attachment.embedded) {
      if (!hasFiles(attachment.embedded)) continue;
      const name = safeFileName(attachment.fileName ?? attachment.embeddedSubject, 'message');
      const subfolder = await claimFolder(folder, name, taken);
      written.push(...(await saveAllAttachments(attachment.embedded, subfolder)));
      continue;
    }
    if (!attachment.data) continue;
    const name = safeFileName(attachment.fileName, `attachment-${attachment.index + 1}`);
    written.push(await writeUnique(folder, name, attachment.data, taken));
  }
  return written;
}

async function writeUnique(
  folder: string,
  name: string,
  data: Uint8Array,
  taken: Set<string>,
): Promise<WrittenFile> {
  for (;;) {
    const candidate = uniqueFileName(name, (option) => taken.has(option.toLowerCase()));
    taken.add(candidate.toLowerCase());
    const path = join(folder, candidate);
    try {
      await writeFileSafely(path, data, false);
      return { path, size: data.length };
    } catch (error) {
      // Taken on disk: try the next numbered name (uniqueFileName gives up after its bound).
      if (!(error instanceof SessionError && error.code === 'EXISTS')) throw error;
    }
  }
}

async function claimFolder(parent: string, name: string, taken: Set<string>): Promise<string> {
  for (;;) {
    const candidate = uniqueFileName(name, (option) => taken.has(option.toLowerCase()));
    taken.add(candidate.toLowerCase());
    try {
      await mkdir(join(parent, candidate));
      return join(parent, candidate);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

function hasFiles(message: SavableMessage): boolean {
  return message.attachments.some((attachment) =>
    attachment.embedded ? hasFiles(attachment.embedded) : attachment.data !== null,
  );
}
