/**
 * The web edition's page: model → one self-contained HTML document (styles inline, charts
 * as inline SVG, the source data embedded as JSON, no script to run, nothing fetched).
 * Loaded only when bulletin.html is rebuilt.
 */
import { must } from '../../checked.js';
import type { Artifact, BuildContext, Unit } from '../types.js';
import { mastheadParts, type BulletinModel } from '../../model/bulletin.js';
import type { RenderedChart } from '../../charts/render.js';
import { getChart } from '../../charts/render.js';
import { plainText, type Run } from '../../template/markdown.js';
import { provenanceJson } from '../pdf/provenance.js';
import { chartFigure } from './figure.js';
import { blocksHtml, esc, inlineHtml, safeHref } from './prose.js';
import { embeddedJson, factsTable, figureMarker } from './provenance.js';
import { stylesheet } from './style.js';

/**
 * The byline runs: the layout's template, or the authors with role and affiliation (as the PDF).
 */
function bylineRuns(m: BulletinModel['meta']): Run[] {
  if (m.byline) return m.byline;
  const a = m.authors[0];
  const rest = [a?.role, a?.affiliation].filter(Boolean).join(', ');
  return [
    { text: m.authors.map((x) => x.name).join(', '), bold: true },
    ...(rest ? [{ text: ` · ${rest}` }] : []),
  ];
}

const slug = (i: number) => `section-${i + 1}`;

/**
 * The boxes the PDF sets into its columns (pull quote, charts), placed between the sections
 * in the PDF's reading order (page, column, top before bottom), spread evenly down the text.
 */
function interleave(sections: string[], boxes: string[]): string[] {
  if (sections.length === 0) return boxes;
  const slot = (k: number) =>
    Math.min(sections.length - 1, Math.floor((k * sections.length) / boxes.length));
  return sections.flatMap((s, i) => [s, ...boxes.filter((_, k) => slot(k) === i)]);
}

function sourcesList(model: BulletinModel): string {
  const items = model.sources.map((s) => {
    const href = s.url ? safeHref(s.url) : undefined;
    const title = href
      ? `<a href="${esc(href)}"><cite>${esc(s.title)}</cite></a>`
      : `<cite>${esc(s.title)}</cite>`;
    const parts = [s.author ? esc(s.author) : '', title, s.publisher ? esc(s.publisher) : ''];
    return `<li id="source-${esc(s.id)}">${parts.filter(Boolean).join(', ')}.</li>`;
  });
  return `<ol class="sources">${items.join('')}</ol>`;
}

/** The whole document as text. */
export function bulletinHtml(ctx: BuildContext, charts: RenderedChart[], json: string): string {
  const model = ctx.bulletin;
  const m = model.meta;
  const locale = m.locale;
  const mark = figureMarker(model, ctx.dataset, locale);
  const palette = ctx.theme.theme.palette;
  const sections = model.sections.map(
    (s, i) =>
      `<section aria-labelledby="${slug(i)}"><h2 ` +
      `id="${slug(i)}">${esc(s.heading)}</h2>\n${blocksHtml(s.blocks, 3, mark)}</section>`,
  );
  const quote = model.pullQuote
    ? `<figure ` +
      `class="pull-quote"><blockquote><p>${esc(model.pullQuote.text)}</p></blockquote><figcaption>— <cite>${esc(model.pullQuote.attribution)}</cite></figcaption></figure>`
    : '';
  const figures = charts.map((c) => chartFigure(c, model.sources, palette, locale));
  const keyFigures = model.keyFigures.length
    ? `<aside class="key-figures" aria-labelledby="key-figures"><h2 id="key-figures">Key ` +
      `figures</h2><ul>${model.keyFigures.map((k) => `<li>${inlineHtml(k, mark)}</li>`).join('')}</ul></aside>`
    : '';
  const conclusion = `<section aria-labelledby="conclusion"><h2 id="conclusion">${esc(model.conclusion.heading)}</h2>\n${blocksHtml(model.conclusion.blocks, 3, mark)}</section>`;
  const title = [m.title, m.subtitle].filter(Boolean).join(': ');
  const description = plainText(model.standfirst);
  const authors = m.credit ?? m.authors.map((a) => a.name).join(', ');
  return `<!DOCTYPE html>
<html lang="${esc(locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<meta name="description" content="${esc(description)}">
<meta name="author" content="${esc(authors)}">
<meta name="generator" content="bulletin">
<meta name="color-scheme" content="light dark">
<style>
${stylesheet(ctx.theme.theme)}
</style>
</head>
<body>
<a class="skip" href="#main">Skip to the bulletin</a>
<header class="masthead"><p class="series">${esc(m.series)}</p><p class="issue">${esc(mastheadParts(m).join(' · '))}</p></header>
<main id="main">
<article>
<header class="head">
<h1>${esc(m.title)}</h1>
${m.subtitle ? `<p class="subtitle">${esc(m.subtitle)}</p>` : ''}
<p class="byline">${inlineHtml(bylineRuns(m))}</p>
<p class="standfirst">${inlineHtml(model.standfirst, mark)}</p>
</header>
${keyFigures}
${blocksHtml(model.intro, 3, mark)}
${interleave(sections, [quote, ...figures].filter(Boolean)).join('\n')}
${conclusion}
<footer class="back">
${blocksHtml(model.about, 3)}
<section aria-labelledby="sources"><h2 id="sources">Sources</h2>
${sourcesList(model)}
${factsTable(model, ctx.dataset, locale)}
</section>
<div class="disclaimer">${blocksHtml(model.disclaimer, 3)}</div>
</footer>
</article>
</main>
<script type="application/json" id="bulletin-sources">${embeddedJson(json)}</script>
</body>
</html>
`;
}

/** The layout's charts in the PDF's reading order: page, column, top before bottom. */
function chartsInOrder(ctx: BuildContext): RenderedChart[] {
  const rank = { top: 0, bottom: 1 };
  return [...ctx.bulletin.figures]
    .sort((a, b) => a.page - b.page || a.column - b.column || rank[a.position] - rank[b.position])
    .flatMap((f) => {
      const c = getChart(ctx, f.chart);
      return c && c.partner === undefined ? [c] : [];
    });
}

export async function renderHtml(ctx: BuildContext, units: Unit[]): Promise<Artifact[]> {
  if (units.length === 0) return [];
  // The embedded JSON is the PDF's, byte for byte: charts in the layout's order.
  const json = provenanceJson(
    ctx.bulletin,
    ctx.bulletin.figures.flatMap((f) => getChart(ctx, f.chart) ?? []),
  );
  const html = bulletinHtml(ctx, chartsInOrder(ctx), json);
  // The path is the unit's own (index.ts names it), so this module never imports its descriptor.
  const path = must(units[0]?.paths[0], 'the path of the web edition');
  return [{ path, kind: 'html', bytes: new TextEncoder().encode(html) }];
}
