/**
 * Contrast of colours as WCAG measures it, and the nearest colour that reaches a ratio: chart
 * marks need 3:1 against the slide behind them (WCAG 1.4.11), text 4.5:1 (1.4.3).
 */
import { luminance } from './palette.js';

/** Chart marks: bars, dots, segments (WCAG 1.4.11, non-text contrast). */
export const MARKS = 3;
/** Text (WCAG 1.4.3). */
export const TEXT = 4.5;

const withHash = (c: string) => (c.startsWith('#') ? c : `#${c}`);

/** WCAG contrast ratio of two colours, "#rrggbb" or "rrggbb" (1 to 21). */
export function contrast(a: string, b: string): number {
  const lum = (c: string) => luminance(withHash(c));
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** `c` moved toward `to` by t (0 = c, 1 = to), in sRGB, as "#RRGGBB". */
export function mix(c: string, to: string, t: number): string {
  const [from, toward] = [withHash(c), withHash(to)];
  const ch = (s: string, i: number) => Number.parseInt(s.slice(i, i + 2), 16);
  const hex = (n: number) => Math.round(n).toString(16).padStart(2, '0');
  const channels = [1, 3, 5].map((i) => hex(ch(from, i) + (ch(toward, i) - ch(from, i)) * t));
  return `#${channels.join('')}`.toUpperCase();
}

/**
 * `c` itself when it stands out from `bg` by `ratio`, else the first step from `c` toward
 * `toward` (the deck's ink: darker on a light slide, lighter on a dark one) that does, so a
 * palette's orange stays an orange. `toward` itself when no step is enough.
 */
export function atContrast(c: string, bg: string, toward: string, ratio = MARKS): string {
  for (let k = 0; k <= 20; k++) {
    const m = mix(c, toward, k / 20);
    if (contrast(m, bg) >= ratio) return k === 0 ? withHash(c) : m;
  }
  return withHash(toward);
}

/** The colours a chart draws its marks in: palette, accent and the grey of other bars. */
interface MarkColours {
  palette: string[];
  colors: { accent: string; rule: string; paper: string; ink: string };
}

/**
 * A theme whose mark colours reach 3:1 against its paper (darkened toward its ink where they
 * do not), for chart pictures on slides: a slide is read from across a room, and native deck
 * charts are darkened the same way (issue 32, item 3). Text and layout are untouched.
 */
export function legibleMarks<T extends MarkColours>(theme: T): T {
  const { paper, ink } = theme.colors;
  const mark = (c: string) => atContrast(c, paper, ink);
  return {
    ...theme,
    palette: theme.palette.map(mark),
    colors: { ...theme.colors, accent: mark(theme.colors.accent), rule: mark(theme.colors.rule) },
  };
}
