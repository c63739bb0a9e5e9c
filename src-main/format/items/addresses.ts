import type { PropertyBag } from '../mapi/property-bag.js';
import { Tag } from '../mapi/property-tags.js';
import type { ParsedAddress, TransportHeaders } from '../mime/transport-headers.js';
import { parseAddressList } from '../mime/transport-headers.js';
import type { Address, Recipient } from '../model.js';

/**
 * Sender, sent-representing and recipient addresses. The rule for `email` is the one Outlook's own
 * "SMTP address" column follows: the dedicated SMTP property first; otherwise the stored address
 * when it is an SMTP address. An Exchange (EX) address is an X.500 DN, kept as `rawAddress` and
 * marked, never shown as if it were mailable.
 * @see [MS-OXOMSG] 2.2.1.48 PidTagSenderSmtpAddress, [MS-OXOABK] 2.2.3.21 PidTagSmtpAddress
 */

/** Property IDs of one address's four fields, plus where Exchange keeps an alternate SMTP form. */
export interface AddressTags {
  name: number;
  email: number;
  addressType: number;
  smtp: number;
  smtpAlternate?: number;
}

/** Loose user@host test: enough to tell an SMTP address from a DN or a fax number. */
const LOOKS_LIKE_SMTP = /^[^\s@/]+@[^\s@]+\.[^\s@]+$/;

export function readAddress(bag: PropertyBag, tags: AddressTags): Address | null {
  const name = addressText(bag.string(tags.name));
  const rawAddress = addressText(bag.string(tags.email));
  const addressType = addressText(bag.string(tags.addressType));
  const smtp = addressText(bag.string(tags.smtp));
  if (name === null && rawAddress === null && addressType === null && smtp === null) return null;
  const isExchange = addressType?.toUpperCase() === 'EX';
  const alternate =
    tags.smtpAlternate === undefined ? null : addressText(bag.string(tags.smtpAlternate));
  return {
    name,
    email: smtp ?? smtpFromRaw(rawAddress, addressType),
    addressType,
    rawAddress,
    isExchange,
    smtpAlternate: alternate,
  };
}

function smtpFromRaw(rawAddress: string | null, addressType: string | null): string | null {
  if (rawAddress === null) return null;
  const type = addressType?.toUpperCase();
  if (type === 'SMTP') return rawAddress;
  if (type === 'EX') return null;
  return LOOKS_LIKE_SMTP.test(rawAddress.trim()) ? rawAddress : null;
}

/**
 * An address string as a person could read it, or null. A damaged file can hold bytes that are not
 * text where a name should be: the part before the first NUL is what a C-string reader such as
 * Outlook shows, and a string with other control characters (or U+FFFD) is no name at all. Any
 * other string is kept exactly as stored, spaces and empty strings included.
 */
export function addressText(value: string | undefined): string | null {
  if (value === undefined) return null;
  const nul = value.indexOf('\u0000');
  const text = nul < 0 ? value : value.slice(0, nul);
  if (nul === 0 || hasControlCharacters(text) || isShiftedAscii(text)) return null;
  return text;
}

/** C0 and C1 control characters other than tab, CR and LF, and the replacement character. */
function hasControlCharacters(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x09 || code === 0x0a || code === 0x0d) continue;
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0xfffd) return true;
  }
  return false;
}

/**
 * UTF-16 read one byte off: every code unit is an ASCII character times 256 ("SMTP" becomes
 * "䴀吀倀"), what a damaged property stream gives. Real text made only of such characters does
 * not occur.
 */
function isShiftedAscii(text: string): boolean {
  if (text.length === 0) return false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if ((code & 0xff) !== 0 || code >> 8 < 0x20 || code >> 8 > 0x7e) return false;
  }
  return true;
}

/**
 * Whether the sender (PidTagSender*) and the mailbox it sent for (PidTagSentRepresenting*) are
 * different mailboxes: "A on behalf of B". Entry ids, then search keys, identify a mailbox; without
 * them the addresses are compared. Display names never decide: two people can share one, and one
 * mailbox can be written two ways.
 * @see [MS-OXOMSG] 2.2.1.46 PidTagSentRepresentingEntryId, 2.2.1.52 PidTagSenderEntryId
 */
