/**
 * Text that fits, decided before anything is written. PowerPoint only applies "shrink text on
 * overflow" when someone edits the box, so a deck must be set at a size that already fits:
 * we wrap words with the theme font's own advance widths and step the size down until the
 * lines fit the box, or report that they cannot.
 */
import { openFace } from '../../model/faces.js';
import type { ResolvedTheme } from '../../model/theme.js';
import type { Run } from '../../template/markdown.js';
import { metricTwin, substituteWidth, tableWidth } from './substitutes.js';

export type Family = 'serif' | 'sans';

/** Text width in points, for a family/face at a size. */
export type Measure = (
  text: string,
  family: Family,
  size: number,
  bold?: boolean,
  italic?: boolean,
) => number;

type LayoutFont = { unitsPerEm: number; layout(text: string): { advanceWidth: number } };

// Parsing a font and laying out a word are the costly parts; decks share the theme's fonts,
// so the measurer (with its width cache) is made once per set of font bytes, not per deck.
const measurers = new WeakMap<object, Measure>();

/**
 * A measurer over the theme's font files (width = sum of advances × size / unitsPerEm) that
 * answers the widest of the house font and the fonts a viewer substitutes for it, so text set
 * to fit fits in PowerPoint or LibreOffice with or without the house fonts installed.
 */
export function fontMeasure(theme: ResolvedTheme): Measure {
  let m = measurers.get(theme.fonts);
  if (!m) measurers.set(theme.fonts, (m = makeMeasure(theme)));
  return m;
}

/**
 * A measurer for an organisation's template fonts: the widest of the font's own metrics when
 * we hold them (the house fonts' files, or the tables of a metric twin such as Liberation Sans
 * for Arial) and the stand-ins a viewer uses when the font is missing, so text fits whether or
 * not the meeting-room PC has the template's fonts.
 */
export function templateMeasure(
  theme: ResolvedTheme,
  faces: { serif: string; sans: string },
  house: { serif: string; sans: string },
): Measure {
  const houseMeasure = fontMeasure(theme);
  const widths = new Map<string, number>();
  return (text, family, size, bold = false, italic = false) => {
    const face = faces[family];
    const key = `${face}\u0000${bold}${italic}\u0000${text}`;
    let em = widths.get(key);
    if (em === undefined) {
      const twin = metricTwin(face);
      const own = twin ? tableWidth(twin, text, bold, italic) : 0;
      // The house fonts' files measure themselves; the stand-ins are the floor either way.
      const houseFamily = face === house.serif ? 'serif' : face === house.sans ? 'sans' : null;
      const fromFile = houseFamily ? houseMeasure(text, houseFamily, 1, bold, italic) : 0;
      em = Math.max(own, fromFile, substituteWidth(text, family, bold, italic));
      widths.set(key, em);
    }
    return em * size;
  };
}

function makeMeasure(theme: ResolvedTheme): Measure {
  const fonts = new Map<string, LayoutFont>();
  // One width table per face (family × bold × italic): fitting asks for every word at every
  // candidate size, and building a "face + text" key per ask was most of the measuring time.
  const widthsByFace: Map<string, number>[] = [];
  const open = (key: string): LayoutFont => {
    let f = fonts.get(key);
    if (!f) {
      const bytes = theme.fonts[key];
      if (!bytes) throw new Error(`theme font ${key} is missing`);
      f = openFace(bytes) as unknown as LayoutFont;
      fonts.set(key, f);
    }
    return f;
  };
  return (text, family, size, bold = false, italic = false) => {
    const face = (family === 'serif' ? 4 : 0) + (bold ? 2 : 0) + (italic ? 1 : 0);
    let widths = widthsByFace[face];
    if (!widths) widthsByFace[face] = widths = new Map();
    let em = widths.get(text);
    if (em === undefined) {
      const style = bold && italic ? 'boldItalic' : bold ? 'bold' : italic ? 'italic' : 'regular';
      const f = open(`${family}-${style}`);
      em = Math.max(
        f.layout(text).advanceWidth / f.unitsPerEm,
        substituteWidth(text, family, bold, italic),
      );
      widths.set(text, em);
    }
    return em * size;
  };
}

/** A style to fit: family, the size to start from, the smallest allowed, line height factor. */
export interface FitStyle {
  family: Family;
  size: number;
  min: number;
  /** Line height as a multiple of the size (written to the file as exact line spacing). */
  leading: number;
  bold?: boolean;
  italic?: boolean;
}

/**
 * Viewers substitute, kern and hint a little differently from fontkit; keep a small reserve
 * so a line we measured as fitting never wraps in PowerPoint or LibreOffice.
 */
const WIDTH_RESERVE = 0.95;

interface Word {
  text: string;
  bold: boolean;
  italic: boolean;
  /** Spaces only: they widen a line but never start one. */
  space: boolean;
}

/**
 * Runs split into words and the spaces between them, kept per runs and default style: fitting
 * counts the same runs' lines at every candidate size. Only the runs fitted last are kept (a
 * box's paragraphs), not every deck's words for the whole build.
 */
const wordCache = new Map<readonly Run[], Map<string, Word[]>>();
const WORD_CACHE_RUNS = 64;
function wordsOf(runs: readonly Run[], bold: boolean, italic: boolean): Word[] {
  let byStyle = wordCache.get(runs);
  if (!byStyle) {
    if (wordCache.size >= WORD_CACHE_RUNS) wordCache.delete(wordCache.keys().next().value as Run[]);
    wordCache.set(runs, (byStyle = new Map()));
  }
  const key = `${bold}${italic}`;
  let words = byStyle.get(key);
  if (!words) {
    words = [];
    for (const r of runs) {
      for (const part of r.text.split(/(\n| +)/)) {
        if (part === '') continue;
        words.push({
          text: part,
          bold: r.bold ?? bold,
          italic: r.italic ?? italic,
          space: /^ +$/.test(part),
        });
      }
    }
    byStyle.set(key, words);
  }
  return words;
}

/**
 * Number of lines the runs wrap to in a width (points), greedy word wrap. Infinity if a word
 * is too wide.
 */
export function countLines(
  runs: Run[],
  width: number,
  style: FitStyle,
  size: number,
  measure: Measure,
): number {
  const limit = width * WIDTH_RESERVE;
  let lines = 1;
  let x = 0;
  for (const w of wordsOf(runs, style.bold ?? false, style.italic ?? false)) {
    if (w.text === '\n') {
      lines++;
      x = 0;
      continue;
    }
    const wide = measure(w.text, style.family, size, w.bold, w.italic);
    if (w.space) {
      if (x > 0) x += wide;
      continue;
    }
    if (wide > limit) return Infinity;
    if (x > 0 && x + wide > limit) {
      lines++;
      x = wide;
    } else x += wide;
  }
  return lines;
}

/** Sizes tried from the style's size down to its minimum, in half points. */
export function candidateSizes(style: FitStyle): number[] {
  const out: number[] = [];
  for (let s = style.size; s >= style.min - 1e-9; s -= 0.5) out.push(Math.round(s * 2) / 2);
  return out;
}

/** The largest size at which `height(size)` fits `available` points, or null when none does. */
export function largestFitting(
  style: FitStyle,
  available: number,
  height: (size: number) => number,
): number | null {
  for (const s of candidateSizes(style)) if (height(s) <= available) return s;
  return null;
}
