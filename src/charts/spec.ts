/**
 * Chart specs: which charts exist and what they show live in templates/charts/charts.json,
 * validated here. Nothing in src/ names a chart or a partner; the spec names measure types.
 */
import { z } from 'zod';
import { parseConfig } from '../dataset/validate.js';
import { InputError } from '../errors.js';
import type { LoadedTemplates } from '../load/templates.js';
import type { LocatedJson } from '../load/json.js';

const MeasureType = z.enum([
  'sanctions',
  'aid',
  'oil-stock-release',
  'in-kind',
  'visas',
  'support',
]);
const Sort = z.enum(['desc', 'asc', 'data']).default('desc');
/** Words around computed figures: "{top} released the most oil: {topValue}, {comparison}." */
const Sentence = z.string().min(1);

const common = {
  id: z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be an id of lowercase letters, digits and hyphens'),
  title: z.string().min(1),
  caption: z.string().optional(),
  note: z.string().optional(),
  /** Height at print size in points; the width is the column width. */
  height: z.number().min(60).max(400),
  takeaway: Sentence,
  /**
   * The sentence used instead when the values are in several currencies and no rate is given:
   * slots {count}, {currencies}, {currencyCount}, {inCurrencies}, {leaders}, {parts}, and per
   * partner {partner}, {value}, {currency}. Nothing is ranked, summed or shared across
   * currencies. {currencyCount} counts only stated currencies, never a bare sign ("$"), which
   * may be one of them; {inCurrencies} ("in six currencies, and in “$” with its currency not
   * stated") names the bare signs apart.
   */
  mixedTakeaway: Sentence.optional(),
  /** Only partners with these roles (all when absent). */
  roles: z.array(z.string()).optional(),
  /** Most bars drawn: the largest, plus the highlighted partner; the sentences still count all. */
  show: z.number().int().min(2).optional(),
};

/** A measure's figure: aid amount (money) or quantity.value (its unit). */
const Value = z.enum(['amount', 'quantity']);

export const BarSpec = z.strictObject({
  ...common,
  kind: z.literal('bar'),
  measure: MeasureType,
  value: Value,
  /**
   * Aid the source gives at different stages (pledged, provided…): "apart" (the default) gives
   * each stage its own bar, labelled with it, when the data holds more than one; "summed" adds
   * them, for a chart whose note says it does.
   */
  stages: z.enum(['apart', 'summed']).default('apart'),
  /** Split each bar by aid category (components split a package). */
  stackBy: z.literal('category').optional(),
  orientation: z.enum(['horizontal', 'vertical']).default('horizontal'),
  sort: Sort,
});

export const TimelineSpec = z.strictObject({
  ...common,
  kind: z.literal('timeline'),
  /** First dated measure of each of these types, per partner, one series each. */
  firsts: z.array(z.strictObject({ measure: MeasureType, label: z.string().min(1) })).min(1),
  /** Events the partner took part in, as one more series (absent: no events). */
  events: z
    .strictObject({ label: z.string().min(1), kinds: z.array(z.string()).optional() })
    .optional(),
  /** The window's first and last month; absent, the window spans the dates the chart plots. */
  from: z
    .string()
    .regex(/^\d{4}-\d{2}$/, 'must be a month written YYYY-MM')
    .optional(),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}$/, 'must be a month written YYYY-MM')
    .optional(),
});

/** Instantiated once per deck partner: that partner's figure highlighted against the others. */
export const CompareSpec = z.strictObject({
  ...common,
  kind: z.literal('partner-compare'),
  measure: MeasureType,
  value: Value,
  /**
   * Aid the source gives at different stages (pledged, provided…): "apart" (the default) gives
   * each stage its own bar, labelled with it, when the data holds more than one; "summed" adds
   * them, for a chart whose note says it does.
   */
  stages: z.enum(['apart', 'summed']).default('apart'),
  sort: Sort,
});

/** Instantiated once per deck partner: that partner's figures summed by a field, one bar each. */
export const BreakdownSpec = z.strictObject({
  ...common,
  kind: z.literal('partner-breakdown'),
  measure: MeasureType,
  value: Value,
  /** The field the figures are summed by (aid components count in their own category). */
  by: z.literal('category'),
  sort: Sort,
});

export const ChartSpec = z.discriminatedUnion('kind', [
  BarSpec,
  TimelineSpec,
  CompareSpec,
  BreakdownSpec,
]);
export const ChartsFile = z.strictObject({
  $comment: z.string().optional(),
  charts: z.array(ChartSpec).min(1),
});

/** One validated chart spec. */
export type ChartSpec = z.infer<typeof ChartSpec>;
export type BarSpec = z.infer<typeof BarSpec>;
export type TimelineSpec = z.infer<typeof TimelineSpec>;
export type CompareSpec = z.infer<typeof CompareSpec>;
export type BreakdownSpec = z.infer<typeof BreakdownSpec>;

/** Kinds drawn once per deck partner; the rest are drawn once for the bulletin. */
export const PER_PARTNER_KINDS: readonly ChartSpec['kind'][] = [
  'partner-compare',
  'partner-breakdown',
];
export const isPerPartner = (spec: ChartSpec): boolean => PER_PARTNER_KINDS.includes(spec.kind);

export const CHARTS_FILE = 'charts/charts.json';

/** The specs plus where each lives in charts.json, for errors about missing data. */
export interface LoadedSpecs {
  specs: ChartSpec[];
  json: LocatedJson;
}

/** Validates charts.json; ids must be unique. */
export function loadChartSpecs(templates: LoadedTemplates): LoadedSpecs {
  const json = templates.json[CHARTS_FILE];
  if (!json)
    throw new InputError('E_CHARTS', [
      {
        file: `${templates.root}/${CHARTS_FILE}`,
        message: 'the chart specs are missing; add charts/charts.json',
      },
    ]);
  const { charts } = parseConfig(ChartsFile, json, 'E_CHARTS');
  const seen = new Set<string>();
  charts.forEach((c, i) => {
    if (seen.has(c.id))
      throw new InputError('E_CHARTS', [
        {
          file: json.file,
          ...json.locate(['charts', i, 'id']),
          path: `charts[${i}].id`,
          message: `duplicate chart id "${c.id}"`,
        },
      ]);
    seen.add(c.id);
  });
  return { specs: charts, json };
}

/** An InputError pointing at a spec field in charts.json. */
export function specError(
  loaded: LoadedSpecs,
  index: number,
  field: string,
  message: string,
): InputError {
  const path = ['charts', index, field];
  return new InputError('E_CHART_DATA', [
    {
      file: loaded.json.file,
      ...loaded.json.locate(path),
      path: `charts[${index}].${field}`,
      message,
    },
  ]);
}
