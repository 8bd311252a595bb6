/** Draws one deck: deck model → slides on the house masters → fixed-up PPTX bytes. Loaded only when a deck is rebuilt. */
import { PptxGenJS } from './pptxgen.js';
import type { BuildContext } from '../types.js';
import type { DeckModel, DeckSlide } from '../../model/deck.js';
import { defineMasters, colors, SANS, SERIF } from './master.js';
import { addSlide, type DeckChart } from './slides.js';
import { fontMeasure } from './fit.js';
import { finishPackage } from './package.js';
import { faceHints } from './a11y.js';
import { deckChartKey } from './chart-key.js';
import { nativeChart } from './native-charts.js';
import { houseFrame } from './frame.js';
import { getChart } from '../../charts/render.js';

/** The chart a slide names, drawn for this partner from the shared specs; null when the partner has none. */
export function chartsFor(
  ctx: BuildContext,
  partnerId: string,
): (slide: DeckSlide) => DeckChart | null {
  return (slide) => {
    // Only the charts this deck shows are drawn (once, shared with the charts renderer).
    const key = slide.chart === undefined ? undefined : deckChartKey(ctx, slide.chart, partnerId);
    const rendered = key === undefined ? undefined : getChart(ctx, key);
    if (!rendered) return null;
    return {
      rendered,
      native: nativeChart(rendered, ctx.theme.theme, ctx.dataset.bulletin.locale),
    };
  };
}

/** Builds one deck's bytes. */
export async function renderDeck(ctx: BuildContext, deck: DeckModel): Promise<Uint8Array> {
  const theme = ctx.theme.theme;
  const b = ctx.dataset.bulletin;
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_WIDE';
  pptx.theme = { headFontFace: SERIF, bodyFontFace: SANS };
  pptx.author = ctx.bulletin.meta.credit ?? b.authors.map((a) => a.name).join(', ');
  pptx.company = b.publisher.name;
  pptx.title = `${b.title}: ${deck.partner.name}`;
  defineMasters(pptx, theme, b.series, deck.footer);
  const env = {
    pptx,
    deck,
    measure: fontMeasure(ctx.theme),
    c: colors(theme),
    chart: chartsFor(ctx, deck.partner.id),
    mode: ctx.deckCharts,
    frame: houseFrame,
  };
  for (const s of deck.slides) addSlide(env, s);
  const raw = (await pptx.write({ outputType: 'nodebuffer' })) as Buffer;
  return finishPackage(
    raw,
    {
      title: `${b.title}: ${deck.partner.name}`,
      subject: b.topic ?? b.series,
      author: pptx.author,
      company: b.publisher.name,
      keywords: b.series,
    },
    theme,
    ctx.clock,
    faceHints(ctx.theme, { serif: SERIF, sans: SANS }),
  );
}
