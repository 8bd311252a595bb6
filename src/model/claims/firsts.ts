/**
 * When did a partner first do something? The earliest date the data gives evidence for.
 * A fact known only by its as-of date ("as of March 21 it had provided $11 million") happened
 * on or before that date, and an amount "raised from $100 million" stood before the raise: both
 * are evidence of a first measure *on or before* their date, never *on* it (issue 20, item 1).
 * An undated fact gives no date, but it may have come first: beside one, the earliest dated
 * fact is only "on or before" too, so no "first" is read from a date that an undated measure
 * may precede (issue 29, item 12). Pure.
 */
import { compareDates } from '../../dataset/dates.js';
import type { Measure } from '../../dataset/schema.js';

/**
 * The earliest evidence among some measures: its date, whether that date is only an upper bound,
 * and the measure.
 */
export interface FirstEvidence<M> {
  date: string;
  /**
   * True when the first measure may have come earlier than `date` (an as-of total, an earlier
   * amount).
   */
  onOrBefore: boolean;
  measure: M;
}

type Dated = Pick<Measure, 'date' | 'asOf'> & { previousAmount?: number | undefined };

/** The date a single measure is known by, and whether it is only an upper bound. */
export function knownBy(m: Dated): { date: string; onOrBefore: boolean } | null {
  if (m.date) return { date: m.date, onOrBefore: m.previousAmount !== undefined };
  if (m.asOf) return { date: m.asOf, onOrBefore: true };
  return null;
}

/**
 * The earliest dated evidence among measures, or null when none is dated. The date is the
 * earliest known date; it is "on or before" when any measure known only by an upper bound, or
 * not dated at all, could have come before it (its true date is unknown, so it may be first).
 */
export function firstEvidence<M extends Dated>(measures: readonly M[]): FirstEvidence<M> | null {
  let best: { date: string; measure: M } | null = null;
  let anyBound = false;
  for (const m of measures) {
    const k = knownBy(m);
    if (!k) {
      anyBound = true;
      continue;
    }
    if (k.onOrBefore) anyBound = true;
    if (!best || compareDates(k.date, best.date) < 0) best = { date: k.date, measure: m };
  }
  return best ? { ...best, onOrBefore: anyBound } : null;
}
