/**
 * Widths of the text in the fonts a viewer draws with when the house fonts are missing. A
 * meeting-room PC rarely has the theme's fonts; PowerPoint then picks a look-alike (Arial →
 * Liberation Sans, Calibri → Carlito, Times → Liberation Serif metrics) and LibreOffice takes
 * fontconfig's default (DejaVu). Fitting against the widest of these keeps every line we set
 * on one line whichever is used. Kerning is ignored, which only over-estimates a width.
 */
import { RANGES, SUBSTITUTES } from './substitute-widths.js';
import type { Family } from './fit.js';

/** Which substitutes stand in for each house family (DejaVu Sans: LibreOffice's last resort for any unknown name). */
const STAND_INS: Record<Family, string[]> = {
  sans: ['Liberation Sans', 'Carlito', 'DejaVu Sans'],
  serif: ['Liberation Serif', 'DejaVu Serif', 'DejaVu Sans'],
};

type Style = 'regular' | 'bold' | 'italic' | 'boldItalic';
type Table = { widths: Map<number, number>; widest: number };

const tables = new Map<string, Table>();

function table(family: string, style: Style): Table {
  const key = `${family}/${style}`;
  let t = tables.get(key);
  if (!t) {
    const face = SUBSTITUTES[family]?.[style];
    if (!face) throw new Error(`no width table for ${key}`);
    const list = face.widths.split(',').map(Number);
    const widths = new Map<number, number>();
    let i = 0;
    for (const [from, to] of RANGES)
      for (let cp = from; cp <= to; cp++, i++) {
        const w = list[i];
        if (w) widths.set(cp, w);
      }
    t = { widths, widest: face.widest };
    tables.set(key, t);
  }
  return t;
}

/**
 * Metric-compatible faces we hold tables for, by the names templates use: a viewer draws the
 * name with these metrics (Liberation and Carlito were made to match them), and LibreOffice
 * substitutes exactly these on Linux.
 */
const METRIC_TWINS: Record<string, string> = {
  arial: 'Liberation Sans',
  helvetica: 'Liberation Sans',
  'liberation sans': 'Liberation Sans',
  arimo: 'Liberation Sans',
  calibri: 'Carlito',
  carlito: 'Carlito',
  'times new roman': 'Liberation Serif',
  times: 'Liberation Serif',
  'liberation serif': 'Liberation Serif',
  tinos: 'Liberation Serif',
  'dejavu sans': 'DejaVu Sans',
  verdana: 'DejaVu Sans',
  'bitstream vera sans': 'DejaVu Sans',
  'dejavu serif': 'DejaVu Serif',
};

/** The table for a template font's name, when we have its metrics (or its metric twin's). */
export function metricTwin(face: string): string | undefined {
  return METRIC_TWINS[face.trim().toLowerCase()];
}

const styleOf = (bold: boolean, italic: boolean): Style =>
  bold && italic ? 'boldItalic' : bold ? 'bold' : italic ? 'italic' : 'regular';

/** Width of `text` in one of the tables, in em. */
export function tableWidth(name: string, text: string, bold: boolean, italic: boolean): number {
  const t = table(name, styleOf(bold, italic));
  let w = 0;
  // A character outside the tables counts as the face's widest glyph.
  for (const ch of text) w += t.widths.get(ch.codePointAt(0) ?? 0) ?? t.widest;
  return w / 1000;
}

/** The widest rendering of `text` among the family's stand-ins, in em. */
export function substituteWidth(
  text: string,
  family: Family,
  bold: boolean,
  italic: boolean,
): number {
  let widest = 0;
  for (const name of STAND_INS[family])
    widest = Math.max(widest, tableWidth(name, text, bold, italic));
  return widest;
}
