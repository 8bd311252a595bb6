/**
 * selectChartData: the figures a spec asks for, read from the dataset. Pure: no I/O, no
 * clock. A spec that points at data the dataset lacks is an InputError naming charts.json.
 */
import type { Dataset, Measure } from '../dataset/schema.js';
import { NOT_STATED_LABEL } from '../dataset/schema.js';
import { mustParse, startOf } from '../dataset/dates.js';
import { firstEvidence } from '../model/firsts.js';
import { at, must } from '../checked.js';
import type { Unit } from './currency.js';
import { limitBars, panelled, panelOf, unitAt, type BarPanel, type Row } from './panels.js';
import {
  specError,
  type BarSpec,
  type BreakdownSpec,
  type CompareSpec,
  type LoadedSpecs,
  type TimelineSpec,
} from './spec.js';

export { formatValue, type Unit } from './currency.js';
export { limitBars, unitAt, type BarPanel };

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
  /** The first measure may have come earlier: the date is an as-of date or an earlier amount's upper bound. */
  onOrBefore?: boolean;
  what: string;
}

export interface TimelineData {
  kind: 'timeline';
  rows: string[];
  series: { name: string; points: TimelinePoint[] }[];
  /** Days in the window, and the first day of each month in it (for ticks). */
  days: number;
  months: { x: number; date: string }[];
  notes: string[];
}

export type ChartData = BarData | TimelineData;

const DAY = 86_400_000;
const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;

function partnersFor(d: Dataset, roles?: string[]) {
  return d.partners.filter((p) => !roles || roles.includes(p.role));
}

/** Category key for an amount whose category the source does not state. */
export const NOT_STATED = '';

/** One figure: its category (aid), its currency ('' for quantities) and its value. */
interface Figure {
  category: string;
  currency: string;
  v: number;
}

