import type { Attachment } from '../format/model.js';
import { extensionOf, judgeAttachmentOpen } from './attachment-policy.js';
import type { OpenVerdict } from './attachment-policy.js';

/**
 * How an attachment is presented, decided once here in main so the window, the save dialog and
 * the open check agree: the name to show (never blank), its real extension, whether it is only a
 * link, and whether opening it needs the user's confirmation.
 */
export interface AttachmentDisplay {
  /** The name to show: stored, else made from the subject (messages) or the MIME type. */
  name: string;
  /** `name` was made up here, not stored in the file. */
  isNameDerived: boolean;
  /** The real extension of `name`, lower case without the dot ('' for none): what the system goes by. */
  fileExtension: string;
  /** By-reference and web-reference attachments: a path or URL, never read automatically. */
  isReference: boolean;
  verdict: OpenVerdict;
}

/** [MS-OXCMSG] 2.2.2.9 PidTagAttachMethod values whose data lives elsewhere (a path or a URL). */
const REFERENCE_METHODS = new Set<Attachment['method']>([
  'by-reference',
  'by-reference-resolve',
  'by-reference-only',
  'by-web-reference',
]);

/**
 * Names for parts a mail system writes without one (delivery reports, returned headers), as the
 * report's own words say what they are; other types get `attachment-N` and the type's extension.
 */
const NAME_BY_MIME_TYPE: Record<string, string> = {
  'message/delivery-status': 'delivery-status.txt',
  'message/disposition-notification': 'disposition-notification.txt',
  'message/feedback-report': 'feedback-report.txt',
  'text/rfc822-headers': 'message-headers.txt',
  'message/rfc822': 'message.eml',
};

const EXTENSION_BY_MIME_TYPE: Record<string, string> = {
  'text/plain': 'txt',
  'text/html': 'html',
  'text/calendar': 'ics',
  'text/vcard': 'vcf',
  'text/x-vcard': 'vcf',
  'text/csv': 'csv',
  'application/pdf': 'pdf',
  'application/zip': 'zip',
  'application/json': 'json',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/bmp': 'bmp',
  'image/tiff': 'tif',
  'image/webp': 'webp',
};

export function attachmentDisplay(attachment: Attachment, position: number): AttachmentDisplay {
  const isReference = REFERENCE_METHODS.has(attachment.method);
  if (attachment.embedded) {
    // A message opens inside MsgView: no system app, no warning.
    const subject = attachment.embedded.subject?.trim();
    const stored = storedName(attachment);
    const name = stored ?? (subject ? `${subject}.msg` : `message-${position + 1}.msg`);
    return {
      name,
      isNameDerived: stored === null,
      fileExtension: 'msg',
      isReference: false,
      verdict: { kind: 'allow', realType: 'Outlook message' },
    };
  }
  const stored = storedName(attachment);
  const name = stored ?? nameFromMimeType(attachment.mimeType, position);
  return {
    name,
    isNameDerived: stored === null,
    fileExtension: extensionOf(name),
    isReference,
    verdict: judgeAttachmentOpen(name, attachment.mimeType),
  };
}

function storedName(attachment: Attachment): string | null {
  const name = attachment.fileName ?? attachment.displayName;
  return name && name.trim() !== '' ? name : null;
}

function nameFromMimeType(mimeType: string | null, position: number): string {
  const type = (mimeType ?? '').split(';')[0]!.trim().toLowerCase();
  const known = NAME_BY_MIME_TYPE[type];
  if (known) return known;
  const extension = EXTENSION_BY_MIME_TYPE[type] ?? (type.startsWith('text/') ? 'txt' : null);
  return `attachment-${position + 1}${extension ? `.${extension}` : ''}`;
}
