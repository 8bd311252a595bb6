/** The decks renderer: per partner, deck model → slides on the house masters → fixed-up PPTX bytes. */
import { PptxGenJS } from './pptxgen.js';
import type { Artifact, BuildContext, Renderer } from '../types.js';
import { buildDeckModel, parseDeckConfig, type DeckModel, type DeckSlide } from '../../model/deck.js';
import { defineMasters, colors, SANS, SERIF } from './master.js';
import { addSlide, type DeckChart } from './slides.js';
import { fontMeasure } from './fit.js';
import { finishPackage } from './package.js';
import { nativeBars } from './native-charts.js';
import { getCharts } from '../../charts/render.js';

/** The chart a slide names, drawn for this partner from the shared specs; null when the partner has none. */
function chartsFor(ctx: BuildContext, partnerId: string): (slide: DeckSlide) => DeckChart | null {
  const charts = getCharts(ctx);
  return (slide) => {
    const rendered = slide.chart === undefined ? undefined : charts.find((c) => c.specId === slide.chart && c.partner === partnerId);
    const bars = rendered ? nativeBars(rendered, ctx.theme.theme, ctx.dataset.bulletin.locale) : null;
    return rendered && bars ? { rendered, bars } : null;
  };
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
  const env = { pptx, deck, measure: fontMeasure(ctx.theme), c: colors(theme), chart: chartsFor(ctx, deck.partner.id), mode: ctx.deckCharts ?? 'native' };
  for (const s of deck.slides) addSlide(env, s);
  const raw = (await pptx.write({ outputType: 'nodebuffer' })) as Buffer;
  return finishPackage(raw, { title: `${b.title}: ${deck.partner.name}`, subject: b.topic ?? b.series, author: pptx.author, company: b.publisher.name, keywords: b.series }, theme, ctx.clock);
}

export const decksRenderer: Renderer = {
  name: 'decks',
  async render(ctx: BuildContext): Promise<Artifact[]> {
    if (ctx.partners.length === 0) return [];
    const config = parseDeckConfig(ctx.templates);
    const date = ctx.clock.toISOString().slice(0, 10);
    const out: Artifact[] = [];
    for (const id of ctx.partners) {
      const deck = buildDeckModel(config, ctx.templates, ctx.engine, ctx.scope, id, date);
      out.push({ path: `decks/${id}.pptx`, kind: 'pptx', partner: id, bytes: await renderDeck(ctx, deck), slides: deck.slides.length });
    }
    return out;
  },
};
