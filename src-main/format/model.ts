import type { Diagnostic } from './errors.js';
import type { ReplyAddress } from './items/addresses.js';
import type { CodePageChoice, CodePageHints } from './mapi/code-pages.js';
import type { PropertyBag } from './mapi/property-bag.js';
import type { TransportHeaders } from './mime/transport-headers.js';

/**
 * The model a .msg file becomes. Field names are plain camelCase; each says which MAPI property it
 * comes from, so a reader can check it against [MS-OXPROPS].
 */

/** What kind of Outlook item this is, from the message class (see items/item-kind.ts). */
export type ItemKind =
  | 'note'
  | 'appointment'
  | 'meeting-request'
  | 'meeting-response'
  | 'meeting-cancellation'
  | 'contact'
  | 'distribution-list'
  | 'task'
  | 'task-request'
  | 'sticky-note'
  | 'journal'
  | 'post'
  | 'report'
  | 'smime'
  | 'other';

/** A person or mailbox: sender, sent-representing, or a recipient. */
export interface Address {
  /** Display name (PidTagSenderName, PidTagSentRepresentingName, PidTagDisplayName). */
  name: string | null;
  /**
   * The SMTP address: PidTag*SmtpAddress, else the email address when the address type is SMTP (or
   * it is not EX and looks like user@host); null for Exchange-only addresses.
   */
  email: string | null;
  /** Address type (PidTag*AddressType): SMTP, EX, FAX… */
  addressType: string | null;
  /** The address as stored (PidTag*EmailAddress): an Exchange DN for EX addresses. */
  rawAddress: string | null;
  /** An Exchange (EX) address: `rawAddress` is an X.500 DN, not something to mail. */
  isExchange: boolean;
  /**
   * When `email` is null: the SMTP address found elsewhere, which Outlook would show after resolving
   * the Exchange address: PidTagSenderSmtpAddressAlternate…, else the transport headers' From,
   * Sender, To, Cc (see items/addresses.ts).
   */
  smtpAlternate: string | null;
}

export type RecipientType = 'to' | 'cc' | 'bcc';

export interface Recipient extends Address {
  /** PidTagRecipientType; null when missing or not To/Cc/Bcc. */
  type: RecipientType | null;
  /** Storage index N of `__recip_version1.0_#N`. */
  index: number;
  properties: PropertyBag;
}

export type BodyKind = 'html' | 'rtf' | 'text' | 'none';

export interface HtmlBody {
  html: string;
  /** Where the HTML came from: PidTagHtml, or de-encapsulated from the compressed RTF. */
  source: 'html-property' | 'rtf-encapsulated';
  /** Code page used to decode it (binary/8-bit HTML), or null for Unicode. */
  codePage: number | null;
}

export interface RtfBody {
  /** PidTagRtfCompressed decompressed per [MS-OXRTFCP]. */
  rtf: Uint8Array;
  /** What the RTF wraps per [MS-OXRTFEX]: HTML, plain text, or nothing (native RTF). */
  encapsulates: 'html' | 'text' | 'rtf';
  /** What de-encapsulation gave: the HTML (html), the text (text), or the plain text of a native RTF body, shown until RTF rendering exists. */
  deEncapsulated: string | null;
}

export interface Bodies {
  /** PidTagBody. */
  text: string | null;
  /** PidTagHtml, or the HTML inside an `\fromhtml1` RTF body when there is no PidTagHtml. */
  html: HtmlBody | null;
  rtf: RtfBody | null;
  /** Which stored body properties exist, as stored (before any derivation). */
  stored: { text: boolean; html: boolean; rtf: boolean; htmlPropType: 'binary' | 'string' | null };
  /** The body to show, chosen as Outlook does (see items/bodies.ts). */
  best: BodyKind;
}

export type AttachMethod =
  | 'none'
  | 'by-value'
  | 'by-reference'
  | 'by-reference-resolve'
  | 'by-reference-only'
  | 'embedded-message'
  | 'ole'
  | 'by-web-reference'
  | 'unknown';

