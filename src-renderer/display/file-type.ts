import type { AttachmentView } from '../../src-main/contract/ipc-contract';

/** The family an attachment's icon shows: a colour and a short label. */
export type FileFamily =
  | 'pdf'
  | 'document'
  | 'spreadsheet'
  | 'presentation'
  | 'image'
  | 'archive'
  | 'audio'
  | 'video'
  | 'text'
  | 'calendar'
  | 'message'
  | 'link'
  | 'executable'
  | 'other';

const FAMILY_BY_EXTENSION: Record<string, FileFamily> = {};
const families: Array<[FileFamily, string]> = [
  ['pdf', 'pdf'],
  ['document', 'doc docx docm dot dotx odt rtf pages wpd'],
  ['spreadsheet', 'xls xlsx xlsm xlsb xlt xltx csv tsv ods numbers'],
  ['presentation', 'ppt pptx pptm pps ppsx pot potx odp key'],
  ['image', 'png jpg jpeg gif bmp tif tiff webp heic heif svg ico emf wmf'],
  ['archive', 'zip 7z rar gz tgz tar bz2 xz cab iso'],
  ['audio', 'mp3 wav m4a aac ogg flac wma'],
  ['video', 'mp4 mov avi mkv wmv webm m4v'],
  ['text', 'txt md log xml json html htm'],
  ['calendar', 'ics vcs vcf'],
  ['message', 'msg eml oft'],
  ['executable', 'exe com bat cmd msi scr ps1 vbs js jar sh app dmg lnk reg hta'],
];
for (const [family, list] of families) {
  for (const extension of list.split(' ')) FAMILY_BY_EXTENSION[extension] = family;
}

/** Characters that reorder or hide text in a name ("invoice\u202Efdp.exe" shows as "invoiceexe.pdf"). */
const SPOOFING_CHARACTERS =
  /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u200b-\u200d\u2060\ufeff]/gu;

/** A name safe to show: invisible reordering characters become visible replacement marks. */
export function visibleName(name: string): string {
  return name.replace(SPOOFING_CHARACTERS, '\ufffd');
}

export function attachmentName(attachment: AttachmentView): string | null {
  if (attachment.isEmbeddedMessage) {
    return attachment.embeddedSubject ?? attachment.displayName ?? attachment.fileName;
  }
  return attachment.fileName ?? attachment.displayName;
}

export function extensionOf(attachment: AttachmentView): string {
  const fromField = attachment.extension?.replace(/^\./, '');
  if (fromField) return fromField.toLowerCase();
  const name = (attachment.fileName ?? attachment.displayName ?? '').replace(
    SPOOFING_CHARACTERS,
    '',
  );
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** [MS-OXCMSG] PidTagAttachMethod values whose data lives elsewhere (a path or a URL). */
const REFERENCE_METHODS = new Set([
  'by-reference',
  'by-reference-resolve',
  'by-reference-only',
  'by-web-reference',
]);

/** A by-reference or web-reference attachment: a link, never read automatically. */
export function isReference(attachment: AttachmentView): boolean {
  return REFERENCE_METHODS.has(attachment.method);
}

export function fileFamily(attachment: AttachmentView): FileFamily {
  if (attachment.isEmbeddedMessage) return 'message';
  if (isReference(attachment)) return 'link';
  if (attachment.openNeedsConfirmation) return 'executable';
  const byExtension = FAMILY_BY_EXTENSION[extensionOf(attachment)];
  if (byExtension) return byExtension;
  const mime = attachment.mimeType ?? '';
  if (mime.startsWith('image/')) return 'image';
  if (mime.startsWith('audio/')) return 'audio';
  if (mime.startsWith('video/')) return 'video';
  if (mime.startsWith('text/')) return 'text';
  return 'other';
}
