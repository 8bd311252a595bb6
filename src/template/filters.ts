/**
 * Formatting an analyst needs in prose, all through Intl with the bulletin's locale.
 * Pure functions: the template engine, the charts and the decks call the same ones, so a
 * figure reads the same everywhere. None throws on a valid value.
 */
import { must } from '../checked.js';
import { mustParse, parseFuzzyDate, startOf, endOf, type FuzzyDate } from '../dataset/dates.js';
import { STATED_SYMBOLS } from '../dataset/schema.js';

// Building an Intl formatter costs far more than formatting with it, and a 500-partner build
// formats tens of thousands of figures: keep one per locale and options.
const formatters = new Map<string, unknown>();
function memo<T>(kind: string, locale: string, options: object, make: () => T): T {
  const key = `${kind}\u0000${locale}\u0000${JSON.stringify(options)}`;
  let f = formatters.get(key) as T | undefined;
  if (f === undefined) formatters.set(key, (f = make()));
  return f;
}
const numberFormat = (locale: string, o: Intl.NumberFormatOptions) =>
  memo('number', locale, o, () => new Intl.NumberFormat(locale, o));
const dateFormat = (locale: string, o: Intl.DateTimeFormatOptions) =>
  memo('date', locale, o, () => new Intl.DateTimeFormat(locale, o));
const pluralRules = (locale: string, o: Intl.PluralRulesOptions) =>
  memo('plural', locale, o, () => new Intl.PluralRules(locale, o));

/** No-break space: keeps a number with its scale word or a month with its day. */
export const NBSP = '\u00a0';

/** Most fraction digits a scaled figure may show before it is clearer written in full. */
const MAX_SCALED_FRACTION = 3;

/** Significant digits of a number as written in full: 1150000 → 3, 867000 → 3, 2.5 → 2. */
function significantDigits(value: number): number {
  const digits = Math.abs(value)
    .toPrecision(15)
    .replace(/e.*$/, '')
    .replace('.', '')
    .replace(/^0+/, '');
  return Math.max(1, digits.replace(/0+$/, '').length);
}

/**
 * Scaled wording of a number: 300000000 → "300 million", 1150000 → "1.15 million",
 * 867000 → "867,000" (no-break spaces). A stated figure keeps every significant digit: it is
 * scaled only when the scaled form says the same number, and written in full otherwise
 * (1234567 → "1,234,567"). `digits` rounds on purpose, to at most that many fraction digits
 * of the scaled figure, when a template asks for it.
 */
export function scaled(value: number, locale: string, digits?: number): string {
  if (Math.abs(value) < 1e6)
    return numberFormat(locale, { maximumFractionDigits: digits ?? 20 }).format(value);
  const compact =
    digits === undefined
      ? numberFormat(locale, {
          notation: 'compact',
          compactDisplay: 'long',
          maximumSignificantDigits: Math.min(21, significantDigits(value)),
        })
      : numberFormat(locale, {
          notation: 'compact',
          compactDisplay: 'long',
          maximumFractionDigits: digits,
        });
  const parts = compact.formatToParts(value);
  const fraction = parts.find((p) => p.type === 'fraction')?.value.length ?? 0;
  if (digits === undefined && fraction > MAX_SCALED_FRACTION)
    return numberFormat(locale, { maximumFractionDigits: 20 }).format(value);
  return parts
    .map((p) => p.value)
    .join('')
    .replace(/ /g, NBSP);
}

/** The ISO currency Intl formats a bare sign as, for its spacing and side in the locale. */
const SIGN_STANDS_FOR: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY' };

const isStatedSymbol = (c: string) => (STATED_SYMBOLS as readonly string[]).includes(c);

/**
 * How the locale writes a currency around a number, from CLDR through Intl: the sign, the
 * text between sign and number, and which side the sign goes. A bare sign ("$" as stated)
 * is written as itself, placed as the locale places that sign.
 */
function currencyPattern(
  currency: string,
  locale: string,
): { sign: string; gap: string; after: boolean } {
  const stated = isStatedSymbol(currency);
  const parts = numberFormat(locale, {
    style: 'currency',
    currency: stated ? must(SIGN_STANDS_FOR[currency], `the code for ${currency}`) : currency,
    currencyDisplay: stated ? 'narrowSymbol' : 'symbol',
  }).formatToParts(1);
  const at = parts.findIndex((p) => p.type === 'currency');
  const num = parts.findIndex((p) => p.type === 'integer');
  const after = at > num;
  const between = after ? parts.slice(num + 1, at) : parts.slice(at + 1, num);
  const gap = between
    .filter((p) => p.type === 'literal')
    .map((p) => p.value)
    .join('')
    .replace(/\s/g, NBSP);
  return { sign: stated ? currency : (parts[at]?.value ?? currency), gap, after };
}

