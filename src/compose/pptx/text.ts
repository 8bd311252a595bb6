/**
 * Fitted text boxes: Markdown blocks → paragraphs with a family and a relative size →
 * the largest size (stepping down to the template's minimum) at which they fit the box →
 * pptxgenjs text runs with exact line spacing, so what we measured is what is drawn.
 */
import type * as P from './pptxgen.js';
import { InputError } from '../../errors.js';
import { plainText, type Block, type Run } from '../../template/markdown.js';
import { countLines, largestFitting, type Family, type Measure } from './fit.js';
import { SANS, SERIF, SMALL } from './master.js';
import type { DeckModel, DeckSlide } from '../../model/deck.js';

const PT = 72;
export const LEADING = 1.22;
const BULLET_INDENT = 0.9; // of the size, in points

/** A paragraph to set: runs, family, size relative to the base size, colour, bullet. */
export interface Para {
  runs: Run[];
  family: Family;
  scale: number;
  /** Unset: the placeholder's own colour (an organisation's template). */
  color?: string;
  bullet?: boolean;
  bold?: boolean;
  italic?: boolean;
  /** Space after, in multiples of its own size. */
  after: number;
}

/** Where a fitted text box goes (inches). */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A fitting failure names the deck template, the slide and the part that overflowed. */
export function fitError(deck: DeckModel, slide: DeckSlide, part: string, min: number): InputError {
  return new InputError('E_DECK_FIT', [
    {
      file: deck.file,
      path: `slides[${slide.at}]`,
      message:
        `the ${part} of the "${slide.kind}" slide for ${deck.partner.name} does not fit its box ` +
        `even at the minimum ${min}pt; shorten the text its template renders or raise the space`,
    },
  ]);
}

/** Height (points) of paragraphs set at a base size in a width (inches). */
export function parasHeight(paras: Para[], w: number, base: number, measure: Measure): number {
  return paras.reduce((h, p, i) => {
    const size = sizeOf(p, base);
    const indent = p.bullet ? size * BULLET_INDENT : 0;
    const style = {
      family: p.family,
      size,
      min: size,
      leading: LEADING,
      bold: p.bold,
      italic: p.italic,
    };
    const lines = countLines(p.runs, w * PT - indent, style, size, measure);
    return h + lines * size * LEADING + (i < paras.length - 1 ? p.after * size : 0);
  }, 0);
}

/** The largest base size from `size` down to `min` at which the paragraphs fit the box. */
export function fitParas(
  paras: Para[],
  box: Box,
  size: number,
  min: number,
  measure: Measure,
): number | null {
  // Slack at the foot of a bulleted list (0.3 of its size): with the bullets drawn (issue 32,
  // item 1), one of the seed's timeline lists, fitted with 1.5 pt to spare, ran out of its
  // box in LibreOffice without the house fonts.
  return largestFitting(
    { family: 'sans', size, min, leading: LEADING },
    box.h * PT,
    (s) => parasHeight(paras, box.w, s, measure) + (paras.some((p) => p.bullet) ? s * 0.3 : 0),
  );
}

/** Writes fitted paragraphs as one text box (top-aligned, no inner margin, exact line spacing). */
export function addParas(
  slide: P.Slide,
  paras: Para[],
  box: Box,
  base: number,
  extra: Partial<P.TextPropsOptions> = {},
  faces: { serif: string; sans: string } = { serif: SERIF, sans: SANS },
): void {
  const runs: P.TextProps[] = [];
  paras.forEach((p, i) => {
    const size = sizeOf(p, base);
    const para: P.TextPropsOptions = {
      fontFace: faces[p.family],
      fontSize: size,
      color: p.color,
      lineSpacing: round(size * LEADING),
      paraSpaceAfter: i < paras.length - 1 ? round(p.after * size) : 0,
    };
    // pptxgenjs starts a new paragraph at every run that carries `bullet`, so only the first
    // run may carry it.
    const bullet = p.bullet ? { bullet: { indent: round(size * BULLET_INDENT) } } : {};
    p.runs.forEach((r, j) => {
      runs.push({
        text: r.text,
        options: {
          ...para,
          ...(j === 0 ? bullet : {}),
          bold: r.bold ?? p.bold ?? false,
          italic: r.italic ?? p.italic ?? false,
          ...(j === p.runs.length - 1 && i < paras.length - 1 ? { breakLine: true } : {}),
        },
      });
    });
  });
  slide.addText(runs, {
    ...box,
    margin: 0,
    align: 'left',
    valign: 'top',
    fit: 'none',
    wrap: true,
    ...extra,
  });
}

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * A paragraph's size at a base size: its share of the base, but never below 12 pt (a quote's
 * attribution or a figure's label on a template whose sizes shrank with its slide).
 */
const sizeOf = (p: Para, base: number) => Math.max(SMALL, round(base * p.scale));

/** Markdown blocks as paragraphs in a family/colour; list items become bullets. */
export function blocksToParas(
  blocks: Block[],
  family: Family,
  color: string | undefined,
  quoteColor = color,
): Para[] {
  return blocks.flatMap((b): Para[] => {
    switch (b.kind) {
      case 'heading':
        return [{ runs: b.runs, family: 'sans', scale: 0.8, color, bold: true, after: 0.3 }];
      case 'paragraph':
        return [{ runs: b.runs, family, scale: 1, color, after: 0.55 }];
      case 'list':
        return b.items.map((runs) => ({
          runs,
          family,
          scale: 1,
          color,
          bullet: true,
          after: 0.45,
        }));
      case 'quote':
        return [
          { runs: b.runs, family: 'serif', scale: 1, color: quoteColor, italic: true, after: 0.4 },
        ];
    }
  });
}

/**
 * A "labelled" list: every item starts with a bold run (a date, a source), shown in its own column.
 */
export function labelledRows(blocks: Block[]): { label: string; runs: Run[] }[] | null {
  const list = blocks.length === 1 ? blocks[0] : undefined;
  if (list?.kind !== 'list') return null;
  const rows = list.items.map((runs) =>
    runs[0]?.bold ? { label: runs[0].text.trim(), runs: trimStart(runs.slice(1)) } : null,
  );
  return rows.every((r) => r !== null) ? (rows as { label: string; runs: Run[] }[]) : null;
}

function trimStart(runs: Run[]): Run[] {
  const out = runs.map((r) => ({ ...r }));
  // "**Label**, text" or "**Label**: text": the text column starts at the text itself.
  if (out[0]) out[0].text = out[0].text.replace(/^[\s:,;—–-]+/, '');
  return out.filter((r) => r.text !== '');
}

/** Plain text of blocks (for alt text and tests). */
export function blocksText(blocks: Block[]): string {
  return blocks
    .map((b) => (b.kind === 'list' ? b.items.map(plainText).join(' ') : plainText(b.runs)))
    .join(' ');
}
