/**
 * One chart as a <figure>: title and takeaway as its caption, the accessible SVG, the notes
 * and source (linked to the sources list), and its figures as a table behind <details>.
 */
import type { RenderedChart } from '../../charts/render.js';
import type { BulletinModel } from '../../model/bulletin.js';
import { barChart, barTable } from './bar.js';
import { esc } from './prose.js';
import { sourceCredit } from '../source-credit.js';
import { timelineChart, timelineTable } from './timeline.js';

/** The source line under a chart: each cited source, linked to its entry in the sources list. */
function sourceLine(sources: BulletinModel['sources']): string {
  if (sources.length === 0) return '';
  const links = sources.map(
    (s) => `<a ` + `href="#source-${esc(s.id)}">${esc(sourceCredit(s))}</a>`,
  );
  return ` Source: ${links.join('; ')}.`;
}

export function chartFigure(
  c: RenderedChart,
  sources: BulletinModel['sources'],
  palette: readonly string[],
  locale: string,
): string {
  const id = `chart-${c.id}`;
  // The same words the PDF gives its figure as alternative text: every value, then the point.
  const desc = `${c.alt} ${c.takeaway}`;
  const drawn =
    c.data.kind === 'bar'
      ? barChart(c.data, id, c.title, desc, palette, locale)
      : timelineChart(c.data, id, c.title, desc, palette, locale);
  const table =
    c.data.kind === 'bar'
      ? barTable(c.data, c.title, locale, `${id}-table`)
      : timelineTable(c.data, c.title, locale, `${id}-table`);
  const note = `${c.notes.map(esc).join(' ')}${sourceLine(sources)}`.trim();
  return [
    `<figure class="chart" id="${id}">`,
    `<figcaption><span class="chart-title">${esc(c.title)}</span> <span ` +
      `class="takeaway">${esc(c.takeaway)}</span></figcaption>`,
    drawn.svg,
    drawn.legend,
    note ? `<p class="note">${note}</p>` : '',
    `<details><summary>The figures as a table</summary>${table}</details>`,
    '</figure>',
  ]
    .filter(Boolean)
    .join('\n');
}
