/**
 * The bodies of slides: fitted text in a placeholder, a labelled list as rows, quotes, a
 * chart with its commentary, one large figure. Every box comes from the slide's plan.
 */
import type * as P from './pptxgen.js';
import { InputError } from '../../errors.js';
import type { DeckSlide } from '../../model/deck.js';
import {
  addParas,
  blocksToParas,
  fitError,
  fitParas,
  labelledRows,
  parasHeight,
  type Box,
  type Para,
} from './text.js';
import { largestFitting } from './fit.js';
import type { NativeBarChart } from './native-charts.js';
import { drawChart } from './draw-chart.js';
import type { SlidePlan } from './frame.js';
import type { DeckChart, SlideEnv } from './slides.js';

const PT = 72;

/** Fits and writes paragraphs, or fails the build naming the slide. */
export function place(
  env: SlideEnv,
  slide: P.Slide,
  s: DeckSlide,
  part: string,
  paras: Para[],
  box: Box,
  size: number,
  min: number,
  extra: Partial<P.TextPropsOptions> = {},
): number {
  const fitted = fitParas(paras, box, size, min, env.measure);
  if (fitted === null) throw fitError(env.deck, s, part, min);
  // Named for what it is ("Title", "Body"), as PowerPoint's selection pane lists shapes.
  const objectName = part.charAt(0).toUpperCase() + part.slice(1);
  addParas(slide, paras, box, fitted, { objectName, ...extra }, env.frame.faces);
  return fitted;
}

/**
 * Body text across the content width: a labelled list as two columns, anything else as paragraphs.
 */
export function body(env: SlideEnv, slide: P.Slide, s: DeckSlide, box: Box): void {
  const t = env.deck.type.body;
  // Two columns need room; in a narrow column the bold label simply leads its bullet.
  const rows = box.w >= 7 ? labelledRows(s.body) : null;
  if (!rows) {
    const paras = blocksToParas(s.body, 'sans', env.c.ink);
    place(env, slide, s, 'body', paras, box, t.size, t.min, { placeholder: 'body' });
    return;
  }
  // Label column as wide as the widest label at the start size (bounded), the text beside it.
  const labelW = Math.min(
    3.2,
    Math.max(
      1.4,
      ...rows.map((r) => (env.measure(r.label, 'sans', t.size, true) / PT) * 1.08 + 0.1),
    ),
  );
  const textW = box.w - labelW - 0.3;
  const para = (runs: Para['runs'], color: string, bold = false): Para => ({
    runs,
    family: 'sans',
    scale: 1,
    color,
    bold,
    after: 0,
  });
  const rowGap = 0.7;
  const rowH = (size: number, r: (typeof rows)[number]) =>
    Math.max(
      parasHeight([para([{ text: r.label }], '', true)], labelW, size, env.measure),
      parasHeight([para(r.runs, '')], textW, size, env.measure),
    );
  const total = (size: number) =>
    rows.reduce((h, r) => h + rowH(size, r), 0) + (rows.length - 1) * rowGap * size;
  const size = largestFitting(
    { family: 'sans', size: t.size, min: t.min, leading: 1 },
    box.h * PT,
    total,
  );
  if (size === null) throw fitError(env.deck, s, 'list', t.min);
  let y = box.y;
  for (const r of rows) {
    const h = rowH(size, r) / PT;
    addParas(
      slide,
      [para([{ text: r.label }], env.c.accent, true)],
      { x: box.x, y, w: labelW, h },
      size,
      {},
      env.frame.faces,
    );
    addParas(
      slide,
      [para(r.runs, env.c.ink)],
      { x: box.x + labelW + 0.3, y, w: textW, h },
      size,
      {},
      env.frame.faces,
    );
    y += h + (rowGap * size) / PT;
    if (r !== rows[rows.length - 1])
      slide.addShape(env.pptx.ShapeType.line, {
        x: box.x,
        y: y - (rowGap * size) / PT / 2,
        w: box.w,
        h: 0,
        line: { color: env.c.rule, width: 0.5 },
      });
  }
}

