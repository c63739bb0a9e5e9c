import type { AttachmentView, MessageView } from '../../src-main/contract/ipc-contract';

/**
 * Which attachments the strip lists as files. Hidden ones never; inline ones (pictures the HTML
 * body shows through cid:) only when the body shown is not that HTML, because otherwise the
 * reader could not see them at all. Every attachment stays reachable in Details.
 */
export function listedAttachments(message: MessageView): AttachmentView[] {
  const showsHtml = message.body.best === 'html' && message.body.html !== null;
  return message.attachments.filter(
    (attachment) => !attachment.isHidden && !(attachment.isInline && showsHtml),
  );
}

/** Attachments with bytes of their own (what "Save" can write). */
export function isSaveable(attachment: AttachmentView): boolean {
  return attachment.isEmbeddedMessage || (!attachment.isReference && attachment.size !== null);
}
