/**
 * One layout per slide kind, on the deck's frame (frame.ts: the house grid or an
 * organisation's template). The words come from the deck model; this file only places them,
 * fits them and adds the native chart a kind calls for (slide-parts.ts holds the bodies).
 */
import type * as P from './pptxgen.js';
import { InputError } from '../../errors.js';
import type { DeckModel, DeckSlide } from '../../model/deck.js';
import { type colors, SMALL } from './master.js';
import { blocksToParas, labelledRows, type Para } from './text.js';
import { contrast, TEXT } from './contrast.js';
import type { Measure } from './fit.js';
import type { NativeChart } from './native-charts.js';
import type { RenderedChart } from '../../charts/render.js';
import type { DeckFrame, Role, SlidePlan } from './frame.js';
import { body, place, quotes, withCallout, withChart } from './slide-parts.js';
import { firstFitting, versions } from './slide-fallback.js';

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
  /** The layouts and boxes slides are set on. */
  frame: DeckFrame;
}

/**
 * Adds one slide of the deck and returns the plan it was laid out on. Shapes are added in
 * reading order (title, chart, commentary): screen readers and PowerPoint's outline follow
 * the order of shapes on the slide.
 */
export function addSlide(env: SlideEnv, s: DeckSlide): SlidePlan {
  const chart = s.kind === 'title' ? null : env.chart(s);
  // A full-width labelled list is drawn as rows of boxes: no single body to fill.
  const rows = !chart && s.kind !== 'quotes' && labelledRows(s.body) !== null;
  const role: Role =
    s.kind === 'title'
      ? 'cover'
      : chart
        ? 'side'
        : s.kind === 'quotes'
          ? 'quote'
          : rows
            ? 'titleOnly'
            : 'content';
  const first = env.frame.plan(role, s.kind);
  const fallbacks = env.frame.fallbacks?.(role, s.kind) ?? [];
  // On a template, a layout too small for the text moves it to another plan, and past the
  // last plan its list is shortened into the notes, instead of stopping the build.
  const found = firstFitting(
    fallbacks.length ? versions(s) : [s],
    [first, ...fallbacks],
    (slide, version, plan) => fill(env, slide, version, plan, chart),
  );
  if ('error' in found)
    throw first.source ? onLayout(found.error, first.source, s.kind) : found.error;
  const slide = env.pptx.addSlide({ masterName: found.plan.layout });
  found.draft.replay(slide);
  slide.addNotes(notesWithTakeaway(found.s.notes, chart));
  return found.plan;
}

/** Draws a slide's parts on its plan. */
function fill(
  env: SlideEnv,
  slide: P.Slide,
  s: DeckSlide,
  plan: SlidePlan,
  chart: DeckChart | null,
) {
  if (s.kind === 'title') return cover(env, slide, s, plan);
  title(env, slide, s, plan);
  // A one-bar chart says nothing a number cannot: show the figure itself instead.
  if (chart?.native?.kind === 'bars' && chart.native.values.length === 1)
    withCallout(env, slide, s, chart.native, plan);
  else if (chart) withChart(env, slide, s, chart, plan);
  else if (s.kind === 'quotes') quotes(env, slide, s, plan);
  else body(env, slide, s, plan.body);
}

