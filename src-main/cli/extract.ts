import type { Message } from '../format/model.js';
import { saveAllAttachments } from '../session/save-files.js';
import type { SavableMessage, WrittenFile } from '../session/save-files.js';

/**
 * `msgview extract`: the attachments of a message into a folder, embedded messages' into
 * sub-folders, through the same save routine the app uses (safe, unique names; never overwrites).
 */
export function extractAttachments(message: Message, folder: string): Promise<WrittenFile[]> {
  return saveAllAttachments(savable(message), folder);
}

function savable(message: Message): SavableMessage {
  return {
    attachments: message.attachments.map((attachment) => ({
      index: attachment.index,
      fileName: attachment.fileName,
      data: attachment.embedded ? null : attachment.data(),
      embedded: attachment.embedded ? savable(attachment.embedded) : null,
      embeddedSubject: attachment.embedded?.subject ?? null,
    })),
  };
}
