/**
 * What the vector context hands its writers (the SVG file, the PDF page): how a path is
 * stroked, and the face to draw text in.
 */
import type { Font } from 'fontkit';

/** How a path is stroked, with the transform's scale already applied. */
export interface Stroke {
  color: string;
  alpha: number;
  width: number;
  cap: 'butt' | 'round' | 'square';
  join: 'miter' | 'round' | 'bevel';
  miterLimit: number;
  dash: number[];
  dashOffset: number;
}

/** The theme face for a weight and style (the chart fonts are the sans faces). */
export type FaceOf = (bold: boolean, italic: boolean) => Font;
