/**
 * Bar data from the dataset: one row per partner (or per aid category for a breakdown), one
 * series per stack, rows in several currencies kept in separate panels. Pure: no I/O, no clock.
 * A spec that points at data the dataset lacks is an InputError naming charts.json.
 */
import type { Dataset, Measure } from '../dataset/schema.js';
import { NOT_STATED_LABEL } from '../dataset/schema.js';
import { figuresOf, NOT_STATED, type Figure } from '../dataset/figures.js';
import { at, must } from '../checked.js';
import type { Unit } from './currency.js';
import { partnersFor, type BarData } from './data.js';
import { panelled, panelOf, type Row } from './panels.js';
import {
  specError,
  type BarSpec,
  type BreakdownSpec,
  type CompareSpec,
  type LoadedSpecs,
} from './spec.js';

export { figuresOf, NOT_STATED };

/**
 * The hedge a sum of figures keeps: one qualifier shared by all hedged parts stays ("up to"
 * plus an exact amount is still "up to" the sum); different ones leave only "about".
 */
export function hedgeOf(figs: readonly { qualifier?: string }[]): string | undefined {
  const qs = new Set(figs.flatMap((f) => (f.qualifier ? [f.qualifier] : [])));
  if (qs.size === 0) return undefined;
  return qs.size === 1 ? [...qs][0] : 'about';
}

const hedgeField = (q: string | undefined) => (q ? { qualifier: q } : {});

/** The measures of the spec's type that have a figure to show; an InputError when none has. */
function measuresToChart(
  d: Dataset,
  spec: BarSpec | CompareSpec | BreakdownSpec,
  loaded: LoadedSpecs,
  index: number,
): Measure[] {
  const measures = d.measures.filter(
    (m) => m.type === spec.measure && figuresOf(m, spec.value).length > 0,
  );
  if (measures.length === 0) {
    const what = spec.value === 'amount' ? 'an amount' : 'a quantity';
    throw specError(
      loaded,
      index,
      'measure',
      `no "${spec.measure}" measure in the data has ${what}`,
    );
  }
  return measures;
}

/** How many stages figures are of (a stage not stated counts as one). */
const stageCount = (fs: readonly Figure[]) => new Set(fs.map((f) => f.stage ?? '')).size;

/**
 * The currencies whose bars are labelled with their stage: those whose figures are of more
 * than one stage (a stage not stated counts as one), since bars compare only within a
 * currency's panel; all of them when stated rates may draw every currency in one panel.
 */
function stagedCurrencies(d: Dataset, figs: readonly Figure[]): Set<string> {
  const stages = stageCount;
  const currencies = [...new Set(figs.map((f) => f.currency))];
  if (d.rates.length > 0 && stages(figs) > 1) return new Set(currencies);
  return new Set(currencies.filter((c) => stages(figs.filter((f) => f.currency === c)) > 1));
}

/** Why a chart's bars are labelled with their stage (issue 28: a pledge drawn as aid given). */
export const STAGES_NOTE =
  'Where amounts of different stages share a panel, each bar is labelled with the stage its ' +
  'source states (pledged, announced, provided): a pledge is a promise, not money provided, ' +
  'and the two are not like with like.';

/** Aid categories as stack series, with the built-in "not stated" one when an amount needs it. */
function categoriesOf(d: Dataset, figs: Figure[]): { id: string; label: string }[] {
  const notStated = figs.some((f) => f.category === NOT_STATED);
  return [...d.aidCategories, ...(notStated ? [{ id: NOT_STATED, label: NOT_STATED_LABEL }] : [])];
}

function quantityUnit(
  spec: BarSpec | CompareSpec | BreakdownSpec,
  loaded: LoadedSpecs,
  index: number,
  measures: Measure[],
): Unit {
  const units = new Set(
    measures.flatMap((m) => ('quantity' in m && m.quantity ? [m.quantity.unit] : [])),
  );
  if (units.size > 1)
    throw specError(
      loaded,
      index,
      'measure',
      `"${spec.measure}" measures use different units (${[...units].join(', ')}); they cannot ` +
        `share one axis`,
    );
  const [unit] = units;
  return { kind: 'quantity', unit: must(unit, `the unit of "${spec.measure}" quantities`) };
}

/** Bar data for a "bar" or "partner-compare" spec; `highlight` is a partner id. */
export function selectBarData(
  d: Dataset,
  spec: BarSpec | CompareSpec,
  loaded: LoadedSpecs,
  index: number,
  highlight?: string,
): BarData {
  const { rows, data } = barRows(d, spec, loaded, index);
  const at = highlight === undefined ? -1 : rows.findIndex((r) => r.id === highlight);
  if (at < 0 || data.panels.length === 1) return { ...data, ...(at >= 0 ? { highlight: at } : {}) };
  return panelOf(data, at);
}

// A comparison chart is drawn once per partner over the same rows; computing them per
// partner made planning cubic in partners (partners × charts × measures).
const rowCache = new WeakMap<Dataset, Map<object, { rows: { id: string }[]; data: BarData }>>();

