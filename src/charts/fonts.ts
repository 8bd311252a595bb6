/**
 * Theme fonts for node-canvas (charts and previews). canvas can register a font only from a
 * file path, and registering one file twice confuses its font map, so one process-wide
 * registry serves everyone who draws with canvas.
 */
import path from 'node:path';
import { requireCjs } from '../cjs.js';
import type { ResolvedTheme } from '../model/theme.js';
import { openFace } from '../model/faces.js';
import { must } from '../checked.js';
import type { FaceOf } from './vector/context.js';
import { shaped } from './vector/text.js';
import type { MeasureText } from './chart-style.js';

const registered = new Set<string>();

/**
 * The CSS weight and style canvas should match a theme face with (the theme's "bold" files are
 * semibold).
 */
export const FACE_STYLE = {
  regular: { weight: '400', style: 'normal' },
  italic: { weight: '400', style: 'italic' },
  bold: { weight: '600', style: 'normal' },
  boldItalic: { weight: '600', style: 'italic' },
} as const;

/** Registers theme faces ("sans-bold", ...) under a family name; each file once per process. */
export function registerThemeFaces(
  root: string,
  theme: ResolvedTheme,
  faces: string[],
  familyOf: (family: string) => string,
): void {
  for (const key of faces) {
    const rel = theme.fontFiles[key];
    if (!rel) continue;
    const file = path.resolve(root, rel);
    if (registered.has(file)) continue;
    const [family, face] = key.split('-') as [string, keyof typeof FACE_STYLE];
    // Loaded here, not at the top: builds that draw no PNG never load the native module.
    const { registerFont } = requireCjs('canvas') as typeof import('canvas');
    registerFont(file, { family: familyOf(family), ...FACE_STYLE[face] });
    registered.add(file);
  }
}

/**
 * The parsed sans faces the vector charts are drawn with, as canvas is given them (regular and
 * semibold); italic takes the theme's italic faces, or upright where it has none.
 */
export function chartFaces(theme: ResolvedTheme): FaceOf {
  const f = theme.fonts;
  return (bold, italic) => {
    const weight = bold ? 'bold' : 'regular';
    const styled = italic ? f[bold ? 'sans-boldItalic' : 'sans-italic'] : undefined;
    return openFace(must(styled ?? f[`sans-${weight}`], `the theme's sans ${weight} face`));
  };
}

/** Text widths in the chart's own faces, as the vector context measures them. */
export function measureWith(faceOf: FaceOf): MeasureText {
  return (text, size, weight) => {
    const face = faceOf(weight > 500, false);
    return (shaped(face, text).advanceWidth * size) / face.unitsPerEm;
  };
}
