/**
 * Deck chart caches: each value a native chart stores is shown through its data label's
 * number format. The label is rendered with numfmt (the Excel format engine, as PowerPoint
 * renders it) and read back like any printed text, and the stored value itself must also be a
 * value of the data, so an edited cache is caught even when its label rounds the edit away.
 */
import { format, isDateFormat } from 'numfmt';
import { findIn, poolKey } from './pool.js';
import type { Candidates, ChartValue } from './types.js';
import { scanFigures, type ScanLocale } from './scan.js';

/** The label a value shows through a format code ("$48.3 million"). */
export function chartLabel(v: ChartValue, locale: string): string {
  return String(format(v.formatCode, v.value, { locale, throws: false }));
}

/** Checks the stored value (not its label) against the data; a reason when it fails. */
export function checkStoredValue(
  v: ChartValue,
  label: string,
  c: Candidates,
  sl: ScanLocale,
): string | undefined {
  if (isDateFormat(v.formatCode)) return undefined;
  const sign = scanFigures(label, sl).find((f) => f.kind === 'money')?.sign;
  const currencies = sign ? (sl.signs.get(sign) ?? []) : undefined;
  const tol = 1e-9 * Math.max(1, Math.abs(v.value));
  const pools = currencies
    ? currencies.map((cur) => c.pools.get(poolKey('money', cur)))
    : [...c.pools].filter(([k]) => /^(quantity|count)\|/.test(k)).map(([, p]) => p);
  const ok = pools.some((p) => findIn(p, v.value - tol, v.value + tol));
  if (ok) return undefined;
  // A chart converted at a stated rate stores the conversion to three significant digits.
  const third = 0.5 * 10 ** (Math.floor(Math.log10(Math.max(1e-9, Math.abs(v.value)))) - 2);
  const converted = (currencies ?? []).map((cur) => c.pools.get(poolKey('money~', cur)));
  if (converted.some((p) => findIn(p, v.value - third - tol, v.value + third + tol)))
    return undefined;
  const what = currencies ? `${currencies.join('/') || sign} amount` : 'quantity or count';
  return (
    `the chart stores the value ${v.value} (series "${v.series}"), and no ${what} in the data, ` +
    `nor a declared sum of them, equals it`
  );
}
