/**
 * The figures a chart shows, as every renderer reads them: bars (rows, stack series, currency
 * panels) and timelines (dated dots). Selecting them from the dataset lives in bar-data.ts
 * and timeline-data.ts; this module is their shared shape.
 */
import type { Dataset } from '../dataset/schema.js';
import { at } from '../checked.js';
import type { BarPanel } from './panels.js';

export { formatValue, hedgedValue, statedValue, type Unit } from './currency.js';
export { limitBars, unitAt, type BarPanel } from './panels.js';

/** Bars: one label per row, one series per stack (one series when not stacked). */
export interface BarData {
  kind: 'bar';
  labels: string[];
  series: { name: string; values: number[] }[];
  /** The rows' units, in row order; more than one means the values are not comparable. */
  panels: BarPanel[];
  /**
   * Set when the chart does not put every value on one comparable scale: several panels, or
   * partners left out because their amounts are in other currencies. Takeaways then use the
   * spec's `mixedTakeaway`, which must not rank, sum or share across currencies.
   */
  mixed?: { currencies: string[]; leftOut: string[] };
  horizontal: boolean;
  /** Index of the highlighted bar (per-partner comparisons). */
  highlight?: number;
  /** One palette colour per bar (a breakdown: the bars are parts, not peers). */
  colorEach?: boolean;
  /** The partner whose figures the bars break down (per-partner breakdowns). */
  subject?: string;
  notes: string[];
  /**
   * Each row's qualifier as the source hedges its figure ("up-to", "about"), in row order;
   * printed before the row's value wherever the value is written, never dropped.
   */
  hedges?: (string | undefined)[];
  /** Each row's stage, in row order, when the chart keeps stages apart ('' when not stated). */
  stages?: string[];
  /** Set when the chart adds amounts of different stages into one bar ("stages": "summed"). */
  stagesSummed?: true;
  /** How many stated figures a breakdown's bars add up (one is the source's, not our sum). */
  figures?: number;
}

/** Each row's total: the sum of its stack, from series whose values line up with the labels. */
export const barTotals = (d: BarData): number[] =>
  d.labels.map((_, i) => d.series.reduce((s, x) => s + at(x.values, i, 'bar value'), 0));

/** One dot on a timeline: x is days after the window's first day. */
export interface TimelinePoint {
  row: number;
  x: number;
  date: string;
  approximate: boolean;
  /**
   * The first measure may have come earlier: the date is an as-of date or an earlier amount's upper
   * bound.
   */
  onOrBefore?: boolean;
  what: string;
  /** The last day of an event that spans several ("2–3 May 2023"); printed as a range. */
  endDate?: string;
}

/**
 * Why a row has no point in a series: the data has such a measure but no date to the month
 * ('undated'), a date outside the window ('outside'), or nothing at all ('silent': not stated,
 * which is never "none").
 */
export type TimelineGap = 'undated' | 'outside' | 'silent';

export interface TimelineData {
  kind: 'timeline';
  rows: string[];
  series: { name: string; points: TimelinePoint[]; gaps?: Record<number, TimelineGap> }[];
  /** Days in the window, and the first day of each month in it (for ticks). */
  days: number;
  months: { x: number; date: string }[];
  notes: string[];
  /** Who has a first the axis cannot place (year-only, or outside the months); also in notes. */
  /** Partners with a first of the first series dated to no day or month. */
  undatedFirst?: string[];
  unplaced?: string[];
}

export type ChartData = BarData | TimelineData;

/** The partners a chart covers: those with one of `roles`, or all. */
export function partnersFor(d: Dataset, roles?: string[]) {
  return d.partners.filter((p) => !roles || roles.includes(p.role));
}
