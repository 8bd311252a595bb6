/**
 * A chart's alt text: what kind of chart, its title and every value it shows, with the
 * qualifiers the web table shows ("up to", "by", "in"). Pure and locale-aware.
 */
import { formatDate } from '../template/filters.js';
import { firstWording as when } from '../model/claims/index.js';
import { at, must } from '../checked.js';
import { barTotals as totals, formatValue, hedgedValue, unitAt, type ChartData } from './data.js';

/** Alt text: what kind of chart, its title, and every value it shows. */
export function altTextOf(title: string, d: ChartData, locale: string): string {
  if (d.kind === 'bar') {
    const t = totals(d);
    const stacked = d.series.length > 1;
    const rows = d.labels.map((l, i) => {
      const value = (v: number) => formatValue(v, unitAt(d, i), locale);
      const total = hedgedValue(at(t, i, 'bar total'), unitAt(d, i), locale, d.hedges?.[i]);
      const parts = stacked
        ? ` (${d.series
            .map((s) => ({ name: s.name, v: at(s.values, i, 'bar value') }))
            .filter((s) => s.v > 0)
            .map((s) => `${s.name} ${value(s.v)}`)
            .join(', ')})`
        : '';
      const mark = d.highlight === i ? ' (highlighted)' : '';
      return `${l}${mark}: ${total}${parts}`;
    });
    const what = d.subject !== undefined ? `${title}, ${d.subject}` : title;
    return [
      `${stacked ? 'Stacked bar' : 'Bar'} chart: ${what}.`,
      `${rows.join('; ')}.`,
      ...d.notes,
    ].join(' ');
  }
  const from = must(d.months[0], 'first timeline month').date;
  const to = must(d.months.at(-1), 'last timeline month').date;
  const range = `${formatDate(from, locale)} to ${formatDate(to, locale)}`;
  const rows = d.rows.map((name, r) => {
    const items = d.series.flatMap((s) =>
      s.points
        .filter((p) => p.row === r)
        .sort((a, b) => a.x - b.x)
        // "by" an as-of date, "in" a month: the qualifiers the web table shows (issue 29, item 8).
        .map((p) => `${p.what} ${when(p, locale)}`),
    );
    return `${name}: ${items.join(', ')}`;
  });
  const unplaced = d.unplaced ?? [];
  return [`Timeline, ${range}: ${title}.`, `${rows.join('; ')}.`, ...unplaced].join(' ');
}
