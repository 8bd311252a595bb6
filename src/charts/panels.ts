/**
 * Bar rows in panels, one per unit: money is never mixed (issue 12). Rows in one currency
 * share a panel; several currencies get a panel each unless the dataset's rates convert
 * them into one. Pure: no I/O, no clock.
 */
import { at, must } from '../checked.js';
import type { Dataset } from '../dataset/schema.js';
import type { BarData, ChartData } from './data.js';
import {
  conversionFor,
  conversionNote,
  currencyHeading,
  currencyNotes,
  type Unit,
} from './currency.js';

/**
 * A run of consecutive rows in one unit. Bars compare only within a panel: each currency
 * without a stated conversion rate gets its own, with its own scale and heading.
 */
export interface BarPanel {
  unit: Unit;
  rows: number;
  heading: string;
}

/** The unit of row `i`. */
export function unitAt(d: BarData, i: number): Unit {
  let end = 0;
  for (const p of d.panels) if (i < (end += p.rows)) return p.unit;
  return must(d.panels.at(-1), 'the last panel of a bar chart').unit;
}

/**
 * A row before panels: a label, its value per stack series, and its currency ('' for quantities).
 */
export interface Row {
  id: string;
  label: string;
  currency: string;
  byCat: number[];
  total: number;
  /** The qualifier of the row's figure(s), if the source hedged them. */
  qualifier?: string;
  /** The row's stage when the chart keeps stages apart ('' for a stage not stated). */
  stage?: string;
}

/**
 * Rows in panels: one panel when the figures share a unit (or the dataset's rates convert
 * them into one), else one panel per currency in order of first appearance, each sorted.
 */
export function panelled(
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
    // One scale: every row converted into the target and merged by partner (or category).
    const merged = new Map<string, Row>();
    for (const r of rows) {
      const rate =
        r.currency === conv.to
          ? 1
          : must(conv.rates.get(r.currency), `the rate for ${r.currency}`).rate;
      // Rows of one partner in two stages stay apart (their labels differ).
      const key = `${r.id}\u0000${r.label}`;
      const prev = merged.get(key);
      const byCat = r.byCat.map((v, i) => v * rate + (prev?.byCat[i] ?? 0));
      merged.set(key, {
        ...r,
        currency: conv.to,
        byCat,
        total: byCat.reduce((s, v) => s + v, 0),
      });
    }
    const all = order([...merged.values()]);
    // A converted figure is an estimate: the whole panel is marked ≈ alike.
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
  const groups = currencies.map((currency) => ({
    currency,
    rows: order(rows.filter((r) => r.currency === currency)),
  }));
  return {
    rows: groups.flatMap((g) => g.rows),
    panels: groups.map((g) => ({
      unit: { kind: 'money', currency: g.currency },
      rows: g.rows.length,
      heading: currencyHeading(g.currency, locale),
    })),
    notes: currencyNotes(currencies),
    ...(currencies.length > 1 ? { mixed: { currencies, leftOut: [] } } : {}),
  };
}

/**
 * A per-partner comparison in mixed currencies: only the panel of the partner's (first)
 * currency, so every bar drawn is comparable with the highlighted one; the note names what
 * is left out and why.
 */
export function panelOf(data: BarData, row: number): BarData {
  let start = 0;
  const p = data.panels.findIndex((x) => row < (start += x.rows));
  const panel = must(data.panels[p], `the panel of bar ${row}`);
  start -= panel.rows;
  const keep = <T>(xs: readonly T[]) => xs.slice(start, start + panel.rows);
  const leftOut = data.labels.filter((_, i) => i < start || i >= start + panel.rows);
  const currencies = data.mixed?.currencies ?? [];
  const money = panel.unit.kind === 'money' ? panel.unit.currency : '';
  return {
    ...data,
    labels: keep(data.labels),
    series: data.series.map((s) => ({ ...s, values: keep(s.values) })),
    // The source's hedges ride with their rows: "up to JP¥165 billion" is never made exact.
    ...(data.hedges ? { hedges: keep(data.hedges) } : {}),
    ...(data.stages ? { stages: keep(data.stages) } : {}),
    panels: [{ ...panel, heading: '' }],
    highlight: row - start,
    notes: [
      ...data.notes.filter((n) => !n.startsWith('Amounts are in different currencies')),
      `Only amounts in ${money} are shown: amounts in other currencies (${currencies
        .filter((c) => c !== money)
        .join(', ')}) are not comparable with them and no conversion rate is given.`,
      // A bare sign shown alone still says that its currency is not stated.
      ...currencyNotes([money]),
    ],
    mixed: { currencies, leftOut: [...new Set(leftOut)] },
  };
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
  const highlight = h === undefined ? -1 : keep.indexOf(h);
  const { highlight: _, ...rest } = data;
  const each = data.panels.length > 1 ? ' in each currency' : '';
  return {
    ...rest,
    labels: keep.map((i) => at(data.labels, i, 'bar label')),
    series: data.series.map((s) => ({
      ...s,
      values: keep.map((i) => at(s.values, i, 'bar value')),
    })),
    ...(data.hedges ? { hedges: keep.map((i) => data.hedges?.[i]) } : {}),
    ...(data.stages ? { stages: keep.map((i) => data.stages?.[i] ?? '') } : {}),
    panels,
    ...(highlight >= 0 ? { highlight } : {}),
    notes: [
      ...data.notes,
      data.panels.length > 1
        ? `At most ${quota} ${quota === 1 ? 'bar is' : 'bars are'} shown${each}, of ` +
          `${data.labels.length} in all.`
        : `The ${keep.length - (h !== undefined && h >= show ? 1 : 0)} largest of ` +
          `${data.labels.length} partners are shown.`,
    ],
  };
}
