/**
 * Series colours for stacked charts. The theme palette is colour-blind safe, but several of
 * its colours share a grey value (orange and light blue, green and red), so in greyscale
 * print neighbouring segments would merge. Interleaving the palette by luminance, dark with
 * light, keeps every pair of neighbours apart in grey.
 */
import { cycled } from '../checked.js';

/** Relative luminance (WCAG) of a #rrggbb colour, 0 (black) to 1 (white). */
export function luminance(hex: string): number {
  const lin = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(1) + 0.7152 * lin(3) + 0.0722 * lin(5);
}

/**
 * n colours for neighbouring series: the palette sorted by luminance, then dark and middle
 * alternated.
 */
export function seriesColors(palette: readonly string[], n: number): string[] {
  const sorted = [...palette].sort((a, b) => luminance(a) - luminance(b));
  const half = Math.ceil(sorted.length / 2);
  const woven = sorted
    .slice(0, half)
    .flatMap((c, i) => [c, ...sorted.slice(half + i, half + i + 1)]);
  return Array.from({ length: n }, (_, i) => cycled(woven, i, 'series colour'));
}

/** n colours for separate, labelled bars (a breakdown): the palette in its own order, repeating. */
export function barColors(palette: readonly string[], n: number): string[] {
  return Array.from({ length: n }, (_, i) => cycled(palette, i, 'bar colour'));
}
