/**
 * Dates in prose, written by their precision through Intl with the bulletin's locale.
 */
import { mustParse, parseFuzzyDate, startOf, endOf, type FuzzyDate } from '../dataset/dates.js';
import { dateFormat, NBSP, remembered } from './intl.js';

/**
 * A date written by its precision: "April 19, 2022", "February 2022", "2005", "the early 1990s".
 */
export const formatDate: (
  text: string,
  locale: string,
  style?: 'full' | 'no-year' | 'month-day',
) => string = remembered(
  (text: string, locale: string, style = 'full') => `${text}\u0000${locale}\u0000${style}`,
  formatDateNow,
);

function formatDateNow(
  text: string,
  locale: string,
  style: 'full' | 'no-year' | 'month-day' = 'full',
): string {
  const d = mustParse(text);
  const utc = new Date(`${startOf(d)}T00:00:00Z`);
  const fmt = (o: Intl.DateTimeFormatOptions) =>
    keepTogether(dateFormat(locale, { timeZone: 'UTC', ...o }).format(utc));
  switch (d.precision) {
    case 'day':
      return style === 'full'
        ? fmt({ year: 'numeric', month: 'long', day: 'numeric' })
        : fmt({ month: 'long', day: 'numeric' });
    case 'month':
      return style === 'full' ? fmt({ year: 'numeric', month: 'long' }) : fmt({ month: 'long' });
    case 'year':
      return String(d.year);
    case 'decade':
      return decadeWords(d);
  }
}

/**
 * A month and its day or year stay on one line, in either order: "April 19", "19 April 2022"
 * and "6–7 April" never break, so a day-first date does not leave "on 5" at a line's end.
 */
function keepTogether(date: string): string {
  return date.replace(/ (?=\d)|(?<=\d\.?) (?=\p{L})/gu, NBSP);
}

function decadeWords(d: FuzzyDate): string {
  return d.part ? `the ${d.part} ${d.year}s` : `the ${d.year}s`;
}

/**
 * A date range by precision: "April 6–7, 2022"; falls back to "from … to …" across precisions.
 */
export function formatDateRange(start: string, end: string | undefined, locale: string): string {
  if (!end || end === start) return formatDate(start, locale);
  const a = mustParse(start);
  const b = mustParse(end);
  if (a.precision === 'day' && b.precision === 'day') {
    const f = dateFormat(locale, {
      timeZone: 'UTC',
      year: 'numeric',
      month: 'long',
      day: 'numeric',
    });
    const range = f.formatRange(
      new Date(`${startOf(a)}T00:00:00Z`),
      new Date(`${endOf(b)}T00:00:00Z`),
    );
    // Intl pads a day-to-day range with thin spaces ("6 – 7"); house style closes it up
    // ("6–7").
    return keepTogether(range.replace(/(\d)\s+–\s+(\d)/gu, '$1–$2'));
  }
  return `${formatDate(start, locale)}–${formatDate(end, locale)}`;
}

/** The precision of a date text, or "invalid". */
export function precisionOf(text: string): string {
  const d = parseFuzzyDate(text);
  return typeof d === 'string' ? 'invalid' : d.precision;
}