/** Quotes: the words in the serif at quote size, the attribution in the sans below each. */
export function quotes(env: SlideEnv, slide: P.Slide, s: DeckSlide, plan: SlidePlan): void {
  const q = env.deck.type.quote;
  const paras = blocksToParas(s.body, 'sans', env.c.muted, env.c.accent).map(
    (p): Para => (p.italic ? { ...p, after: 0.3 } : { ...p, scale: 0.62, after: 1.1 }),
  );
  place(env, slide, s, 'quotes', paras, plan.body, q.size, q.min, { placeholder: 'body' });
}

/** The chart on the left (native, or its PNG in image mode), the commentary on the right. */
export function withChart(
  env: SlideEnv,
  slide: P.Slide,
  s: DeckSlide,
  { rendered, native: chart }: DeckChart,
  plan: SlidePlan,
): void {
  const { x: left, y: top, w: chartW, h } = plan.chart;
  const rows = chart?.kind === 'bars' ? chart.labels.length : 0;
  const legend = chart?.kind === 'timeline' || (chart?.series.length ?? 0) > 1 ? 0.5 : 0;
  const barsH = chart?.kind === 'bars' ? Math.min(h, 0.75 + legend + rows * 0.85) : h;
  // A box too shallow to read the chart in (a template's content strip under a mid-slide
  // title) fails like text that does not fit, so the slide moves to a roomier plan.
  const least = chart?.kind === 'bars' ? Math.min(2, 0.5 + legend + rows * 0.3) : 2.4;
  if (h < least)
    throw new InputError('E_DECK_FIT', [
      {
        file: env.deck.file,
        path: `slides[${s.at}]`,
        message:
          `the chart of the "${s.kind}" slide for ${env.deck.partner.name} needs a box at ` +
          `least ${least.toFixed(1)} in tall; it has ${h.toFixed(1)} in`,
      },
    ]);
  if (env.mode === 'image' || chart === null) {
    // The same box as the native chart, the picture scaled to fit it without distortion.
    const scale = Math.min(chartW / rendered.width, barsH / rendered.height);
    slide.addImage({
      data: `image/png;base64,${rendered.png.toString('base64')}`,
      x: left,
      y: top,
      w: rendered.width * scale,
      h: rendered.height * scale,
      altText: rendered.alt,
    });
  } else
    drawChart(
      env,
      slide,
      chart,
      { x: left - 0.1, y: top, w: chartW, h: barsH },
      env.frame.faces.sans,
    );
  body(env, slide, s, plan.side);
}

/** One figure, large, with its label; the commentary on the right as on chart slides. */
export function withCallout(
  env: SlideEnv,
  slide: P.Slide,
  s: DeckSlide,
  chart: NativeBarChart,
  plan: SlidePlan,
): void {
  const figure = chart.display[0] ?? '';
  const big: Para[] = [
    {
      runs: [{ text: figure }],
      family: 'serif',
      scale: 1,
      color: env.c.accent,
      bold: true,
      after: 0.15,
    },
    {
      runs: [{ text: chart.labels[0] ?? '' }],
      family: 'sans',
      scale: 0.4,
      color: env.c.muted,
      after: 0,
    },
  ];
  place(
    env,
    slide,
    s,
    'figure',
    big,
    {
      x: plan.chart.x,
      y: plan.chart.y + 0.2,
      w: Math.min(6.4, plan.chart.w),
      h: Math.min(2.2, plan.chart.h - 0.2),
    },
    66,
    // A template's narrow content box may not hold "WST 1.15 million" at 36pt; the figure may
    // shrink as far as a slide title may, and still leads the slide.
    Math.min(36, env.deck.type.title.min),
  );
  body(env, slide, s, plan.side);
}
