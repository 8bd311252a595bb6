/**
 * A timeline as accessible SVG: one row per partner, months along the foot, one marker shape
 * per series (hollow where the day is not known: month only, or "on or before").
 */
import type { TimelineData } from '../../charts/data.js';
import { timelineRows } from '../../charts/timeline-cells.js';
import { cycled } from '../../checked.js';
import { esc } from './prose.js';
import { scrollingTable } from './table.js';
import {
  legendHtml,
  marker,
  n,
  SHAPES,
  SMALL,
  svgDocument,
  textWidth,
  VIEW_W,
  wrapText,
  FONT,
} from './svg.js';

const LANE = 9;
const R = 4.2;

const shapeOf = (si: number) => cycled(SHAPES, si, 'point shape');
const classOf = (ci: number, p: { approximate: boolean; onOrBefore?: boolean }) =>
  `c${ci} mark${p.approximate || p.onOrBefore ? ' hollow' : ''}`;

/** The SVG and its legend for timeline data. */
export function timelineChart(
  d: TimelineData,
  id: string,
  title: string,
  desc: string,
  palette: readonly string[],
  locale: string,
): { svg: string; legend: string } {
  const lanes = d.series.length;
  const labelW = Math.min(VIEW_W * 0.3, Math.max(...d.rows.map((r) => textWidth(r, FONT))) + 8);
  const plotX = labelW + 6;
  const plotW = VIEW_W - plotX - R * 2;
  const laneH = Math.max(FONT * 1.4, lanes * LANE + 8);
  // Every line of a long name is kept, and its row grows to hold them, so no name runs into
  // the next ("Papua New Guinea" over "Solomon Islands", issue 28).
  const labels = d.rows.map((row) => wrapText(row, FONT, labelW));
  const line = FONT * 1.15;
  const heights = labels.map((lines) => Math.max(laneH, lines.length * line + 6));
  const tops = heights.map((_, r) => heights.slice(0, r).reduce((a, b) => a + b, 0));
  const mid = (r: number) => (tops[r] ?? 0) + (heights[r] ?? laneH) / 2;
  const xOf = (days: number) => plotX + R + (days / d.days) * plotW;
  const parts: string[] = [];
  labels.forEach((lines, r) => {
    const y0 = mid(r) - ((lines.length - 1) * line) / 2 + FONT * 0.35;
    lines.forEach((l, li) => parts.push(`<text x="0" y="${n(y0 + li * line)}">${esc(l)}</text>`));
    parts.push(
      `<line class="grid" x1="${n(plotX)}" x2="${VIEW_W}" y1="${n(mid(r))}" ` +
        `y2="${n(mid(r))}"/>`,
    );
  });
  const plotH = heights.reduce((a, b) => a + b, 0);
  // Month ticks; labels thinned so they never overlap on a long window.
  const monthW = (30.4 / d.days) * plotW;
  const fmt = new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' });
  const step = Math.max(1, Math.ceil((textWidth('Mmm', SMALL) + 6) / monthW));
  d.months.forEach((m, i) => {
    const x = xOf(m.x);
    parts.push(`<line class="tick" x1="${n(x)}" x2="${n(x)}" y1="0" y2="${n(plotH + 4)}"/>`);
    if (i % step === 0) {
      const label = fmt.format(new Date(`${m.date}-01T00:00:00Z`));
      parts.push(
        `<text class="small" x="${n(x + 3)}" y="${n(plotH + 4 + SMALL)}">${esc(label)}</text>`,
      );
    }
  });
  d.series.forEach((s, si) => {
    const laneY = (si - (lanes - 1) / 2) * LANE;
    for (const p of s.points)
      parts.push(
        marker(shapeOf(si), xOf(p.x), mid(p.row) + laneY, R, classOf(si % palette.length, p)),
      );
  });
  const svg = svgDocument(id, title, desc, plotH + 8 + SMALL, parts.join('\n'));
  const legend = legendHtml(
    d.series.map((s, si) => ({
      name: s.name,
      key: marker(shapeOf(si), 7, 7, 4.5, classOf(si % palette.length, { approximate: false })),
    })),
  );
  return { svg, legend };
}

/** The timeline as a table: a row per partner, a column per series, every dated item. */
export function timelineTable(
  d: TimelineData,
  caption: string,
  locale: string,
  id: string,
): string {
  const rows = timelineRows(d, locale).map(
    (row) =>
      `<tr><th scope="row">${esc(row.name)}</th>` +
      `${row.cells.map((c) => `<td>${esc(c.text)}</td>`).join('')}</tr>`,
  );
  return scrollingTable(
    id,
    caption,
    `<thead><tr><th ` +
      `scope="col">Partner</th>${d.series.map((s) => `<th scope="col">${esc(s.name)}</th>`).join('')}</tr></thead>` +
      `<tbody>${rows.join('')}</tbody>`,
  );
}
