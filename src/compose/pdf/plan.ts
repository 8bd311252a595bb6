/**
 * The bulletin's page plan, made once per build and shared: the PDF paints it, the preview
 * draws it on a canvas, and the fit warnings read which type step it took. Measuring goes
 * through a pdfkit document with the theme fonts, so every reader sees the plan the PDF has.
 */
import { requireCjs } from '../../cjs.js';
import type { BuildContext } from '../types.js';
import { registerFonts, type Doc } from './fonts.js';
import { layoutBulletin, type PagePlan } from './layout.js';
import { cachedMeasure } from './measure.js';
import type { ChartFigure } from './boxes.js';
import { chartSvgAt, drawChartOn, getChart } from '../../charts/render.js';
import { spareCharts } from './spares.js';
import { PdfChartContext } from './chart-context.js';
import { chartFaces } from '../../charts/fonts.js';
import { sourceCredit } from '../source-credit.js';

const PDFDocument = requireCjs('pdfkit') as typeof import('pdfkit');

const PLAN_KEY = 'pdf:plan';

/**
 * The layout's figures joined with their rendered charts (rendered once, shared with other
 * formats).
 */
export function chartFigures(ctx: BuildContext): ChartFigure[] {
  return ctx.bulletin.figures.flatMap((f) => {
    // Only the charts the page shows are drawn here; the rest wait for whoever needs them.
    const fig = figureOf(ctx, f.chart);
    return fig
      ? [
          {
            ...fig,
            page: f.page,
            column: f.column,
            position: f.position,
            cutPriority: f.cutPriority,
          },
        ]
      : [];
  });
}

/**
 * The bulletin-wide charts the layout does not set, with at least two values to compare: the
 * composer may add them when the text is too short to fill the pages. They are cut first.
 */
export function spareFigures(ctx: BuildContext): ChartFigure[] {
  const set = new Set(ctx.bulletin.figures.map((f) => f.chart));
  return spareCharts(ctx)
    .filter((c) => !set.has(c.key))
    .flatMap((c) => {
      const fig = figureOf(ctx, c.key);
      return fig
        ? [{ ...fig, page: 1, column: 0, position: 'bottom' as const, cutPriority: 0 }]
        : [];
    });
}

type Placement = 'page' | 'column' | 'position' | 'cutPriority';

/** A rendered chart as a figure to set, placement still to choose. */
function figureOf(ctx: BuildContext, key: string): Omit<ChartFigure, Placement> | undefined {
  const c = getChart(ctx, key);
  if (!c || c.partner !== undefined) return undefined;
  // Two sources of one author and publisher are one credit under a chart.
  const sources = [...new Set(ctx.bulletin.sources.map(sourceCredit))].join('; ');
  const note = [...c.notes, `Source: ${sources}.`].join(' ');
  return {
    id: c.id,
    title: c.title,
    width: c.width,
    height: c.height,
    rows:
      c.data.kind === 'bar'
        ? c.data.labels.length + c.data.panels.filter((p) => p.heading).length
        : c.data.rows.length,
    note,
    alt: `${c.alt} ${c.takeaway}`,
    svgAt: (h: number) => chartSvgAt(ctx, c.id, h),
    paintAt: (h: number, doc: Doc) => paintChart(ctx, c.id, c.width, h, doc),
  };
}

/**
 * Paints a chart straight onto the PDF page (at the origin, a unit a pixel) in the theme's
 * sans faces, as the SVG charts are drawn; italic falls back to upright where the theme has none.
 */
function paintChart(ctx: BuildContext, key: string, width: number, height: number, doc: Doc) {
  drawChartOn(ctx, key, new PdfChartContext(doc, chartFaces(ctx.theme), width, height));
}

/**
 * The fitted page plan for this build's paper; `doc` measures when given (the PDF's own document).
 */
export function bulletinPlan(ctx: BuildContext, doc?: Doc): PagePlan {
  const cached = ctx.assets.get(PLAN_KEY) as PagePlan | undefined;
  if (cached) {
    if (doc) sameFontNames(ctx, doc);
    return cached;
  }
  let measurer = doc;
  if (!measurer) {
    measurer = new PDFDocument({ autoFirstPage: false }) as Doc;
    registerFonts(measurer, ctx.theme);
  }
  const measure = cachedMeasure(measurer);
  const paper = ctx.print.paper ?? ctx.theme.theme.page.size;
  const plan = layoutBulletin(
    ctx.bulletin,
    ctx.theme.theme,
    measure,
    ctx.templates.root,
    paper,
    chartFigures(ctx),
    spareFigures(ctx),
  );
  ctx.assets.set(PLAN_KEY, plan);
  ctx.assets.set(FONT_ORDER_KEY, Object.keys(fontsOf(measurer)));
  return plan;
}

const FONT_ORDER_KEY = 'pdf:font-order';
const fontsOf = (doc: Doc) => (doc as unknown as { _fontFamilies: object })._fontFamilies;

/**
 * pdfkit names fonts /F1, /F2, … in the order a document first uses them, and measuring the
 * plan uses them first. A document painted from a plan another one measured (the print
 * edition after the screen edition) takes the fonts in the measurer's order, so its bytes are
 * the same whether it is built alone, second, or in another thread.
 */
function sameFontNames(ctx: BuildContext, doc: Doc): void {
  // A font the document has used keeps its name; on the measurer itself this does nothing.
  for (const name of (ctx.assets.get(FONT_ORDER_KEY) as string[] | undefined) ?? []) doc.font(name);
}
