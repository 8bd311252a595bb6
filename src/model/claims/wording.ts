/**
 * Wordings of derived claims that carry their qualifiers, shared by every renderer: a "first"
 * says "by" an upper bound and "in" a month, and a share of a total says "all" only of all of
 * it (issue 29, items 3 and 8). Pure and locale-aware.
 */
import { formatDate, percent } from '../../template/filters.js';

/** When a first step happened: "by" an upper bound, "on" a day, "in" a month or year. */
export function firstWording(p: { date: string; onOrBefore?: boolean }, locale: string): string {
  const lead = p.onOrBefore ? 'by' : p.date.length > 7 ? 'on' : 'in';
  return `${lead} ${formatDate(p.date, locale)}`;
}

/**
 * How much of a total its largest category is, in words that stay true: "all as loans" when it
 * is the whole (issue 29, item 3: "mostly as loans" of an all-loan total), "mostly" past half.
 */
export function mixOf(share: number, category: string, locale: string): string {
  if (share >= 1) return `all as ${category}`;
  if (share > 0.5) return `mostly as ${category}`;
  return `the largest part, ${percent(share, locale)}, as ${category}`;
}
