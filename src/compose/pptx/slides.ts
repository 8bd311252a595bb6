/**
 * One layout per slide kind, all on the grid from master.ts. The words come from the deck
 * model; this file only places them, fits them and adds the native chart a kind calls for.
 */
import type * as P from './pptxgen.js';
import type { DeckModel, DeckSlide } from '../../model/deck.js';
import { GRID, MASTER, PLACES, colors } from './master.js';
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
import { largestFitting, type Measure } from './fit.js';
import type { NativeBarChart, NativeChart } from './native-charts.js';
import { drawChart } from './draw-chart.js';
import type { RenderedChart } from '../../charts/render.js';

/** A slide's chart: the shared rendered chart (PNG, alt text, takeaway) and its native form. */
export interface DeckChart {
  rendered: RenderedChart;
  /** Null where no native chart can say it (bars in several currencies): the PNG is placed. */
  native: NativeChart | null;
}

/** What a slide layout needs besides its slide. */
export interface SlideEnv {
  pptx: P.Pptx;
  deck: DeckModel;
  measure: Measure;
  c: ReturnType<typeof colors>;
  /** The chart a slide names, or null when it names none or the data has none. */
  chart: (slide: DeckSlide) => DeckChart | null;
  /** Native, editable charts, or the chart PNGs as pictures. */
  mode: 'native' | 'image';
}

const PT = 72;

/**
 * Adds one slide of the deck. Shapes are added in reading order (title, chart, commentary):
 * screen readers and PowerPoint's outline follow the order of shapes on the slide.
 */
export function addSlide(env: SlideEnv, s: DeckSlide): void {
  const chart = s.kind === 'title' ? null : env.chart(s);
  // A full-width labelled list is drawn as rows of boxes: no single body to fill.
  const rows = !chart && s.kind !== 'quotes' && labelledRows(s.body) !== null;
  const layout =
    s.kind === 'title'
      ? MASTER.cover
      : chart
        ? MASTER.side
        : s.kind === 'quotes'
          ? MASTER.quote
          : rows
            ? MASTER.titleOnly
            : MASTER.content;
  const slide = env.pptx.addSlide({ masterName: layout });
  if (s.kind === 'title') cover(env, slide, s);
  else {
    title(env, slide, s);
    // A one-bar chart says nothing a number cannot: show the figure itself instead.
    if (chart?.native?.kind === 'bars' && chart.native.values.length === 1)
      withCallout(env, slide, s, chart.native);
    else if (chart) withChart(env, slide, s, chart);
    else if (s.kind === 'quotes') quotes(env, slide, s);
    else body(env, slide, s, PLACES.body);
  }
  slide.addNotes(notesWithTakeaway(s.notes, chart));
}

/**
 * The chart's takeaway sentence (from its spec) leads the speaker notes, appended here rather
 * than in the notes templates: the deck model is built before the charts are drawn.
 */
function notesWithTakeaway(notes: string, chart: DeckChart | null): string {
  const take = chart?.rendered.takeaway;
  if (!take || notes.includes(take)) return notes;
  return `${take}\n\n${notes}`;
}

/** Fits and writes paragraphs, or fails the build naming the slide. */
function place(
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
  const objectName = part[0]!.toUpperCase() + part.slice(1);
  addParas(slide, paras, box, fitted, { objectName, ...extra });
  return fitted;
}

/** The takeaway headline: serif, accent-free, up to two lines. */
function title(env: SlideEnv, slide: P.Slide, s: DeckSlide): void {
  const t = env.deck.type.title;
  const paras: Para[] = [
    {
      runs: [{ text: s.title }],
      family: 'serif',
      scale: 1,
      color: env.c.ink,
      bold: true,
      after: 0,
    },
  ];
  place(env, slide, s, 'title', paras, PLACES.title, t.size, t.min, {
    valign: 'bottom',
    placeholder: 'title',
  });
}

