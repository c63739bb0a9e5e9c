import type { Handle, InlineImage } from '../../src-main/contract/ipc-contract';
import type { InlineImageUrls } from '../body-frame/url-policy';
import {
  NO_INLINE_IMAGES,
  lastSegment,
  normalizeContentId,
  normalizeLocation,
} from '../body-frame/url-policy';
import { bridge } from '../bridge';

/**
 * Object URLs for the pictures an HTML body shows through cid: or Content-Location. One message
 * at a time: asking for another message's pictures revokes the previous ones, so a window that
 * opens message after message does not keep every picture alive.
 */

/** Anything that is not declared a picture is handed over as opaque bytes, never as HTML. */
function blobType(image: InlineImage): string {
  return /^image\/[a-z0-9.+-]+$/i.test(image.mimeType)
    ? image.mimeType
    : 'application/octet-stream';
}

export function buildInlineImageUrls(
  images: readonly InlineImage[],
  createUrl: (image: InlineImage) => string,
): InlineImageUrls {
  const byContentId = new Map<string, string>();
  const byLocation = new Map<string, string>();
  const urls = images.map(createUrl);
  images.forEach((image, index) => {
    const url = urls[index]!;
    if (image.contentId) byContentId.set(normalizeContentId(image.contentId), url);
    if (image.contentLocation) {
      const location = normalizeLocation(image.contentLocation);
      byLocation.set(location, url);
      if (!byLocation.has(lastSegment(location))) byLocation.set(lastSegment(location), url);
    }
  });
  // A relative picture reference also finds an attachment by file name, as Outlook resolves it,
  // but never in place of a Content-Location that says the same.
  images.forEach((image, index) => {
    if (!image.fileName) return;
    const name = normalizeLocation(image.fileName);
    if (!byLocation.has(name)) byLocation.set(name, urls[index]!);
  });
  return { byContentId, byLocation };
}

interface Loaded {
  handle: Handle;
  urls: Promise<InlineImageUrls>;
  objectUrls: string[];
}

let current: Loaded | null = null;

export function releaseInlineImages(): void {
  for (const url of current?.objectUrls ?? []) URL.revokeObjectURL(url);
  current = null;
}

export function inlineImageUrls(handle: Handle): Promise<InlineImageUrls> {
  if (current?.handle === handle) return current.urls;
  releaseInlineImages();
  const entry: Loaded = { handle, objectUrls: [], urls: Promise.resolve(NO_INLINE_IMAGES) };
  entry.urls = bridge.inlineImages(handle).then(
    (images) => {
      if (current !== entry) return NO_INLINE_IMAGES;
      return buildInlineImageUrls(images, (image) => {
        // Bytes arrive by structured clone, so they sit in a plain ArrayBuffer.
        const bytes = image.bytes as Uint8Array<ArrayBuffer>;
        const url = URL.createObjectURL(new Blob([bytes], { type: blobType(image) }));
        entry.objectUrls.push(url);
        return url;
      });
    },
    // Missing pictures are not worth an error: the body still shows.
    () => NO_INLINE_IMAGES,
  );
  current = entry;
  return entry.urls;
}
