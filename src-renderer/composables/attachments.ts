import type { AttachmentView, MessageView } from '../../src-main/contract/ipc-contract';
import { asBridgeError, bridge, isBridgeError } from '../bridge';
import { messages } from '../i18n/messages';
import { plural, t } from '../i18n/translate';
import { copyText } from './clipboard';
import { askConfirmation } from './confirm';
import { openLink } from './links';
import { notify } from './notices';

/** What the attachment strip and the details pane do with an attachment. */

function reportFailure(error: unknown): void {
  notify(t(messages.attachments.failed, { message: asBridgeError(error).message }), 'error');
}

/**
 * Opens through the session's safe-open path: main refuses risky types with NEEDS_CONFIRMATION
 * and the real type, the user is asked, and only a yes repeats the call as confirmed.
 */
export async function openAttachment(attachment: AttachmentView): Promise<void> {
  try {
    if (attachment.isEmbeddedMessage) {
      await bridge.openEmbeddedMessage(attachment.handle);
      return;
    }
    await bridge.openAttachment(attachment.handle, false);
  } catch (error) {
    if (!isBridgeError(error, 'NEEDS_CONFIRMATION')) {
      reportFailure(error);
      return;
    }
    const type = error.realType ?? attachment.realType;
    const confirmed = await askConfirmation({
      title: t(messages.attachments.confirmTitle, { type }),
      body: t(messages.attachments.confirmBody, { name: attachment.name, type }),
      confirmLabel: messages.attachments.confirmOpen,
      cancelLabel: messages.attachments.cancel,
      isDangerous: true,
    });
    if (!confirmed) return;
    try {
      await bridge.openAttachment(attachment.handle, true);
    } catch (retryError) {
      reportFailure(retryError);
    }
  }
}

/**
 * By-reference and web-reference attachments are links, never read automatically: a web link
 * goes through the link confirmation; a path is only copied for the user to open themselves.
 */
export async function openReference(attachment: AttachmentView): Promise<void> {
  const target = attachment.reference ?? '';
  if (/^https?:\/\//i.test(target)) {
    await openLink(target);
    return;
  }
  await copyText(target, t(messages.attachments.referenceCopied, { target }));
}

export async function saveAttachment(attachment: AttachmentView): Promise<void> {
  try {
    const written = await bridge.saveAttachment(attachment.handle);
    if (written) notify(t(messages.attachments.saved, { path: written.path }));
  } catch (error) {
    reportFailure(error);
  }
}

export async function saveAllAttachments(message: MessageView): Promise<void> {
  try {
    const written = await bridge.saveAllAttachments(message.handle);
    if (written === null) return;
    if (written.length === 0) {
      notify(messages.attachments.savedNone);
      return;
    }
    const folder = commonFolder(written.map((file) => file.path));
    notify(plural(messages.attachments.savedAll, written.length, { folder }));
  } catch (error) {
    reportFailure(error);
  }
}

/** The folder the files were written to (the longest common directory of their paths). */
export function commonFolder(paths: string[]): string {
  const split = paths.map((path) => path.split(/(?<=[\\/])/));
  const first = split[0] ?? [];
  let length = first.length - 1;
  for (const parts of split) {
    let same = 0;
    while (same < Math.min(length, parts.length - 1) && parts[same] === first[same]) same += 1;
    length = same;
  }
  return (
    first
      .slice(0, length)
      .join('')
      .replace(/[\\/]$/, '') || first.join('')
  );
}
