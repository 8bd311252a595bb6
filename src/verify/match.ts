/**
 * Traces one printed figure to the data. Stated and summed values must equal the printed
 * figure at the precision printed: "141.9 million" is 141,900,000 and nothing else, so
 * "1.2 million" for a stated 1,150,000 fails. Only shares (a percentage is a rounding by
 * nature) and figures hedged with "about", "nearly"… may be roundings.
 */
import { must } from '../checked.js';
import { findIn, nearestIn, poolKey, type Pool } from './pool.js';
import type { Candidates, PrintedFigure } from './types.js';
import type { ScanLocale } from './scan.js';
import { signOf } from './scan.js';

export type Trace = { ok: true; kind: string; how: string } | { ok: false; reason: string };

/** Floating-point slack: 141.9 × 1e6 is 141900000.00000003. */
const slack = (v: number) => 1e-9 * Math.max(1, Math.abs(v));

/** The place of a whole number's last non-zero digit: 290000 → 10000, 2.9 → 1. */
export function roundingStep(v: number): number {
  let step = 1;
  const whole = Math.round(Math.abs(v));
  if (whole === 0 || whole !== Math.abs(v)) return step;
  while (whole % (step * 10) === 0) step *= 10;
  return step;
}

/** The values a printed figure may stand for: itself, or (hedged) anything it rounds. */
function range(f: PrintedFigure): [number, number] {
  const tol = (f.hedged ? f.step / 2 : 0) + slack(f.value);
  return [f.value - tol, f.value + tol];
}

const formatters = new Map<string, Intl.NumberFormat>();
/** A value as the report prints it ("1,150,000"); one formatter per locale. */
function fmt(n: number, locale: string): string {
  let f = formatters.get(locale);
  if (!f) formatters.set(locale, (f = new Intl.NumberFormat(locale, { maximumFractionDigits: 6 })));
  return f.format(n);
}

/** Finds the figure in the first pool that holds it. */
function findAny(pools: (Pool | undefined)[], f: PrintedFigure) {
  const [lo, hi] = range(f);
  for (const p of pools) {
    const hit = findIn(p, lo, hi);
    if (hit) return hit;
  }
  return undefined;
}

function nearestAny(pools: (Pool | undefined)[], v: number) {
  return pools
    .map((p) => nearestIn(p, v))
    .filter((x) => x !== undefined)
    .sort((a, b) => Math.abs(a.value - v) - Math.abs(b.value - v))[0];
}

function traceMoney(f: PrintedFigure, c: Candidates, sl: ScanLocale): Trace {
  const currencies = f.sign === undefined ? [] : (sl.signs.get(f.sign) ?? []);
  if (currencies.length === 0) {
    const known = c.currencies
      .map((cur) => `${cur} (written ${signOf(cur, sl.locale)})`)
      .join(', ');
    return {
      ok: false,
      reason:
        `it is printed in "${f.sign}", but no amount in the data is in a currency written that ` +
        `way; the data's currencies are ${known || 'none'}`,
    };
  }
  const names = currencies.join('/');
  const mine = currencies.map((cur) => c.pools.get(poolKey('money', cur)));
  const hit = findAny(mine, f);
  if (hit) return { ok: true, kind: 'money', how: hit.how };
  // A conversion at a stated rate is a computation: it may print rounded, and a figure written
  // in full ("US$290,000") is rounded to its last non-zero digit.
  const converted = findAny(
    currencies.map((cur) => c.pools.get(poolKey('money~', cur))),
    { ...f, hedged: true, step: Math.max(f.step, roundingStep(f.value)) },
  );
  if (converted) return { ok: true, kind: 'converted money', how: converted.how };
  for (const other of c.currencies.filter((x) => !currencies.includes(x))) {
    const elsewhere = findAny([c.pools.get(poolKey('money', other))], f);
    if (elsewhere)
      return {
        ok: false,
        reason:
          `it reads as ${fmt(f.value, sl.locale)} in ${names}, but the data has that amount in ` +
          `${other} (${elsewhere.how}), written ${signOf(other, sl.locale)}`,
      };
  }
  const near = nearestAny(mine, f.value);
  const rounds = near && Math.abs(near.value - f.value) <= f.step / 2 + slack(near.value);
  const hint = !near
    ? ''
    : rounds
      ? `; the nearest ${names} value is ${fmt(near.value, sl.locale)} (${near.how}), which the ` +
        `printed figure rounds: it drops a digit the data states`
      : `; the nearest ${names} value is ${fmt(near.value, sl.locale)} (${near.how})`;
  return {
    ok: false,
    reason:
      `it reads as ${fmt(f.value, sl.locale)} in ${names}, and no ${names} amount in the data, ` +
      `nor a declared sum, difference or share of them, equals it${hint}`,
  };
}

