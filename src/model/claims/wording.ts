/**
 * Wordings of derived claims that carry their qualifiers, shared by every renderer: a "first"
 * says "by" an upper bound and "in" a month, and a share of a total says "all" only of all of
 * it (issue 29, items 3 and 8). Pure and locale-aware.
 */
import { formatDate, formatDateRange, ordinal, percent } from '../../template/filters.js';

/** When a first step happened: "by" an upper bound, "on" a day, "in" a month or year. */
export function firstWording(
  p: { date: string; onOrBefore?: boolean; endDate?: string },
  locale: string,
): string {
  const lead = p.onOrBefore ? 'by' : p.date.length > 7 ? 'on' : 'in';
  // An event over several days keeps its span ("on 2–3 May 2023"), as the data states it.
  return `${lead} ${formatDateRange(p.date, p.endDate, locale)}`;
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

/** Text with any run of white space as one plain space: dates print with no-break spaces. */
export const flat = (s: string) => s.replace(/[\s\u00a0\u202f]+/gu, ' ');

/**
 * Whether a claim's words say what its result is: a "first" prints its date with its lead
 * ("by March 21, 2022"), the largest names its partner, a rank its place, "data to" its date.
 * A wording that names another partner or date than the rule gave is a claim the data does
 * not make, however true the rule's answer. Returns what the words should say, or null.
 */
export function unsaid(
  c: { kind: string; result: Record<string, unknown>; wording: string },
  names: ReadonlyMap<string, string>,
  locale: string,
): string | null {
  const r = c.result;
  const has = (s: string) => flat(c.wording).includes(flat(s));
  switch (c.kind) {
    case 'first': {
      const when = firstWording(
        { date: String(r.date), onOrBefore: r.onOrBefore === true },
        locale,
      );
      return has(when) ? null : `"${when}"`;
    }
    case 'earliest':
    case 'latest': {
      const names_ = String(r.partners)
        .split(', ')
        .map((id) => names.get(id) ?? id);
      const missing = names_.find((n) => !has(n));
      if (missing) return `"${missing}"`;
      const when = firstWording(
        { date: String(r.date), onOrBefore: r.onOrBefore === true },
        locale,
      );
      return has(when) ? null : `"${when}"`;
    }
    case 'data-to': {
      const when = formatDate(String(r.date), locale);
      return has(when) ? null : `"${when}"`;
    }
    case 'largest': {
      // A leader in one currency is printed as its bar is labelled, its amount after it.
      if (typeof r.row === 'string') return has(`${r.row} (`) ? null : `"${r.row}" as the largest`;
      const name = names.get(String(r.top)) ?? String(r.top);
      if (!has(name)) return `"${name}" as the largest`;
      // "all as loans" where the split is recorded: "mostly" of an all-loan total is false.
      return typeof r.mix === 'string' && !has(r.mix) ? `"${r.mix}"` : null;
    }
    case 'rank': {
      const rank = Number(r.rank);
      const words =
        rank === 1
          ? ['largest', 'most', ordinal(1, locale)]
          : [ordinal(rank, locale), ...(rank === Number(r.of) ? ['least', 'smallest'] : [])];
      return words.some(has) ? null : `"${words[0]}"`;
    }
    default:
      return null;
  }
}
