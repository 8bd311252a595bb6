/**
 * A claim: a sentence the tool derives from the data rather than copies from it — a rank, a
 * "largest", a "first", the date the data runs to. Each says which facts it used, the rule that
 * makes it, the qualifiers the data gives it and its wording, so that `bulletin verify` can
 * recompute it from the current data and read the printed words for its qualifiers (issue 29,
 * items 2 and 4). The schema is the type; verify parses recorded claims with it, since a built
 * file is input it did not make.
 */
import { z } from 'zod';

/**
 * What the data says about a claim that its words must carry:
 * - `stages-mixed`: amounts at different stages (announced, pledged, provided, unstated) added;
 * - `currency-not-stated`: the amounts are in a bare sign ("$") the source does not identify;
 * - `on-or-before`: a "first" known only by an upper bound (an as-of total, an earlier amount);
 * - `month-precision` / `year-precision`: a date the source gives only to the month or year.
 */
export const QualifierId = z.enum([
  'stages-mixed',
  'currency-not-stated',
  'on-or-before',
  'month-precision',
  'year-precision',
]);
export type QualifierId = z.infer<typeof QualifierId>;

/** Which partners a comparison is among, as a rule the current data can be read by again. */
export const Among = z.enum(['deck-partners', 'all-partners']);

export const Claim = z.strictObject({
  /**
   * rank: "ranks 2nd of four"; largest: "has the largest …"; first: "first aid by …";
   * earliest / latest: who of the partners a timeline places moved first, or last; data-to:
   * the last date the data gives; not-stated: a cell the data is silent on ("not stated",
   * never "none").
   */
  kind: z.enum(['rank', 'largest', 'first', 'earliest', 'latest', 'data-to', 'not-stated']),
  /** The rule that makes the claim from the data, e.g. "sum of stated aid amounts, ranked". */
  rule: z.string().max(300),
  /** The measure type it reads (aid, sanctions, oil-stock-release…). */
  measure: z.string().max(60).optional(),
  /** What it sums or compares: an aid amount or a quantity's value. */
  value: z.enum(['amount', 'quantity']).optional(),
  /** The partner the claim is about (its id). */
  subject: z.string().max(200).optional(),
  /**
   * A "largest" that also says how the top total splits by aid category ("all as loans",
   * "mostly as grants"): verify recomputes the split as well as the leader.
   */
  split: z.literal('category').optional(),
  /**
   * A "largest" within one currency (a chart whose values are in several: "the largest in
   * each"), over each partner's amounts in it, or each partner's amounts of one stage where
   * the chart draws the stages of that currency apart (`byStage`).
   */
  unit: z.string().max(40).optional(),
  byStage: z.boolean().optional(),
  /** The partners compared, as a rule, with the roles it was limited to. */
  among: Among.optional(),
  roles: z.array(z.string().max(200)).max(1000).optional(),
  /** The facts (measure ids) the claim used. */
  facts: z.array(z.string().max(200)).max(100_000),
  /** What the rule gave: {rank, of}, {date, onOrBefore}, {top, total, unit}, {date}. */
  result: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  qualifiers: z.array(QualifierId),
  /** The words printed, exactly; verify looks for them where the claim was printed. */
  wording: z.string().max(50_000),
  /** Where it was printed: a slide ("slide 5"), a chart ("chart aid-by-partner"). */
  place: z.string().max(200),
  /** Printed by one format only (the web edition's timeline table), though recorded beside. */
  format: z.enum(['html']).optional(),
});
/** A derived claim, as recorded in a built file. */
export type Claim = z.infer<typeof Claim>;

/** The claims one built file records. */
export const ClaimsRecord = z.array(Claim).max(100_000);
