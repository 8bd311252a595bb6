/**
 * Traces one printed figure to the data. Stated and summed values must equal the printed
 * figure at the precision printed: "141.9 million" is 141,900,000 and nothing else, so
 * "1.2 million" for a stated 1,150,000 fails. Only shares (a percentage is a rounding by
 * nature) and figures hedged with "about", "nearly"… may be roundings.
 */
import type { Candidate, Candidates, DateCandidate, PrintedFigure } from './types.js';
import type { ScanLocale } from './scan.js';
import { signOf } from './scan.js';

export type Trace = { ok: true; kind: string; how: string } | { ok: false; reason: string };

const exact = (printed: number, value: number) =>
  Math.abs(printed - value) <= 1e-9 * Math.max(1, Math.abs(value));
const within = (printed: number, value: number, step: number) =>
  Math.abs(printed - value) <= step / 2 + 1e-9 * Math.max(1, Math.abs(value));

const fmt = (n: number, locale: string) =>
  new Intl.NumberFormat(locale, { maximumFractionDigits: 6 }).format(n);

function equalTo(f: PrintedFigure, value: number): boolean {
  return f.hedged ? within(f.value, value, f.step) : exact(f.value, value);
}

function nearest<T extends Candidate>(cs: T[], value: number): T | undefined {
  return [...cs].sort((a, b) => Math.abs(a.value - value) - Math.abs(b.value - value))[0];
}

function traceMoney(f: PrintedFigure, c: Candidates, sl: ScanLocale): Trace {
  const currencies = sl.signs.get(f.sign!) ?? [];
  const money = c.numbers.filter(
    (x): x is Extract<Candidate, { kind: 'money' }> => x.kind === 'money',
  );
  if (currencies.length === 0) {
    const known = c.currencies
      .map((cur) => `${cur} (written ${signOf(cur, sl.locale)})`)
      .join(', ');
    return {
      ok: false,
      reason: `it is printed in "${f.sign}", but no amount in the data is in a currency written that way; the data's currencies are ${known || 'none'}`,
    };
  }
  const mine = money.filter((x) => currencies.includes(x.currency));
  const hit = mine.find((x) => equalTo(f, x.value));
  if (hit) return { ok: true, kind: 'money', how: hit.how };
  const elsewhere = money.find((x) => !currencies.includes(x.currency) && equalTo(f, x.value));
  if (elsewhere)
    return {
      ok: false,
      reason: `it reads as ${fmt(f.value, sl.locale)} in ${currencies.join('/')}, but the data has that amount in ${elsewhere.currency} (${elsewhere.how}), written ${signOf(elsewhere.currency, sl.locale)}`,
    };
  const near = nearest(mine, f.value);
  const hint = near
    ? within(f.value, near.value, f.step)
      ? `; the nearest ${near.currency} value is ${fmt(near.value, sl.locale)} (${near.how}), which the printed figure rounds: it drops a digit the data states`
      : `; the nearest ${near.currency} value is ${fmt(near.value, sl.locale)} (${near.how})`
    : '';
  return {
    ok: false,
    reason: `it reads as ${fmt(f.value, sl.locale)} in ${currencies.join('/')}, and no ${currencies.join('/')} amount in the data, nor a declared sum, difference or share of them, equals it${hint}`,
  };
}

function traceNumber(f: PrintedFigure, c: Candidates, sl: ScanLocale): Trace {
  const isYear =
    !f.grouped && !f.unit && Number.isInteger(f.value) && f.value >= 1000 && f.value < 3000;
  if (isYear) {
    const d = c.dates.find((x) => !x.decade && x.year === f.value);
    if (d) return { ok: true, kind: 'year', how: d.how };
  }
  const pool = c.numbers.filter((x) =>
    f.unit
      ? x.kind === 'quantity' && x.unit === f.unit
      : x.kind === 'quantity' || x.kind === 'count',
  );
  const hit = pool.find((x) => equalTo(f, x.value));
  if (hit) return { ok: true, kind: hit.kind === 'quantity' ? 'quantity' : 'count', how: hit.how };
  const money = c.numbers.find((x) => x.kind === 'money' && exact(f.value, x.value));
  if (money && money.kind === 'money')
    return {
      ok: false,
      reason: `it equals a ${money.currency} amount (${money.how}) but is printed without its currency`,
    };
  const near = nearest(pool, f.value);
  const what = f.unit
    ? `${f.unit} figure`
    : isYear
      ? 'year, count or quantity'
      : 'count or quantity';
  const hint = near ? `; the nearest is ${fmt(near.value, sl.locale)} (${near.how})` : '';
  return {
    ok: false,
    reason: `it reads as ${fmt(f.value, sl.locale)}, and no ${what} in the data, nor a declared sum of them, equals it${hint}`,
  };
}

function traceShare(f: PrintedFigure, c: Candidates, sl: ScanLocale): Trace {
  const hit = c.numbers.find((x) => x.kind === 'share' && within(f.value, x.value * 100, f.step));
  if (hit) return { ok: true, kind: 'share', how: hit.how };
  return {
    ok: false,
    reason: `no share of a one-currency (or one-unit) total in the data rounds to ${fmt(f.value, sl.locale)}%`,
  };
}

function traceRank(f: PrintedFigure, c: Candidates): Trace {
  const hit = c.numbers.find((x) => x.kind === 'rank' && x.value === f.value);
  if (hit) return { ok: true, kind: 'rank', how: hit.how };
  return {
    ok: false,
    reason: `no group of comparable values in the data has ${f.value} members, so nothing ranks ${f.raw}`,
  };
}

/** Whether a stated date allows printing the date read (coarser is allowed, finer is not). */
function dateAllows(d: DateCandidate, f: PrintedFigure): boolean {
  const p = f.date!;
  if (f.kind === 'decade') {
    const lo = p.part === 'late' ? 7 : p.part === 'mid' ? 3 : 0;
    const hi = p.part === 'early' ? 3 : p.part === 'mid' ? 7 : 9;
    if (d.decade) return d.year === p.year && (p.part === undefined || d.part === p.part);
    return d.year >= p.year! + lo && d.year <= p.year! + hi;
  }
  if (d.decade || d.month !== p.month) return false;
  if (p.year !== undefined && d.year !== p.year) return false;
  return p.day === undefined || d.day === p.day;
}

function traceDate(f: PrintedFigure, c: Candidates): Trace {
  const hit = c.dates.find((d) => dateAllows(d, f));
  if (hit) return { ok: true, kind: 'date', how: hit.how };
  return {
    ok: false,
    reason:
      f.date?.day !== undefined
        ? 'no date in the data (nor the build date) is that day; a date stated only to the month or year must not print a day'
        : 'no date in the data falls in that period',
  };
}

/** Traces a printed figure to a candidate. */
export function traceFigure(f: PrintedFigure, c: Candidates, sl: ScanLocale): Trace {
  switch (f.kind) {
    case 'money':
      return traceMoney(f, c, sl);
    case 'percent':
      return traceShare(f, c, sl);
    case 'ordinal':
      return traceRank(f, c);
    case 'date':
    case 'decade':
      return traceDate(f, c);
    default:
      return traceNumber(f, c, sl);
  }
}
