/**
 * selectChartData: the figures a spec asks for, read from the dataset. Pure: no I/O, no
 * clock. A spec that points at data the dataset lacks is an InputError naming charts.json.
 */
import type { Dataset, Measure } from '../dataset/schema.js';
import { STATED_SYMBOLS } from '../dataset/schema.js';
import { mustParse, startOf } from '../dataset/dates.js';
import { firstEvidence } from '../model/firsts.js';
import { money, quantity } from '../template/filters.js';
import {
  specError,
  type BarSpec,
  type BreakdownSpec,
  type CompareSpec,
  type LoadedSpecs,
  type TimelineSpec,
} from './spec.js';

/** How a value is written: money in one currency, or a quantity in a unit. */
export type Unit = { kind: 'money'; currency: string } | { kind: 'quantity'; unit: string };

/** Bars: one label per partner, one series per stack (one series when not stacked). */
export interface BarData {
  kind: 'bar';
  labels: string[];
  series: { name: string; values: number[] }[];
  unit: Unit;
  horizontal: boolean;
  /** Index of the highlighted bar (per-partner comparisons). */
  highlight?: number;
  /** One palette colour per bar (a breakdown: the bars are parts, not peers). */
  colorEach?: boolean;
  /** The partner whose figures the bars break down (per-partner breakdowns). */
  subject?: string;
  notes: string[];
}

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

/** Formats a value in the chart's unit with the shared filters, so figures read as in the prose. */
export function formatValue(v: number, unit: Unit, locale: string): string {
  return unit.kind === 'money'
    ? money(v, unit.currency, locale)
    : quantity({ value: v, unit: unit.unit }, locale);
}

// Which currency a bare sign leaves open; the note says so rather than guessing.
const SIGN_NAMES: Record<string, string> = {
  $: 'dollar',
  '£': 'pound',
  '¥': 'yen or yuan',
  '€': 'euro',
};

function currencyNotes(currencies: Set<string>): string[] {
  const list = [...currencies];
  if (list.length > 1)
    return [
      `Amounts are in different currencies (${list.join(', ')}) and are shown as stated in the source, not converted.`,
    ];
  const only = list[0];
  if (only && (STATED_SYMBOLS as readonly string[]).includes(only) && only !== '€') {
    return [
      `Amounts are as stated in the source, which gives only the sign “${only}” and does not say which ${SIGN_NAMES[only] ?? 'currency'}.`,
    ];
  }
  return [];
}

function partnersFor(d: Dataset, roles?: string[]) {
  return d.partners.filter((p) => !roles || roles.includes(p.role));
}

/** The figure a measure contributes, per aid category when splitting by category. */
export function figuresOf(
  m: Measure,
  value: 'amount' | 'quantity',
): { category: string; v: number }[] {
  if (value === 'quantity') return 'quantity' in m ? [{ category: '', v: m.quantity.value }] : [];
  if (m.type !== 'aid' || m.amount === undefined) return [];
  // Components split a package; what they leave over stays in the package's own category.
  const parts = (m.components ?? []).map((c) => ({ category: c.category, v: c.amount }));
  const rest = m.amount - parts.reduce((s, p) => s + p.v, 0);
  return rest > 0 ? [...parts, { category: m.category, v: rest }] : parts;
}

function unitOf(
  d: Dataset,
  spec: BarSpec | CompareSpec | BreakdownSpec,
  loaded: LoadedSpecs,
  index: number,
  measures: Measure[],
): { unit: Unit; notes: string[] } {
  if (spec.value === 'quantity') {
    const units = new Set(measures.flatMap((m) => ('quantity' in m ? [m.quantity.unit] : [])));
    if (units.size > 1)
      throw specError(
        loaded,
        index,
        'measure',
        `"${spec.measure}" measures use different units (${[...units].join(', ')}); they cannot share one axis`,
      );
    return { unit: { kind: 'quantity', unit: [...units][0]! }, notes: [] };
  }
  const currencies = new Set(
    measures.flatMap((m) =>
      m.type === 'aid' && m.amount !== undefined && m.currency ? [m.currency] : [],
    ),
  );
  return {
    unit: { kind: 'money', currency: [...currencies][0] ?? '$' },
    notes: currencyNotes(currencies),
  };
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
  return { ...data, ...(at >= 0 ? { highlight: at } : {}) };
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
  const categories = stack ? d.aidCategories : [{ id: '', label: spec.title }];
  const byPartner = new Map<string, Measure[]>();
  for (const m of measures) byPartner.set(m.partner, [...(byPartner.get(m.partner) ?? []), m]);
  const rows = partnersFor(d, spec.roles)
    .map((p) => {
      const figs = (byPartner.get(p.id) ?? []).flatMap((m) => figuresOf(m, spec.value));
      const byCat = categories.map((c) =>
        figs.filter((f) => !stack || f.category === c.id).reduce((s, f) => s + f.v, 0),
      );
      return { id: p.id, name: p.name, byCat, total: byCat.reduce((s, v) => s + v, 0) };
    })
    .filter((r) => r.total > 0);
  if (spec.sort !== 'data')
    rows.sort((a, b) => (spec.sort === 'desc' ? b.total - a.total : a.total - b.total));
  const series = categories
    .map((c, ci) => ({ name: c.label, values: rows.map((r) => r.byCat[ci]!) }))
    .filter((s) => s.values.some((v) => v > 0));
  const { unit, notes } = unitOf(d, spec, loaded, index, measures);
  const result = {
    rows,
    data: {
      kind: 'bar' as const,
      labels: rows.map((r) => r.name),
      series,
      unit,
      horizontal: spec.kind === 'partner-compare' || spec.orientation === 'horizontal',
      notes,
    },
  };
  bySpec.set(spec, result);
  return result;
}