function barRows(
  d: Dataset,
  spec: BarSpec | CompareSpec,
  loaded: LoadedSpecs,
  index: number,
): { rows: { id: string }[]; data: BarData } {
  let bySpec = rowCache.get(d);
  if (!bySpec) rowCache.set(d, (bySpec = new Map()));
  const hit = bySpec.get(spec);
  if (hit) return hit;
  if (spec.value === 'amount' && spec.measure !== 'aid')
    throw specError(
      loaded,
      index,
      'value',
      `only "aid" measures have an amount; "${spec.measure}" measures do not`,
    );
  const measures = measuresToChart(d, spec, loaded, index);
  const stack = spec.kind === 'bar' && spec.stackBy === 'category';
  const byPartner = new Map<string, Figure[]>();
  for (const m of measures)
    byPartner.set(m.partner, [...(byPartner.get(m.partner) ?? []), ...figuresOf(m, spec.value)]);
  const categories = stack
    ? categoriesOf(d, [...byPartner.values()].flat())
    : [{ id: '', label: spec.title }];
  const allFigs = [...byPartner.values()].flat();
  const staged = spec.stages === 'summed' ? new Set<string>() : stagedCurrencies(d, allFigs);
  const flat: Row[] = partnersFor(d, spec.roles).flatMap((p) => {
    const figs = byPartner.get(p.id) ?? [];
    // A partner with amounts in two currencies gets a row in each currency's panel, and one in
    // each stage when the chart holds several: a pledge and money provided are never summed.
    const keyOf = (f: Figure) => `${f.currency}\u0000${staged.has(f.currency) ? f.stage : ''}`;
    const keys = [...new Set(figs.map(keyOf))];
    return keys.map((key) => {
      const mine = figs.filter((f) => keyOf(f) === key);
      const { currency, stage = '' } = mine[0] as Figure;
      const byCat = categories.map((c) =>
        mine.filter((f) => !stack || f.category === c.id).reduce((s, f) => s + f.v, 0),
      );
      const total = byCat.reduce((s, v) => s + v, 0);
      const label = staged.has(currency) ? `${p.name} – ${stage || 'stage not stated'}` : p.name;
      const staging = staged.has(currency) ? { stage } : {};
      return { id: p.id, label, currency, byCat, total, ...staging, ...hedgeField(hedgeOf(mine)) };
    });
  });
  const { rows, panels, notes, mixed } = panelled(
    d,
    flat.filter((r) => r.total > 0),
    () => quantityUnit(spec, loaded, index, measures),
    spec.sort,
  );
  if (staged.size > 0) notes.push(STAGES_NOTE);
  const series = categories
    .map((c, ci) => ({ name: c.label, values: rows.map((r) => at(r.byCat, ci, 'category value')) }))
    .filter((s) => s.values.some((v) => v > 0));
  const result = {
    rows,
    data: {
      kind: 'bar' as const,
      labels: rows.map((r) => r.label),
      series,
      panels,
      horizontal: spec.kind === 'partner-compare' || spec.orientation === 'horizontal',
      notes,
      ...(mixed ? { mixed } : {}),
      ...hedgesOf(rows),
      ...(staged.size > 0 ? { stages: rows.map((r) => r.stage ?? '') } : {}),
      // Summed stages are a qualifier the takeaway must carry ({anyStage}), as its claim does.
      ...(spec.stages === 'summed' && stageCount(allFigs) > 1
        ? { stagesSummed: true as const }
        : {}),
    },
  };
  bySpec.set(spec, result);
  return result;
}

/** One partner's figures summed by category, one bar each; null when the partner has none. */
export function selectBreakdownData(
  d: Dataset,
  spec: BreakdownSpec,
  loaded: LoadedSpecs,
  index: number,
  partner: string,
): BarData | null {
  if (spec.value !== 'amount' || spec.measure !== 'aid')
    throw specError(
      loaded,
      index,
      'by',
      'only "aid" amounts have a category to break down by; use "measure": "aid" and "value": ' +
        '"amount"',
    );
  const all = measuresToChart(d, spec, loaded, index);
  const mine = all.filter((m) => m.partner === partner);
  const subject = d.partners.find((p) => p.id === partner)?.name;
  if (mine.length === 0 || subject === undefined) return null;
  const figs = mine.flatMap((m) => figuresOf(m, spec.value));
  const rows: Row[] = [...new Set(figs.map((f) => f.currency))].flatMap((currency) =>
    categoriesOf(d, figs).flatMap((c) => {
      const here = figs.filter((f) => f.currency === currency && f.category === c.id);
      const v = here.reduce((s, f) => s + f.v, 0);
      const row = { id: c.id, label: c.label, currency, byCat: [v], total: v };
      return v > 0 ? [{ ...row, ...hedgeField(hedgeOf(here)) }] : [];
    }),
  );
  const {
    rows: ordered,
    panels,
    notes,
    mixed,
  } = panelled(d, rows, () => ({ kind: 'quantity', unit: '' }), spec.sort);
  return {
    kind: 'bar',
    labels: ordered.map((r) => r.label),
    series: [{ name: spec.title, values: ordered.map((r) => r.total) }],
    panels,
    horizontal: true,
    colorEach: true,
    subject,
    figures: mine.length,
    notes,
    ...(mixed ? { mixed } : {}),
    ...hedgesOf(ordered),
  };
}

/** The rows' qualifiers for BarData, only when some row has one (most charts have none). */
function hedgesOf(rows: readonly Row[]): { hedges?: (string | undefined)[] } {
  return rows.some((r) => r.qualifier) ? { hedges: rows.map((r) => r.qualifier) } : {};
}
