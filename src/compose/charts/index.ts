/** The charts renderer: every chart as charts/<id>.svg and charts/<id>.png, from the shared render. */
import type { Artifact, BuildContext, Renderer } from '../types.js';
import { getCharts } from '../../charts/render.js';

export const chartsRenderer: Renderer = {
  name: 'charts',
  async render(ctx: BuildContext): Promise<Artifact[]> {
    return getCharts(ctx).flatMap((c): Artifact[] => {
      const partner = c.partner ? { partner: c.partner } : {};
      return [
        { path: `charts/${c.id}.svg`, kind: 'svg', bytes: Buffer.from(c.svg, 'utf8'), ...partner },
        { path: `charts/${c.id}.png`, kind: 'png', bytes: c.png, ...partner },
      ];
    });
  },
};
