/**
 * Whether a bulletin holds amounts in a bare sign ("$" as the source gave it) beside amounts in
 * ISO currencies. Then a bare "$300,000" beside "NZ$100,000" reads as the reader's own dollar,
 * so the text says the currency is not stated (issue 28, item 3). Pure.
 */
import type { Dataset } from '../dataset/schema.js';
import { STATED_SYMBOLS } from '../dataset/fields.js';

const BARE = new Set<string>(STATED_SYMBOLS);

/** True when the data's amounts mix a bare sign with at least one ISO currency. */
export function mixesBareSigns(d: Dataset): boolean {
  const currencies = new Set(
    d.measures.flatMap((m) => ('currency' in m && m.currency ? [m.currency] : [])),
  );
  const bare = [...currencies].filter((c) => BARE.has(c));
  return bare.length > 0 && bare.length < currencies.size;
}
