/**
 * A width cache for the fitting step. The layout is tried at several type sizes and breaks
 * the same words, heads and hyphenated pieces again and again; pdfkit shapes a string with
 * fontkit on every call. Widths depend only on font, size and text, so each is measured once
 * per plan. Every font is still selected on its first measurement, in the same order as
 * without the cache, so the PDF registers its fonts exactly as before.
 */
import type { Measure } from './lines.js';
import type { Doc } from './fonts.js';

/** Measures with `doc` (the theme fonts registered), remembering each width. */
export function cachedMeasure(doc: Doc): Measure {
  const widths = new Map<string, number>();
  return (text, font, size) => {
    const key = `${font}\u0000${size}\u0000${text}`;
    let w = widths.get(key);
    if (w === undefined) {
      w = doc.font(font).fontSize(size).widthOfString(text);
      widths.set(key, w);
    }
    return w;
  };
}
