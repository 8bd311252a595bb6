/**
 * Amounts converted at rates the data states (`rates`: 1 `from` = `rate` `to`, as of a
 * date): each amount, and each sum, share and rank over partners once converted into the
 * rate's currency. A converted figure is a computation, not a stated figure, so it may be
 * printed rounded (its pool is matched to the precision printed). Without a stated rate no
 * amount is ever compared across currencies.
 */
import type { Dataset } from '../dataset/schema.js';
import { group, scopes, type AidPart } from './groups.js';
import type { Candidate } from './types.js';

/** A stated rate, read loosely so the check works whether or not the schema has rates yet. */
interface Rate {
  from: string;
  to: string;
  rate: number;
}

function ratesOf(d: Dataset): Rate[] {
  const rates = (d as { rates?: unknown }).rates;
  return Array.isArray(rates)
    ? rates.filter(
        (r): r is Rate =>
          typeof r?.from === 'string' && typeof r?.to === 'string' && typeof r?.rate === 'number',
      )
    : [];
}

/** Adds the converted candidates (and each rate, a stated number) to `out`. */
export function convertedCandidates(d: Dataset, parts: AidPart[], out: Candidate[]): void {
  for (const r of ratesOf(d)) {
    out.push({ kind: 'quantity', value: r.rate, how: `the rate ${r.from} to ${r.to}` });
    // A note states the rate as money: "1 CAD = 0.73 USD".
    const stated = `the rate ${r.from} to ${r.to}, as a note states it`;
    out.push({ kind: 'money', value: 1, currency: r.from, how: stated, approx: true });
    out.push({ kind: 'money', value: r.rate, currency: r.to, how: stated, approx: true });
    const at = `converted from ${r.from} at ${r.rate}`;
    const make = (value: number, how: string): Candidate => ({
      kind: 'money',
      value,
      currency: r.to,
      how: `${how}, ${at}`,
      approx: true,
    });
    for (const c of [...out])
      if (c.kind === 'money' && c.currency === r.from && !c.approx)
        out.push(make(c.value * r.rate, c.how));
    const merged = parts
      .filter((p) => p.currency === r.from || p.currency === r.to)
      .map((p) => (p.currency === r.from ? { ...p, value: p.value * r.rate } : p));
    if (!merged.some((p) => p.currency === r.from)) continue;
    for (const s of scopes(d)) {
      const scoped = merged.filter((x) => s.ids.has(x.partner));
      const by = (key: (x: AidPart) => string) =>
        scoped.map((x) => ({ key: key(x), value: x.value }));
      group(
        by((x) => x.partner),
        `aid in ${r.to} of ${s.name}`,
        make,
        out,
      );
      group(
        by((x) => x.category),
        `aid in ${r.to} of ${s.name} by category`,
        make,
        out,
      );
    }
  }
}
