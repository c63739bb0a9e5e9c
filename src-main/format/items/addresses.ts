import type { PropertyBag } from '../mapi/property-bag.js';
import type { Address } from '../model.js';

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
  const name = bag.string(tags.name) ?? null;
  const rawAddress = bag.string(tags.email) ?? null;
  const addressType = bag.string(tags.addressType) ?? null;
  const smtp = bag.string(tags.smtp) ?? null;
  if (name === null && rawAddress === null && addressType === null && smtp === null) return null;
  const isExchange = addressType?.toUpperCase() === 'EX';
  const alternate =
    tags.smtpAlternate === undefined ? null : (bag.string(tags.smtpAlternate) ?? null);
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
