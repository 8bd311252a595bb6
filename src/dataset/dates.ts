/**
 * Dates that carry their own precision. The seed says "early 1990s", "In February" and
 * "April 19", so a fact's date is a day, a month, a year or (part of) a decade, written as
 * `2022-04-19`, `2022-02`, `2005`, `1990s` or `early-1990s`.
 */
import { must } from '../checked.js';
import { remembered } from './memo.js';

export type Precision = 'day' | 'month' | 'year' | 'decade';
export type DecadePart = 'early' | 'mid' | 'late';

/** A parsed date with its precision. */
export interface FuzzyDate {
  precision: Precision;
  year: number;
  month?: number;
  day?: number;
  part?: DecadePart;
}

export const FUZZY_DATE_PATTERN =
  '^(?:(?:early|mid|late)-)?[0-9]{3}0s$|^[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?$';

const DECADE = /^(?:(early|mid|late)-)?(\d{3}0)s$/;
const CALENDAR = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** Days in a month of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Parses a date string; returns a message instead when it is malformed or not a real date. */
export const parseFuzzyDate: (text: string) => Readonly<FuzzyDate> | string = remembered(
  // Kept by text and frozen, as results are shared: comparing and formatting dates parses the
  // same few hundred strings again for every deck.
  (text: string) => text,
  (text: string) => {
    const d = parseDate(text);
    return typeof d === 'string' ? d : Object.freeze(d);
  },
  50_000,
);

function parseDate(text: string): FuzzyDate | string {
  const decade = DECADE.exec(text);
  if (decade) {
    const part = decade[1] as DecadePart | undefined;
    return { precision: 'decade', year: Number(decade[2]), ...(part ? { part } : {}) };
  }
  const m = CALENDAR.exec(text);
  if (!m) {
    return (
      `"${text}" is not a date: write YYYY-MM-DD, YYYY-MM, YYYY, a decade such as 1990s, or ` +
      `early-/mid-/late-1990s`
    );
  }
  const year = Number(m[1]);
  if (m[2] === undefined) return { precision: 'year', year };
  const month = Number(m[2]);
  if (month < 1 || month > 12) return `"${text}" has month ${m[2]}; months run from 01 to 12`;
  if (m[3] === undefined) return { precision: 'month', year, month };
  const day = Number(m[3]);
  const last = daysInMonth(year, month);
  if (day < 1 || day > last) return `"${text}" is not a real date: that month has ${last} days`;
  return { precision: 'day', year, month, day };
}

/** Like parseFuzzyDate, but for values already validated by the schema. */
export function mustParse(text: string): Readonly<FuzzyDate> {
  const d = parseFuzzyDate(text);
  if (typeof d === 'string') throw new Error(d);
  return d;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const monthOf = (d: FuzzyDate) => must(d.month, `the month of a ${d.precision} date`);

/** First day the date can mean, as YYYY-MM-DD (sorts as text). */
export function startOf(d: FuzzyDate): string {
  switch (d.precision) {
    case 'day':
      return `${d.year}-${pad(monthOf(d))}-${pad(must(d.day, 'the day of a day date'))}`;
    case 'month':
      return `${d.year}-${pad(monthOf(d))}-01`;
    case 'year':
      return `${d.year}-01-01`;
    case 'decade': {
      const offset = d.part === 'mid' ? 3 : d.part === 'late' ? 7 : 0;
      return `${d.year + offset}-01-01`;
    }
  }
}

/** Last day the date can mean, as YYYY-MM-DD. */
export function endOf(d: FuzzyDate): string {
  switch (d.precision) {
    case 'day':
      return startOf(d);
    case 'month':
      return `${d.year}-${pad(monthOf(d))}-${pad(daysInMonth(d.year, monthOf(d)))}`;
    case 'year':
      return `${d.year}-12-31`;
    case 'decade': {
      const last = d.part === 'early' ? 3 : d.part === 'mid' ? 6 : 9;
      return `${d.year + last}-12-31`;
    }
  }
}

/** Sort key for text dates: by first possible day, coarser precision first on ties. */
export function compareDates(a: string, b: string): number {
  const da = mustParse(a);
  const db = mustParse(b);
  const s = startOf(da).localeCompare(startOf(db));
  return s !== 0 ? s : endOf(db).localeCompare(endOf(da));
}

/** UTC milliseconds of the last day a date can mean (a build clock needs one instant). */
export function endOfAsEpochMs(text: string): number {
  return Date.parse(`${endOf(mustParse(text))}T00:00:00Z`);
}
