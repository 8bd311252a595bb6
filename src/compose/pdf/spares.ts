/**
 * The charts the composer may add to a short bulletin (issue 28: "joined by ... a chart the
 * data supports"). Kept apart from plan.ts so the PDF's unit can name them as inputs without
 * loading pdfkit or the chart renderer.
 */
import { planCharts, type PlannedChart } from '../../charts/plan.js';
import type { BuildContext } from '../types.js';

/** Bulletin-wide charts with two values or more, in charts.json order. */
export function spareCharts(ctx: BuildContext): PlannedChart[] {
  return planCharts(ctx).filter((c) => {
    if (c.inst.partner !== undefined) return false;
    const n =
      c.data.kind === 'bar'
        ? c.data.labels.length
        : c.data.series.reduce((s, x) => s + x.points.length, 0);
    return n >= 2;
  });
}
