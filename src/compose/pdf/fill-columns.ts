/**
 * Filling column by column: after the charts have grown together (fill.ts) and the last
 * page is balanced, one column may still hold a tall blank between its text and its chart
 * (a short chart beside a tall one). Each chart of the last page then grows by its own
 * column's blank, so the blank becomes chart, not white paper (issue 28: "a blank block
 * between text and charts").
 */
import { flowBlocks, type FlowBlock, type FlowResult, type Frame } from './flow.js';
import type { Box, ChartFigure } from './boxes.js';
import type { PagePlan } from './page-plan.js';
import { balanceLastPage, growCharts, spread } from './fill.js';

/**
 * The tallest a chart may be drawn, as a share of its width: beyond it rows and bars spread
 * so far apart that the chart reads as empty space itself.
 */
const MAX_CHART_ASPECT = 1.75;

/** Chart scale per figure id. */
export type Scales = Map<string, number>;

/**
 * Blank height between the last line and the foot of each frame (of `page`, or of every page),
 * by frame index.
 */
export function columnBlanks(
  flow: FlowResult,
  frames: Frame[],
  page?: number,
): Map<number, number> {
  const out = new Map<number, number>();
  frames.forEach((f, i) => {
    if (page !== undefined && f.page !== page) return;
    const lines = flow.placed.filter((p) => p.frame === i);
    const end = lines.length ? Math.max(...lines.map((p) => p.y + p.leading)) : f.y;
    out.set(i, Math.max(0, f.y + f.h - end));
  });
  return out;
}

/**
 * Each column's blank under its text. A column the text runs on from keeps a short foot
 * where a heading or a paragraph's last lines moved on (up to a heading and two lines):
 * that is the flow's rule, not room the content could fill, so it counts only beyond that.
 */
export function unplanned(flow: FlowResult, frames: Frame[], leading: number): number[] {
  const blanks = columnBlanks(flow, frames);
  const lastWithText = Math.max(-1, ...flow.placed.map((p) => p.frame));
  return frames.map((_, i) => {
    const blank = blanks.get(i) ?? 0;
    return i < lastWithText && blank <= KEEP_LINES * leading ? 0 : blank;
  });
}

/** What the keep rules can leave at a column's foot: a heading's space and lines, and two lines. */
const KEEP_LINES = 4;

/**
 * Height over width a chart of many rows may reach: a fifth of its width a row. A chart that
 * lists ten partners in eight currency panels reads well far taller than one of four bars,
 * and on paper a little longer than Letter (A4) its column had six lines of blank it could
 * not take (issue 28).
 */
const ROW_ASPECT = 0.2;

/**
 * The largest scale a figure may take: drawn height over width at most MAX_CHART_ASPECT, or
 * ROW_ASPECT a row for a chart of many rows.
 */
export const maxScale = (f: ChartFigure): number =>
  (Math.max(MAX_CHART_ASPECT, ROW_ASPECT * (f.rows ?? 0)) * f.width) / f.height;

/**
 * Grows each last-page chart by the blank in its column (shared among the column's charts by
 * height), within MAX_CHART_ASPECT, and as far as the text still fits. Returns new scales.
 */
