/**
 * The web edition's colours, derived from the theme: a light set (the theme's own, nudged
 * only where a colour misses WCAG contrast on the paper) and a dark set for
 * prefers-color-scheme: dark. Any theme gets readable text in both, not just the house one.
 */
import type { Theme } from '../../model/theme.js';
import { luminance } from '../../charts/palette.js';

/** WCAG contrast ratio of two #rrggbb colours (1 to 21). */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const hex = (n: number) =>
  Math.round(Math.max(0, Math.min(255, n)))
    .toString(16)
    .padStart(2, '0');

/** `c` moved toward `to` by t (0 = c, 1 = to), in sRGB. */
function mix(c: string, to: string, t: number): string {
  const ch = (s: string, i: number) => parseInt(s.slice(i, i + 2), 16);
  return `#${[1, 3, 5].map((i) => hex(ch(c, i) + (ch(to, i) - ch(c, i)) * t)).join('')}`;
}

/**
 * The colour nearest `c` (toward black or white, away from `bg`) with at least `ratio` contrast on
 * `bg`.
 */
export function withContrast(c: string, bg: string, ratio: number): string {
  if (contrast(c, bg) >= ratio) return c;
  const to = luminance(bg) > 0.18 ? '#000000' : '#ffffff';
  // Small steps: the first that passes changes the colour least.
  for (let k = 1; k <= 40; k++) {
    const m = mix(c, to, k / 40);
    if (contrast(m, bg) >= ratio) return m;
  }
  return to;
}

/** One colour scheme: custom properties the stylesheet and the charts read. */
export interface Scheme {
  paper: string;
  ink: string;
  accent: string;
  muted: string;
  rule: string;
  panel: string;
  /** Chart marks: at least 3:1 on the paper (WCAG 1.4.11, graphical objects). */
  palette: string[];
}

/** Text 4.5:1 (AA body text), rules and marks 3:1, on the scheme's paper. */
function scheme(
  paper: string,
  t: Theme['colors'],
  palette: readonly string[],
  panel: string,
): Scheme {
  // Text sits on the paper and on the key-figures panel: it must read on both.
  const text = (c: string, ratio: number) =>
    withContrast(withContrast(c, paper, ratio), panel, ratio);
  return {
    paper,
    ink: text(t.ink, 7),
    accent: text(t.accent, 4.5),
    muted: text(t.muted, 4.5),
    rule: withContrast(t.rule, paper, 3),
    panel,
    palette: palette.map((c) => withContrast(c, paper, 3)),
  };
}

/** Light and dark schemes for a theme. */
export function schemesOf(theme: Theme): { light: Scheme; dark: Scheme } {
  const c = theme.colors;
  const light = scheme(c.paper, c, theme.palette, withContrast(c.accentLight, c.paper, 1));
  // Dark: a near-black paper tinted by the ink, the text in the paper's colour.
  const darkPaper = mix(c.ink, '#000000', 0.35);
  const dark = scheme(
    darkPaper,
    {
      ...c,
      ink: c.paper,
      accent: mix(c.accent, '#ffffff', 0.55),
      muted: mix(c.muted, '#ffffff', 0.5),
    },
    theme.palette,
    mix(c.accent, darkPaper, 0.75),
  );
  return { light, dark };
}

/** The scheme as CSS custom properties. */
export function schemeCss(s: Scheme): string {
  const vars = [
    `--paper:${s.paper}`,
    `--ink:${s.ink}`,
    `--accent:${s.accent}`,
    `--muted:${s.muted}`,
    `--rule:${s.rule}`,
    `--panel:${s.panel}`,
    ...s.palette.map((p, i) => `--c${i}:${p}`),
  ];
  return vars.join(';');
}
