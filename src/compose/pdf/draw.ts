/**
 * Drawing primitives for the page plan. They decide nothing about layout.
 *
 * Text is written as the PDF/UA and PDF/A-3a readers want it: one text object per line (or
 * per link inside a line), real space glyphs between words and justification as a kerning
 * adjustment after each space, so every tool that extracts text gets the words apart. A
 * line-break hyphen is marked with ActualText U+00AD (soft hyphen): a reader joins the word,
 * print still shows the hyphen. pdfkit's own `text()` drops the space glyphs when it
 * justifies, which is why lines are written here.
 */
import { at } from '../../checked.js';
import type { Line, Piece } from './lines.js';
import { runsOf } from './runs.js';
import type { TextBlock } from './layout.js';
import type { Doc } from './fonts.js';

/** A rectangle in layout coordinates (y down, from the page's top-left inside any bleed). */
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * Where drawn text belongs in the structure tree: the block's own content (`link` undefined)
 * or the link inside it. The tagger implements this; it is also told where each link sits.
 */
export interface TextSink {
  segment(link: string | undefined, draw: () => void): void;
  /** `text`: the link's words on one line, a line-break hyphen given as U+00AD (soft). */
  linkArea(link: string, text: string, rect: Rect): void;
}

/** Draws straight through, for content outside the structure tree. */
export const untagged: TextSink = { segment: (_link, draw) => draw(), linkArea: () => {} };

interface EmbeddedFont {
  id: string;
  ascender: number;
  encode(text: string): [string[], { xAdvance: number; advanceWidth: number }[]];
  ref(): unknown;
}
interface Internals {
  _font: EmbeddedFont;
  _fontSize: number;
  page: { height: number; fonts: Record<string, unknown> };
  addContent(s: string): void;
  transform(...m: number[]): void;
}

const num = (n: number) => String(Math.round(n * 1000) / 1000);
const SOFT_HYPHEN = '\u00ad';
/** A line-break hyphen as readers take it: the drawn hyphen becomes a soft one. */
const soft = (text: string) => `${text.slice(0, -1)}${SOFT_HYPHEN}`;

/** Glyph codes of `text` with the font's kerning, as TJ operands. */
function glyphs(font: EmbeddedFont, text: string): string[] {
  const [codes, positions] = font.encode(text);
  return codes.flatMap((code, i) => {
    const { xAdvance, advanceWidth } = at(positions, i, 'glyph position');
    const kern = xAdvance - advanceWidth;
    return kern === 0 ? [`<${code}>`] : [`<${code}>`, num(-kern)];
  });
}

/**
 * A TJ operator for a word, led by a space glyph when `space`; `extra` widens that space to
 * the line's justified spacing (a TJ adjustment in thousandths of the font size).
 */
function wordRun(
  font: EmbeddedFont,
  word: string,
  size: number,
  space: boolean,
  extra: number,
): string {
  const lead = space
    ? [...glyphs(font, ' '), ...(extra !== 0 ? [num((-extra * 1000) / size)] : [])]
    : [];
  return `[${[...lead, ...(word ? glyphs(font, word) : [])].join(' ')}] TJ`;
}

/**
 * Writes pieces as one text object. Each piece starts with its space glyph when it has one;
 * `spaceAdvance` is the distance a space must take (natural width plus justification).
 */
function textObject(
  doc: Doc,
  pieces: { p: Piece; x: number; space: boolean }[],
  y: number,
  spaceAdvance: number,
  trailingSpace: boolean,
): void {
  const d = doc as unknown as Internals;
  doc.save();
  d.transform(1, 0, 0, -1, 0, d.page.height);
  d.addContent('BT');
  let fontKey = '';
  let color = '';
  for (const { p, x, space } of pieces) {
    doc.font(p.font).fontSize(p.size);
    const font = d._font;
    if (!d.page.fonts[font.id]) d.page.fonts[font.id] = font.ref();
    if (fontKey !== `${font.id}/${p.size}`) {
      d.addContent(`/${font.id} ${num(p.size)} Tf`);
      fontKey = `${font.id}/${p.size}`;
    }
    if (color !== p.color) {
      doc.fillColor(p.color);
      color = p.color;
    }
    const naturalSpace = space ? doc.widthOfString(' ') : 0;
    const x0 = x - (space ? spaceAdvance : 0);
    const baseline = d.page.height - y - (font.ascender / 1000) * p.size;
    d.addContent(`1 0 0 1 ${num(x0)} ${num(baseline)} Tm`);
    const body = p.hyphen ? p.text.slice(0, -1) : p.text;
    if (space || body)
      d.addContent(wordRun(font, body, p.size, space, spaceAdvance - naturalSpace));
    if (p.hyphen) {
      doc.markContent('Span', { actual: SOFT_HYPHEN } as never);
      d.addContent(wordRun(font, p.text.slice(-1), p.size, false, 0));
      doc.endMarkedContent();
    }
  }
  // The space a line broke at stays as a glyph at its end (invisible past the last word), so
  // the text reads "pictured as" and never "picturedas" to a tool that joins the lines.
  if (trailingSpace) d.addContent(wordRun(d._font, '', 1, true, 0));
  d.addContent('ET');
  doc.restore();
}

