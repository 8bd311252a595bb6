/**
 * What a stated figure (`figures`) allows to be printed: its value with its unit, a share when
 * the unit is a percentage ("80 per cent"), money when it is a currency ("$10 million"), and
 * the count of its members.
 */
import { STATED_SYMBOLS, type Dataset } from '../dataset/schema.js';
import { signsOf } from './signs.js';
import type { Candidate } from './types.js';

/** Units that make a figure a percentage ("80 per cent" is the share 0.8). */
const PERCENT_UNITS = new Set(['%', 'percent', 'per cent', 'pct']);
const ISO = new Set(Intl.supportedValuesOf('currency'));

/**
 * The currency of a figure that is money: its `currency` (read loosely, so the check works
 * whether or not the schema has it yet) or a unit that is a currency code or a stated sign.
 */
function currencyOfFigure(f: Dataset['figures'][number], locale: string): string | undefined {
  const stated = (f as { currency?: unknown }).currency;
  if (typeof stated === 'string') return stated;
  const unit = f.unit?.trim();
  if (!unit) return undefined;
  if (ISO.has(unit) || (STATED_SYMBOLS as readonly string[]).includes(unit)) return unit;
  // A sign with letters names its currency ("NZ$", "US$", "A$"): the one written so.
  if (!/\p{Lu}/u.test(unit)) return undefined;
  return [...ISO].find(
    (c) => c[0] === unit.replace(/[^\p{Lu}]/gu, '')[0] && signsOf(c, locale).includes(unit),
  );
}

/** Adds each figure's candidates to `out`. */
export function figureCandidates(d: Dataset, out: Candidate[]): void {
  for (const f of d.figures) {
    const unit = f.unit?.toLowerCase();
    out.push({
      kind: 'quantity',
      value: f.value,
      ...(unit ? { unit } : {}),
      how: `figure ${f.id}`,
    });
    if (unit && PERCENT_UNITS.has(unit))
      out.push({ kind: 'share', value: f.value / 100, how: `figure ${f.id}` });
    const currency = currencyOfFigure(f, d.bulletin.locale);
    if (currency) out.push({ kind: 'money', value: f.value, currency, how: `figure ${f.id}` });
    if (f.members)
      out.push({ kind: 'count', value: f.members.length, how: `members of figure ${f.id}` });
  }
}
