/**
 * The theme's faces parsed once per process and shared: pdfkit embeds and measures with the
 * same fontkit font the glyph check and the deck fitter use, so each face's tables, glyphs and
 * layout caches are read once instead of once per consumer (and once per PDF document).
 */
import type { Font } from 'fontkit';
import { requireCjs } from '../cjs.js';
import { harfbuzzRun } from './shaper.js';

const fontkit = requireCjs('fontkit') as typeof import('fontkit');

const faces = new WeakMap<Uint8Array, Font>();

/** The parsed face of a theme font file's bytes (the same object for the same bytes). */
export function openFace(bytes: Uint8Array): Font {
  let face = faces.get(bytes);
  if (!face) {
    face = fontkit.create(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)) as Font;
    faces.set(bytes, face);
    // HarfBuzz shapes what it shapes as fontkit does, faster (shaper.ts); the rest is fontkit's.
    const fontkitLayout = face.layout;
    const parsed = face;
    face.layout = (text, ...rest) => {
      const run = rest.every((a) => a === undefined) ? harfbuzzRun(parsed, bytes, text) : undefined;
      return (
        (run as ReturnType<Font['layout']> | undefined) ?? fontkitLayout.call(parsed, text, ...rest)
      );
    };
  }
  return face;
}
