/**
 * Text for the PDF chart context: a CSS font read as canvas reads it, and a shaped run turned
 * into glyph outlines placed where node-canvas (pango) puts them, so the charts in the PDF
 * match the SVG charts.
 */
import type { Font } from 'fontkit';
import { InternalError } from '../../errors.js';
import { apply, multiply, quadToCubic, type Matrix, type Segment } from './path.js';

type Run = ReturnType<Font['layout']>;

/** Shaped runs by face and text: chart labels repeat across charts and partners. */
const runs = new WeakMap<Font, Map<string, Run>>();
export function shaped(face: Font, text: string): Run {
  let byText = runs.get(face);
  if (!byText) runs.set(face, (byText = new Map()));
  let run = byText.get(text);
  if (!run) {
    // Bounded: a build with thousands of partners must not keep every label it ever drew.
    if (byText.size > 20_000) byText.clear();
    byText.set(text, (run = face.layout(text)));
  }
  return run;
}

/** A CSS font shorthand as canvas reads it: size in px, and which theme face. */
export function parseFont(css: string): { size: number; bold: boolean; italic: boolean } {
  const m = /(?:^|\s)([\d.]+)px\b/.exec(css);
  if (!m?.[1]) throw new InternalError(`the PDF chart painter cannot read the font "${css}"`);
  const before = css.slice(0, m.index);
  const named = /\bbold(er)?\b/.test(before) ? 700 : undefined;
  const weight = named ?? Number(/\b([1-9]00)\b/.exec(before)?.[1] ?? 400);
  // CSS matching between the faces canvas was given (400 and 600): above 500 is the bold face.
  return { size: Number(m[1]), bold: weight > 500, italic: /\b(italic|oblique)\b/.test(before) };
}

/** Where fillText was asked to put a string. */
export interface TextPlace {
  x: number;
  y: number;
  align: string;
  baseline: string;
  maxWidth: number | undefined;
}

/** Where a run starts, its baseline and horizontal squeeze, as node-canvas places it. */
function placeRun(
  face: Font,
  size: number,
  run: Run,
  { x, y, align, baseline, maxWidth }: TextPlace,
): { left: number; base: number; width: number; squeeze: number; ascent: number; descent: number } {
  const k = size / face.unitsPerEm;
  const width = run.advanceWidth * k;
  // Like canvas: text wider than maxWidth is narrowed to fit, not cut.
  const squeeze = maxWidth !== undefined && width > maxWidth && width > 0 ? maxWidth / width : 1;
  // node-canvas aligns by pango's *pixel* extents: the width rounded up to a whole unit.
  const shift = Math.ceil(width - 1e-9) * squeeze;
  const left =
    align === 'right' || align === 'end' ? x - shift : align === 'center' ? x - shift / 2 : x;
  // node-canvas puts the top of pango's line box at y − adjustment, and the baseline `ascent`
  // below that top (getBaselineAdjustment in CanvasRenderingContext2d.cc).
  const [ascent, descent] = [face.ascent * k, -face.descent * k];
  const adjust: Record<string, number> = {
    alphabetic: ascent,
    middle: (ascent + descent) / 2,
    bottom: ascent + descent,
  };
  const base = y - (adjust[baseline] ?? 0) + ascent;
  return { left, base, width: width * squeeze, squeeze, ascent, descent };
}

/** A drawn string's ink box (where its glyphs put paint), in device space. */
export interface TextBox {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** The ink box of a string's outlines (control points included, so a hair generous). */
export function inkBox(text: string, outline: Segment[]): TextBox {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const s of outline)
    if (s.op !== 'Z') {
      xs.push(s.x, ...(s.op === 'C' ? [s.x1, s.x2] : []));
      ys.push(s.y, ...(s.op === 'C' ? [s.y1, s.y2] : []));
    }
  return {
    text,
    x0: Math.min(...xs),
    y0: Math.min(...ys),
    x1: Math.max(...xs),
    y1: Math.max(...ys),
  };
}

/** The outlines of a shaped run at `size`, placed as node-canvas places it, through `matrix`. */
export function textOutline(
  face: Font,
  size: number,
  run: ReturnType<Font['layout']>,
  place: TextPlace,
  matrix: Matrix,
): Segment[] {
  const k = size / face.unitsPerEm;
  const { left, base, squeeze } = placeRun(face, size, run, place);
  const out: Segment[] = [];
  let pen = 0;
  run.glyphs.forEach((glyph, i) => {
    const pos = run.positions[i];
    const ox = pen + (pos?.xOffset ?? 0);
    const oy = pos?.yOffset ?? 0;
    // Font units, y up → chart space, y down.
    outlineInto(out, glyph, (gx, gy) =>
      apply(matrix, left + (ox + gx) * k * squeeze, base - (oy + gy) * k),
    );
    pen += pos?.xAdvance ?? glyph.advanceWidth;
  });
  return out;
}

/** Appends a glyph's outline to `out`, each point of it (font units, y up) mapped by `to`. */
function outlineInto(
  out: Segment[],
  glyph: Glyph,
  to: (gx: number, gy: number) => [number, number],
): void {
  const at = (args: number[], j: number) => to(args[j] ?? 0, args[j + 1] ?? 0);
  let cur: [number, number] = to(0, 0);
  for (const { command, args } of glyph.path.commands) {
    if (command === 'moveTo' || command === 'lineTo') {
      cur = at(args, 0);
      out.push({ op: command === 'moveTo' ? 'M' : 'L', x: cur[0], y: cur[1] });
    } else if (command === 'quadraticCurveTo') {
      const end = at(args, 2);
      out.push(quadToCubic(cur, at(args, 0), end));
      cur = end;
    } else if (command === 'bezierCurveTo') {
      const [c1, c2, end] = [at(args, 0), at(args, 2), at(args, 4)];
      out.push({ op: 'C', x1: c1[0], y1: c1[1], x2: c2[0], y2: c2[1], x: end[0], y: end[1] });
      cur = end;
    } else if (command === 'closePath') out.push({ op: 'Z' });
  }
}

type Glyph = ReturnType<Font['layout']>['glyphs'][number];

/**
 * A run as placed glyphs, for a writer that draws each glyph's outline once and reuses it: the
 * transform from a string's origin (its pen start on the baseline, in px at `size`, y down) to
 * device space, and each glyph with its offset from that origin. The outlines `glyphOutline`
 * gives, moved by these, are the ones `textOutline` gives.
 */
export function placedGlyphs(
  face: Font,
  size: number,
  run: ReturnType<Font['layout']>,
  place: TextPlace,
  matrix: Matrix,
): { origin: Matrix; glyphs: { glyph: Glyph; dx: number; dy: number }[] } {
  const k = size / face.unitsPerEm;
  const { left, base, squeeze } = placeRun(face, size, run, place);
  const origin = multiply(matrix, [squeeze, 0, 0, 1, left, base]);
  let pen = 0;
  const glyphs = run.glyphs.map((glyph, i) => {
    const pos = run.positions[i];
    const at = { glyph, dx: (pen + (pos?.xOffset ?? 0)) * k, dy: -(pos?.yOffset ?? 0) * k };
    pen += pos?.xAdvance ?? glyph.advanceWidth;
    return at;
  });
  return { origin, glyphs };
}

/** A glyph's outline at `size` in px, y down, its origin at 0,0: empty for a space. */
export function glyphOutline(face: Font, glyph: Glyph, size: number): Segment[] {
  const k = size / face.unitsPerEm;
  const out: Segment[] = [];
  outlineInto(out, glyph, (gx, gy) => [gx * k, -gy * k]);
  return out;
}
