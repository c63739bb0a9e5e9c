import type { AddressView } from '../../src-main/contract/ipc-contract';
import { messages } from '../i18n/messages';
import { t } from '../i18n/translate';

/**
 * How a sender or recipient reads on screen. Exchange-internal senders often carry only an X.500
 * address (`/o=ExchangeLabs/ou=…/cn=Recipients/cn=1a2b…-jsmith`); that is no use to a reader, so
 * it shows as "Exchange user jsmith" and the full DN stays one hover away.
 */

export interface AddressDisplay {
  /** The name to show (falls back to the address). */
  name: string;
  /** The address beside the name, or null when the name already is the address. */
  address: string | null;
  /** `address` is an e-mail address (shown as <…>), not a description like "Exchange user x". */
  isEmail: boolean;
  /** Everything known, for the tooltip and the clipboard. */
  full: string;
  /** What "copy" puts on the clipboard: the SMTP address when there is one. */
  copyText: string;
  initials: string;
}

/** Exchange Online prefixes the alias with a 32-hex-digit id and a dash. */
const EXCHANGE_ID_PREFIX = /^[0-9a-f]{32}-/i;

/** The last `cn=` of an X.500 DN, without Exchange Online's id prefix. */
export function exchangeAlias(rawAddress: string): string | null {
  const parts = rawAddress.split('/').filter((part) => /^cn=/i.test(part));
  const last = parts.at(-1)?.slice(3).trim();
  if (!last) return null;
  return last.replace(EXCHANGE_ID_PREFIX, '') || last;
}

export function describeAddress(address: AddressView): AddressDisplay {
  const name = address.name?.trim() || null;
  const email = address.email?.trim() || null;
  const raw = address.rawAddress?.trim() || null;
  let shown = email;
  if (!shown && raw) {
    const alias = address.isExchange ? exchangeAlias(raw) : null;
    shown = alias ? t(messages.header.exchangeUser, { alias }) : raw;
  }
  const displayName = name ?? shown ?? messages.header.unknownAddress;
  const fullParts = [name, email, raw !== email ? raw : null].filter(
    (part): part is string => part !== null,
  );
  return {
    name: displayName,
    address: shown !== null && shown !== displayName ? shown : null,
    isEmail: shown !== null && shown === email,
    full: fullParts.join('\n') || displayName,
    copyText: email ?? raw ?? displayName,
    initials: initialsOf(name ?? email ?? raw ?? '?'),
  };
}

/** "Ann Barker" → "AB", "barker, ann" → "BA", "ann@example.com" → "A". */
export function initialsOf(text: string): string {
  const words = text
    .replace(/@.*$/, '')
    .split(/[\s,._-]+/u)
    .map((word) => word.replace(/[^\p{L}\p{N}]/gu, ''))
    .filter((word) => word.length > 0);
  if (words.length === 0) return '?';
  const first = Array.from(words[0])[0] ?? '';
  const last = words.length > 1 ? (Array.from(words.at(-1)!)[0] ?? '') : '';
  return (first + last).toUpperCase();
}

/** A stable hue for an avatar, so the same person keeps the same colour. */
export function avatarHue(text: string): number {
  let hash = 0;
  for (const char of text.toLowerCase()) hash = (hash * 31 + char.codePointAt(0)!) >>> 0;
  return hash % 360;
}
