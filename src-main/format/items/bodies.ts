import type { DiagnosticSink } from '../errors.js';
import { toDiagnostic } from '../errors.js';
import type { CodePageInfo } from '../model.js';
import type { Bodies, BodyKind, HtmlBody, RtfBody } from '../model.js';
import { chooseHtmlCodePage, decodeCodePage } from '../mapi/code-pages.js';
import type { PropertyBag } from '../mapi/property-bag.js';
import { makeTag, propertyTypeOf, valueStreamName } from '../mapi/property-stream.js';
import { PT } from '../mapi/property-value.js';
import { Tag } from '../mapi/property-tags.js';
import { decompressRtf } from '../rtf/compressed-rtf.js';
import { deEncapsulateRtf, rtfEncapsulation } from '../rtf/de-encapsulate.js';

/**
 * The three bodies a message may store (plain text, HTML, compressed RTF), decoded, and the one to
 * show. Most Outlook-saved files carry only compressed RTF + plain text, with the HTML inside the
 * RTF (`\fromhtml1`), so the RTF is always decompressed and de-encapsulated when no PidTagHtml exists.
 */

/** [MS-OXCMSG] 2.2.1.58.2 PidTagNativeBody values. */
const NATIVE_BODY_TEXT = 1;
const NATIVE_BODY_RTF = 2;
const NATIVE_BODY_HTML = 3;

/** How far into binary HTML we look for a `<meta charset>`: browsers use 1024 bytes; writers pad. */
const META_CHARSET_SCAN_BYTES = 4096;

export function readBodies(
  bag: PropertyBag,
  codePage: CodePageInfo,
  onDiagnostic: DiagnosticSink,
): Bodies {
  const text = readTextBody(bag, codePage);
  const htmlProperty = bag.property(Tag.PidTagHtml);
  const htmlPropType: 'binary' | 'string' | null = !htmlProperty
    ? null
    : propertyTypeOf(htmlProperty.tag) === PT.PT_BINARY
      ? 'binary'
      : 'string';
  let html = readHtmlBody(bag, codePage, htmlPropType);
  const rtf = readRtfBody(bag, codePage, onDiagnostic);
  const stored = {
    text: text !== null,
    html: htmlProperty !== undefined,
    rtf: rtf !== null,
    htmlPropType,
  };
  let derivedText: string | null = null;
  if (rtf && !html && rtf.encapsulates === 'html' && rtf.deEncapsulated !== null) {
    html = { html: rtf.deEncapsulated, source: 'rtf-encapsulated', codePage: null };
  }
  if (rtf && rtf.encapsulates === 'text' && text === null) derivedText = rtf.deEncapsulated;
  const bodies: Bodies = { text: text ?? derivedText, html, rtf, stored, best: 'none' };
  bodies.best = chooseBestBody(bodies, bag);
  return bodies;
}

/**
 * The body Outlook would show, after [MS-OXBBODY] 2.1.3.1: PidTagNativeBody when the writer stored
 * it; otherwise RTF when PidTagRtfInSync says the RTF is current; otherwise HTML, then plain text,
 * then RTF. An RTF body that only wraps HTML or text is shown as that HTML or text.
 */
export function chooseBestBody(bodies: Bodies, bag: PropertyBag): BodyKind {
  const native = bag.integer(Tag.PidTagNativeBody);
  const fromRtf = (): BodyKind => {
    if (!bodies.rtf) return 'none';
    if (bodies.rtf.encapsulates === 'html' && bodies.html) return 'html';
    if (bodies.rtf.encapsulates === 'text' && bodies.text !== null) return 'text';
    return 'rtf';
  };
  if (native === NATIVE_BODY_HTML && bodies.html) return 'html';
  if (native === NATIVE_BODY_TEXT && bodies.text !== null) return 'text';
  if (native === NATIVE_BODY_RTF && bodies.rtf) return fromRtf();
  if (bag.boolean(Tag.PidTagRtfInSync) === true && bodies.rtf) return fromRtf();
  if (bodies.html) return 'html';
  if (bodies.text !== null && bodies.text.trim() !== '') return 'text';
  if (bodies.rtf) return fromRtf();
  if (bodies.text !== null) return 'text';
  return 'none';
}

