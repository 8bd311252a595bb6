/**
 * The charts renderer: every chart as charts/<id>.svg, and as charts/<id>.png when the build
 * names this format (`--only charts`), from the shared render. Units are planned from the data
 * alone; canvas and chart.js load only to draw.
 */
import type { Artifact, BuildContext, Renderer, Unit } from '../types.js';
import { planCharts } from '../../charts/plan.js';
import { styleInputs } from '../inputs.js';

export const chartsRenderer: Renderer = {
  name: 'charts',
  units(ctx: BuildContext): Unit[] {
    return planCharts(ctx).map((c) => ({
      key: c.key,
      ...(c.inst.partner ? { partner: c.inst.partner } : {}),
      paths: [`charts/${c.key}.svg`, ...(ctx.chartPngs ? [`charts/${c.key}.png`] : [])],
      inputs: {
        spec: c.inst.spec,
        data: c.data,
        locale: ctx.dataset.bulletin.locale,
        style: styleInputs(ctx),
      },
    }));
  },
  async render(ctx: BuildContext, units: Unit[]): Promise<Artifact[]> {
    const { renderedChart, PNG_SCALE } = await import('../../charts/render.js');
    const { describeSvg, printPng } = await import('../../charts/describe.js');
    return units.flatMap((u): Artifact[] => {
      const c = renderedChart(ctx, u.key);
      const partner = c.partner ? { partner: c.partner } : {};
      // A file on its own carries its meaning: title and description for screen readers,
      // print resolution (chart points drawn at PNG_SCALE pixels each) and colour space.
      const svg = describeSvg(c.svg, c.title, `${c.alt} ${c.takeaway}`);
      return [
        { path: `charts/${c.id}.svg`, kind: 'svg', bytes: Buffer.from(svg, 'utf8'), ...partner },
        ...(ctx.chartPngs
          ? [
              {
                path: `charts/${c.id}.png`,
                kind: 'png' as const,
                bytes: printPng(c.png, 72 * PNG_SCALE),
                ...partner,
              },
            ]
          : []),
      ];
    });
  },
};