export interface Attachment {
  /** Storage index N of `__attach_version1.0_#N`. */
  index: number;
  /** PidTagAttachMethod as a name; `methodCode` is the stored number. */
  method: AttachMethod;
  methodCode: number | null;
  /** The name to show: long file name, else short file name, else display name. */
  fileName: string | null;
  longFileName: string | null;
  shortFileName: string | null;
  displayName: string | null;
  extension: string | null;
  mimeType: string | null;
  contentId: string | null;
  contentLocation: string | null;
  /** PidTagAttachmentHidden. */
  isHidden: boolean;
  /** Referenced from the HTML body by cid: or content-location, or hidden: not a "file" to list. */
  isInline: boolean;
  /** PidTagAttachFlags. */
  flags: number | null;
  /** PidTagRenderingPosition: character offset in an RTF body, or -1 / null. */
  renderingPosition: number | null;
  /** PidTagAttachSize as stored (includes overhead; informational). */
  declaredSize: number | null;
  /** Byte length of PidTagAttachDataBinary, or null when there is none. */
  size: number | null;
  /** For by-reference and web-reference attachments: the path or URL (never opened automatically). */
  reference: string | null;
  /** The attachment bytes (PidTagAttachDataBinary), read on demand; null when there are none. */
  data(): Uint8Array | null;
  /** For method 5: the message inside, parsed; null when absent or unreadable. */
  embedded: Message | null;
  /** Whether PidTagAttachDataObject holds a message storage / an OLE storage. */
  hasEmbeddedMessage: boolean;
  isOleObject: boolean;
  properties: PropertyBag;
}

export interface CodePageInfo {
  hints: CodePageHints;
  /** For PT_STRING8 properties. */
  ansi: CodePageChoice;
  /** For an 8-bit PidTagBody. */
  body: CodePageChoice;
}

export interface Message {
  kind: ItemKind;
  /** PidTagMessageClass, e.g. IPM.Note. */
  messageClass: string | null;
  /** PidTagSubject, including any prefix such as "RE: ". */
  subject: string | null;
  /** PidTagSender*: who sent it. */
  sender: Address | null;
  /** PidTagSentRepresenting*: on whose behalf ("From" in Outlook). */
  sentRepresenting: Address | null;
  /**
   * The sender sent for another mailbox ("A on behalf of B"): decided by entry id, search key or
   * address, never by display name (items/addresses.ts).
   */
  isSentOnBehalf: boolean;
  /** Where replies go, when the message says (Reply-To, PidTagReplyRecipientNames); else empty. */
  replyTo: ReplyAddress[];
  recipients: Recipient[];
  displayTo: string | null;
  displayCc: string | null;
  displayBcc: string | null;
  /** PidTagClientSubmitTime; null for unsent drafts. */
  sentDate: Date | null;
  /** PidTagMessageDeliveryTime. */
  receivedDate: Date | null;
  creationTime: Date | null;
  lastModificationTime: Date | null;
  /** PidTagImportance: 0 low, 1 normal, 2 high. */
  importance: number | null;
  /** PidTagSensitivity: 0 normal, 1 personal, 2 private, 3 confidential. */
  sensitivity: number | null;
  /** PidTagFlagStatus: 0 none, 1 complete, 2 flagged. */
  flagStatus: number | null;
  /** PidNameKeywords (categories). */
  categories: string[];
  internetMessageId: string | null;
  /** PidTagTransportMessageHeaders, parsed. */
  transportHeaders: TransportHeaders | null;
  bodies: Bodies;
  attachments: Attachment[];
  codePage: CodePageInfo;
  properties: PropertyBag;
  /** Nesting depth: 0 for the file's message, 1 for a message attached to it, … */
  depth: number;
}

/** A parsed file: the message and everything the parser had to skip or guess. */
export interface MsgDocument {
  message: Message;
  diagnostics: Diagnostic[];
}
