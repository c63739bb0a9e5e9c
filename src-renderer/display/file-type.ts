import type { AttachmentView } from '../../src-main/contract/ipc-contract';

/**
 * The family an attachment's icon shows: a colour and a short label. Main decides the facts (name,
 * extension, link or file, risky or not); this only picks a look for them.
 */
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

export function fileFamily(attachment: AttachmentView): FileFamily {
  if (attachment.isEmbeddedMessage) return 'message';
  if (attachment.isReference) return 'link';
  if (attachment.openNeedsConfirmation) return 'executable';
  const byExtension = FAMILY_BY_EXTENSION[attachment.fileExtension];
  if (byExtension) return byExtension;
  const mime = attachment.mimeType ?? '';
  if (mime.startsWith('image/')) return 'image';
  if (mime.startsWith('audio/')) return 'audio';
  if (mime.startsWith('video/')) return 'video';
  if (mime.startsWith('text/')) return 'text';
  return 'other';
}