/** The text before and after a number in this currency, as `money` writes it: "FJD\u00a0" and "". */
export function currencyAffixes(
  currency: string,
  locale: string,
): { prefix: string; suffix: string } {
  const { sign, gap, after } = currencyPattern(currency, locale);
  return after ? { prefix: '', suffix: `${gap}${sign}` } : { prefix: `${sign}${gap}`, suffix: '' };
}

/** The sign used for a currency: "$" as stated, or Intl's symbol for an ISO code ("A$" for AUD in en-US). */
export function currencySign(currency: string, locale: string): string {
  return currencyPattern(currency, locale).sign;
}

/**
 * Money with its currency and million/billion wording, spaced as the locale writes that
 * currency: "$300 million", "A$2.6 million", "FJD 4.2 million", "10 Millionen €". Every
 * stated digit is kept unless `digits` asks for rounding (see `scaled`).
 */
export function money(amount: number, currency: string, locale: string, digits?: number): string {
  const { sign, gap, after } = currencyPattern(currency, locale);
  const num = scaled(amount, locale, digits);
  return after ? `${num}${gap}${sign}` : `${sign}${gap}${num}`;
}

/** A plain number with grouping: 22500000 → "22,500,000". */
export function number(value: number, locale: string, maxFraction = 2): string {
  return numberFormat(locale, { maximumFractionDigits: maxFraction }).format(value);
}

/** A percentage of a share (0.25 → "25%"). */
export function percent(share: number, locale: string): string {
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

const QUALIFIERS: Record<string, string> = { over: 'over', about: 'about', 'up-to': 'up to' };

/** A quantity in words, every stated digit kept: "over 6,000 visas", "22.5 million barrels". */
export function quantity(
  q: { value: number; unit: string; qualifier?: string },
  locale: string,
  digits?: number,
): string {
  const lead = q.qualifier ? `${QUALIFIERS[q.qualifier] ?? q.qualifier} ` : '';
  return `${lead}${scaled(q.value, locale, digits)} ${q.unit}`;
}

/** A date written by its precision: "April 19, 2022", "February 2022", "2005", "the early 1990s". */
export function formatDate(
  text: string,
  locale: string,
  style: 'full' | 'no-year' | 'month-day' = 'full',
): string {
  const d = mustParse(text);
  const utc = new Date(`${startOf(d)}T00:00:00Z`);
  // A month and its day (or year) stay on one line: "April 19" never breaks.
  const fmt = (o: Intl.DateTimeFormatOptions) =>
    dateFormat(locale, { timeZone: 'UTC', ...o })
      .format(utc)
      .replace(/ (?=\d)/g, NBSP);
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

function decadeWords(d: FuzzyDate): string {
  return d.part ? `the ${d.part} ${d.year}s` : `the ${d.year}s`;
}

/** A date range by precision: "April 6–7, 2022"; falls back to "from … to …" across precisions. */
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
    // Intl pads a day-to-day range with thin spaces ("6 – 7"); house style closes it up ("6–7").
    return range.replace(/(\d)\s+–\s+(\d)/gu, '$1–$2');
  }
  return `${formatDate(start, locale)}–${formatDate(end, locale)}`;
}

/** The precision of a date text, or "invalid". */
export function precisionOf(text: string): string {
  const d = parseFuzzyDate(text);
  return typeof d === 'string' ? 'invalid' : d.precision;
}

/** "A, B, and C" (or "A, B, or C" with type "or"), by the locale's rules. */
export function list(
  items: readonly unknown[],
  locale: string,
  type: 'and' | 'or' = 'and',
): string {
  const strings = items.map((x) => String(x));
  return memo(
    'list',
    locale,
    { type },
    () =>
      new Intl.ListFormat(locale, {
        style: 'long',
        type: type === 'or' ? 'disjunction' : 'conjunction',
      }),
  ).format(strings);
}

/**
 * At most `max` items for a list sentence: past that, the first `max - 1` and a count of the
 * rest ("96 others"), so a sentence that names every participant still fits two pages when
 * the data has a hundred. The count is data, never a hard-coded number.
 */
