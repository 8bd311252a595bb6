/**
 * The web edition's descriptor: bulletin.html, one unit, planned from the models alone. The
 * page itself (and the chart renderer it reads alt text from) loads only when it is rebuilt.
 */
import type { Artifact, BuildContext, Renderer, Unit } from '../types.js';
import { planCharts } from '../../charts/plan.js';

export const HTML_FILE = 'bulletin.html';

export const htmlRenderer: Renderer = {
  name: 'html',
  units(ctx: BuildContext): Unit[] {
    const charts = ctx.bulletin.figures.flatMap((f) =>
      planCharts(ctx)
        .filter((c) => c.key === f.chart)
        .map((c) => ({ spec: c.inst.spec, data: c.data })),
    );
    // Money figures are linked by their wording, which depends on each printed fact's currency.
    const currencies = ctx.bulletin.provenance.map((f) => {
      const list = ctx.dataset[f.collection as keyof typeof ctx.dataset];
      const item = Array.isArray(list)
        ? (list as { id: string; currency?: unknown }[]).find((x) => x.id === f.id)
        : undefined;
      return item?.currency ?? null;
    });
    return [
      {
        key: 'bulletin-html',
        paths: [HTML_FILE],
        inputs: {
          model: ctx.bulletin,
          charts,
          currencies,
          theme: ctx.theme.theme,
          locale: ctx.dataset.bulletin.locale,
        },
      },
    ];
  },
  async render(ctx: BuildContext, units: Unit[]): Promise<Artifact[]> {
    return (await import('./render.js')).renderHtml(ctx, units);
  },
};
