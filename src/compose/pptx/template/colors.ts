/**
 * The deck's colours on an organisation's template: text in its dark colours, charts and
 * figures in its accents. Each is checked against the template's background (its light
 * colour): text needs 4.5:1 and chart marks 3:1 (WCAG 1.4.3, 1.4.11). A colour that fails is
 * not used, and the build says so, rather than printing what a room cannot read.
 */
import type { Theme } from '../../../model/theme.js';
import type { DeckTemplate } from './read.js';
import { contrast, MARKS, mix, TEXT } from '../contrast.js';

export { contrast } from '../contrast.js';

/** The lightest tint of `c` toward the background that chart marks can still be seen in (3:1). */
function lightest(c: string, bg: string): string {
  let out = c;
  for (let k = 1; k < 20; k++) {
    const m = mix(c, bg, k / 20);
    if (contrast(m, bg) < MARKS) break;
    out = m;
  }
  return out;
}

/** The house theme with the template's colours where they are legible, and what was refused. */
export function templateTheme(
  house: Theme,
  tpl: DeckTemplate,
): { theme: Theme; problems: string[] } {
  const slot = (name: string) => {
    const v = tpl.colors[name];
    return v === undefined ? undefined : `#${v}`;
  };
  const bg = slot('lt1') ?? '#FFFFFF';
  const problems: string[] = [];
  const ratio = (c: string) => contrast(c, bg).toFixed(1);
  const legible = (name: string, min: number, use: string): string | undefined => {
    const c = slot(name);
    if (c === undefined) return undefined;
    if (contrast(c, bg) >= min) return c;
    problems.push(
      `${name} ${c} has contrast ${ratio(c)}:1 on the background ${bg}, below ${min}:1 for ` +
        `${use}; the decks do not use it for that`,
    );
    return undefined;
  };
  const ink = legible('dk1', TEXT, 'text') ?? house.colors.ink;
  const accents = [1, 2, 3, 4, 5, 6].map((i) => `accent${i}`);
  const marks = accents.flatMap((a) => legible(a, MARKS, 'chart marks') ?? []);
  const accent = marks.find((c) => contrast(c, bg) >= TEXT) ?? ink;
  // Charts need four distinct colours: the house palette makes up for refused accents.
  const palette = [
    ...marks,
    ...house.palette.filter((c) => contrast(c, bg) >= MARKS && !marks.includes(c)),
  ];
  return {
    theme: {
      ...house,
      colors: {
        ink,
        accent,
        // The bars beside the highlighted one: a tint of the accent that still shows.
        accentLight: lightest(accent, bg),
        muted: legible('dk2', TEXT, 'secondary text') ?? ink,
        // Rules and the bars beside a highlighted one: the lightest grey that still shows.
        rule: lightest(ink, bg),
        paper: bg,
      },
      palette: palette.length >= 4 ? palette : [...palette, ...house.palette].slice(0, 6),
    },
    problems,
  };
}