export function upto(items: readonly unknown[], max: number, locale: string): unknown[] {
  if (items.length <= max || max < 2) return [...items];
  const rest = items.length - (max - 1);
  return [
    ...items.slice(0, max - 1),
    `${words(rest, locale)} ${plural(rest, 'other', 'others', locale)}`,
  ];
}

const EN_ORDINAL: Record<string, string> = { one: 'st', two: 'nd', few: 'rd', other: 'th' };

/** 1 → "1st", 22 → "22nd" in English; other languages get "1." */
export function ordinal(n: number, locale: string): string {
  if (!locale.startsWith('en')) return `${number(n, locale)}.`;
  const rule = pluralRules(locale, { type: 'ordinal' }).select(n);
  return `${number(n, locale)}${EN_ORDINAL[rule] ?? 'th'}`;
}

/** Picks the singular or plural word for a count: plural(1, "visa", "visas") → "visa". */
export function plural(n: number, singular: string, pluralWord: string, locale: string): string {
  return pluralRules(locale, {}).select(n) === 'one' ? singular : pluralWord;
}

/** English number words for small counts, shared with the fidelity check's reader. */
export const EN_WORDS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
];

/** Small counts in words in English prose ("four partners"); digits otherwise and in other languages. */
export function words(n: number, locale: string): string {
  const word = locale.startsWith('en') && Number.isInteger(n) ? EN_WORDS[n] : undefined;
  return word ?? number(n, locale);
}

/** Reads a dotted path ("aid_total.amount") of an item; undefined when a step is missing. */
function pathValue(item: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (v, k) =>
        v !== null && typeof v === 'object' && Object.prototype.hasOwnProperty.call(v, k)
          ? (v as Record<string, unknown>)[k]
          : undefined,
      item,
    );
}

/**
 * Items ranked by a number at a path, largest first; items without one go last. Stable, so
 * ties keep the data order and the same data always ranks the same way.
 */
export function rank<T>(items: readonly T[], path: string): T[] {
  const keyed = items.map((item, i) => {
    const v = pathValue(item, path);
    return { item, i, v: typeof v === 'number' && Number.isFinite(v) ? v : undefined };
  });
  keyed.sort((a, b) =>
    a.v === undefined
      ? b.v === undefined
        ? a.i - b.i
        : 1
      : b.v === undefined
        ? -1
        : b.v - a.v || a.i - b.i,
  );
  return keyed.map((k) => k.item);
}

/** Money as the templates see it: an amount with its currency. */
function asMoneyValue(v: unknown): { amount: number; currency: string } | null {
  if (v === null || typeof v !== 'object') return null;
  const m = v as { amount?: unknown; currency?: unknown };
  return typeof m.amount === 'number' && typeof m.currency === 'string'
    ? { amount: m.amount, currency: m.currency }
    : null;
}

/**
 * The currencies of the money at a path across items. A path that ends in ".amount" reads
 * the money object around it, so `rank: "aid_total.amount"` knows its currency. Returns null
 * when some non-null value at the path is not money at all (plain numbers are comparable).
 */
export function currenciesAt(items: readonly unknown[], path: string): string[] | null {
  const moneyPath = path.endsWith('.amount') ? path.slice(0, -'.amount'.length) : path;
  const seen = new Set<string>();
  for (const item of items) {
    const v = moneyPath === '' ? item : pathValue(item, moneyPath);
    if (v === undefined || v === null) continue;
    const m = asMoneyValue(v);
    if (!m) return null;
    seen.add(m.currency);
  }
  return [...seen];
}

/**
 * Whether the money at a path can be compared across items: every non-null value is money in
 * one currency. Amounts in different currencies cannot be ranked, added or shared without
 * rates, so templates guard every "most", rank, share or "combined" with this.
 */
export function comparable(items: readonly unknown[], path = ''): boolean {
  const currencies = currenciesAt(items, path);
  return currencies !== null && currencies.length <= 1;
}

/** `rank`, refusing money in several currencies: a silent wrong order is worse than an error. */
export function rankComparable<T>(items: readonly T[], path: string): T[] {
  const currencies = currenciesAt(items, path);
  if (currencies && currencies.length > 1)
    throw new Error(
      `filter "rank" cannot order "${path}": the amounts are in ${currencies.length} currencies (${currencies.join(', ')}) and the data gives no rates; check first with {% assign ok = items | comparable: "${path}" %}`,
    );
  return rank(items, path);
}