/**
 * The bars a chart draws when `show` caps them: the largest `show` (the highlighted partner
 * takes the last place when it is not among them). A bar per partner is unreadable, and
 * costs a draw per partner per partner, once there are hundreds.
 */
export function limitBars(data: ChartData, show: number | undefined): ChartData {
  if (data.kind !== 'bar' || show === undefined || data.labels.length <= show) return data;
  const h = data.highlight;
  const keep = [...Array(show).keys()];
  if (h !== undefined && h >= show) keep[show - 1] = h;
  const at = h === undefined ? -1 : keep.indexOf(h);
  const { highlight: _, ...rest } = data;
  return {
    ...rest,
    labels: keep.map((i) => data.labels[i]!),
    series: data.series.map((s) => ({ ...s, values: keep.map((i) => s.values[i]!) })),
    ...(at >= 0 ? { highlight: at } : {}),
    notes: [
      ...data.notes,
      `The ${show - (h !== undefined && h >= show ? 1 : 0)} largest of ${data.labels.length} partners are shown.`,
    ],
  };
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
  const rows = d.aidCategories
    .map((c) => ({
      label: c.label,
      v: figs.filter((f) => f.category === c.id).reduce((s, f) => s + f.v, 0),
    }))
    .filter((r) => r.v > 0);
  if (spec.sort !== 'data') rows.sort((a, b) => (spec.sort === 'desc' ? b.v - a.v : a.v - b.v));
  const { unit, notes } = unitOf(d, spec, loaded, index, mine);
  return {
    kind: 'bar',
    labels: rows.map((r) => r.label),
    series: [{ name: spec.title, values: rows.map((r) => r.v) }],
    unit,
    horizontal: true,
    colorEach: true,
    subject,
    notes,
  };
}

/** Where a date sits in the window; month-precision dates sit mid-month and are marked approximate. */
function place(date: string, first: number): { x: number; approximate: boolean } | null {
  const p = mustParse(date);
  if (p.precision === 'day') return { x: dayOf(startOf(p)) - first, approximate: false };
  if (p.precision === 'month') return { x: dayOf(startOf(p)) + 14 - first, approximate: true };
  return null; // a year or a decade is too coarse to place on a months axis
}

/** Timeline data: each partner's first dated measure of each type, and the events it took part in. */
export function selectTimelineData(
  d: Dataset,
  spec: TimelineSpec,
  loaded: LoadedSpecs,
  index: number,
): TimelineData {
  const first = dayOf(`${spec.from}-01`);
  const [ty, tm] = spec.to.split('-').map(Number) as [number, number];
  const end = dayOf(new Date(Date.UTC(ty, tm, 1)).toISOString().slice(0, 10));
  if (end <= first)
    throw specError(loaded, index, 'to', `"to" (${spec.to}) must come after "from" (${spec.from})`);
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
    const points = partners.flatMap((p) => {
      // A total known "as of" a date is evidence of a first measure on or before it (issue 20).
      const hit = firstEvidence(
        d.measures.filter((m) => m.partner === p.id && m.type === f.measure),
      );
      const at = hit ? place(hit.date, first) : null;
      return hit && at && inWindow(at.x)
        ? [
            {
              row: rowOf.get(p.id)!,
              x: at.x,
              date: hit.date,
              approximate: at.approximate,
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
        const at = place(e.date, first);
        if (!at || !inWindow(at.x)) return [];
        return e.participants
          .filter((id) => rowOf.has(id))
          .map((id) => ({
            row: rowOf.get(id)!,
            x: at.x,
            date: e.date,
            approximate: at.approximate,
            what: e.name,
          }));
      });
    series.push({ name: ev.label, points });
  }
  if (series.every((s) => s.points.length === 0))
    throw specError(
      loaded,
      index,
      'firsts',
      `no dated measure or event falls between ${spec.from} and ${spec.to}`,
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
    rows: used.map((r) => partners[r]!.name),
    series: series.map((s) => ({
      name: s.name,
      points: s.points.map((p) => ({ ...p, row: renumber.get(p.row)! })),
    })),
    days: end - first,
    months,
    notes,
  };
}