/** Draws one line; justified lines stretch their spaces. */
export function drawLine(
  doc: Doc,
  line: Line,
  x: number,
  y: number,
  width: number,
  justify: boolean,
  sink: TextSink = untagged,
): void {
  const spaces = line.pieces.filter((p, i) => i > 0 && p.spaceBefore).length;
  const stretch = justify && !line.last && spaces > 0 ? (width - line.width) / spaces : 0;
  const spaceAdvance = line.space + stretch;
  // Place every piece, then cut the line where a link starts or ends.
  let cx = x;
  const placed = line.pieces.map((p, i) => {
    const space = i > 0 && p.spaceBefore;
    if (space) cx += spaceAdvance;
    const at = { p, x: cx, space };
    cx += p.width;
    return at;
  });
  // Runs of pieces that share a link (or share having none).
  const parts = runsOf(placed, (a, b) => a.p.link === b.p.link);
  parts.forEach(({ first, last, items: part }, k) => {
    const link = first.p.link;
    // The space before a link belongs to the text before it (as a glyph at that text's end),
    // so the link's words, and its /Contents, start with the link itself.
    const next = parts[k + 1]?.first;
    const trailing = next ? next.space : !line.last && !last.p.hyphen;
    const drawn = k > 0 && first.space ? [{ ...first, space: false }, ...part.slice(1)] : part;
    sink.segment(link, () => {
      textObject(doc, drawn, y, spaceAdvance, trailing);
      if (link) underline(doc, first, last, y);
    });
    if (link) {
      const x0 = first.x;
      const text = part
        .map((q, n) => (n > 0 && q.space ? ' ' : '') + (q.p.hyphen ? soft(q.p.text) : q.p.text))
        .join('');
      sink.linkArea(link, text, {
        x: x0,
        y,
        w: last.x + last.p.width - x0,
        h: first.p.size * 1.2,
      });
    }
  });
}

type At = { p: Piece; x: number };
function underline(doc: Doc, first: At, last: At, y: number): void {
  const size = first.p.size;
  const lw = size < 10 ? 0.5 : Math.floor(size / 10);
  const ly = y + size * 1.2 - lw;
  doc
    .save()
    .lineWidth(lw)
    .strokeColor(first.p.color)
    .moveTo(first.x, ly)
    .lineTo(last.x + last.p.width, ly)
    .stroke()
    .restore();
}

export function drawLines(
  doc: Doc,
  lines: Line[],
  x: number,
  y: number,
  leading: number,
  width: number,
  justify = false,
  sink: TextSink = untagged,
): number {
  lines.forEach((l, i) => drawLine(doc, l, x, y + i * leading, width, justify, sink));
  return y + lines.length * leading;
}

export function drawBlock(doc: Doc, b: TextBlock, sink: TextSink = untagged): void {
  drawLines(doc, b.lines, b.x, b.y, b.leading, b.width, b.justify, sink);
}

/**
 * Draws a letter-spaced line (masthead, panel headings) with its top at `y`, in the current
 * font, size and colour. Tracking wider than a tenth of the size splits a word into letters
 * for poppler (pdftotext, Evince, Okular found "K E Y F IG U R E S"), so each word is a Span
 * whose /ActualText is the word: poppler then reads the word from the span whatever the
 * spacing, and the look stays. The spans sit inside the one text object, as poppler places
 * the ActualText with the transformation current at the span's end; spaces between words
 * stay real space glyphs outside the spans.
 */
export function drawTracked(doc: Doc, text: string, x: number, y: number, tracking: number): void {
  const d = doc as unknown as Internals;
  const font = d._font;
  const size = d._fontSize;
  if (!d.page.fonts[font.id]) d.page.fonts[font.id] = font.ref();
  doc.save();
  d.transform(1, 0, 0, -1, 0, d.page.height);
  d.addContent('BT');
  d.addContent(`/${font.id} ${num(size)} Tf`);
  d.addContent(`${num(tracking)} Tc`);
  const baseline = d.page.height - y - (font.ascender / 1000) * size;
  d.addContent(`1 0 0 1 ${num(x)} ${num(baseline)} Tm`);
  text.split(' ').forEach((word, i) => {
    if (i > 0) d.addContent(wordRun(font, '', size, true, 0));
    if (!word) return;
    doc.markContent('Span', { actual: word } as never);
    d.addContent(wordRun(font, word, size, false, 0));
    doc.endMarkedContent();
  });
  d.addContent('ET');
  doc.restore();
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
