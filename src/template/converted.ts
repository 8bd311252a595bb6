/**
 * An amount converted at a rate the data states (`rates`: 1 `from` = `rate` `to`), for the
 * text beside the stated figure: "NZ$100,000 (≈ US$68,000 at the stated rate)" (issue 28,
 * item 3). The stated amount stays the figure; the conversion is a computation, so it is
 * rounded to no more significant digits than the rate states (and never more than three).
 */
import type { Rate } from '../dataset/schema.js';
import { compareDates } from '../dataset/dates.js';
import { list, money, significantDigits } from './filters.js';

/** The most significant digits a converted figure shows, as the charts write one. */
const MAX_DIGITS = 3;

/** The latest stated rate from `currency` into each other currency, in the data's order. */
function ratesFrom(rates: readonly Rate[], currency: string): Rate[] {
  const latest = new Map<string, Rate>();
  for (const r of rates) {
    if (r.from !== currency || r.to === currency) continue;
    const seen = latest.get(r.to);
    if (!seen || compareDates(r.date, seen.date) > 0) latest.set(r.to, r);
  }
  return [...latest.values()];
}

/** The conversion of one amount, rounded to the precision the rate supports. */
export function convertAmount(amount: number, r: Rate): number {
  const digits = Math.min(MAX_DIGITS, significantDigits(r.rate));
  return Number((amount * r.rate).toPrecision(digits));
}

/**
 * "≈ US$68,000 at the stated rate" for an amount in a currency the data gives a rate from,
 * or "" when it gives none.
 */
export function convertedAside(
  amount: number,
  currency: string,
  rates: readonly Rate[],
  locale: string,
): string {
  const found = ratesFrom(rates, currency);
  if (found.length === 0) return '';
  const figures = found.map((r) => `≈\u00a0${money(convertAmount(amount, r), r.to, locale)}`);
  return `${list(figures, locale, 'or')} at the stated ${found.length > 1 ? 'rates' : 'rate'}`;
}
