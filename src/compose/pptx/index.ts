/** The decks renderer: per partner, deck model → slides on the house masters → fixed-up PPTX bytes. */
import { PptxGenJS } from './pptxgen.js';
import type { Artifact, BuildContext, Renderer, Unit } from '../types.js';
import { styleInputs } from '../inputs.js';
import { buildDeckModel, parseDeckConfig, type DeckModel, type DeckSlide } from '../../model/deck.js';
import { defineMasters, colors, SANS, SERIF } from './master.js';
import { addSlide, type DeckChart } from './slides.js';
import { fontMeasure } from './fit.js';
import { finishPackage } from './package.js';
import { nativeBars } from './native-charts.js';
import { getChart, planCharts } from '../../charts/render.js';

/** The chart a slide names, drawn for this partner from the shared specs; null when the partner has none. */
export function chartsFor(ctx: BuildContext, partnerId: string): (slide: DeckSlide) => DeckChart | null {
  return (slide) => {
    // Only the charts this deck shows are drawn (once, shared with the charts renderer).
    const rendered = slide.chart === undefined ? undefined : getChart(ctx, `${slide.chart}-${partnerId}`);
    const bars = rendered ? nativeBars(rendered, ctx.theme.theme, ctx.dataset.bulletin.locale) : null;
    return rendered && bars ? { rendered, bars } : null;
  };
}

/** What a slide's chart plots, without drawing it (for the deck's inputs hash). */
function plannedChart(ctx: BuildContext, slide: DeckSlide, partnerId: string): unknown {
  if (slide.chart === undefined) return null;
  const p = planCharts(ctx).find((c) => c.key === `${slide.chart}-${partnerId}`);
  return p ? { spec: p.inst.spec, data: p.data } : null;
}

/** Builds one deck's bytes. */
export async function renderDeck(ctx: BuildContext, deck: DeckModel): Promise<Uint8Array> {
  const theme = ctx.theme.theme;
  const b = ctx.dataset.bulletin;
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_WIDE';
  pptx.theme = { headFontFace: SERIF, bodyFontFace: SANS };
  pptx.author = b.authors.map((a) => a.name).join(', ');
  pptx.company = b.publisher.name;
  pptx.title = `${b.title}: ${deck.partner.name}`;
  defineMasters(pptx, theme, b.series, deck.footer);
  const env = { pptx, deck, measure: fontMeasure(ctx.theme), c: colors(theme), chart: chartsFor(ctx, deck.partner.id), mode: ctx.deckCharts };
  for (const s of deck.slides) addSlide(env, s);
  const raw = (await pptx.write({ outputType: 'nodebuffer' })) as Buffer;
  return finishPackage(raw, { title: `${b.title}: ${deck.partner.name}`, subject: b.topic ?? b.series, author: pptx.author, company: b.publisher.name, keywords: b.series }, theme, ctx.clock);
}

/** Deck models are cached per template set and scope: a context copied with other templates gets its own. */
const modelCache = new WeakMap<object, WeakMap<object, Map<string, DeckModel>>>();

/** The deck models for the build's partners, built once (cheap: text only); the preview draws them too. */
export function deckModels(ctx: BuildContext): Map<string, DeckModel> {
  let byScope = modelCache.get(ctx.templates);
  if (!byScope) modelCache.set(ctx.templates, (byScope = new WeakMap()));
  let models = byScope.get(ctx.scope);
  if (!models) {
    const config = parseDeckConfig(ctx.templates);
    const date = ctx.clock.toISOString().slice(0, 10);
    models = new Map(ctx.partners.map((id) => [id, buildDeckModel(config, ctx.templates, ctx.engine, ctx.scope, id, date)]));
    byScope.set(ctx.scope, models);
  }
  return models;
}

export const decksRenderer: Renderer = {
  name: 'decks',
  units(ctx: BuildContext): Unit[] {
    const b = ctx.dataset.bulletin;
    const meta = { title: b.title, authors: b.authors, publisher: b.publisher, topic: b.topic, series: b.series };
    return [...deckModels(ctx)].map(([id, deck]) => ({
      key: id, partner: id, paths: [`decks/${id}.pptx`],
      // The deck's text and notes, the figures its charts plot, the style and the clock.
      inputs: { deck, charts: deck.slides.map((s) => plannedChart(ctx, s, id)), meta, style: styleInputs(ctx), clock: ctx.clock.toISOString(), mode: ctx.deckCharts },
    }));
  },
  async render(ctx: BuildContext, units: Unit[]): Promise<Artifact[]> {
    const models = deckModels(ctx);
    const out: Artifact[] = [];
    for (const u of units) {
      const deck = models.get(u.key)!;
      out.push({ path: `decks/${u.key}.pptx`, kind: 'pptx', partner: u.key, bytes: await renderDeck(ctx, deck), slides: deck.slides.length });
    }
    return out;
  },
};
