/**
 * The figures a measure contributes to a sum: its amount (split by aid category where its
 * components state parts) or its quantity. Charts draw them and the claims module adds them
 * up by the same rule, so a chart and the claim made of it cannot disagree. Pure.
 */
import type { Measure } from './schema.js';

/** Category key for an amount whose category the source does not state. */
export const NOT_STATED = '';

/** One figure: its category (aid), its currency ('' for quantities) and its value. */
export interface Figure {
  category: string;
  currency: string;
  v: number;
  qualifier?: string;
  /** The stage the source states ('' when it states none): a pledge is not money provided. */
  stage?: string;
}

const hedgeField = (q: string | undefined) => (q ? { qualifier: q } : {});

/** The figures a measure contributes, per aid category when splitting by category. */
export function figuresOf(m: Measure, value: 'amount' | 'quantity'): Figure[] {
  if (value === 'quantity')
    // In-kind aid the source names without a count has no figure to draw.
    return 'quantity' in m && m.quantity
      ? [{ category: '', currency: '', v: m.quantity.value, ...hedgeField(m.quantity.qualifier) }]
      : [];
  if (m.type !== 'aid' || m.amount === undefined || m.currency === undefined) return [];
  const currency = m.currency;
  const hedge = { ...hedgeField(m.qualifier), stage: m.stage ?? '' };
  // Components split a package; what they leave over stays in the package's own category.
  const parts = (m.components ?? []).map((c) => ({
    category: c.category,
    currency,
    v: c.amount,
    ...hedge,
  }));
  const rest = m.amount - parts.reduce((s, p) => s + p.v, 0);
  return rest > 0
    ? [...parts, { category: m.category ?? NOT_STATED, currency, v: rest, ...hedge }]
    : parts;
}
