/** Drawing primitives for the page plan. They decide nothing about layout. */
import type { Line } from './lines.js';
import type { TextBlock } from './layout.js';
import type { Doc } from './fonts.js';

/** Draws one line; justified lines stretch their spaces. */
export function drawLine(
  doc: Doc,
  line: Line,
  x: number,
  y: number,
  width: number,
  justify: boolean,
): void {
  const spaces = line.pieces.filter((p, i) => i > 0 && p.spaceBefore).length;
  const stretch = justify && !line.last && spaces > 0 ? (width - line.width) / spaces : 0;
  let cx = x;
  line.pieces.forEach((p, i) => {
    if (i > 0 && p.spaceBefore) cx += line.space + stretch;
    doc.font(p.font).fontSize(p.size).fillColor(p.color);
    doc.text(p.text, cx, y, {
      lineBreak: false,
      ...(p.link ? { link: p.link, underline: true } : {}),
    });
    cx += p.width;
  });
}

export function drawLines(
  doc: Doc,
  lines: Line[],
  x: number,
  y: number,
  leading: number,
  width: number,
  justify = false,
): number {
  lines.forEach((l, i) => drawLine(doc, l, x, y + i * leading, width, justify));
  return y + lines.length * leading;
}

export function drawBlock(doc: Doc, b: TextBlock): void {
  drawLines(doc, b.lines, b.x, b.y, b.leading, b.width, b.justify);
}

export function rule(
  doc: Doc,
  x1: number,
  x2: number,
  y: number,
  color: string,
  width: number,
): void {
  doc.save().moveTo(x1, y).lineTo(x2, y).lineWidth(width).strokeColor(color).stroke().restore();
}
