/**
 * Draws one deck: deck model → slides on the house masters, or on an organisation's template
 * (its layouts grafted in when packaging) → fixed-up PPTX bytes. Loaded only when a deck is
 * to be rebuilt.
 */
import { PptxGenJS } from './pptxgen.js';
import type { BuildContext } from '../types.js';
import type { DeckModel, DeckSlide } from '../../model/deck.js';
import { defineMasters, colors, GRID, SANS, SERIF, SMALL } from './master.js';
import { addSlide, type DeckChart } from './slides.js';
import { fontMeasure, templateMeasure } from './fit.js';
import { deckSetup } from './template/choose.js';
import { templateTheme } from './template/colors.js';
import type { TemplatePlan } from './template/layouts.js';
import { defineTemplateMasters } from './template/masters.js';
import { graftTemplate } from './template/graft.js';
import type { DeckTemplate } from './template/read.js';
import { finishPackage } from './package.js';
import { handedOverEntries, withStoredHandover } from './handover-zip.js';
import { ZipFiles } from './zip.js';
import { faceHints } from './a11y.js';
import { deckChartKey } from './chart-key.js';
import { nativeChart } from './native-charts.js';
import { houseFrame } from './frame.js';
import { getChart } from '../../charts/render.js';
import type { Claim } from '../../model/claims/index.js';

const EMU_PER_INCH = 914_400;

/**
 * The chart a slide names, drawn for this partner from the shared specs; null when the
 * partner has none.
 */
export function chartsFor(
  ctx: BuildContext,
  partnerId: string,
  theme = ctx.theme.theme,
): (slide: DeckSlide) => DeckChart | null {
  return (slide) => {
    // Only the charts this deck shows are drawn (once, shared with the charts renderer).
    const key = slide.chart === undefined ? undefined : deckChartKey(ctx, slide.chart, partnerId);
    const rendered = key === undefined ? undefined : getChart(ctx, key);
    if (!rendered) return null;
    return {
      rendered,
      native: nativeChart(rendered, theme, ctx.dataset.bulletin.locale),
    };
  };
}

/** The claims a deck prints: its slides' own, and those of the charts it shows. */
function deckClaims(ctx: BuildContext, deck: DeckModel): Claim[] {
  const chartOf = (s: DeckSlide) =>
    s.chart === undefined ? undefined : getChart(ctx, deckChartKey(ctx, s.chart, deck.partner.id));
  // A claim only the web edition prints (its timeline table) is not the deck's.
  const own = (c: Claim) => c.format === undefined;
  return deck.slides.flatMap((s) => [...s.claims, ...(chartOf(s)?.claims ?? []).filter(own)]);
}

/** Builds one deck's bytes, on the house masters or the organisation's template. */
export async function renderDeck(ctx: BuildContext, deck: DeckModel): Promise<Uint8Array> {
  const b = ctx.dataset.bulletin;
  const { chosen, frame: tplFrame } = deckSetup(ctx.templates);
  const tpl = chosen?.template ?? null;
  // On a template, colours are its own (where legible) and fonts are its theme fonts.
  const theme = tpl ? templateTheme(ctx.theme.theme, tpl).theme : ctx.theme.theme;
  const frame = tplFrame ?? houseFrame;
  const pptx = new PptxGenJS();
  if (tpl) {
    pptx.defineLayout({
      name: 'TEMPLATE',
      width: tpl.size.cx / EMU_PER_INCH,
      height: tpl.size.cy / EMU_PER_INCH,
    });
    pptx.layout = 'TEMPLATE';
  } else pptx.layout = 'LAYOUT_WIDE';
  pptx.theme = { headFontFace: frame.faces.serif, bodyFontFace: frame.faces.sans };
  pptx.author = ctx.bulletin.meta.credit ?? b.authors.map((a) => a.name).join(', ');
  pptx.company = b.publisher.name;
  pptx.title = `${b.title}: ${deck.partner.name}`;
  if (tplFrame) defineTemplateMasters(pptx, tplFrame.plans);
  else defineMasters(pptx, theme, b.series, deck.footer);
  const env = {
    pptx,
    deck,
    measure: tpl
      ? templateMeasure(ctx.theme, frame.faces, { serif: SERIF, sans: SANS })
      : fontMeasure(ctx.theme),
    c: colors(theme),
    chart: chartsFor(ctx, deck.partner.id, theme),
    mode: ctx.deckCharts,
    frame,
  };
  const plans = deck.slides.map((s) =>
    addSlide(tpl ? { ...env, deck: scaledType(deck, tpl) } : env, s),
  );
  const raw = (await withStoredHandover(() => pptx.write({ outputType: 'nodebuffer' }))) as Buffer;
  // The entries behind the stored hand-over, as they are, when it was made here.
  const entries = handedOverEntries(raw);
  return finishPackage(
    entries ? new ZipFiles(entries) : raw,
    {
      title: `${b.title}: ${deck.partner.name}`,
      subject: b.topic ?? b.series,
      author: pptx.author,
      company: b.publisher.name,
      keywords: b.series,
      claims: deckClaims(ctx, deck),
    },
    theme,
    ctx.clock,
    faceHints(ctx.theme, { serif: SERIF, sans: SANS }),
    tpl ? (zip) => graftTemplate(zip, tpl, plans as TemplatePlan[]) : undefined,
  );
}

/**
 * deck.json's type sizes are for the house 13.33-inch slide: on a template's slide they scale
 * with its width, so a 10-inch 4:3 or an 11-inch LibreOffice slide keeps the same proportions.
 */
function scaledType(deck: DeckModel, tpl: DeckTemplate): DeckModel {
  const k = Math.min(1, tpl.size.cx / EMU_PER_INCH / GRID.width);
  // Never below 12 pt, what a room reads from its back row (issue 32, item 3): a slide that
  // cannot hold its text at that moves to a roomier layout (slides.ts) instead.
  const scale = (t: { size: number; min: number }) => {
    const min = Math.max(SMALL, Math.round(t.min * k * 2) / 2);
    return { size: Math.max(min, Math.round(t.size * k * 2) / 2), min };
  };
  const t = deck.type;
  return {
    ...deck,
    type: {
      title: scale(t.title),
      body: scale(t.body),
      quote: scale(t.quote),
      cover: scale(t.cover),
    },
  };
}
