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

/**
 * A pure formatting function that remembers its results by a key of its arguments. Intl's
 * formatToParts costs microseconds a call, and a deck's notes list every peer's figures, so
 * 100 partners format the same few hundred values ten thousand times. Bounded: past `limit`
 * keys it starts afresh, so a long --watch session does not grow without end.
 */
export function remembered<A extends unknown[], R>(
  key: (...args: A) => string | undefined,
  compute: (...args: A) => R,
  limit = 20_000,
): (...args: A) => R {
  const results = new Map<string, R>();
  return (...args: A) => {
    const k = key(...args);
    if (k === undefined) return compute(...args);
    let r = results.get(k);
    if (r === undefined && !results.has(k)) {
      r = compute(...args);
      if (results.size >= limit) results.clear();
      results.set(k, r);
    }
    return r as R;
  };
}

export const numberFormat = (locale: string, o: Intl.NumberFormatOptions) =>
  memo('number', locale, o, () => new Intl.NumberFormat(locale, o));
export const dateFormat = (locale: string, o: Intl.DateTimeFormatOptions) =>
  memo('date', locale, o, () => new Intl.DateTimeFormat(locale, o));
export const pluralRules = (locale: string, o: Intl.PluralRulesOptions) =>
  memo('plural', locale, o, () => new Intl.PluralRules(locale, o));
