/**
 * Formatting an analyst needs in prose, all through Intl with the bulletin's locale.
 * Pure functions: the template engine, the charts and the decks call the same ones, so a
 * figure reads the same everywhere. None throws on a valid value.
 */
import { must } from '../checked.js';
import { STATED_SYMBOLS } from '../dataset/schema.js';
import { memo, NBSP, numberFormat, pluralRules, remembered } from './intl.js';

export { NBSP } from './intl.js';
export { formatDate, formatDateRange, precisionOf } from './date-text.js';
export { comparable, currenciesAt, rank, rankComparable } from './ranking.js';

/** Most fraction digits a scaled figure may show before it is clearer written in full. */
const MAX_SCALED_FRACTION = 3;

/** Significant digits of a number as written in full: 1150000 → 3, 867000 → 3, 2.5 → 2. */
export function significantDigits(value: number): number {
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
export const scaled: (value: number, locale: string, digits?: number) => string = remembered(
  // String(n) tells every double apart but -0 from 0, which Intl writes as "-0".
  (value: number, locale: string, digits?: number) =>
    Object.is(value, -0) ? undefined : `${locale}\u0000${digits}\u0000${value}`,
  scaledNow,
);

function scaledNow(value: number, locale: string, digits?: number): string {
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
const SIGN_STANDS_FOR: Record<string, string> = {
  $: 'USD',
  '€': 'EUR',
  '£': 'GBP',
  '¥': 'JPY',
};

const isStatedSymbol = (c: string) => (STATED_SYMBOLS as readonly string[]).includes(c);
/** A currency given as a bare sign ("$"), not an ISO code: which currency is not stated. */
export const isBareSign = isStatedSymbol;

/**
 * How the locale writes a currency around a number, from CLDR through Intl: the sign, the
 * text between sign and number, and which side the sign goes. A bare sign ("$" as stated)
 * is written as itself, placed as the locale places that sign.
 */
const currencyPattern = remembered(
  (currency: string, locale: string) => `${currency}\u0000${locale}`,
  currencyPatternNow,
);

function currencyPatternNow(
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
  const symbol = parts[at]?.value ?? currency;
  return { sign: stated ? currency : unambiguousSign(symbol, currency), gap, after };
}

/**
 * Signs that stand for more than one currency. A locale writes its own dollar as "$" (NZD in
 * en-NZ, USD in en-US), the same sign as an amount whose currency the source does not state
 * and as every other dollar: "(NZD) … $100,000" printed above "Stated as “$” … $100,000"
 * (issue 28, item 3). An ISO code is never printed as one of these.
 */
const SHARED_SIGNS = new Set(['$', '¥']);

/** International English's symbol for a code whose locale symbol is a shared sign: "NZ$". */
function unambiguousSign(symbol: string, code: string): string {
  if (!SHARED_SIGNS.has(symbol)) return symbol;
  const parts = numberFormat('en-001', { style: 'currency', currency: code }).formatToParts(1);
  const intl = parts.find((p) => p.type === 'currency')?.value ?? code;
  return SHARED_SIGNS.has(intl) ? code : intl;
}

/**
 * The text before and after a number in this currency, as `money` writes it: "FJD\u00a0" and "".
 */
export function currencyAffixes(
  currency: string,
  locale: string,
): { prefix: string; suffix: string } {
  const { sign, gap, after } = currencyPattern(currency, locale);
  return after ? { prefix: '', suffix: `${gap}${sign}` } : { prefix: `${sign}${gap}`, suffix: '' };
}

/**
 * The sign used for a currency: "$" as stated, or Intl's symbol for an ISO code ("A$" for AUD in
 * en-US).
 */
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

const QUALIFIERS: Record<string, string> = {
  over: 'over',
  'more-than': 'more than',
  about: 'about',
  'up-to': 'up to',
  'at-least': 'at least',
};

/** A qualifier as it reads before a figure: "up-to" → "up to"; none → "". */
export function qualifierText(qualifier: string | undefined): string {
  return qualifier ? (QUALIFIERS[qualifier] ?? qualifier.replace(/-/g, ' ')) : '';
}

/** Money after its qualifier, if any: "up to ¥165 billion". */
export function hedgedMoney(
  amount: number,
  currency: string,
  locale: string,
  qualifier?: string,
  digits?: number,
): string {
  const lead = qualifierText(qualifier);
  return `${lead ? `${lead} ` : ''}${money(amount, currency, locale, digits)}`;
}

/**
 * A name's possessive as English writes it: "the United Kingdom’s", "Fiji’s", but a plural
 * name takes the apostrophe alone ("the Solomon Islands’", "the United States’"), never
 * "Islands’s". A singular name in -s ("Cyprus", "Mauritius") keeps "’s".
 */
export function possessive(name: string): string {
  if (/s$/.test(name) && !/(?:ss|us)$/.test(name)) return `${name}’`;
  return `${name}’s`;
}

/** The first letter capitalised and the rest kept ("the United States" → "The United States"). */
export function upfirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A quantity in words, every stated digit kept: "over 6,000 visas", "22.5 million barrels". */
export function quantity(
  q: { value: number; unit: string; qualifier?: string },
  locale: string,
  digits?: number,
): string {
  const lead = q.qualifier ? `${qualifierText(q.qualifier)} ` : '';
  return `${lead}${scaled(q.value, locale, digits)} ${q.unit}`;
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

/**
 * Small counts in words in English prose ("four partners"); digits otherwise and in other
 * languages.
 */
export function words(n: number, locale: string): string {
  const word = locale.startsWith('en') && Number.isInteger(n) ? EN_WORDS[n] : undefined;
  return word ?? number(n, locale);
}
