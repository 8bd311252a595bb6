/**
 * Breaks styled runs into justified lines. Pure given a measuring function, so the fitting
 * step can lay out the whole document at several type sizes before drawing anything.
 * Long words are hyphenated (en-US patterns) when a line would otherwise be very loose:
 * that keeps justified columns free of rivers.
 */
import en from 'hyphen/en-us/index.js';
import type { Run } from '../../template/markdown.js';
import { fontName, type Family } from './fonts.js';

export type Measure = (text: string, font: string, size: number) => number;

/** A piece of a line: text in one font. */
export interface Piece {
  text: string;
  font: string;
  size: number;
  color: string;
  link?: string;
  width: number;
  /** A space precedes this piece (stretchable when justifying). */
  spaceBefore: boolean;
  /** The piece ends in a line-break hyphen (a soft hyphen to readers; see draw.ts). */
  hyphen?: boolean;
}

export interface Line {
  pieces: Piece[];
  width: number;
  /** Natural width of one space in this line's body font. */
  space: number;
  last: boolean;
}

export interface TextStyle {
  family: Family;
  size: number;
  color: string;
  bold?: boolean;
  italic?: boolean;
}

interface Word {
  parts: Omit<Piece, 'spaceBefore' | 'width'>[];
  spaceBefore: boolean;
}

const SOFT = '\u00ad';

function words(runs: Run[], style: TextStyle): Word[] {
  const out: Word[] = [];
  let pendingSpace = false;
  for (const run of runs) {
    const font = fontName(
      style.family,
      style.bold || run.bold,
      style.italic !== run.italic ? true : false,
    );
    // Only breaking spaces separate words: a no-break space keeps "$100 million" on one line.
    for (const token of run.text.split(/([ \t\n]+)/)) {
      if (token === '') continue;
      if (/^[ \t\n]+$/.test(token)) {
        pendingSpace = true;
        continue;
      }
      const part = {
        text: token,
        font,
        size: style.size,
        color: style.color,
        ...(run.link ? { link: run.link } : {}),
      };
      const prev = out[out.length - 1];
      if (prev && !pendingSpace) prev.parts.push(part);
      else out.push({ parts: [part], spaceBefore: pendingSpace && out.length > 0 });
      pendingSpace = false;
    }
  }
  return out;
}

/**
 * A word's syllables, each word hyphenated once per process: the fitting step breaks the same
 * text at every type step, and the patterns give the same answer each time.
 */
const syllables = new Map<string, readonly string[]>();

function hyphenate(text: string): readonly string[] {
  let syl = syllables.get(text);
  if (syl === undefined) {
    syl =
      text.length < 7 || /[\d/@\u00a0]/.test(text)
        ? [text]
        : en.hyphenateSync(text, { hyphenChar: SOFT, minWordLength: 7 }).split(SOFT);
    syllables.set(text, syl);
  }
  return syl;
}

/**
 * Places where a word may be split, longest head first: hyphenation points (the head gets
 * a hyphen) and, only when `relaxNbsp`, its no-break spaces — a figure kept with its word
 * is worth less than a line with gaps as wide as a river.
 */
function splits(
  text: string,
  relaxNbsp: boolean,
): { head: string; tail: string; hyphen: boolean }[] {
  const out: { head: string; tail: string; hyphen: boolean }[] = [];
  const syl = hyphenate(text);
  for (let k = syl.length - 1; k >= 1; k--)
    out.push({ head: `${syl.slice(0, k).join('')}-`, tail: syl.slice(k).join(''), hyphen: true });
  if (relaxNbsp) {
    for (let i = text.lastIndexOf('\u00a0'); i > 0; i = text.lastIndexOf('\u00a0', i - 1)) {
      const head = text.slice(0, i);
      const tail = text.slice(i + 1);
      if (!isShortNumberAndWord(head, tail)) out.push({ head, tail, hyphen: false });
    }
  }
  return out;
}

/**
 * A number of one or two digits and the word beside it never part, even to close a wide gap:
 * a day and its month ("5 | October", "April | 19"; "on 5" at a line's end reads as a count)
 * or a small figure and its scale ("$3 | billion"). A year may still go to the next line.
 */