function traceNumber(f: PrintedFigure, c: Candidates, sl: ScanLocale): Trace {
  const isYear =
    !f.grouped && !f.unit && Number.isInteger(f.value) && f.value >= 1000 && f.value < 3000;
  if (isYear) {
    const how = c.dates.get(`year:${f.value}`);
    if (how) return { ok: true, kind: 'year', how };
  }
  const quantities = f.unit
    ? [c.pools.get(poolKey('quantity', f.unit))]
    : [...c.pools].filter(([k]) => k.startsWith('quantity|')).map(([, p]) => p);
  const counts = f.unit ? [] : [c.pools.get(poolKey('count'))];
  const q = findAny(quantities, f);
  if (q) return { ok: true, kind: 'quantity', how: q.how };
  const n = findAny(counts, f);
  if (n) return { ok: true, kind: 'count', how: n.how };
  for (const cur of c.currencies) {
    const money = findAny([c.pools.get(poolKey('money', cur))], { ...f, hedged: false });
    if (money)
      return {
        ok: false,
        reason: `it equals a ${cur} amount (${money.how}) but is printed without its currency`,
      };
  }
  const near = nearestAny([...quantities, ...counts], f.value);
  const what = f.unit
    ? `${f.unit} figure`
    : isYear
      ? 'year, count or quantity'
      : 'count or quantity';
  const hint = near ? `; the nearest is ${fmt(near.value, sl.locale)} (${near.how})` : '';
  return {
    ok: false,
    reason:
      `it reads as ${fmt(f.value, sl.locale)}, and no ${what} in the data, nor a declared sum of ` +
      `them, equals it${hint}`,
  };
}

function traceShare(f: PrintedFigure, c: Candidates, sl: ScanLocale): Trace {
  // A percentage is a rounding of its share whether or not the text says "about".
  const tol = f.step / 2 + slack(f.value);
  const hit = findIn(c.pools.get(poolKey('share')), (f.value - tol) / 100, (f.value + tol) / 100);
  if (hit) return { ok: true, kind: 'share', how: hit.how };
  return {
    ok: false,
    reason:
      `no share of a one-currency (or one-unit) total in the data rounds to ` +
      `${fmt(f.value, sl.locale)}%`,
  };
}

function traceRank(f: PrintedFigure, c: Candidates): Trace {
  const hit = findIn(c.pools.get(poolKey('rank')), f.value, f.value);
  if (hit) return { ok: true, kind: 'rank', how: hit.how };
  return {
    ok: false,
    reason:
      `no group of comparable values in the data has ${f.value} members, so nothing ranks ` +
      `${f.raw}`,
  };
}

/** The keys (see dateKeys) any of which lets the date read be printed. */
function printedKeys(f: PrintedFigure): string[] {
  const p = must(f.date, 'the date read');
  if (f.kind === 'decade') {
    // "the early 1990s" from a stated early-1990s, or from a year in its first years.
    const decade = must(p.year, 'the year of a decade');
    const [lo, hi] =
      p.part === 'early' ? [0, 3] : p.part === 'mid' ? [3, 7] : p.part === 'late' ? [7, 9] : [0, 9];
    const years = Array.from({ length: hi - lo + 1 }, (_, i) => `yearin:${decade + lo + i}`);
    return [p.part ? `decade:${p.year}:${p.part}` : `decade:${p.year}`, ...years];
  }
  const y = p.year ?? '';
  return [p.day !== undefined ? `day:${y}-${p.month}-${p.day}` : `month:${y}-${p.month}`];
}

function traceDate(f: PrintedFigure, c: Candidates): Trace {
  for (const k of printedKeys(f)) {
    const how = c.dates.get(k);
    if (how) return { ok: true, kind: 'date', how };
  }
  return {
    ok: false,
    reason:
      f.date?.day !== undefined
        ? 'no date in the data (nor the build date) is that day; a date stated only to the month ' +
          'or year must not print a day'
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
    default: {
      const n = traceNumber(f, c, sl);
      if (n.ok || !f.mayBeRank) return n;
      const rank = traceRank(f, c);
      return rank.ok ? rank : n;
    }
  }
}
