import type { PropertyValue, ScalarValue } from '../format/mapi/property-value.js';

/**
 * Property values as text for the property inspector: a short preview for the table and the whole
 * value on demand. Binary shows as hex; dates as ISO-8601 UTC; errors as their HRESULT.
 */

/** Characters of a preview before it is cut (the inspector's row width, roughly). */
export const PREVIEW_LENGTH = 200;
/** Bytes of binary shown in a preview. */
const PREVIEW_BINARY_BYTES = 32;
/** The "full" value is capped too: a 100 MB attachment is not a string to send to a window. */
export const FULL_VALUE_LENGTH = 1024 * 1024;

export interface FormattedValue {
  preview: string;
  full: string;
  isTruncated: boolean;
}

export function formatPropertyValue(value: PropertyValue | undefined): FormattedValue {
  if (value === undefined)
    return { preview: '(unreadable)', full: '(unreadable)', isTruncated: false };
  const full = cap(
    Array.isArray(value)
      ? `[${value.map((item) => scalarText(item, FULL_VALUE_LENGTH)).join(', ')}]`
      : scalarText(value, FULL_VALUE_LENGTH),
  );
  const preview = Array.isArray(value)
    ? `[${value.map((item) => scalarText(item, PREVIEW_BINARY_BYTES * 2)).join(', ')}]`
    : scalarText(value, PREVIEW_BINARY_BYTES * 2);
  const cut = preview.length > PREVIEW_LENGTH ? `${preview.slice(0, PREVIEW_LENGTH)}…` : preview;
  return { preview: cut, full, isTruncated: cut !== full };
}

function scalarText(value: ScalarValue, hexDigits: number): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (value instanceof Uint8Array) return binaryText(value, hexDigits);
  switch (value.kind) {
    case 'time':
      return value.date ? value.date.toISOString() : `(no date: FILETIME ${value.filetime})`;
    case 'error':
      return `error 0x${value.code.toString(16).padStart(8, '0')}`;
    case 'object':
      return '(object storage)';
  }
}

function binaryText(bytes: Uint8Array, hexDigits: number): string {
  const shown = bytes.subarray(0, Math.ceil(hexDigits / 2));
  const hex = Array.from(shown, (byte) => byte.toString(16).padStart(2, '0')).join(' ');
  return shown.length < bytes.length
    ? `${hex} … (${bytes.length} bytes)`
    : `${hex} (${bytes.length} bytes)`;
}

function cap(text: string): string {
  return text.length > FULL_VALUE_LENGTH
    ? `${text.slice(0, FULL_VALUE_LENGTH)}… (cut at ${FULL_VALUE_LENGTH} characters)`
    : text;
}
