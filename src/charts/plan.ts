/**
 * planCharts: every chart the build has, with its data, before anything is drawn. Needs only
 * the dataset and the specs (no canvas), so planning units, a no-op rebuild and --check never
 * load the chart renderer.
 */
import { must } from '../checked.js';
import type { BuildContext } from '../compose/types.js';
import { isPerPartner, loadChartSpecs, type ChartSpec, type LoadedSpecs } from './spec.js';
import { figuresOf, selectBarData, selectBreakdownData } from './bar-data.js';
import type { ChartData } from './data.js';
import { selectTimelineData, timelineMonths } from './timeline-data.js';

/** One chart to draw: a spec, and the partner for per-partner specs. */
export interface Instance {
  spec: ChartSpec;
  index: number;
  partner?: string;
}

export function chartData(
  ctx: BuildContext,
  loaded: LoadedSpecs,
  inst: Instance,
): ChartData | null {
  const { spec, index } = inst;
  // A dataset with nothing of the kind to plot leaves the chart out: the generic templates
  // must build on any valid data (issue 12). A spec that matches data but is misconfigured
  // (a window no date falls in) is still an error.
  if (!hasAnythingToPlot(ctx, spec)) return null;
  if (spec.kind === 'timeline') {
    const t = selectTimelineData(ctx.dataset, spec, loaded, index);
    // The takeaway speaks of the first series ("who moved first"): without it there is no sentence.
    return t.series[0]?.points.length ? t : null;
  }
  if (spec.kind === 'partner-breakdown')
    return selectBreakdownData(
      ctx.dataset,
      spec,
      loaded,
      index,
      must(inst.partner, 'the partner of a breakdown'),
    );
  const d = selectBarData(ctx.dataset, spec, loaded, index, inst.partner);
  // A partner without this figure gets no comparison chart rather than an empty one.
  return inst.partner !== undefined && d.highlight === undefined ? null : d;
}

/** Whether the data has any figure (bars) or any dated measure or event (timelines) at all. */
function hasAnythingToPlot(ctx: BuildContext, spec: ChartSpec): boolean {
  const d = ctx.dataset;
  // A timeline needs something with a day or a month to place (years are too coarse).
  if (spec.kind === 'timeline') return timelineMonths(d, spec).length > 0;
  return d.measures.some((m) => m.type === spec.measure && figuresOf(m, spec.value).length > 0);
}

/** A planned chart: its key (file name), instance and data, before anything is drawn. */
export interface PlannedChart {
  key: string;
  inst: Instance;
  data: ChartData;
}

export const PLAN_KEY = 'charts:plan';
/**
 * Where the bulletin-wide charts are kept once rendered (render.ts): every partner group shares
 * them, as every deck shows them, while each group's own charts go with it.
 */
export const SHARED_CHARTS_KEY = 'charts:rendered:bulletin-wide';

/**
 * Every chart the build has, with its data: bulletin-wide specs once, per-partner specs per deck
 * partner. Cheap: nothing is drawn.
 */
export function planCharts(ctx: BuildContext): PlannedChart[] {
  let plan = ctx.assets.get(PLAN_KEY) as PlannedChart[] | undefined;
  if (!plan) {
    const loaded = loadChartSpecs(ctx.templates);
    const instances: Instance[] = loaded.specs.flatMap((spec, index): Instance[] =>
      isPerPartner(spec)
        ? ctx.partners.map((partner) => ({ spec, index, partner }))
        : [{ spec, index }],
    );
    plan = instances.flatMap((inst) => {
      const data = chartData(ctx, loaded, inst);
      return data
        ? [{ key: inst.partner ? `${inst.spec.id}-${inst.partner}` : inst.spec.id, inst, data }]
        : [];
    });
    ctx.assets.set(PLAN_KEY, plan);
    ctx.assets.set(`${PLAN_KEY}:loaded`, loaded);
  }
  return plan;
}

/** The plan by key: a lookup per chart would be quadratic in partners. */
export function planIndex(ctx: BuildContext): Map<string, PlannedChart> {
  let index = ctx.assets.get(`${PLAN_KEY}:index`) as Map<string, PlannedChart> | undefined;
  if (!index)
    ctx.assets.set(`${PLAN_KEY}:index`, (index = new Map(planCharts(ctx).map((c) => [c.key, c]))));
  return index;
}