function isShortNumberAndWord(head: string, tail: string): boolean {
  return (
    (SHORT_NUMBER_AT_END.test(head) && LETTER_AT_START.test(tail)) ||
    (LETTER_AT_END.test(head) && SHORT_NUMBER_AT_START.test(tail))
  );
}
const SHORT_NUMBER_AT_END = /(?<![\d.,])\d{1,2}\.?$/u;
const SHORT_NUMBER_AT_START = /^\d{1,2}(?![\d.,]\d)/u;
const LETTER_AT_START = /^\p{L}/u;
const LETTER_AT_END = /\p{L}$/u;

/**
 * Each word's natural width (its parts side by side, as breakLines measures them) and how many
 * breaking spaces separate the words: all a lower bound of the line count needs (prose-bound.ts).
 */
export function wordWidths(
  runs: Run[],
  style: TextStyle,
  measure: Measure,
): { widths: number[]; gaps: number } {
  const all = words(runs, style);
  return {
    widths: all.map((w) => w.parts.reduce((sum, p) => sum + measure(p.text, p.font, p.size), 0)),
    gaps: all.filter((w) => w.spaceBefore).length,
  };
}

/** Lays out runs in lines no wider than `width`. */
export function breakLines(runs: Run[], style: TextStyle, width: number, measure: Measure): Line[] {
  const spaceW = measure(' ', fontName(style.family, style.bold, style.italic), style.size);
  const lines: Line[] = [];
  let current: Piece[] = [];
  let currentW = 0;
  const push = (last: boolean) => {
    if (current.length) lines.push({ pieces: current, width: currentW, space: spaceW, last });
    current = [];
    currentW = 0;
  };
  /**
   * Puts the longest hyphenated head of a word that fits in `room` on this line, the tail on the
   * next.
   */
  const placeHyphenated = (
    part: Word['parts'][number],
    room: number,
    spaced: boolean,
    relaxNbsp: boolean,
  ): boolean => {
    for (const { head: headText, tail, hyphen } of splits(part.text, relaxNbsp)) {
      const hw = measure(headText, part.font, part.size);
      if (hw > room) continue;
      current.push({
        ...part,
        text: headText,
        width: hw,
        spaceBefore: spaced,
        ...(hyphen ? { hyphen } : {}),
      });
      currentW += (spaced ? spaceW : 0) + hw;
      push(false);
      const tw = measure(tail, part.font, part.size);
      current.push({ ...part, text: tail, width: tw, spaceBefore: false });
      currentW = tw;
      return true;
    }
    return false;
  };
  const wordPieces = (w: Word, first: boolean): Piece[] =>
    w.parts.map((p, i) => ({
      ...p,
      width: measure(p.text, p.font, p.size),
      spaceBefore: i === 0 && w.spaceBefore && !first,
    }));
  for (const w of words(runs, style)) {
    const pieces = wordPieces(w, current.length === 0);
    const ww = pieces.reduce((s, p) => s + p.width, 0);
    const gap = current.length && w.spaceBefore ? spaceW : 0;
    if (currentW + gap + ww <= width) {
      current.push(...pieces);
      currentW += gap + ww;
      continue;
    }
    const room = width - currentW - gap;
    // Hyphenate only when the line would otherwise be loose: more than 60% extra per space.
    const spaces = current.filter((p, i) => i > 0 && p.spaceBefore).length;
    const stretch = (width - currentW) / Math.max(1, spaces);
    const only = w.parts.length === 1 ? w.parts[0] : undefined;
    if (
      only !== undefined &&
      current.length &&
      stretch > spaceW * 0.6 &&
      placeHyphenated(only, room, gap > 0, stretch > spaceW * 1.5)
    )
      continue;
    push(false);
    const fresh = wordPieces(w, true);
    current.push(...fresh);
    currentW = fresh.reduce((s, p) => s + p.width, 0);
  }
  push(true);
  return lines;
}

/**
 * Lines of a heading set no wider than they need: the narrowest measure (to a point) that
 * keeps the line count the full width gives, so a title breaks into lines of like length
 * rather than leaving one word alone on its last line ("… Their Ukraine / Response").
 */
export function balancedLines(
  runs: Run[],
  style: TextStyle,
  width: number,
  measure: Measure,
): Line[] {
  const full = breakLines(runs, style, width, measure);
  if (full.length < 2) return full;
  let lo = width / full.length;
  let hi = width;
  let best = full;
  while (hi - lo > 1) {
    const mid = (lo + hi) / 2;
    const lines = breakLines(runs, style, mid, measure);
    if (lines.length === full.length) {
      best = lines;
      hi = mid;
    } else lo = mid;
  }
  return best;
}
