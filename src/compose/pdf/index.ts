/**
 * The PDF renderer's descriptor: its unit and inputs, planned from the models alone. The
 * drawing code (pdfkit, fontkit, the chart renderer) is imported only when the PDF is rebuilt,
 * so a no-op rebuild or --check never loads it.
 */
import type { Artifact, BuildContext, Renderer, Unit } from '../types.js';
import { infoOf } from './info.js';
import { styleInputs } from '../inputs.js';
import { planCharts } from '../../charts/plan.js';
import { spareCharts } from './spares.js';

export const pdfRenderer: Renderer = {
  name: 'pdf',
  units(ctx: BuildContext): Unit[] {
    // The rendered text, the facts it used, the plotted data, the style and the clock: all the
    // PDF's bytes depend on.
    // The layout's charts and the spares the composer may add when the text is short.
    const keys = new Set([
      ...ctx.bulletin.figures.map((f) => f.chart),
      ...spareCharts(ctx).map((c) => c.key),
    ]);
    const charts = planCharts(ctx)
      .filter((c) => keys.has(c.key))
      .map((c) => ({ spec: c.inst.spec, data: c.data }));
    const shared = {
      info: infoOf(ctx),
      model: ctx.bulletin,
      charts,
      style: styleInputs(ctx),
      locale: ctx.dataset.bulletin.locale,
    };
    const units: Unit[] = [];
    if (ctx.editions.screen)
      units.push({
        key: 'bulletin',
        paths: ['bulletin.pdf'],
        inputs: { ...shared, print: ctx.print },
      });
    const print = ctx.editions.print;
    // The print edition: the same plan, and the profile (by content) and marks it prints with.
    if (print)
      units.push({
        key: 'bulletin-print',
        paths: ['bulletin-print.pdf'],
        inputs: {
          ...shared,
          paper: ctx.print.paper ?? null,
          edition: { profile: print.profile.sha256, marks: print.marks },
        },
      });
    return units;
  },
  async render(ctx: BuildContext, units: Unit[]): Promise<Artifact[]> {
    return (await import('./render.js')).renderPdf(ctx, units);
  },
};
