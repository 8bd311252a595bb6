/**
 * A bar chart as accessible SVG: each bar under its own label line (name left, value right,
 * in the wording the text uses), so long names never collide with bars at 360 px.
 */
import { at } from '../../checked.js';
import { barTotals, formatValue, hedgedValue, type BarData, type Unit } from '../../charts/data.js';
import { barColors, seriesColors } from '../../charts/palette.js';
import { esc } from './prose.js';
import { FONT, legendHtml, n, svgDocument, textWidth, VIEW_W, wrapText } from './svg.js';
import { scrollingTable } from './table.js';

const BAR_H = 14;
const LINE_H = FONT * 1.25;
const GAP = 12;
const MIN_W = 1.5;

/** Palette index (CSS class c<i>) for each series or bar, as the printed chart colours them. */
function colorClasses(d: BarData, palette: readonly string[]): (si: number, bi: number) => string {
  if (d.highlight !== undefined) return (_si, bi) => (bi === d.highlight ? 'accent' : 'rule');
  if (d.colorEach) {
    const each = barColors(palette, d.labels.length).map((c) => palette.indexOf(c));
    return (_si, bi) => `c${each[bi]}`;
  }
  if (d.series.length === 1) return () => 'accent';
  const stack = seriesColors(palette, d.series.length).map((c) => palette.indexOf(c));
  return (si) => `c${stack[si]}`;
}

/** Row ranges of the chart's panels: one per unit (currency), each on its own scale. */
function panelsOf(d: BarData): { unit: Unit; heading: string; from: number; to: number }[] {
  let from = 0;
  return d.panels.map((p) => {
    const r = { unit: p.unit, heading: p.heading, from, to: from + p.rows };
    from += p.rows;
    return r;
  });
}

/** The SVG and its legend for bar data. */
export function barChart(
  d: BarData,
  id: string,
  title: string,
  desc: string,
  palette: readonly string[],
  locale: string,
): { svg: string; legend: string } {
  const totals = barTotals(d);
  const color = colorClasses(d, palette);
  const panels = panelsOf(d);
  const parts: string[] = [];
  let y = 0;
  for (const panel of panels) {
    // Amounts in different currencies never share a scale: each panel has its own, and its heading.
    if (panels.length > 1 && panel.heading) {
      for (const line of wrapText(panel.heading, FONT, VIEW_W)) {
        parts.push(`<text class="panel" x="0" y="${n(y + FONT)}">${esc(line)}</text>`);
        y += LINE_H;
      }
      y += 6;
    }
    // A lone row on its own scale would always draw a full-length bar, whatever its amount:
    // it shows its figure only.
    const lone = panel.to - panel.from === 1;
    const max = Math.max(...totals.slice(panel.from, panel.to), 0) || 1;
    for (let i = panel.from; i < panel.to; i++) {
      const value = hedgedValue(at(totals, i, 'bar total'), panel.unit, locale, d.hedges?.[i]);
      const room = VIEW_W - textWidth(value, FONT) - 12;
      const lines = wrapText(at(d.labels, i, 'bar label'), FONT, room);
      const bold = i === d.highlight ? ' font-weight="600"' : '';
      lines.forEach((l, li) => {
        parts.push(`<text x="0" y="${n(y + FONT + li * LINE_H)}"${bold}>${esc(l)}</text>`);
      });
      parts.push(
        `<text x="${VIEW_W}" y="${n(y + FONT)}" text-anchor="end"${bold}>${esc(value)}</text>`,
      );
      y += lines.length * LINE_H + 4;
      if (lone) {
        y += GAP - 4;
        continue;
      }
      let x = 0;
      d.series.forEach((s, si) => {
        const w = (at(s.values, i, 'bar value') / max) * VIEW_W;
        if (!(w > 0)) return;
        parts.push(
          `<rect class="${color(si, i)}${d.series.length > 1 ? ' seam' : ''}" x="${n(x)}" ` +
            `y="${n(y)}" width="${n(w)}" height="${BAR_H}"/>`,
        );
        x += w;
      });
      // A figure too small for the scale still shows as a hairline, so no bar reads as missing.
      const first = d.series.findIndex((s) => at(s.values, i, 'bar value') > 0);
      if (first >= 0 && x < MIN_W)
        parts.push(
          `<rect class="${color(first, i)}" x="0" y="${n(y)}" width="${MIN_W}" height="${BAR_H}"/>`,
        );
      y += BAR_H + GAP;
    }
  }
  const svg = svgDocument(id, title, desc, y - GAP + 2, parts.join('\n'));
  const legend =
    d.series.length > 1 && d.highlight === undefined && !d.colorEach
      ? legendHtml(
          d.series.map((s, si) => ({
            name: s.name,
            key: `<rect class="${color(si, 0)}" x="1" y="1" width="12" height="12"/>`,
          })),
        )
      : '';
  return { svg, legend };
}

/**
 * The chart's figures as a table: a row per bar, per series and a total when stacked, a row group
 * per currency.
 */
export function barTable(d: BarData, caption: string, locale: string, id: string): string {
  const stacked = d.series.length > 1;
  const what = d.subject !== undefined ? 'Category' : 'Partner';
  const valueHead = d.panels[0]?.unit.kind === 'quantity' ? 'Quantity' : 'Amount';
  const heads = stacked ? [...d.series.map((s) => s.name), 'Total'] : [valueHead];
  const panels = panelsOf(d);
  const groups = panels.map((panel) => {
    // A stacked bar without a part in some category states no amount there: "not stated",
    // neither "$0" nor "none" (the partner may have given such aid with no amount stated).
    const fmt = (v: number) =>
      stacked && v === 0 ? 'not stated' : formatValue(v, panel.unit, locale);
    const head =
      panels.length > 1 && panel.heading
        ? `<tr><th scope="rowgroup" colspan="${heads.length + 1}">${esc(panel.heading)}</th></tr>`
        : '';
    const rows = d.labels.slice(panel.from, panel.to).map((label, k) => {
      const i = panel.from + k;
      const values = d.series.map((s) => s.values[i] ?? 0);
      const cells = stacked ? [...values, values.reduce((a, b) => a + b, 0)] : values;
      // A row's hedge ("up to", "about") stays with its figure, as on the bars.
      const hedge = d.hedges?.[i];
      const text = (v: number, last: boolean) =>
        hedge && (last || !stacked) ? hedgedValue(v, panel.unit, locale, hedge) : fmt(v);
      const tds = cells.map((v, c) => `<td>${esc(text(v, c === cells.length - 1))}</td>`);
      return `<tr><th scope="row">${esc(label)}</th>${tds.join('')}</tr>`;
    });
    return `<tbody>${head}${rows.join('')}</tbody>`;
  });
  return scrollingTable(
    id,
    caption,
    `<thead><tr><th ` +
      `scope="col">${what}</th>${heads.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead>` +
      groups.join(''),
  );
}
