/**
 * The body-frame modules bundled together for a Chromium page (see bundleForBrowser), so one
 * page can run them on the same documents.
 */
export { parseHtml } from '../../src-renderer/body-frame/parse-html';
export { purifyTree } from '../../src-renderer/body-frame/purify-tree';
export { moveTree } from '../../src-renderer/body-frame/move-tree';
export {
  MAIL_CONFIG,
  mailPurifier,
  sanitizeMail,
} from '../../src-renderer/body-frame/sanitize-html';
export { resolveResource, NO_INLINE_IMAGES } from '../../src-renderer/body-frame/url-policy';
export { runInSlices, runToEnd } from '../../src-renderer/body-frame/slices';