export function isSentOnBehalf(
  bag: PropertyBag,
  sender: Address | null,
  representing: Address | null,
): boolean {
  // A side with neither name nor address is no mailbox a person could be told about.
  if (!sender?.name && !sender?.rawAddress) return false;
  if (!representing?.name && !representing?.rawAddress) return false;
  for (const [senderTag, representingTag] of [
    [Tag.PidTagSenderEntryId, Tag.PidTagSentRepresentingEntryId],
    [Tag.PidTagSenderSearchKey, Tag.PidTagSentRepresentingSearchKey],
  ] as const) {
    const first = bag.binary(senderTag);
    const second = bag.binary(representingTag);
    if (first && second && first.length > 0 && second.length > 0) return !sameBytes(first, second);
  }
  const keys = (address: Address) =>
    [address.email, address.smtpAlternate, address.rawAddress]
      .filter((value): value is string => value !== null)
      .map((value) => value.toLowerCase());
  const senderKeys = keys(sender);
  const representingKeys = keys(representing);
  // Nothing to compare by: assume one mailbox rather than claim a delegate that may not exist.
  if (senderKeys.length === 0 || representingKeys.length === 0) return false;
  return !senderKeys.some((key) => representingKeys.includes(key));
}

function sameBytes(first: Uint8Array, second: Uint8Array): boolean {
  if (first.length !== second.length) return false;
  for (let index = 0; index < first.length; index++)
    if (first[index] !== second[index]) return false;
  return true;
}

/**
 * Gives Exchange addresses that have no SMTP property the SMTP address found elsewhere, in
 * `smtpAlternate` (`email` stays what the properties say): a recipient with the same Exchange DN
 * and an SMTP address, else the transport headers. The From header is the
 * represented mailbox; Sender (else From, when the sender is that same mailbox) is the sender;
 * recipients are matched to To/Cc/Bcc mailboxes by display name, and only when the name is
 * unambiguous. Outlook shows these addresses too: it resolves them against the directory.
 */
export function resolveSmtpAddresses(
  headers: TransportHeaders | null,
  sender: Address | null,
  representing: Address | null,
  isOnBehalf: boolean,
  recipients: Recipient[],
): void {
  resolveFromRecipients(recipients, [sender, representing]);
  if (!headers) return;
  const first = (name: string): ParsedAddress | undefined =>
    parseAddressList(headers.get(name)?.value ?? '').find((mailbox) => mailbox.address !== '');
  const from = first('From');
  const senderHeader = first('Sender') ?? (isOnBehalf ? undefined : from);
  if (representing && needsSmtp(representing) && from) representing.smtpAlternate = from.address;
  if (sender && needsSmtp(sender) && senderHeader) sender.smtpAlternate = senderHeader.address;

  if (!recipients.some(needsSmtp)) return;
  const byName = new Map<string, string | null>();
  for (const field of ['To', 'Cc', 'Bcc']) {
    for (const mailbox of headers
      .getAll(field)
      .flatMap((header) => parseAddressList(header.value))) {
      const key = mailbox.name.trim().toLowerCase();
      if (key === '' || mailbox.address === '') continue;
      // Two mailboxes under one name: neither can be told apart, so neither is used.
      byName.set(
        key,
        byName.has(key) && byName.get(key) !== mailbox.address ? null : mailbox.address,
      );
    }
  }
  for (const recipient of recipients) {
    if (!needsSmtp(recipient) || !recipient.name) continue;
    const address = byName.get(recipient.name.trim().toLowerCase());
    if (address) recipient.smtpAlternate = address;
  }
}

/**
 * An Exchange sender is often among the recipients too (a meeting's organizer, a reply-all), where
 * the file may store its SMTP address: the same Exchange DN is the same mailbox.
 */
function resolveFromRecipients(recipients: Recipient[], addresses: Array<Address | null>): void {
  for (const address of addresses) {
    if (!address?.isExchange || !address.rawAddress || !needsSmtp(address)) continue;
    const dn = address.rawAddress.toLowerCase();
    const same = recipients.find(
      (recipient) => recipient.email !== null && recipient.rawAddress?.toLowerCase() === dn,
    );
    if (same) address.smtpAlternate = same.email;
  }
}

/** An address with nothing to mail to: no SMTP property and no alternate. */
function needsSmtp(address: Address): boolean {
  return address.email === null && address.smtpAlternate === null;
}

/** A Reply-To mailbox: the name, and the address when the file has one. */
export interface ReplyAddress {
  name: string | null;
  email: string | null;
}

/**
 * Where replies go when not to the sender: the transport headers' Reply-To (it has addresses),
 * else PidTagReplyRecipientNames (names only, separated by semicolons).
 * @see [MS-OXOMSG] 2.2.1.43 PidTagReplyRecipientNames
 */
export function readReplyTo(bag: PropertyBag, headers: TransportHeaders | null): ReplyAddress[] {
  const fromHeader = parseAddressList(headers?.get('Reply-To')?.value ?? '')
    .filter((mailbox) => mailbox.address !== '')
    .map((mailbox) => ({ name: mailbox.name || null, email: mailbox.address }));
  if (fromHeader.length > 0) return fromHeader;
  return (bag.string(Tag.PidTagReplyRecipientNames) ?? '')
    .split(';')
    .map((name) => addressText(name))
    .filter((name): name is string => name !== null)
    .map((name) => ({ name, email: null }));
}
