import type { SlicedJob } from './slices';

/**
 * Parses a mail's HTML into an inert document, a piece at a time. DOMParser would do it in one
 * call, and a 3 MB body takes a quarter of a second to parse; a document created by
 * createHTMLDocument() takes the text through document.write() in pieces instead, and the browser's
 * parser resumes where the last piece ended (a tag cut in two is completed by the next piece), so
 * the tree is the one DOMParser builds (tests/renderer/parse-html.test.ts compares them).
 *
 * Inert, as DOMParser's is: the document has no browsing context, so nothing in it runs or loads,
 * and scripting counts as disabled (<noscript> content parses as markup, as in the body frame,
 * whose sandbox also disables scripts).
 */

/** Characters the parser takes per step. */
export const PARSE_PIECE_LENGTH = 32 * 1024;

/** The end of a piece moved back so it never splits a surrogate pair or a CR LF. */
function pieceEnd(html: string, start: number, length: number): number {
  let end = Math.min(html.length, start + length);
  if (end >= html.length || end - start < 2) return end;
  const last = html.charCodeAt(end - 1);
  const isHighSurrogate = last >= 0xd800 && last <= 0xdbff;
  if (isHighSurrogate || last === 0x0d) end -= 1;
  return end;
}

export function* parseHtml(
  html: string,
  pieceLength: number = PARSE_PIECE_LENGTH,
): SlicedJob<Document> {
  const doc = document.implementation.createHTMLDocument('');
  doc.open();
  try {
    for (let start = 0; start < html.length;) {
      const end = pieceEnd(html, start, pieceLength);
      doc.write(html.slice(start, end));
      start = end;
      yield start / html.length;
    }
  } finally {
    doc.close();
  }
  return doc;
}