/** The figures a measure contributes, per aid category when splitting by category. */
export function figuresOf(m: Measure, value: 'amount' | 'quantity'): Figure[] {
  if (value === 'quantity')
    return 'quantity' in m ? [{ category: '', currency: '', v: m.quantity.value }] : [];
  if (m.type !== 'aid' || m.amount === undefined || m.currency === undefined) return [];
  const currency = m.currency;
  // Components split a package; what they leave over stays in the package's own category.
  const parts = (m.components ?? []).map((c) => ({ category: c.category, currency, v: c.amount }));
  const rest = m.amount - parts.reduce((s, p) => s + p.v, 0);
  return rest > 0 ? [...parts, { category: m.category ?? NOT_STATED, currency, v: rest }] : parts;
}

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
  const units = new Set(measures.flatMap((m) => ('quantity' in m ? [m.quantity.unit] : [])));
  if (units.size > 1)
    throw specError(
      loaded,
      index,
      'measure',
      `"${spec.measure}" measures use different units (${[...units].join(', ')}); they cannot share one axis`,
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
  const measures = d.measures.filter(
    (m) => m.type === spec.measure && figuresOf(m, spec.value).length > 0,
  );
  if (measures.length === 0)
    throw specError(
      loaded,
      index,
      'measure',
      `no "${spec.measure}" measure in the data has ${spec.value === 'amount' ? 'an amount' : 'a quantity'}`,
    );
  const stack = spec.kind === 'bar' && spec.stackBy === 'category';
  const byPartner = new Map<string, Figure[]>();
  for (const m of measures)
    byPartner.set(m.partner, [...(byPartner.get(m.partner) ?? []), ...figuresOf(m, spec.value)]);
  const categories = stack
    ? categoriesOf(d, [...byPartner.values()].flat())
    : [{ id: '', label: spec.title }];
  const flat: Row[] = partnersFor(d, spec.roles).flatMap((p) => {
    const figs = byPartner.get(p.id) ?? [];
    // A partner with amounts in two currencies gets a row in each currency's panel.
    return [...new Set(figs.map((f) => f.currency))].map((currency) => {
      const mine = figs.filter((f) => f.currency === currency);
      const byCat = categories.map((c) =>
        mine.filter((f) => !stack || f.category === c.id).reduce((s, f) => s + f.v, 0),
      );
      return { id: p.id, label: p.name, currency, byCat, total: byCat.reduce((s, v) => s + v, 0) };
    });
  });
  const { rows, panels, notes, mixed } = panelled(
    d,
    flat.filter((r) => r.total > 0),
    () => quantityUnit(spec, loaded, index, measures),
    spec.sort,
  );
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
      'only "aid" amounts have a category to break down by; use "measure": "aid" and "value": "amount"',
    );
  const all = d.measures.filter(
    (m) => m.type === spec.measure && figuresOf(m, spec.value).length > 0,
  );
  if (all.length === 0)
    throw specError(
      loaded,
      index,
      'measure',
      `no "${spec.measure}" measure in the data has an amount`,
    );
  const mine = all.filter((m) => m.partner === partner);
  const subject = d.partners.find((p) => p.id === partner)?.name;
  if (mine.length === 0 || subject === undefined) return null;
  const figs = mine.flatMap((m) => figuresOf(m, spec.value));
  const rows: Row[] = [...new Set(figs.map((f) => f.currency))].flatMap((currency) =>
    categoriesOf(d, figs).flatMap((c) => {
      const v = figs
        .filter((f) => f.currency === currency && f.category === c.id)
        .reduce((s, f) => s + f.v, 0);
      return v > 0 ? [{ id: c.id, label: c.label, currency, byCat: [v], total: v }] : [];
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
    notes,
    ...(mixed ? { mixed } : {}),
  };
}

/** Where a date sits in the window; month-precision dates sit mid-month and are marked approximate. */
function place(date: string, first: number): { x: number; approximate: boolean } | null {
  const p = mustParse(date);
  if (p.precision === 'day') return { x: dayOf(startOf(p)) - first, approximate: false };
  if (p.precision === 'month') return { x: dayOf(startOf(p)) + 14 - first, approximate: true };
  return null; // a year or a decade is too coarse to place on a months axis
}

/**
 * The months a timeline can place (day or month precision): each partner's first evidence of
 * each measure the spec plots, and the events. A window left open in the spec spans them.
 */
export function timelineMonths(d: Dataset, spec: TimelineSpec): string[] {
  const partners = partnersFor(d, spec.roles);
  const firsts = spec.firsts.flatMap((f) =>
    partners.flatMap((p) => {
      const hit = firstEvidence(
        d.measures.filter((m) => m.partner === p.id && m.type === f.measure),
      );
      return hit ? [hit.date] : [];
    }),
  );
  const kinds = spec.events?.kinds;
  const events = spec.events
    ? d.events.filter((e) => !kinds || kinds.includes(e.kind)).map((e) => e.date)
    : [];
  return [...firsts, ...events]
    .filter((t) => ['day', 'month'].includes(mustParse(t).precision))
    .map((t) => t.slice(0, 7))
    .sort();
}

/** Timeline data: each partner's first dated measure of each type, and the events it took part in. */
export function selectTimelineData(
  d: Dataset,
  spec: TimelineSpec,
  loaded: LoadedSpecs,
  index: number,
): TimelineData {
  const span = timelineMonths(d, spec);
  const from = spec.from ?? span[0];
  const to = spec.to ?? span[span.length - 1];
  if (from === undefined || to === undefined)
    throw specError(loaded, index, 'firsts', 'no measure or event has a day or month to place');
  const first = dayOf(`${from}-01`);
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  const end = dayOf(new Date(Date.UTC(ty, tm, 1)).toISOString().slice(0, 10));
  if (end <= first)
    throw specError(loaded, index, 'to', `"to" (${to}) must come after "from" (${from})`);
  const months: TimelineData['months'] = [];
  for (let t = first; t < end; ) {
    const iso = new Date(t * DAY).toISOString().slice(0, 10);
    months.push({ x: t - first, date: iso.slice(0, 7) });
    const [y, m] = iso.split('-').map(Number) as [number, number];
    t = dayOf(new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10));
  }
  const inWindow = (x: number) => x >= 0 && x < end - first;
  const partners = partnersFor(d, spec.roles);
  const rowOf = new Map(partners.map((p, i) => [p.id, i]));
  const series = spec.firsts.map((f) => {
    const points = partners.flatMap((p, row) => {
      // A total known "as of" a date is evidence of a first measure on or before it (issue 20).
      const hit = firstEvidence(
        d.measures.filter((m) => m.partner === p.id && m.type === f.measure),
      );
      const spot = hit ? place(hit.date, first) : null;
      return hit && spot && inWindow(spot.x)
        ? [
            {
              row,
              x: spot.x,
              date: hit.date,
              approximate: spot.approximate,
              ...(hit.onOrBefore ? { onOrBefore: true } : {}),
              what: f.label.toLowerCase(),
            },
          ]
        : [];
    });
    return { name: f.label, points };
  });
  if (spec.events) {
    const ev = spec.events;
    const points = d.events
      .filter((e) => !ev.kinds || ev.kinds.includes(e.kind))
      .flatMap((e) => {
        const spot = place(e.date, first);
        if (!spot || !inWindow(spot.x)) return [];
        return e.participants.flatMap((id) => {
          const row = rowOf.get(id);
          if (row === undefined) return [];
          return [{ row, x: spot.x, date: e.date, approximate: spot.approximate, what: e.name }];
        });
      });
    series.push({ name: ev.label, points });
  }
  if (series.every((s) => s.points.length === 0))
    throw specError(
      loaded,
      index,
      'firsts',
      `no dated measure or event falls between ${from} and ${to}`,
    );
  // Keep only partners with at least one dot, in data order, and renumber rows.
  const used = [...new Set(series.flatMap((s) => s.points.map((p) => p.row)))].sort(
    (a, b) => a - b,
  );
  const renumber = new Map(used.map((r, i) => [r, i]));
  const points = series.flatMap((s) => s.points);
  const monthOnly = points.some((p) => p.approximate);
  const byDate = points.some((p) => p.onOrBefore);
  const notes =
    monthOnly || byDate
      ? [
          `Hollow dots: ${[
            monthOnly ? 'the source gives only the month (placed mid-month)' : '',
            byDate
              ? 'the first step came on or before that date (the source gives a total as of it, or an amount raised from an earlier one)'
              : '',
          ]
            .filter(Boolean)
            .join('; or ')}.`,
        ]
      : [];
  return {
    kind: 'timeline',
    rows: used.map((r) => at(partners, r, 'timeline partner').name),
    series: series.map((s) => ({
      name: s.name,
      points: s.points.map((p) => ({ ...p, row: must(renumber.get(p.row), 'timeline row') })),
    })),
    days: end - first,
    months,
    notes,
  };
}
