/**
 * renderCharts: every chart spec → SVG (vector, for the PDF) and PNG (for decks and the web),
 * through chart.js 4 and chartjs-node-canvas 5. getCharts(ctx) renders once per build and
 * caches the result in ctx.assets, so the PDF, the decks and the charts renderer share it.
 */
import { ChartJSNodeCanvas } from 'chartjs-node-canvas';
import type { BuildContext } from '../compose/types.js';
import type { ResolvedTheme } from '../model/theme.js';
import { PAGE_SIZES } from '../compose/pdf/layout.js';
import { InputError } from '../errors.js';
import { specError, type LoadedSpecs } from './spec.js';
import { limitBars, type ChartData } from './data.js';
import {
  chartData,
  planCharts,
  planIndex,
  PLAN_KEY,
  type Instance,
  type PlannedChart,
} from './plan.js';

export { planCharts, type Instance, type PlannedChart } from './plan.js';
import { chartConfig } from './config.js';
import { altTextOf, takeawayOf } from './takeaway.js';
import { registerThemeFaces } from './fonts.js';

/** One rendered chart with everything a document needs to place and describe it. */
export interface RenderedChart {
  /** File id: the spec id, or "<spec>-<partner>" for per-partner charts. */
  id: string;
  specId: string;
  partner?: string;
  title: string;
  caption?: string;
  /** The spec's note and the notes the data calls for (currencies, approximate dates). */
  notes: string[];
  takeaway: string;
  alt: string;
  /** Size at print, in points (1 px = 1 pt in the SVG). */
  width: number;
  height: number;
  data: ChartData;
  svg: string;
  png: Buffer;
}

/** Device pixels per point for PNGs: 1 px = 1 pt, so 5 gives 360 ppi at the printed size (3 would give only 216). */
export const PNG_SCALE = 5;
export const FONT_FAMILY = 'Source Sans 3';

/** The width a chart is drawn at: one column of the page, as the PDF sets it. */
export function columnWidth(theme: ResolvedTheme['theme']): number {
  const [W] = PAGE_SIZES[theme.page.size];
  const content = W - theme.page.margins.left - theme.page.margins.right;
  return (content - theme.page.gutter * (theme.page.columns - 1)) / theme.page.columns;
}

/** The chart's sans faces, registered with canvas (shared with the previews, see fonts.ts). */
function registerThemeFonts(root: string, theme: ResolvedTheme): void {
  registerThemeFaces(root, theme, ['sans-regular', 'sans-bold'], () => FONT_FAMILY);
}

const canvases = new Map<string, ChartJSNodeCanvas>();
/** One ChartJSNodeCanvas per size and type, reused across renders. */
function canvasFor(
  width: number,
  height: number,
  type: 'svg' | 'png',
  ink: string,
): ChartJSNodeCanvas {
  const key = `${width}x${height}:${type}:${ink}`;
  let r = canvases.get(key);
  if (r) return r;
  r = new ChartJSNodeCanvas({
    width,
    height,
    ...(type === 'svg' ? { type: 'svg' as const } : {}),
    chartCallback: (C) => {
      // Quoted: a bare `3` in the family makes canvas fall back to DejaVu without a word.
      C.defaults.font.family = `"${FONT_FAMILY}"`;
      C.defaults.color = ink;
      if (type === 'png') C.defaults.devicePixelRatio = PNG_SCALE;
    },
  });
  if (type === 'png') {
    // An opaque context gives an RGB PNG without alpha (colour type 2), as print workflows want.
    const inner = r as unknown as {
      _createCanvas: (
        w: number,
        h: number,
        t?: string,
      ) => { getContext(k: string, o: object): unknown };
    };
    const orig = inner._createCanvas;
    inner._createCanvas = (w, h, t) => {
      const c = orig(w, h, t);
      c.getContext('2d', { alpha: false });
      return c;
    };
  }
  canvases.set(key, r);
  return r;
}

/** cairo numbers its surfaces per process; fix them so the same spec gives the same bytes. */
export function normaliseSvg(svg: string): string {
  const ids = new Map<string, string>();
  return svg.replace(/surface\d+/g, (m) => {
    if (!ids.has(m)) ids.set(m, `surface${ids.size + 1}`);
    return ids.get(m)!;
  });
}

const RENDERED_KEY = 'charts:rendered';

