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
    const face = SUBSTITUTES[family]![style];
    const list = face.widths.split(',').map(Number);
    const widths = new Map<number, number>();
    let i = 0;
    for (const [from, to] of RANGES)
      for (let cp = from; cp <= to; cp++, i++) if (list[i]) widths.set(cp, list[i]!);
    t = { widths, widest: face.widest };
    tables.set(key, t);
  }
  return t;
}

/** The widest rendering of `text` among the family's stand-ins, in em. */
export function substituteWidth(
  text: string,
  family: Family,
  bold: boolean,
  italic: boolean,
): number {
  const style: Style =
    bold && italic ? 'boldItalic' : bold ? 'bold' : italic ? 'italic' : 'regular';
  let widest = 0;
  for (const name of STAND_INS[family]) {
    const t = table(name, style);
    let w = 0;
    // A character outside the tables counts as the face's widest glyph.
    for (const ch of text) w += t.widths.get(ch.codePointAt(0)!) ?? t.widest;
    widest = Math.max(widest, w / 1000);
  }
  return widest;
}
