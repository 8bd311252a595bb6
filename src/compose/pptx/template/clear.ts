/**
 * Keeping text off a template's pictures and dark shapes. A layout's content placeholder may
 * run over an illustration, a logo or a coloured band of its master (LibreOffice's templates
 * do); body text, charts and figures are set in the largest part of the box that is clear of
 * them. A filled shape counts only when the body text colour cannot be read on it (< 4.5:1).
 */
import { contrast } from './colors.js';
import type { Box } from '../text.js';
import type { DeckTemplate, Obstacle, TemplateLayout } from './read.js';

const area = (b: Box) => b.w * b.h;
const overlap = (a: Box, b: Box) =>
  Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x)) *
  Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));

/** The shapes a layout shows that body text cannot sit on. */
export function blockers(tpl: DeckTemplate, l: TemplateLayout): Obstacle[] {
  const ink = tpl.colors.dk1 ?? '000000';
  const slide = (tpl.size.cx / 914_400) * (tpl.size.cy / 914_400);
  const shown = [
    ...(tpl.obstacles.get(l.part) ?? []),
    ...(tpl.hidesMaster.has(l.part) ? [] : (tpl.obstacles.get(l.master) ?? [])),
  ];
  // A shape as large as the slide is its background: the theme's colours are checked against that.
  return shown.filter(
    (o) => area(o.box) < slide * 0.9 && (o.fill === null || contrast(o.fill, ink) < 4.5),
  );
}

/** The parts of `r` outside `o`: the strips above, below, left and right of it. */
function around(r: Box, o: Box): Box[] {
  if (overlap(r, o) <= area(r) * 0.01) return [r];
  const right = o.x + o.w;
  const bottom = o.y + o.h;
  return [
    { ...r, h: o.y - r.y },
    { ...r, y: bottom, h: r.y + r.h - bottom },
    { ...r, w: o.x - r.x },
    { ...r, x: right, w: r.x + r.w - right },
  ].filter((b) => b.w > 0.5 && b.h > 0.5);
}

/** The largest part of `box` clear of the obstacles, or null when nothing usable is left. */
export function clearOf(box: Box, obstacles: Obstacle[]): Box | null {
  let parts = [box];
  for (const o of obstacles) parts = parts.flatMap((r) => around(r, o.box));
  return parts.sort((a, b) => area(b) - area(a) || a.y - b.y || a.x - b.x)[0] ?? null;
}

/** How much of `box` is left once clear of the obstacles (0 to 1). */
export function clearShare(box: Box, obstacles: Obstacle[]): number {
  const clear = clearOf(box, obstacles);
  return clear ? area(clear) / Math.max(area(box), 1e-9) : 0;
}
