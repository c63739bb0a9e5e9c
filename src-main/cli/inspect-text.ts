import type { Address, Attachment, Message, MsgDocument } from '../format/model.js';

/** The readable summary `msgview inspect FILE` prints. */
export function formatSummary(document: MsgDocument): string {
  const lines: string[] = [];
  summarizeMessage(document.message, '', lines);
  if (document.diagnostics.length > 0) {
    lines.push('', `Problems (${document.diagnostics.length}) — the rest of the file was read:`);
    for (const diagnostic of document.diagnostics)
      lines.push(`  [${diagnostic.code}] ${diagnostic.message}`);
  }
  return `${lines.join('\n')}\n`;
}

function summarizeMessage(message: Message, indent: string, lines: string[]): void {
  const row = (label: string, value: string | null | undefined) => {
    if (value !== null && value !== undefined && value !== '')
      lines.push(`${indent}${label.padEnd(9)} ${value}`);
  };
  row('Class', `${message.messageClass ?? '(none)'} (${message.kind})`);
  row('Subject', message.subject ?? '(no subject)');
  row('From', formatAddress(message.sentRepresenting ?? message.sender));
  if (message.isSentOnBehalf) {
    row('Sender', `${formatAddress(message.sender)} (on behalf of the From address)`);
  }
  row(
    'Reply-To',
    message.replyTo
      .map(({ name, email }) => (name && email ? `${name} <${email}>` : (email ?? name)))
      .join('; '),
  );
  for (const type of ['to', 'cc', 'bcc'] as const) {
    const list = message.recipients
      .filter((recipient) => recipient.type === type)
      .map(formatAddress);
    row(type === 'to' ? 'To' : type === 'cc' ? 'Cc' : 'Bcc', list.join('; '));
  }
  row(
    'Date',
    message.sentDate?.toISOString() ??
      message.receivedDate?.toISOString() ??
      '(no date: never sent)',
  );
  const body = message.bodies;
  row('Body', `${body.best}${body.rtf ? ` (RTF wraps ${body.rtf.encapsulates})` : ''}`);
  if (message.attachments.length > 0) {
    lines.push(`${indent}Attachments (${message.attachments.length}):`);
    for (const attachment of message.attachments)
      summarizeAttachment(attachment, `${indent}  `, lines);
  }
}

function summarizeAttachment(attachment: Attachment, indent: string, lines: string[]): void {
  const size = attachment.size === null ? '' : ` ${attachment.size} bytes`;
  const flags = [
    attachment.isInline ? 'inline' : '',
    attachment.isHidden ? 'hidden' : '',
    attachment.method,
  ]
    .filter(Boolean)
    .join(', ');
  lines.push(`${indent}- ${attachment.fileName ?? '(no name)'}${size} [${flags}]`);
  if (attachment.embedded) summarizeMessage(attachment.embedded, `${indent}    `, lines);
}

function formatAddress(address: Address | null): string {
  if (!address) return '';
  const mailbox =
    address.email ??
    address.smtpAlternate ??
    (address.isExchange ? 'Exchange user' : address.rawAddress);
  if (address.name && mailbox && address.name !== mailbox) return `${address.name} <${mailbox}>`;
  return address.name ?? mailbox ?? '';
}
