/**
 * Text on a node-canvas in the theme fonts, placed the way pdfkit places it: a y coordinate
 * is the top of the line and the baseline sits one font ascent below it. Only the preview
 * draws with this; the layouts it draws were decided by the PDF and deck code.
 */
import { must } from '../checked.js';
import { requireCjs } from '../cjs.js';
import type { CanvasRenderingContext2D } from 'canvas';
import type { BuildContext } from '../compose/types.js';
import { FACE_STYLE, registerThemeFaces } from '../charts/fonts.js';
import { SANS, SERIF } from '../compose/pptx/master.js';

const fontkit = requireCjs('fontkit') as typeof import('fontkit');

export type Ctx2D = CanvasRenderingContext2D;

const FACES = ['serif', 'sans'].flatMap((f) =>
  ['regular', 'italic', 'bold', 'boldItalic'].map((x) => `${f}-${x}`),
);

/** The theme's faces under the family names the decks use, so slides and pages share them. */
export function registerPreviewFonts(ctx: BuildContext): void {
  registerThemeFaces(ctx.templates.root, ctx.theme, FACES, (family) =>
    family === 'serif' ? SERIF : SANS,
  );
}

/** A CSS font string for a theme face key such as "sans-bold" at a size in px. */
export function cssFont(key: string, px: number): string {
  const [family, face] = key.split('-') as ['serif' | 'sans', keyof typeof FACE_STYLE];
  const s = FACE_STYLE[face] ?? FACE_STYLE.regular;
  // Quoted: an unquoted "3" in a family name makes canvas fall back to another font silently.
  return `${s.style} ${s.weight} ${px}px "${family === 'serif' ? SERIF : SANS}"`;
}

/** Face key from family and flags, as fonts.ts names them. */
export function faceKey(family: 'serif' | 'sans', bold?: boolean, italic?: boolean): string {
  const style = bold && italic ? 'boldItalic' : bold ? 'bold' : italic ? 'italic' : 'regular';
  return `${family}-${style}`;
}

const ascents = new Map<string, number>();

/**
 * Ascent of a theme face as a fraction of the size (hhea), as pdfkit uses to place the baseline.
 */
export function ascentOf(ctx: BuildContext, key: string): number {
  let a = ascents.get(key);
  if (a === undefined) {
    const bytes = must(ctx.theme.fonts[key] ?? ctx.theme.fonts['sans-regular'], `the font ${key}`);
    const f = fontkit.create(bytes) as unknown as { ascent: number; unitsPerEm: number };
    a = f.ascent / f.unitsPerEm;
    ascents.set(key, a);
  }
  return a;
}

/** Draws text with its top at y (pdfkit's convention); spacing adds tracking between characters. */
export function textAt(
  g: Ctx2D,
  ctx: BuildContext,
  text: string,
  key: string,
  size: number,
  color: string,
  x: number,
  y: number,
  spacing = 0,
): number {
  g.font = cssFont(key, size);
  g.fillStyle = color;
  g.textBaseline = 'alphabetic';
  const base = y + ascentOf(ctx, key) * size;
  if (spacing === 0) {
    g.fillText(text, x, base);
    return g.measureText(text).width;
  }
  let cx = x;
  for (const ch of text) {
    g.fillText(ch, cx, base);
    cx += g.measureText(ch).width + spacing;
  }
  return cx - x;
}
