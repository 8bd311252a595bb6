/**
 * Comparable groups: values in one currency (or one unit), with their total, the total less
 * each member ("the others combined"), each member's share and the ranks 1..n. The partner
 * scopes a comparison may run over are all partners, each role, and the partners with decks.
 */
import type { Dataset } from '../dataset/schema.js';
import type { Candidate } from './types.js';

/** An aid amount (or the part of a package) by partner, category and currency. */
export type AidPart = { partner: string; category: string; currency: string; value: number };

export type Part = { key: string; value: number };

/** Shares of a total and ranks 1..n within one comparable group. */
export function compare(parts: Part[], what: string, out: Candidate[]): void {
  const live = parts.filter((p) => p.value > 0);
  const total = live.reduce((s, p) => s + p.value, 0);
  if (live.length === 0 || total <= 0) return;
  for (const p of live)
    out.push({ kind: 'share', value: p.value / total, how: `${p.key}'s share of ${what}` });
  for (let r = 1; r <= live.length; r++)
    out.push({ kind: 'rank', value: r, how: `a rank among ${live.length} in ${what}` });
}

/** Sums `parts` by key; returns the parts in first-seen order. */
function sumBy(parts: Part[]): Part[] {
  const m = new Map<string, number>();
  for (const p of parts) m.set(p.key, (m.get(p.key) ?? 0) + p.value);
  return [...m].map(([key, value]) => ({ key, value }));
}

/** A group of comparable values: total, total less each member, shares and ranks. */
export function group(
  parts: Part[],
  what: string,
  make: (value: number, how: string) => Candidate,
  out: Candidate[],
): void {
  const summed = sumBy(parts);
  const total = summed.reduce((s, p) => s + p.value, 0);
  if (summed.length === 0) return;
  for (const p of summed) {
    out.push(make(p.value, `${p.key}, ${what}`));
    if (summed.length > 1) out.push(make(total - p.value, `${what} less ${p.key}`));
  }
  out.push(make(total, `the total of ${what}`));
  compare(summed, what, out);
}

/** The partner scopes a comparison may run over. */
export function scopes(d: Dataset): { name: string; ids: Set<string> }[] {
  const deckRole = new Map(d.roles.map((r) => [r.id, r.deck]));
  const out = [{ name: 'all partners', ids: new Set(d.partners.map((p) => p.id)) }];
  for (const r of d.roles)
    out.push({
      name: `partners with role ${r.id}`,
      ids: new Set(d.partners.filter((p) => p.role === r.id).map((p) => p.id)),
    });
  const decks = d.partners.filter((p) => p.deck ?? deckRole.get(p.role) ?? false);
  out.push({ name: 'partners with decks', ids: new Set(decks.map((p) => p.id)) });
  return out;
}