function readTextBody(bag: PropertyBag, codePage: CodePageInfo): string | null {
  const property = bag.property(Tag.PidTagBody);
  if (!property) return null;
  if (propertyTypeOf(property.tag) === PT.PT_STRING8) {
    // An 8-bit body is in the MIME charset it came from, which can differ from the ANSI page.
    const stream = bag.storage.streams.get(valueStreamName(makeTag(Tag.PidTagBody, PT.PT_STRING8)));
    if (!stream) return null;
    const bytes = stream.read();
    let end = bytes.length;
    while (end > 0 && bytes[end - 1] === 0) end--;
    return decodeCodePage(bytes.subarray(0, end), codePage.body.codePage);
  }
  return bag.string(Tag.PidTagBody) ?? null;
}

function readHtmlBody(
  bag: PropertyBag,
  codePage: CodePageInfo,
  htmlPropType: 'binary' | 'string' | null,
): HtmlBody | null {
  if (htmlPropType === null) return null;
  const property = bag.property(Tag.PidTagHtml)!;
  const type = propertyTypeOf(property.tag);
  if (type === PT.PT_UNICODE) {
    const html = bag.string(Tag.PidTagHtml);
    return html === undefined ? null : { html, source: 'html-property', codePage: null };
  }
  // Binary or 8-bit HTML: the bytes of the original MIME part.
  const stream = bag.storage.streams.get(valueStreamName(property.tag));
  if (!stream) return null;
  let bytes = stream.read();
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  bytes = bytes.subarray(0, end);
  const decoded = decodeHtmlBytes(bytes, codePage);
  return { html: decoded.html, source: 'html-property', codePage: decoded.codePage };
}

/**
 * Decodes HTML bytes: a byte-order mark wins, then a `<meta charset>` the document declares (that
 * is what the browser that wrote it meant), then PidTagInternetCodepage, then the ANSI page.
 */
export function decodeHtmlBytes(
  bytes: Uint8Array,
  codePage: CodePageInfo,
): { html: string; codePage: number | null } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { html: textDecoderFor('utf-8')!.decode(bytes.subarray(3)), codePage: 65001 };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { html: textDecoderFor('utf-16le')!.decode(bytes.subarray(2)), codePage: 1200 };
  }
  const declared = declaredCharset(bytes);
  // An unknown label: fall through to the stored code page.
  const decoder = declared ? textDecoderFor(declared) : undefined;
  if (decoder) return { html: decoder.decode(bytes), codePage: null };
  const choice = chooseHtmlCodePage(codePage.hints);
  return { html: decodeCodePage(bytes, choice.codePage), codePage: choice.codePage };
}

/**
 * One character per byte, so the pattern below sees the bytes. Only ASCII matters to it, and every
 * byte decodes to a single character whichever way Node maps 0x80–0x9F for this label.
 */
const byteDecoder = new TextDecoder('latin1');

/**
 * TextDecoders by label, made once: making one costs far more than a short decode. Labels come from
 * the file, so the cache is capped; past the cap a label gets a fresh decoder each time.
 */
const textDecoders = new Map<string, TextDecoder | null>();
const MAX_CACHED_TEXT_DECODERS = 64;

/** A TextDecoder (default options) for `label`, or undefined when TextDecoder does not know it. */
function textDecoderFor(label: string): TextDecoder | undefined {
  let decoder = textDecoders.get(label);
  if (decoder === undefined) {
    try {
      decoder = new TextDecoder(label);
    } catch {
      decoder = null;
    }
    if (textDecoders.size < MAX_CACHED_TEXT_DECODERS) textDecoders.set(label, decoder);
  }
  return decoder ?? undefined;
}

function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = byteDecoder.decode(bytes.subarray(0, META_CHARSET_SCAN_BYTES));
  const match = /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)/i.exec(head);
  return match?.[1];
}

function readRtfBody(
  bag: PropertyBag,
  codePage: CodePageInfo,
  onDiagnostic: DiagnosticSink,
): RtfBody | null {
  const compressed = bag.binary(Tag.PidTagRtfCompressed);
  if (!compressed) return null;
  const where = { stream: valueStreamName(makeTag(Tag.PidTagRtfCompressed, PT.PT_BINARY)) };
  let rtf: Uint8Array;
  try {
    rtf = decompressRtf(compressed, (diagnostic) =>
      onDiagnostic({ ...diagnostic, where: { ...where, ...diagnostic.where } }),
    );
  } catch (error) {
    onDiagnostic(toDiagnostic(error, where));
    return null;
  }
  const encapsulates = rtfEncapsulation(rtf);
  let deEncapsulated: string | null = null;
  try {
    deEncapsulated = deEncapsulateRtf(rtf, {
      fallbackCodePage: codePage.ansi.codePage,
      onDiagnostic,
    }).text;
  } catch (error) {
    onDiagnostic(toDiagnostic(error, where));
  }
  return { rtf, encapsulates, deEncapsulated };
}
