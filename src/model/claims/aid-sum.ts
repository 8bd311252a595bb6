/**
 * What a sum of stated aid amounts mixes, so that a total or a rank can say so where it is
 * printed (issue 29, items 4 and 6): a loan announced by one partner ranked above goods provided
 * by another is a true rank only when the words say the stages were added together. Pure.
 */
import { compareDates } from '../../dataset/dates.js';

type Rec = Record<string, unknown>;

/** The stages in the order a measure passes through them. */
const STAGE_ORDER = ['announced', 'pledged', 'provided'] as const;

/** The qualifiers of a sum of stated amounts over some partners' aid. */
export interface AidSumQualifiers {
  /** The stages the summed amounts are in, in STAGE_ORDER. */
  stages: string[];
  /** Some summed amounts have no stage in the data (the source only states them). */
  unstaged: boolean;
  /** More than one stage, or stated and unstated stages, were added together. */
  mixed: boolean;
  /** The summed amounts include loans. */
  loans: boolean;
  /** The latest date a summed amount is known by (its as-of date, else its date). */
  latest: string | null;
  /** Some summed amounts have no date at all. */
  undated: boolean;
  /** How many amounts were summed. */
  count: number;
}

/** The qualifiers of summing every stated aid amount of these partners. */
export function aidSumQualifiers(partners: readonly Rec[]): AidSumQualifiers {
  const amounts = partners
    .flatMap((p) => (p.aid as Rec[] | undefined) ?? [])
    .filter((a) => typeof a.amount === 'number');
  const stageOf = (a: Rec) => (typeof a.stage === 'string' ? a.stage : undefined);
  const present = new Set(amounts.map(stageOf));
  const stages = STAGE_ORDER.filter((s) => present.has(s));
  const unstaged = present.has(undefined);
  const known = amounts
    .map((a) => (a.asOf ?? a.date) as string | undefined)
    .filter((d): d is string => typeof d === 'string');
  const latest = known.reduce<string | null>(
    (l, d) => (l === null || compareDates(d, l) > 0 ? d : l),
    null,
  );
  return {
    stages,
    unstaged,
    mixed: stages.length + (unstaged ? 1 : 0) > 1,
    loans: amounts.some((a) => /\bloan/i.test(String(a.category_label ?? a.category ?? ''))),
    latest,
    undated: known.length < amounts.length,
    count: amounts.length,
  };
}