export function growColumns(args: {
  scales: Scales;
  figures: ChartFigure[];
  boxes: Box[];
  frames: Frame[];
  flow: FlowResult;
  page: number;
  width: number;
  blocks: FlowBlock[];
  extraGap: number;
  leading: number;
  framesFor: (scales: Scales) => Frame[];
}): Scales {
  const { scales, figures, boxes, frames, flow, page, width } = args;
  const wanted = new Map<string, number>();
  for (const [i, blank] of columnBlanks(flow, frames, page)) {
    const frame = frames[i];
    // Less than a line is the ordinary ragged foot of a column, not a hole.
    if (!frame || blank < args.leading) continue;
    // Frames run column by column within a page.
    const col = frames.slice(0, i).filter((f) => f.page === page).length;
    const charts = boxes.filter(
      (b) => b.page === page && b.column === col && b.content.kind === 'chart',
    );
    const total = charts.reduce((s, b) => s + b.height, 0);
    for (const b of charts) {
      const f = figures.find((x) => `chart ${x.id}` === b.id);
      if (!f) continue;
      const now = scales.get(f.id) ?? 1;
      // Points of drawn chart per unit of scale.
      const perScale = f.height * (width / f.width);
      const grow = (blank * b.height) / total / perScale;
      wanted.set(f.id, Math.max(now, Math.min(maxScale(f), now + grow)));
    }
  }
  if (wanted.size === 0) return scales;
  const at = (t: number): Scales =>
    new Map(
      [...scales].map(([id, s]) => {
        const w = wanted.get(id);
        return [id, w === undefined ? s : s + (w - s) * t];
      }),
    );
  const fits = (t: number) =>
    flowBlocks(args.blocks, args.framesFor(at(t)), args.extraGap).overflow === 0;
  if (fits(1)) return at(1);
  let lo = 0;
  let hi = 1;
  for (let k = 0; k < 10; k++) {
    const mid = (lo + hi) / 2;
    if (fits(mid)) lo = mid;
    else hi = mid;
  }
  return at(lo);
}

/**
 * Fills an under-full layout: all charts grow together, paragraph gaps open, the last page
 * balances, then each column's charts take the blank their own column still has.
 */
export function fillPages(a: {
  boxes: Box[];
  figures: ChartFigure[];
  blocks: FlowBlock[];
  leading: number;
  width: number;
  lastPage: number;
  framesFor: (boxes: Box[]) => { frames: Frame[]; placed: PagePlan['boxes'] };
  chartAt: (f: ChartFigure, scale: number) => Box;
}) {
  const scaled = (scales: Scales) =>
    a.boxes.map((b) => {
      const f = a.figures.find((x) => `chart ${x.id}` === b.id);
      return f ? a.chartAt(f, scales.get(f.id) ?? 1) : b;
    });
  const uniform = (scale: number): Scales => new Map(a.figures.map((f) => [f.id, scale]));
  const fill = (scales: Scales, mode: 'ends' | 'blanks') => {
    const { frames, placed } = a.framesFor(scaled(scales));
    const best = spread(a.blocks, frames, a.leading, flowBlocks(a.blocks, frames));
    const flow = balanceLastPage(a.blocks, frames, best.extraGap, a.lastPage, mode);
    return { scales, frames, placed, best, flow };
  };
  const together = growCharts(a.boxes, (s) => a.framesFor(scaled(uniform(s))), a.blocks);
  // Columns ending level is the classic balance; equal blanks suit charts of unequal height.
  // Each is grown into, and the one that leaves the smaller largest blank wins.
  const grownWith = (mode: 'ends' | 'blanks') => {
    let filled = fill(uniform(together), mode);
    for (let pass = 0; pass < 2; pass++) {
      const scales = growColumns({
        scales: filled.scales,
        figures: a.figures,
        boxes: scaled(filled.scales),
        frames: filled.frames,
        flow: filled.flow,
        page: a.lastPage,
        width: a.width,
        blocks: a.blocks,
        extraGap: filled.best.extraGap,
        leading: a.leading,
        framesFor: (s) => a.framesFor(scaled(s)).frames,
      });
      if (scales === filled.scales) break;
      filled = fill(scales, mode);
    }
    return filled;
  };
  const level = grownWith('ends');
  const even = grownWith('blanks');
  const largest = (f: typeof level) =>
    Math.max(0, ...columnBlanks(f.flow, f.frames, a.lastPage).values());
  // A column holding one lone line reads as a stray, however even the blanks.
  const lone = (f: typeof level) =>
    f.frames.some(
      (fr, i) => fr.page === a.lastPage && f.flow.placed.filter((p) => p.frame === i).length === 1,
    );
  const filled = largest(even) < largest(level) - a.leading && !lone(even) ? even : level;
  return filled;
}
