import type { DiagnosticPart, MessageView } from '../../src-main/contract/ipc-contract';
import { LOCALE, messages } from '../i18n/messages';
import { t } from '../i18n/translate';

/**
 * What could not be read, as a person would say it: "the body", "attachment report.pdf",
 * "recipient Ann Smith", "some of its fields", "part of the file". One phrase per part, in the
 * order first met, each named by what the window shows for it.
 */
export function lostParts(
  message: Pick<MessageView, 'diagnostics' | 'attachments' | 'recipients'>,
): string[] {
  const phrases = new Set<string>();
  for (const { part } of message.diagnostics) phrases.add(phraseFor(part, message));
  return [...phrases];
}

/** "the body, attachment “a.pdf” and some of its fields". */
export function lostPartsSentence(
  message: Pick<MessageView, 'diagnostics' | 'attachments' | 'recipients'>,
): string {
  return new Intl.ListFormat(LOCALE, { type: 'conjunction' }).format(lostParts(message));
}

function phraseFor(
  part: DiagnosticPart,
  message: Pick<MessageView, 'attachments' | 'recipients'>,
): string {
  const words = messages.diagnostics.parts;
  switch (part.kind) {
    case 'body':
      return words.body;
    case 'attachment': {
      const position = message.attachments.findIndex(
        (attachment) => attachment.index === part.index,
      );
      const attachment = message.attachments[position];
      if (attachment) return t(words.attachmentNamed, { name: attachment.name });
      return t(words.attachmentNumbered, { number: (position < 0 ? part.index : position) + 1 });
    }
    case 'recipient': {
      const position = message.recipients.findIndex((recipient) => recipient.index === part.index);
      const recipient = message.recipients[position];
      const name = recipient?.name ?? recipient?.email;
      if (name) return t(words.recipientNamed, { name });
      return t(words.recipientNumbered, { number: (position < 0 ? part.index : position) + 1 });
    }
    case 'fields':
      return words.fields;
    case 'file':
      return words.file;
  }
}
