import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Message } from '../format/model.js';
import { safeFileName, uniqueFileName } from '../session/safe-file-name.js';

export interface WrittenFile {
  path: string;
  size: number;
}

/**
 * Writes a message's attachments into `folder`, and the attachments of each embedded message into a
 * sub-folder named after it. Names are made safe (no separators, traversal, device names, bidi
 * tricks) and unique; an existing file is never replaced: files are created with O_EXCL, so even a
 * file that appears between the check and the write is not overwritten.
 */
export function extractAttachments(message: Message, folder: string): WrittenFile[] {
  mkdirSync(folder, { recursive: true });
  const written: WrittenFile[] = [];
  for (const attachment of message.attachments) {
    if (attachment.embedded) {
      if (!hasSavableAttachments(attachment.embedded)) continue;
      const name = safeFileName(attachment.fileName ?? attachment.embedded.subject, 'message');
      const subfolder = join(
        folder,
        uniqueFileName(name, (candidate) => !claimFolder(join(folder, candidate))),
      );
      written.push(...extractAttachments(attachment.embedded, subfolder));
      continue;
    }
    const data = attachment.data();
    if (!data) continue;
    const name = safeFileName(attachment.fileName, `attachment-${attachment.index + 1}`);
    written.push(writeExclusive(folder, name, data));
  }
  return written;
}

function writeExclusive(folder: string, name: string, data: Uint8Array): WrittenFile {
  const tried = new Set<string>();
  for (;;) {
    const candidate = uniqueFileName(name, (option) => tried.has(option.toLowerCase()));
    tried.add(candidate.toLowerCase());
    const path = join(folder, candidate);
    let descriptor: number;
    try {
      descriptor = openSync(path, 'wx', 0o644);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw error;
    }
    try {
      let offset = 0;
      while (offset < data.length)
        offset += writeSync(descriptor, data, offset, data.length - offset);
    } finally {
      closeSync(descriptor);
    }
    return { path, size: data.length };
  }
}

/** Creates the folder if nothing is at `path` yet; false when the name is taken. */
function claimFolder(path: string): boolean {
  try {
    mkdirSync(path);
    return true;
  } catch {
    return false;
  }
}

function hasSavableAttachments(message: Message): boolean {
  return message.attachments.some((attachment) =>
    attachment.embedded ? hasSavableAttachments(attachment.embedded) : attachment.size !== null,
  );
}
