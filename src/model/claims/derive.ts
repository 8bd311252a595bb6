/**
 * The rules behind every derived claim, read straight from the dataset: who is compared, each
 * one's stated total, a rank, the largest, a partner's first step, the date the data runs to.
 * The build makes its claims with these, and `bulletin verify` runs them again on the current
 * data, so a claim and its check cannot drift apart. Pure.
 */
import { compareDates, mustParse, startOf } from '../../dataset/dates.js';
import type { Dataset, Measure } from '../../dataset/schema.js';
import { NOT_STATED_LABEL, STATED_SYMBOLS } from '../../dataset/schema.js';
import { figuresOf, NOT_STATED } from '../../dataset/figures.js';
import { measuresOf } from '../../dataset/by-partner.js';
import { firstEvidence } from './firsts.js';
import type { QualifierId } from './schema.js';

/** What a comparison adds up: an aid amount in its currency, or a quantity in its unit. */
export type ValueKind = 'amount' | 'quantity';

/** A partner's stated total of one measure type, in one currency or unit. */
export interface StatedTotal {
  partner: string;
  total: number;
  unit: string;
  /** The measures summed. */
  facts: string[];
}

/** The figure one measure gives, with its currency or unit; null when it states none. */
function figureOf(m: Measure, value: ValueKind): { v: number; unit: string } | null {
  if (value === 'quantity')
    // In-kind goods may be named without a count: such a measure adds nothing to a total.
    return 'quantity' in m && m.quantity ? { v: m.quantity.value, unit: m.quantity.unit } : null;
  if (m.type !== 'aid' || m.amount === undefined || m.currency === undefined) return null;
  return { v: m.amount, unit: m.currency };
}

/** Partners who get a deck: their own setting, else their role's. */
export function deckPartners(d: Dataset): string[] {
  const roleDeck = new Map(d.roles.map((r) => [r.id, r.deck]));
  return d.partners.filter((p) => p.deck ?? roleDeck.get(p.role) ?? false).map((p) => p.id);
}

/** The partners a comparison is among: deck partners (and the subject), or every partner. */
export function comparedPartners(
  d: Dataset,
  among: 'deck-partners' | 'all-partners',
  subject?: string,
  roles?: readonly string[],
): string[] {
  if (among === 'deck-partners') {
    const decks = new Set(deckPartners(d));
    return d.partners.filter((p) => decks.has(p.id) || p.id === subject).map((p) => p.id);
  }
  return d.partners.filter((p) => !roles || roles.includes(p.role)).map((p) => p.id);
}

/**
 * Each partner's stated total, in partner order; a partner whose figures are in two currencies
 * or units has no total (they cannot be added), and is returned in `mixed`.
 */
export function statedTotals(
  d: Dataset,
  partners: readonly string[],
  measure: string,
  value: ValueKind,
): { totals: StatedTotal[]; mixed: string[] } {
  const totals: StatedTotal[] = [];
  const mixed: string[] = [];
  for (const partner of partners) {
    const own = measuresOf(d, partner, measure);
    const figs = own.flatMap((m) => {
      const f = figureOf(m, value);
      return f ? [{ ...f, id: m.id }] : [];
    });
    const units = new Set(figs.map((f) => f.unit));
    const [unit] = units;
    if (units.size > 1) mixed.push(partner);
    else if (unit !== undefined && figs.length)
      totals.push({
        partner,
        unit,
        total: figs.reduce((s, f) => s + f.v, 0),
        facts: figs.map((f) => f.id),
      });
  }
  return { totals, mixed };
}

/**
 * Each partner's total of the amounts it states in one currency, in partner order; split by
 * stage (one row per partner and stage, '' for none stated) when `byStage`, as a chart draws
 * a currency whose amounts are of several stages. Rows with nothing in the currency are left out.
 */
export function rowTotalsIn(
  d: Dataset,
  partners: readonly string[],
  measure: string,
  unit: string,
  byStage: boolean,
): { partner: string; stage: string; total: number; facts: string[] }[] {
  return partners.flatMap((partner) => {
    const rows = new Map<string, { total: number; facts: string[] }>();
    for (const m of measuresOf(d, partner, measure))
      for (const f of figuresOf(m, 'amount'))
        if (f.currency === unit) {
          const key = byStage ? (f.stage ?? '') : '';
          const row = rows.get(key) ?? { total: 0, facts: [] };
          row.total += f.v;
          if (!row.facts.includes(m.id)) row.facts.push(m.id);
          rows.set(key, row);
        }
    return [...rows].flatMap(([stage, r]) => (r.total > 0 ? [{ partner, stage, ...r }] : []));
  });
}

/**
 * Whether stated totals can be compared: one currency or unit among them. A partner whose own
 * figures are in two currencies has no total and is not among them (the decks' rule).
 */
export const comparableTotals = (t: { totals: StatedTotal[] }): boolean =>
  new Set(t.totals.map((x) => x.unit)).size <= 1;

/** Where a partner stands among totals (1 = largest), or null when it has none. */
export function rankAmong(
  totals: readonly StatedTotal[],
  subject: string,
): { rank: number; of: number } | null {
  const mine = totals.find((t) => t.partner === subject);
  if (!mine) return null;
  return { rank: 1 + totals.filter((t) => t.total > mine.total).length, of: totals.length };
}