/** A fitting failure on a template's layout says which layout, and how to choose another. */
function onLayout(err: unknown, source: string, kind: string): unknown {
  if (!(err instanceof InputError) || err.code !== 'E_DECK_FIT') return err;
  return new InputError(
    err.code,
    err.problems.map((p) => ({
      ...p,
      message:
        `${p.message}; the box is ${source}: name a roomier layout for "${kind}" under ` +
        '"layouts" in deck.json, or lower the sizes under "type"',
    })),
  );
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

/**
 * Titles sit in the title placeholder, bottom-aligned on the house masters; on a template they
 * take its alignment and anchoring (its title colour is in the plan too, checked for contrast).
 */
function titleOptions(plan: SlidePlan): Partial<P.TextPropsOptions> {
  const look = plan.titleLook;
  if (!look) return { valign: 'bottom', placeholder: 'title' };
  return {
    placeholder: 'title',
    align: look.align ?? 'left',
    ...(look.valign ? { valign: look.valign } : {}),
    ...(look.panel ? { fill: { color: look.panel } } : {}),
  };
}

/** The takeaway headline: serif, accent-free, up to two lines. */
function title(env: SlideEnv, slide: P.Slide, s: DeckSlide, plan: SlidePlan): void {
  const t = env.deck.type.title;
  const paras: Para[] = [
    {
      runs: [{ text: s.title }],
      family: 'serif',
      scale: 1,
      color: plan.titleLook?.color ?? env.c.ink,
      bold: true,
      after: 0,
    },
  ];
  place(env, slide, s, 'title', paras, plan.title, t.size, t.min, titleOptions(plan));
}

/**
 * The cover: partner name large (the slide title), the handling line top right, the title
 * block below.
 */
function cover(env: SlideEnv, slide: P.Slide, s: DeckSlide, plan: SlidePlan): void {
  const t = env.deck.type.cover;
  const name: Para[] = [
    {
      runs: [{ text: s.title }],
      family: 'serif',
      scale: 1,
      color: plan.titleLook?.color ?? env.c.accent,
      bold: true,
      after: 0,
    },
  ];
  place(env, slide, s, 'partner name', name, plan.title, t.size, t.min, titleOptions(plan));
  const aside: Para[] = s.aside
    ? [
        {
          runs: [{ text: s.aside }],
          family: 'sans',
          scale: 1,
          color: env.c.accent,
          bold: true,
          after: 0,
        },
      ]
    : [];
  if (aside.length && plan.aside)
    place(env, slide, s, 'handling line', aside, plan.aside, SMALL, SMALL, { align: 'right' });
  const ink = blockInk(plan.bodyFills, env.c.ink, env.c.muted);
  const paras = blocksToParas(s.body, 'sans', ink.muted).map(
    (p, i): Para =>
      i === 0
        ? { ...p, family: 'serif', color: ink.ink, scale: 1.35, after: 0.6 }
        : { ...p, after: 0.25 },
  );
  // A panel a little larger than the block, so its text does not touch the panel's edge.
  if (ink.panel) {
    const pad = 0.12;
    const b = plan.body;
    slide.addShape(env.pptx.ShapeType.rect, {
      x: b.x - pad,
      y: b.y - pad,
      w: b.w + 2 * pad,
      h: b.h + 2 * pad,
      fill: { color: ink.panel },
      line: { type: 'none' },
    });
  }
  // Without a place of its own on the template, the handling line leads the title block.
  const lead = plan.aside
    ? []
    : aside.map((p) => ({
        ...p,
        scale: 0.6,
        after: 0.6,
        ...(ink.ink !== env.c.ink ? { color: ink.ink } : {}),
      }));
  place(
    env,
    slide,
    s,
    'title block',
    [...lead, ...paras],
    plan.body,
    env.deck.type.body.size,
    env.deck.type.body.min,
    { placeholder: 'body' },
  );
}

/**
 * The cover title block's colours on a template: the house's where they read at 4.5:1 on every
 * colour behind the block; else one colour that does (black or white); else black on a white
 * panel, as a title is set where no colour reads on its picture.
 */
function blockInk(
  fills: readonly string[] | undefined,
  ink: string,
  muted: string,
): { ink: string; muted: string; panel?: string } {
  if (!fills?.length) return { ink, muted };
  const worst = (c: string) => Math.min(...fills.map((f) => contrast(c, f)));
  if (worst(ink) >= TEXT && worst(muted) >= TEXT) return { ink, muted };
  const one = [ink, '000000', 'FFFFFF'].find((c) => worst(c) >= TEXT);
  if (one) return { ink: one, muted: one };
  const dark = contrast(ink, 'FFFFFF') >= TEXT ? ink : '000000';
  return { ink: dark, muted: dark, panel: 'FFFFFF' };
}
