/**
 * selectChartData: the figures a spec asks for, read from the dataset. Pure: no I/O, no
 * clock. A spec that points at data the dataset lacks is an InputError naming charts.json.
 */
import type { Dataset, Measure } from '../dataset/schema.js';
import { NOT_STATED_LABEL } from '../dataset/schema.js';
import { mustParse, startOf } from '../dataset/dates.js';
import {
  conversionFor,
  conversionNote,
  currencyHeading,
  currencyNotes,
  formatValue,
  type Unit,
} from './currency.js';
import {
  specError,
  type BarSpec,
  type BreakdownSpec,
  type CompareSpec,
  type LoadedSpecs,
  type TimelineSpec,
} from './spec.js';

export { formatValue, type Unit } from './currency.js';

/**
 * A run of consecutive rows in one unit. Bars compare only within a panel: each currency
 * without a stated conversion rate gets its own, with its own scale and heading.
 */
export interface BarPanel {
  unit: Unit;
  rows: number;
  heading: string;
}

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

/** One dot on a timeline: x is days after the window's first day. */
export interface TimelinePoint {
  row: number;
  x: number;
  date: string;
  approximate: boolean;
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

/** The unit of row `i`. */
export function unitAt(d: BarData, i: number): Unit {
  let end = 0;
  for (const p of d.panels) if (i < (end += p.rows)) return p.unit;
  return d.panels[d.panels.length - 1]!.unit;
}

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
function figuresOf(m: Measure, value: 'amount' | 'quantity'): Figure[] {
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
  return { kind: 'quantity', unit: [...units][0]! };
}

/** A row before panels: a label, its value per stack series, and its currency ('' for quantities). */
interface Row {
  id: string;
  label: string;
  currency: string;
  byCat: number[];
  total: number;
}

/**
 * Rows in panels: one panel when the figures share a unit (or the dataset's rates convert
 * them into one), else one panel per currency in order of first appearance, each sorted.
 */
function panelled(
  d: Dataset,
  rows: Row[],
  quantityOf: () => Unit,
  sort: 'desc' | 'asc' | 'data',
): { rows: Row[]; panels: BarPanel[]; notes: string[]; mixed?: BarData['mixed'] } {
  const order = (rs: Row[]) =>
    sort === 'data'
      ? rs
      : [...rs].sort((a, b) => (sort === 'desc' ? b.total - a.total : a.total - b.total));
  const currencies = [...new Set(rows.map((r) => r.currency))];
  const locale = d.bulletin.locale;
  if (currencies[0] === '' || rows.length === 0)
    return {
      rows: order(rows),
      panels: [{ unit: quantityOf(), rows: rows.length, heading: '' }],
      notes: [],
    };
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.currency, (counts.get(r.currency) ?? 0) + 1);
  const conv = conversionFor(d.rates, currencies, counts);
  if (conv) {
    // One scale: every row converted and merged by id; a row is marked converted when any part was.
    const merged = new Map<string, Row & { converted: boolean }>();
    for (const r of rows) {
      const rate = r.currency === conv.to ? 1 : conv.rates.get(r.currency)!.rate;
      const prev = merged.get(r.id);
      const byCat = r.byCat.map((v, i) => v * rate + (prev?.byCat[i] ?? 0));
      merged.set(r.id, {
        ...r,
        currency: conv.to,
        byCat,
        total: byCat.reduce((s, v) => s + v, 0),
        converted: (prev?.converted ?? false) || rate !== 1,
      });
    }
    const all = order([...merged.values()]);
    // Rows converted and rows as stated cannot share one unit's formatting: any converted row
    // makes the whole panel an estimate, so every label is marked ≈ alike.
    return {
      rows: all,
      panels: [
        {
          unit: { kind: 'money', currency: conv.to, converted: true },
          rows: all.length,
          heading: '',
        },
      ],
      notes: [conversionNote(conv, d)],
    };
  }
  const groups = currencies.map((c) => order(rows.filter((r) => r.currency === c)));
  return {
    rows: groups.flat(),
    panels: groups.map((g, i) => ({
      unit: { kind: 'money', currency: currencies[i]! },
      rows: g.length,
      heading: currencyHeading(currencies[i]!, locale),
    })),
    notes: currencyNotes(currencies),
    ...(currencies.length > 1 ? { mixed: { currencies, leftOut: [] } } : {}),
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
  if (at < 0 || data.panels.length === 1) return { ...data, ...(at >= 0 ? { highlight: at } : {}) };
  return panelOf(data, at);
}

/**
 * A per-partner comparison in mixed currencies: only the panel of the partner's (first)
 * currency, so every bar drawn is comparable with the highlighted one; the note names what
 * is left out and why.
 */
function panelOf(data: BarData, at: number): BarData {
  let start = 0;
  const p = data.panels.findIndex((x) => at < (start += x.rows));
  const panel = data.panels[p]!;
  start -= panel.rows;
  const keep = (xs: readonly string[] | number[]) => xs.slice(start, start + panel.rows);
  const leftOut = data.labels.filter((_, i) => i < start || i >= start + panel.rows);
  const currencies = data.mixed?.currencies ?? [];
  const money = panel.unit.kind === 'money' ? panel.unit.currency : '';
  return {
    ...data,
    labels: keep(data.labels) as string[],
    series: data.series.map((s) => ({ ...s, values: keep(s.values) as number[] })),
    panels: [{ ...panel, heading: '' }],
    highlight: at - start,
    notes: [
      ...data.notes.filter((n) => !n.startsWith('Amounts are in different currencies')),
      `Only amounts in ${money} are shown: amounts in other currencies (${currencies
        .filter((c) => c !== money)
        .join(', ')}) are not comparable with them and no conversion rate is given.`,
    ],
    mixed: { currencies, leftOut: [...new Set(leftOut)] },
  };
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
    .map((c, ci) => ({ name: c.label, values: rows.map((r) => r.byCat[ci]!) }))
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

/**
 * The bars a chart draws when `show` caps them: the largest `show` (the highlighted partner
 * takes the last place when it is not among them). A bar per partner is unreadable, and
 * costs a draw per partner per partner, once there are hundreds. In several panels each
 * keeps its share of the places: sizes in different currencies have no common "largest".
 */
export function limitBars(data: ChartData, show: number | undefined): ChartData {
  if (data.kind !== 'bar' || show === undefined || data.labels.length <= show) return data;
  const h = data.highlight;
  const quota = Math.max(1, Math.floor(show / data.panels.length));
  const keep: number[] = [];
  const panels: BarPanel[] = [];
  let start = 0;
  for (const p of data.panels) {
    const mine = [...Array(Math.min(quota, p.rows)).keys()].map((i) => start + i);
    if (h !== undefined && h >= start && h < start + p.rows && !mine.includes(h))
      mine[mine.length - 1] = h;
    keep.push(...mine);
    panels.push({ ...p, rows: mine.length });
    start += p.rows;
  }
  if (keep.length === data.labels.length) return data;
  const at = h === undefined ? -1 : keep.indexOf(h);
  const { highlight: _, ...rest } = data;
  const each = data.panels.length > 1 ? ' in each currency' : '';
  return {
    ...rest,
    labels: keep.map((i) => data.labels[i]!),
    series: data.series.map((s) => ({ ...s, values: keep.map((i) => s.values[i]!) })),
    panels,
    ...(at >= 0 ? { highlight: at } : {}),
    notes: [
      ...data.notes,
      data.panels.length > 1
        ? `At most ${quota} ${quota === 1 ? 'bar is' : 'bars are'} shown${each}, of ${data.labels.length} in all.`
        : `The ${keep.length - (h !== undefined && h >= show ? 1 : 0)} largest of ${data.labels.length} partners are shown.`,
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
      // Only `date` says when a measure was taken; `asOf` dates a running total, and undated measures are skipped.
      const dated = d.measures
        .filter((m) => m.partner === p.id && m.type === f.measure && m.date)
        .map((m) => ({ m, at: place(m.date!, first) }));
      const hit = dated.filter((x) => x.at).sort((a, b) => a.at!.x - b.at!.x)[0];
      return hit && inWindow(hit.at!.x)
        ? [
            {
              row: rowOf.get(p.id)!,
              x: hit.at!.x,
              date: hit.m.date!,
              approximate: hit.at!.approximate,
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
  const notes = series.some((s) => s.points.some((p) => p.approximate))
    ? ['Hollow dots: the source gives only the month; they sit mid-month.']
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