/** The largest total (the first in partner order on a tie), or null when there is none. */
export function largestOf(totals: readonly StatedTotal[]): StatedTotal | null {
  return totals.reduce<StatedTotal | null>(
    (b, t) => (b === null || t.total > b.total ? t : b),
    null,
  );
}

/**
 * The largest aid category of some measures' amounts and its share of their sum, categories
 * taken in the data's order (the order of a chart's stacks, so a tie goes the same way), the
 * category the source does not state last. Null when they state no amount.
 */
export function categorySplit(
  d: Dataset,
  facts: readonly string[],
): { category: string; label: string; share: number } | null {
  const used = new Set(facts);
  const sums = new Map<string, number>();
  for (const m of d.measures)
    if (used.has(m.id))
      for (const f of figuresOf(m, 'amount'))
        sums.set(f.category, (sums.get(f.category) ?? 0) + f.v);
  const order = [
    ...d.aidCategories.map((c) => ({ id: c.id, label: c.label })),
    { id: NOT_STATED, label: NOT_STATED_LABEL },
  ];
  const total = [...sums.values()].reduce((s, v) => s + v, 0);
  let best: { category: string; label: string; share: number } | null = null;
  for (const c of order) {
    const v = sums.get(c.id) ?? 0;
    if (v > 0 && (best === null || v / total > best.share))
      best = { category: c.id, label: c.label, share: v / total };
  }
  return best;
}

/** What summed aid amounts mix, as qualifiers their wording must carry. */
export function sumQualifiers(d: Dataset, facts: readonly string[], unit: string): QualifierId[] {
  const used = new Set(facts);
  const stages = new Set(
    d.measures
      .filter((m) => used.has(m.id))
      .map((m) => (m.type === 'aid' ? (m.stage ?? 'unstated') : 'unstated')),
  );
  const signs = STATED_SYMBOLS as readonly string[];
  return [
    ...(stages.size > 1 ? (['stages-mixed'] as const) : []),
    ...(signs.includes(unit) ? (['currency-not-stated'] as const) : []),
  ];
}

/** A partner's first step of one measure type: its date, and whether it is only an upper bound. */
export function firstStep(
  d: Dataset,
  partner: string,
  measure: string,
): { date: string; onOrBefore: boolean; facts: string[] } | null {
  const hit = firstEvidence(measuresOf(d, partner, measure));
  return hit ? { date: hit.date, onOrBefore: hit.onOrBefore, facts: [hit.measure.id] } : null;
}

/** A partner's first step as a timeline places it, in days: a month-only date mid-month. */
export interface PlacedFirst {
  partner: string;
  date: string;
  onOrBefore: boolean;
  at: number;
  facts: string[];
}

/**
 * Each partner's first step of a measure that a months axis can place, in partner order; a
 * partner known only to the year (or not at all) is left out, as the timeline leaves it out.
 */
export function placedFirsts(
  d: Dataset,
  partners: readonly string[],
  measure: string,
): PlacedFirst[] {
  return partners.flatMap((partner) => {
    const step = firstStep(d, partner, measure);
    if (!step) return [];
    const p = mustParse(step.date);
    if (p.precision !== 'day' && p.precision !== 'month') return [];
    const day = Date.parse(`${startOf(p)}T00:00:00Z`) / 86_400_000;
    return [{ partner, ...step, at: p.precision === 'month' ? day + 14 : day }];
  });
}

/**
 * Whether an order of first steps is known at its ends. A step known only by an upper bound
 * (an as-of total) may have come at any earlier time: the earliest holds only if no *other*
 * step is such a bound, and the latest only if the latest step itself is not one. Shared by
 * the timeline's takeaway (which words only what holds) and the claims verify rechecks.
 */
export function edgesHold(
  steps: readonly { date: string; onOrBefore?: boolean | undefined; at: number }[],
): { earliest: boolean; latest: boolean } {
  const byTime = [...steps].sort((a, b) => a.at - b.at);
  const first = byTime[0];
  const last = byTime.at(-1);
  if (!first || !last || byTime.length < 2) return { earliest: false, latest: false };
  return {
    earliest: !byTime.some((s) => s.date !== first.date && s.onOrBefore === true),
    latest: last.onOrBefore !== true,
  };
}

/** The qualifiers of a "first": an upper bound says "by", a coarse date no day. */
export function firstQualifiers(step: { date: string; onOrBefore: boolean }): QualifierId[] {
  return [
    ...(step.onOrBefore ? (['on-or-before'] as const) : []),
    ...(step.date.length === 7 ? (['month-precision'] as const) : []),
    ...(step.date.length === 4 ? (['year-precision'] as const) : []),
  ];
}

/**
 * The latest date any fact is dated by: what the figures are "as of" when no issue date is given.
 */
export function figuresAsOf(d: Dataset): string | null {
  const dates = [
    ...d.measures.flatMap((m) => [m.date, m.asOf]),
    ...d.events.flatMap((e) => [e.date, e.endDate]),
    ...d.quotes.map((q) => q.date),
  ].filter((x): x is string => typeof x === 'string');
  return dates.reduce<string | null>(
    (latest, x) => (latest === null || compareDates(x, latest) > 0 ? x : latest),
    null,
  );
}
