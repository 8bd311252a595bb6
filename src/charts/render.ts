/**
 * renderCharts: every chart spec → SVG (vector, for the PDF) and PNG (for decks and the web),
 * through chart.js 4 on node-canvas. getCharts(ctx) renders once per build and
 * caches the result in ctx.assets, so the PDF, the decks and the charts renderer share it.
 */
import type { BuildContext } from '../compose/types.js';
import type { ResolvedTheme } from '../model/theme.js';
import { PAGE_SIZES } from '../compose/pdf/layout.js';
import { must } from '../checked.js';
import { InputError } from '../errors.js';
import { specError, type LoadedSpecs } from './spec.js';
import { limitBars, type ChartData } from './data.js';
import {
  chartData,
  planCharts,
  planIndex,
  PLAN_KEY,
  SHARED_CHARTS_KEY,
  type Instance,
  type PlannedChart,
} from './plan.js';

export { planCharts, type Instance, type PlannedChart } from './plan.js';
import { altTextOf, takeawayOf } from './takeaway.js';
import { chartClaims } from './claims.js';
import type { Claim } from '../model/claims/index.js';
import { chartFaces, registerThemeFaces } from './fonts.js';
import { SvgChartContext } from './vector/svg.js';
import type { TextBox } from './vector/text.js';
import { configFor, drawPng, drawSvg, drawWith, FONT_FAMILY } from './draw.js';
import { legibleMarks } from './contrast.js';

export { FONT_FAMILY, PNG_SCALE } from './draw.js';

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
  /** The derived claims its takeaway and alt text make (ranks, the largest, firsts). */
  claims: Claim[];
  /** Size at print, in points (1 px = 1 pt in the SVG). */
  width: number;
  height: number;
  data: ChartData;
  svg: string;
  png: Buffer;
}

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

/** A 2D context chart.js can draw on that is not a canvas (the PDF's chart painter). */
export interface ChartSurface {
  canvas: { width: number; height: number };
  /** Called once the chart is drawn, before chart.js clears the canvas on destroy. */
  finish(): void;
}

/**
 * Draws a chart on a surface of the size to draw it at (column width × some height): chart.js
 * lays the chart out at that height, as for chartSvgAt, so nothing is stretched.
 */
export function drawChartOn(ctx: BuildContext, key: string, surface: ChartSurface): void {
  const planned = planIndex(ctx).get(key);
  if (!planned) throw new Error(`no chart ${key}`);
  const config = configFor(ctx, drawnData(planned), surface.canvas.width, surface.canvas.height);
  drawWith(surface, ctx.theme.theme.colors.ink, config, {}, () => surface.finish());
}

/**
 * What a chart draws: sentences and alt text speak of every partner, the drawing shows at most
 * the spec's `show` bars (its note says so). Every drawing goes through here, at any height.
 */
function drawnData({ inst, data }: PlannedChart): ChartData {
  return limitBars(data, 'show' in inst.spec ? inst.spec.show : undefined);
}

const RENDERED_KEY = 'charts:rendered';

/** Renders one planned chart to SVG and PNG from a fresh config each time. */
function renderPlanned(
  ctx: BuildContext,
  loaded: LoadedSpecs,
  planned: PlannedChart,
): RenderedChart {
  const { inst, data: all } = planned;
  const data = drawnData(planned);
  const theme = ctx.theme.theme;
  const locale = ctx.dataset.bulletin.locale;
  const width = Math.round(columnWidth(theme));
  const height = inst.spec.height;
  const take = takeawayOf(inst.spec.takeaway, all, locale, inst.spec.mixedTakeaway);
  if (take.missing.length)
    throw specError(
      loaded,
      inst.index,
      take.field,
      `unknown slot${take.missing.length > 1 ? 's' : ''} ` +
        `${take.missing.map((m) => `{${m}}`).join(', ')} for a ${inst.spec.kind} chart`,
    );
  // Drawing is most of a chart's cost (a PNG at scale 5 takes ~3x an SVG), and native-chart
  // decks need neither: the SVG is drawn on first read and kept (the PDF may read it twice);
  // the PNG (image decks, previews, --only charts) is drawn on each read and not held, so a
  // large build does not keep ~100 KB of PNG, let alone a surface, per chart.
  let svg: string | undefined;
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
    claims: chartClaims(ctx.dataset, inst, all, take.text, `chart ${planned.key}`),
    width,
    height,
    data,
    get svg() {
      return (svg ??= drawSvg(width, height, ctx.theme, configFor(ctx, data, width, height)));
    },
    get png() {
      registerThemeFonts(ctx.templates.root, ctx.theme);
      // The picture is drawn for slides alone: its marks at 3:1, as native deck charts are.
      const marks = legibleMarks(ctx.theme.theme);
      return drawPng(width, height, ink, configFor(ctx, data, width, height, marks));
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

/** A chart the plan is known to hold (its key came from the plan). */
export const renderedChart = (ctx: BuildContext, key: string): RenderedChart =>
  must(getChart(ctx, key), `planned chart ${key}`);

/** One chart by key, rendered on first use and shared by every renderer. */
export function getChart(ctx: BuildContext, key: string): RenderedChart | undefined {
  const planned = planIndex(ctx).get(key);
  if (!planned) return undefined;
  // A bulletin-wide chart (the timeline of every partner) is rendered once for all the decks
  // that show it; rendering it again per deck grew with the square of the partners.
  const store = planned.inst.partner === undefined ? SHARED_CHARTS_KEY : RENDERED_KEY;
  let rendered = ctx.assets.get(store) as Map<string, RenderedChart> | undefined;
  if (!rendered) ctx.assets.set(store, (rendered = new Map()));
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
  if (height === planned.inst.spec.height) return renderedChart(ctx, key).svg;
  const cacheKey = `charts:svg:${key}:${height}`;
  let svg = ctx.assets.get(cacheKey) as string | undefined;
  if (!svg) {
    const width = Math.round(columnWidth(ctx.theme.theme));
    svg = drawSvg(width, height, ctx.theme, configFor(ctx, drawnData(planned), width, height));
    ctx.assets.set(cacheKey, svg);
  }
  return svg;
}

/**
 * The box of every string a chart draws at a height (its spec's by default), in points from
 * the chart's top left: what a test checks for labels that print over each other.
 */
export function chartTextBoxes(ctx: BuildContext, key: string, height?: number): TextBox[] {
  const planned = must(planIndex(ctx).get(key), `planned chart ${key}`);
  const width = Math.round(columnWidth(ctx.theme.theme));
  const h = height ?? planned.inst.spec.height;
  const surface = new SvgChartContext(chartFaces(ctx.theme), width, h);
  surface.recordTexts = true;
  const config = configFor(ctx, drawnData(planned), width, h);
  drawWith(surface, ctx.theme.theme.colors.ink, config, {}, () => surface.finish());
  return surface.texts;
}

/** Every chart of the build, rendered (once) and shared. */
export function getCharts(ctx: BuildContext): RenderedChart[] {
  return planCharts(ctx).map((p) => renderedChart(ctx, p.key));
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
  return renderedChart(ctx, planned.key);
}
