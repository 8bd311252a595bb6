/**
 * Filling upward: what the fitting step does when the text fits with room to spare. A
 * printed bulletin whose last page stops halfway looks unfinished, so the room is used in
 * the order a designer would: a larger type step, taller charts, a little more air between
 * paragraphs, and the last page's text balanced across its columns. What is left is
 * measured, and the build warns when it is more than a few lines.
 */
import { at } from '../../checked.js';
import { flowBlocks, type FlowBlock, type FlowResult, type Frame } from './flow.js';
import type { Box } from './boxes.js';

export type Step = { body: number; leading: number };

/** How many steps above the theme's largest the fitting may go for short content. */
const UPWARD_STEPS = 2;
/** No body text larger than this: beyond it a bulletin reads as large print. */
const MAX_BODY = 12;

/**
 * The theme's steps with up to two larger ones in front, each as far above the last as the
 * theme's first step is above its second (10.5/14 after 10/13.25 gives 11/14.75, 11.5/15.5).
 */
export function upwardSteps(steps: Step[]): Step[] {
  const [a, b] = steps;
  if (!a || !b || a.body <= b.body) return steps;
  const up: Step[] = [];
  for (let k = UPWARD_STEPS; k >= 1; k--) {
    const body = a.body + k * (a.body - b.body);
    if (body <= MAX_BODY) up.push({ body, leading: a.leading + k * (a.leading - b.leading) });
  }
  return [...up, ...steps];
}

/** The largest chart growth with which the text still fits. */
const MAX_CHART_GROWTH = 1.6;

/** The one scale all charts can grow by together with the text still fitting (1 = none). */
export function growCharts(
  boxes: Box[],
  framesFor: (scale: number) => { frames: Frame[] },
  blocks: FlowBlock[],
): number {
  if (!boxes.some((b) => b.content.kind === 'chart')) return 1;
  let lo = 1;
  let hi = MAX_CHART_GROWTH;
  for (let k = 0; k < 10; k++) {
    const mid = (lo + hi) / 2;
    if (flowBlocks(blocks, framesFor(mid).frames).overflow > 0) hi = mid;
    else lo = mid;
  }
  return lo > 1.01 ? lo : 1;
}

/**
 * Opens the paragraph gaps until the text reaches the last column's foot, at most half a line each.
 */
export function spread(
  blocks: FlowBlock[],
  frames: Frame[],
  leading: number,
  first: FlowResult,
): { flow: FlowResult; extraGap: number } {
  let lo = 0;
  // Wider gaps than half a line read as holes, not as air.
  let hi = leading * 0.5;
  let best = { flow: first, extraGap: 0 };
  for (let k = 0; k < 12; k++) {
    const mid = (lo + hi) / 2;
    const f = flowBlocks(blocks, frames, mid);
    if (f.overflow > 0) hi = mid;
    else {
      best = { flow: f, extraGap: mid };
      lo = mid;
    }
  }
  return best;
}

/**
 * Balances the text on the last page, so a short last page reads as even columns over the
 * boxes, not one full column beside an empty one: either every column ends at the same
 * height (`ends`, the lowest that still holds the text) or keeps the same blank under its
 * text (`blanks`, the largest that still holds it). Over charts of different heights the
 * second leaves each the same gap above its chart (issue 28), which the charts then grow into.
 */
export function balanceLastPage(
  blocks: FlowBlock[],
  frames: Frame[],
  extraGap: number,
  lastPage: number,
  mode: 'ends' | 'blanks' = 'ends',
): FlowResult {
  const full = flowBlocks(blocks, frames, extraGap);
  const last = frames.filter((f) => f.page === lastPage);
  if (!full.placed.some((p) => at(frames, p.frame, 'frame').page === lastPage) || last.length < 2)
    return full;
  const top = Math.min(...last.map((f) => f.y));
  const foot = Math.max(...last.map((f) => f.y + f.h));
  // Both searches cut `by` points of room: off every column (blanks), or under a common foot.
  const capped = (by: number) =>
    frames.map((f) => {
      if (f.page !== lastPage) return f;
      const h = mode === 'blanks' ? f.h - by : Math.min(f.h, foot - by - f.y);
      return { ...f, h: Math.max(0, h) };
    });
  let lo = 0;
  let hi = mode === 'blanks' ? Math.max(...last.map((f) => f.h)) : foot - top;
  let best = full;
  for (let k = 0; k < 14; k++) {
    const mid = (lo + hi) / 2;
    const f = flowBlocks(blocks, capped(mid), extraGap);
    if (f.overflow > 0) hi = mid;
    else {
      best = f;
      lo = mid;
    }
  }
  return best;
}
