/**
 * The decks renderer's descriptor: one unit per partner, planned from the deck models (text
 * only). pptxgenjs, fontkit and the chart renderer are imported only when a deck is rebuilt.
 */
import type { Artifact, BuildContext, Renderer, Unit } from '../types.js';
import { styleInputs } from '../inputs.js';
import { buildDeckModel, type DeckModel, type DeckSlide } from '../../model/deck.js';
import { planIndex } from '../../charts/plan.js';
import { deckChartKey } from './chart-key.js';
import { deckSetup } from './template/choose.js';

/** What a slide's chart plots, without drawing it (for the deck's inputs hash). */
function plannedChart(ctx: BuildContext, slide: DeckSlide, partnerId: string): unknown {
  if (slide.chart === undefined) return null;
  const p = planIndex(ctx).get(deckChartKey(ctx, slide.chart, partnerId));
  return p ? { spec: p.inst.spec, data: p.data } : null;
}

/**
 * Deck models are cached per template set and scope: a context copied with other templates
 * gets its own.
 */
const modelCache = new WeakMap<object, WeakMap<object, Map<string, DeckModel>>>();

/**
 * The deck models for the build's partners, built once (cheap: text only); the preview draws
 * them too.
 */
export function deckModels(
  ctx: Pick<BuildContext, 'dataset' | 'templates' | 'scope' | 'partners' | 'clock' | 'engine'>,
): Map<string, DeckModel> {
  let byScope = modelCache.get(ctx.templates);
  if (!byScope) modelCache.set(ctx.templates, (byScope = new WeakMap()));
  let models = byScope.get(ctx.scope);
  if (!models) {
    const config = deckSetup(ctx.templates).config;
    const date = ctx.clock.toISOString().slice(0, 10);
    models = new Map(
      ctx.partners.map((id) => [
        id,
        buildDeckModel(ctx.dataset, config, ctx.templates, ctx.engine, ctx.scope, id, date),
      ]),
    );
    byScope.set(ctx.scope, models);
  }
  return models;
}

export const decksRenderer: Renderer = {
  name: 'decks',
  units(ctx: BuildContext): Unit[] {
    const b = ctx.dataset.bulletin;
    const meta = {
      title: b.title,
      authors: b.authors,
      credit: ctx.bulletin.meta.credit,
      publisher: b.publisher,
      topic: b.topic,
      series: b.series,
    };
    // The organisation's template by content, and its layout choices (a changed file rebuilds).
    const { chosen, config } = deckSetup(ctx.templates);
    const template = chosen ? { sha256: chosen.sha256, layouts: config.layouts ?? {} } : null;
    return [...deckModels(ctx)].map(([id, deck]) => ({
      key: id,
      partner: id,
      paths: [`decks/${id}.pptx`],
      // The deck's text and notes, the figures its charts plot, the style and the clock.
      inputs: {
        deck,
        charts: deck.slides.map((s) => plannedChart(ctx, s, id)),
        meta,
        style: styleInputs(ctx),
        clock: ctx.clock.toISOString(),
        mode: ctx.deckCharts,
        ...(template ? { template } : {}),
      },
    }));
  },
  async render(ctx: BuildContext, units: Unit[]): Promise<Artifact[]> {
    const { renderDeck } = await import('./render.js');
    const models = deckModels(ctx);
    const out: Artifact[] = [];
    for (const u of units) {
      const deck = models.get(u.key);
      if (!deck) throw new Error(`no deck model for ${u.key}`);
      out.push({
        path: `decks/${u.key}.pptx`,
        kind: 'pptx',
        partner: u.key,
        bytes: await renderDeck(ctx, deck),
        slides: deck.slides.length,
      });
    }
    return out;
  },
};