/** Renders one planned chart to SVG and PNG from a fresh config each time. */
function renderPlanned(
  ctx: BuildContext,
  loaded: LoadedSpecs,
  planned: PlannedChart,
): RenderedChart {
  const { inst, data: all } = planned;
  // Sentences and alt text speak of every partner; the drawings show at most `show` bars.
  const data = limitBars(all, 'show' in inst.spec ? inst.spec.show : undefined);
  const theme = ctx.theme.theme;
  const locale = ctx.dataset.bulletin.locale;
  registerThemeFonts(ctx.templates.root, ctx.theme);
  const width = Math.round(columnWidth(theme));
  const height = inst.spec.height;
  const take = takeawayOf(inst.spec.takeaway, all, locale, inst.spec.mixedTakeaway);
  if (take.missing.length)
    throw specError(
      loaded,
      inst.index,
      take.field,
      `unknown slot${take.missing.length > 1 ? 's' : ''} ${take.missing.map((m) => `{${m}}`).join(', ')} for a ${inst.spec.kind} chart`,
    );
  // Drawing is most of a chart's cost (a PNG at scale 5 takes ~3x an SVG), and native-chart
  // decks need neither: each image is drawn on first read and kept.
  let svg: string | undefined;
  let png: Buffer | undefined;
  const ink = theme.colors.ink;
  return {
    id: planned.key,
    specId: inst.spec.id,
    ...(inst.partner ? { partner: inst.partner } : {}),
    title: inst.spec.title,
    ...(inst.spec.caption ? { caption: inst.spec.caption } : {}),
    notes: [...(inst.spec.note ? [inst.spec.note] : []), ...data.notes],
    takeaway: take.text,
    alt: altTextOf(inst.spec.title, all, locale),
    width,
    height,
    data,
    get svg() {
      return (svg ??= normaliseSvg(
        canvasFor(width, height, 'svg', ink)
          .renderToBufferSync(chartConfig(data, theme, locale), 'image/svg+xml')
          .toString('utf8'),
      ));
    },
    get png() {
      return (png ??= canvasFor(width, height, 'png', ink).renderToBufferSync(
        chartConfig(data, theme, locale),
        'image/png',
      ));
    },
  };
}

/** Renders an instance afresh (no cache): null when the data has nothing to show. */
export function renderChart(
  ctx: BuildContext,
  loaded: LoadedSpecs,
  inst: Instance,
): RenderedChart | null {
  const data = chartData(ctx, loaded, inst);
  return data
    ? renderPlanned(ctx, loaded, {
        key: inst.partner ? `${inst.spec.id}-${inst.partner}` : inst.spec.id,
        inst,
        data,
      })
    : null;
}

/** One chart by key, rendered on first use and shared by every renderer. */
export function getChart(ctx: BuildContext, key: string): RenderedChart | undefined {
  const planned = planIndex(ctx).get(key);
  if (!planned) return undefined;
  let rendered = ctx.assets.get(RENDERED_KEY) as Map<string, RenderedChart> | undefined;
  if (!rendered) ctx.assets.set(RENDERED_KEY, (rendered = new Map()));
  let chart = rendered.get(key);
  if (!chart) {
    chart = renderPlanned(ctx, ctx.assets.get(`${PLAN_KEY}:loaded`) as LoadedSpecs, planned);
    rendered.set(key, chart);
  }
  return chart;
}

/**
 * A chart's SVG drawn at another height (the PDF's fitting step grows charts to fill spare
 * room). chart.js lays the chart out again at that height, so nothing is stretched.
 */
export function chartSvgAt(ctx: BuildContext, key: string, height: number): string {
  const planned = planCharts(ctx).find((c) => c.key === key);
  if (!planned) throw new Error(`no chart ${key}`);
  if (height === planned.inst.spec.height) return getChart(ctx, key)!.svg;
  const cacheKey = `charts:svg:${key}:${height}`;
  let svg = ctx.assets.get(cacheKey) as string | undefined;
  if (!svg) {
    const theme = ctx.theme.theme;
    registerThemeFonts(ctx.templates.root, ctx.theme);
    const raw = canvasFor(
      Math.round(columnWidth(theme)),
      height,
      'svg',
      theme.colors.ink,
    ).renderToBufferSync(
      chartConfig(planned.data, theme, ctx.dataset.bulletin.locale),
      'image/svg+xml',
    );
    svg = normaliseSvg(raw.toString('utf8'));
    ctx.assets.set(cacheKey, svg);
  }
  return svg;
}

/** Every chart of the build, rendered (once) and shared. */
export function getCharts(ctx: BuildContext): RenderedChart[] {
  return planCharts(ctx).map((p) => getChart(ctx, p.key)!);
}

/** A bulletin-wide chart by spec id, or an InputError naming where it was asked for. */
export function chartById(
  ctx: BuildContext,
  id: string,
  where: { file: string; line?: number; column?: number; path: string },
): RenderedChart {
  const planned = planCharts(ctx).find((x) => x.key === id && x.inst.partner === undefined);
  if (!planned)
    throw new InputError('E_LAYOUT', [
      {
        ...where,
        message: `no bulletin-wide chart "${id}" in charts/charts.json; known: ${planCharts(ctx)
          .filter((x) => !x.inst.partner)
          .map((x) => x.key)
          .join(', ')}`,
      },
    ]);
  return getChart(ctx, planned.key)!;
}
