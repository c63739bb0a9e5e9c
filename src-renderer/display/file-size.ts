import { LOCALE, messages } from '../i18n/messages';
import { t } from '../i18n/translate';

const UNIT_STEP = 1024;
const UNITS = [
  messages.units.bytes,
  messages.units.kilobytes,
  messages.units.megabytes,
  messages.units.gigabytes,
];

/** 0 → "0 B", 1536 → "1.5 KB", 12_582_912 → "12 MB" (one decimal below 10). */
export function formatFileSize(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= UNIT_STEP && unit < UNITS.length - 1) {
    value /= UNIT_STEP;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  const number = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: digits }).format(value);
  return t(UNITS[unit], { value: number });
}
