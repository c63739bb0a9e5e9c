import { asBridgeError, bridge } from '../bridge';
import { messages } from '../i18n/messages';
import { t } from '../i18n/translate';
import { notify } from './notices';

/**
 * Opens a link from a mail in the system browser. The main process shows the real target and
 * asks first (http, https and mailto only; it checks again), so a click here is never enough to
 * leave the app.
 */
export async function openLink(url: string): Promise<void> {
  try {
    await bridge.openLink(url);
  } catch (error) {
    notify(t(messages.body.linkFailed, { message: asBridgeError(error).message }), 'error');
  }
}
