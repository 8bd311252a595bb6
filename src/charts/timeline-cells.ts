/**
 * A timeline as rows of words, one cell per series: what the web edition's table prints, and
 * what the "not stated" claims of its empty cells are recorded as (the data being silent is
 * "not stated", never "none": issue 29, item 1). Pure.
 */
import { formatDateRange } from '../template/filters.js';
import type { TimelineData, TimelineGap, TimelinePoint } from './data.js';

/**
 * A point's date as the table writes it: "by April 17, 2022" when it came on or before, and
 * an event's whole span ("April 6–7, 2022"), never its first day alone.
 */
function when(p: TimelinePoint, locale: string): string {
  return `${p.onOrBefore ? 'by ' : ''}${formatDateRange(p.date, p.endDate, locale)}`;
}

/**
 * An empty cell says why: the data being silent is "not stated", never "none" (issue 29, item 1:
 * a partner's sanctions are in the source, undated, and were printed as "none in this period").
 */
export const GAP_TEXT: Record<TimelineGap, string> = {
  undated: 'in the data, no day or month given',
  outside: 'outside this period',
  silent: 'not stated',
};

/** One row of the table: the partner's name, and each series' cell with the gap it shows. */
export interface TimelineRow {
  name: string;
  cells: { text: string; gap?: TimelineGap }[];
}

/** The timeline's rows as the table prints them. */
export function timelineRows(d: TimelineData, locale: string): TimelineRow[] {
  // Each series' points by row, found once: a table of every partner is not a scan per cell.
  const byRow = d.series.map((s) => {
    const rows = new Map<number, TimelinePoint[]>();
    for (const p of s.points) rows.set(p.row, [...(rows.get(p.row) ?? []), p]);
    return rows;
  });
  return d.rows.map((name, r) => ({
    name,
    cells: d.series.map((s, si) => {
      const items = [...(byRow[si]?.get(r) ?? [])]
        .sort((a, b) => a.x - b.x)
        // A "first" series names itself in the column head; an event series names each event.
        .map((p) =>
          p.what === s.name.toLowerCase() ? when(p, locale) : `${p.what}, ${when(p, locale)}`,
        );
      if (items.length) return { text: items.join('; ') };
      const gap = s.gaps?.[r] ?? 'silent';
      return { text: GAP_TEXT[gap], gap };
    }),
  }));
}
