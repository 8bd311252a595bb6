/**
 * Candidate values indexed by kind and currency (or unit), sorted, so a figure is traced by
 * binary search: a 500-partner build prints tens of thousands of figures against tens of
 * thousands of derived values, and a linear scan of every pair would take minutes.
 */
import { at, must } from '../checked.js';
import type { Candidate } from './types.js';

/** The sorted values of one kind in one currency or unit, each with how it was derived. */
export interface Pool {
  values: number[];
  hows: string[];
}

/** The key of a pool: "money|FJD", "quantity|barrels", "count|"; "money~|USD" for conversions. */
export const poolKey = (kind: Candidate['kind'] | 'money~', sub = ''): string => `${kind}|${sub}`;

const subOf = (c: Candidate) =>
  c.kind === 'money' ? c.currency : c.kind === 'quantity' ? (c.unit ?? '') : '';

/** Groups candidates into sorted pools; the first derivation of a value names it. */
export function makePools(candidates: readonly Candidate[]): Map<string, Pool> {
  const groups = new Map<string, Map<number, string>>();
  for (const c of candidates) {
    const key = poolKey(c.kind === 'money' && c.approx ? 'money~' : c.kind, subOf(c));
    const g = groups.get(key) ?? new Map<number, string>();
    if (!g.has(c.value)) g.set(c.value, c.how);
    groups.set(key, g);
  }
  const pools = new Map<string, Pool>();
  for (const [key, g] of groups) {
    const sorted = [...g].sort((a, b) => a[0] - b[0]);
    pools.set(key, { values: sorted.map((x) => x[0]), hows: sorted.map((x) => x[1]) });
  }
  return pools;
}

const howAt = (pool: Pool, i: number) => at(pool.hows, i, 'pool derivation');

/** Index of the first value >= v. */
function lowerBound(values: readonly number[], v: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (at(values, mid, 'pool value') < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A value of the pool in [lo, hi], with its derivation. */
export function findIn(
  pool: Pool | undefined,
  lo: number,
  hi: number,
): { value: number; how: string } | undefined {
  if (!pool) return undefined;
  const i = lowerBound(pool.values, lo);
  const value = pool.values[i];
  return value !== undefined && value <= hi ? { value, how: howAt(pool, i) } : undefined;
}

/** The value of the pool nearest to v. */
export function nearestIn(
  pool: Pool | undefined,
  v: number,
): { value: number; how: string } | undefined {
  if (!pool || pool.values.length === 0) return undefined;
  const i = lowerBound(pool.values, v);
  const [pick] = [i - 1, i]
    .flatMap((j) => {
      const value = pool.values[j];
      return value === undefined ? [] : [{ value, how: howAt(pool, j) }];
    })
    .sort((a, b) => Math.abs(a.value - v) - Math.abs(b.value - v));
  return must(pick, 'nearest pool value');
}