/** The cover: partner name large (the slide title), the handling line top right, the title block below. */
function cover(env: SlideEnv, slide: P.Slide, s: DeckSlide): void {
  const t = env.deck.type.cover;
  const name: Para[] = [
    {
      runs: [{ text: s.title }],
      family: 'serif',
      scale: 1,
      color: env.c.accent,
      bold: true,
      after: 0,
    },
  ];
  place(env, slide, s, 'partner name', name, PLACES.coverTitle, t.size, t.min, {
    valign: 'bottom',
    placeholder: 'title',
  });
  if (s.aside) {
    const w = PLACES.coverTitle.w;
    const aside: Para[] = [
      {
        runs: [{ text: s.aside }],
        family: 'sans',
        scale: 1,
        color: env.c.accent,
        bold: true,
        after: 0,
      },
    ];
    place(
      env,
      slide,
      s,
      'handling line',
      aside,
      { x: GRID.left + w / 2, y: 0.6, w: w / 2 + 0.5, h: 0.3 },
      12,
      9,
      { align: 'right' },
    );
  }
  const paras = blocksToParas(s.body, 'sans', env.c.muted).map(
    (p, i): Para =>
      i === 0
        ? { ...p, family: 'serif', color: env.c.ink, scale: 1.35, after: 0.6 }
        : { ...p, after: 0.25 },
  );
  place(
    env,
    slide,
    s,
    'title block',
    paras,
    PLACES.coverBody,
    env.deck.type.body.size,
    env.deck.type.body.min,
    { placeholder: 'body' },
  );
}

/** Body text across the content width: a labelled list as two columns, anything else as paragraphs. */
function body(env: SlideEnv, slide: P.Slide, s: DeckSlide, box: Box): void {
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
    );
    addParas(slide, [para(r.runs, env.c.ink)], { x: box.x + labelW + 0.3, y, w: textW, h }, size);
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
function quotes(env: SlideEnv, slide: P.Slide, s: DeckSlide): void {
  const q = env.deck.type.quote;
  const paras = blocksToParas(s.body, 'sans', env.c.muted, env.c.accent).map(
    (p): Para => (p.italic ? { ...p, after: 0.3 } : { ...p, scale: 0.62, after: 1.1 }),
  );
  place(env, slide, s, 'quotes', paras, PLACES.quote, q.size, q.min, { placeholder: 'body' });
}

/** The chart on the left (native, or its PNG in image mode), the commentary on the right. */
function withChart(
  env: SlideEnv,
  slide: P.Slide,
  s: DeckSlide,
  { rendered, native: chart }: DeckChart,
): void {
  const chartW = 7.1;
  const top = GRID.bodyY;
  const h = GRID.bodyBottom - top;
  const rows = chart?.kind === 'bars' ? chart.labels.length : 0;
  const legend = chart?.kind === 'timeline' || (chart?.series.length ?? 0) > 1 ? 0.5 : 0;
  const barsH = chart?.kind === 'bars' ? Math.min(h, 0.75 + legend + rows * 0.85) : h;
  if (env.mode === 'image' || chart === null) {
    // The same box as the native chart, the picture scaled to fit it without distortion.
    const scale = Math.min(chartW / rendered.width, barsH / rendered.height);
    slide.addImage({
      data: `image/png;base64,${rendered.png.toString('base64')}`,
      x: GRID.left,
      y: top,
      w: rendered.width * scale,
      h: rendered.height * scale,
      altText: rendered.alt,
    });
  } else drawChart(env, slide, chart, { x: GRID.left - 0.1, y: top, w: chartW, h: barsH });
  body(env, slide, s, PLACES.side);
}

/** One figure, large, with its label; the commentary on the right as on chart slides. */
function withCallout(env: SlideEnv, slide: P.Slide, s: DeckSlide, chart: NativeBarChart): void {
  const figure = chart.display[0]!;
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
      runs: [{ text: chart.labels[0]! }],
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
    { x: GRID.left, y: GRID.bodyY + 0.2, w: 6.4, h: 2.2 },
    66,
    36,
  );
  body(env, slide, s, PLACES.side);
}
