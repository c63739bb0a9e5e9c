import { messages } from '../i18n/messages';
import { t } from '../i18n/translate';
import { notify } from './notices';

/** Copies text and says so; falls back to execCommand where the async clipboard is refused. */
export async function copyText(text: string, confirmation = t(messages.header.copied, { text })) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
  notify(confirmation);
}
