/**
 * Intl formatters, kept one per locale and options, and the no-break space prose uses.
 */

/** No-break space: keeps a number with its scale word or a month with its day. */
export const NBSP = '\u00a0';
// Building an Intl formatter costs far more than formatting with it, and a 500-partner build
// formats tens of thousands of figures: keep one per locale and options.
const formatters = new Map<string, unknown>();
export function memo<T>(kind: string, locale: string, options: object, make: () => T): T {
  const key = `${kind}\u0000${locale}\u0000${JSON.stringify(options)}`;
  let f = formatters.get(key) as T | undefined;
  if (f === undefined) formatters.set(key, (f = make()));
  return f;
}

// Kept with the dataset's own memo (dataset/memo.ts): dates are parsed with it there too.
export { remembered } from '../dataset/memo.js';

export const numberFormat = (locale: string, o: Intl.NumberFormatOptions) =>
  memo('number', locale, o, () => new Intl.NumberFormat(locale, o));
export const dateFormat = (locale: string, o: Intl.DateTimeFormatOptions) =>
  memo('date', locale, o, () => new Intl.DateTimeFormat(locale, o));
export const pluralRules = (locale: string, o: Intl.PluralRulesOptions) =>
  memo('plural', locale, o, () => new Intl.PluralRules(locale, o));
