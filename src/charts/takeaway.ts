/**
 * The words under and behind every chart: a one-sentence takeaway (the spec's sentence with
 * computed figures filled in) and alt text listing every value. Pure and locale-aware.
 */
import { formatDate, list, ordinal, percent, words } from '../template/filters.js';
import { formatValue, unitAt, type BarData, type ChartData, type TimelineData } from './data.js';

/** Fills "{name}" slots; returns the sentence and the slots it could not fill. */
export function fillSentence(
  sentence: string,
  slots: Record<string, string>,
): { text: string; missing: string[] } {
  const missing: string[] = [];
  const text = sentence.replace(/\{(\w+)\}/g, (all, key: string) => {
    if (key in slots) return slots[key]!;
    missing.push(key);
    return all;
  });
  return { text: text.charAt(0).toUpperCase() + text.slice(1), missing };
}

const totals = (d: BarData) =>
  d.labels.map((_, i) => d.series.reduce((s, x) => s + x.values[i]!, 0));

/** Slots for one partner's breakdown: its total, the largest part and every part, largest first. */
function breakdownSlots(d: BarData, subject: string, locale: string): Record<string, string> {
  const t = totals(d);
  const sum = t.reduce((s, v) => s + v, 0);
  const top = t.indexOf(Math.max(...t));
  const fmt = (v: number) => formatValue(v, unitAt(d, 0), locale);
  const others = t.length - 1;
  const comparison =
    others === 0
      ? 'all of it'
      : t[top]! > sum - t[top]!
        ? `more than the other ${words(others, locale)} combined`
        : `${percent(t[top]! / sum, locale)} of the total`;
  const parts = t
    .map((v, i) => ({ v, label: d.labels[i]!.toLowerCase() }))
    .sort((a, b) => b.v - a.v)
    .map((p) => `${p.label} ${fmt(p.v)}`);
  return {
    partner: subject,
    total: fmt(sum),
    count: words(t.length, locale),
    top: d.labels[top]!.toLowerCase(),
    topValue: fmt(t[top]!),
    share: percent(t[top]! / sum, locale),
    comparison,
    parts: list(parts, locale),
  };
}

/** Slots for bar charts: the leader, its value and how it compares with the rest. */
function barSlots(d: BarData, locale: string): Record<string, string> {
  if (d.subject !== undefined) return breakdownSlots(d, d.subject, locale);
  const t = totals(d);
  const sum = t.reduce((s, v) => s + v, 0);
  const top = t.indexOf(Math.max(...t));
  const rest = sum - t[top]!;
  const others = d.labels.length - 1;
  const fmt = (v: number) => formatValue(v, unitAt(d, 0), locale);
  const comparison =
    others === 0
      ? 'the only figure in the data'
      : t[top]! > rest
        ? `more than the other ${words(others, locale)} ${others === 1 ? 'partner' : 'partners'} combined`
        : `${percent(t[top]! / sum, locale)} of the total`;
  const cats = d.series.map((s) => s.values[top]!);
  const slots: Record<string, string> = {
    top: d.labels[top]!,
    topValue: fmt(t[top]!),
    total: fmt(sum),
    count: words(d.labels.length, locale),
    comparison,
    topCategory: (d.series[cats.indexOf(Math.max(...cats))]?.name ?? '').toLowerCase(),
  };
  if (d.highlight !== undefined) {
    const h = d.highlight;
    const rank = [...t].sort((a, b) => b - a).indexOf(t[h]!) + 1;
    Object.assign(slots, {
      partner: d.labels[h]!,
      value: fmt(t[h]!),
      rank: ordinal(rank, locale),
      share: percent(t[h]! / sum, locale),
      leader:
        rank === 1
          ? 'the most'
          : rank === t.length
            ? 'the least'
            : `the ${ordinal(rank, locale)} most`,
    });
  }
  return slots;
}

function when(p: { date: string; onOrBefore?: boolean }, locale: string): string {
  const lead = p.onOrBefore ? 'by' : p.date.length > 7 ? 'on' : 'in';
  return `${lead} ${formatDate(p.date, locale)}`;
}

/** Slots for timelines, from the first series: who moved first, and who came last. */
function timelineSlots(d: TimelineData, locale: string): Record<string, string> {
  const pts = [...(d.series[0]?.points ?? [])].sort((a, b) => a.x - b.x);
  if (pts.length === 0) return {};
  const first = pts[0]!;
  const last = pts[pts.length - 1]!;
  const firsts = pts.filter((p) => p.date === first.date).map((p) => d.rows[p.row]!);
  return {
    firstPartners: list(firsts, locale),
    firstWhen: when(first, locale),
    firstWhat: first.what.toLowerCase(),
    lastPartner: d.rows[last.row]!,
    lastWhen: when(last, locale),
    count: words(d.rows.length, locale),
  };
}

/**
 * Slots that stay true when values are in several currencies: nothing is ranked, summed or
 * shared across currencies. {leaders} names the largest value in each currency.
 */
function mixedSlots(d: BarData, locale: string): Record<string, string> {
  const t = totals(d);
  const fmt = (i: number) => formatValue(t[i]!, unitAt(d, i), locale);
  const leaders: string[] = [];
  let start = 0;
  for (const p of d.panels) {
    const rows = [...Array(p.rows).keys()].map((i) => start + i);
    const top = rows.reduce((b, i) => (t[i]! > t[b]! ? i : b), rows[0]!);
    if (rows.length) leaders.push(`${d.labels[top]} (${fmt(top)})`);
    start += p.rows;
  }
  const currencies = d.mixed?.currencies ?? [];
  const slots: Record<string, string> = {
    currencies: list(currencies, locale),
    currencyCount: words(currencies.length, locale),
    count: words(new Set(d.labels).size + (d.mixed?.leftOut.length ?? 0), locale),
    leaders: list(leaders, locale),
    parts: list(
      d.labels.map((l, i) => `${l.toLowerCase()} ${fmt(i)}`),
      locale,
    ),
  };
  if (d.subject !== undefined) slots.partner = d.subject;
  if (d.highlight !== undefined) {
    const unit = unitAt(d, d.highlight);
    Object.assign(slots, {
      partner: d.labels[d.highlight]!,
      value: fmt(d.highlight),
      currency: unit.kind === 'money' ? unit.currency : '',
    });
  }
  return slots;
}

/** What a chart says when its values are not comparable and the spec gives no `mixedTakeaway`. */
function defaultMixed(d: BarData): string {
  if (d.highlight !== undefined) return '{partner}: {value}.';
  if (d.subject !== undefined) return '{partner}: {parts}.';
  return 'The largest amount in each currency: {leaders}.';
}

/**
 * The takeaway sentence for a chart. When its values are in several currencies the spec's
 * comparing sentence would be false, so `mixed` (or a plain default) is used with the
 * slots that stay true; `field` says which sentence was used, for error messages.
 */
export function takeawayOf(
  sentence: string,
  d: ChartData,
  locale: string,
  mixed?: string,
): { text: string; missing: string[]; field: 'takeaway' | 'mixedTakeaway' } {
  if (d.kind === 'bar' && d.mixed)
    return {
      ...fillSentence(mixed ?? defaultMixed(d), mixedSlots(d, locale)),
      field: 'mixedTakeaway',
    };
  return {
    ...fillSentence(sentence, d.kind === 'bar' ? barSlots(d, locale) : timelineSlots(d, locale)),
    field: 'takeaway',
  };
}

/** Alt text: what kind of chart, its title, and every value it shows. */
export function altTextOf(title: string, d: ChartData, locale: string): string {
  if (d.kind === 'bar') {
    const t = totals(d);
    const stacked = d.series.length > 1;
    const rows = d.labels.map((l, i) => {
      const parts = stacked
        ? ` (${d.series
            .filter((s) => s.values[i]! > 0)
            .map((s) => `${s.name} ${formatValue(s.values[i]!, unitAt(d, i), locale)}`)
            .join(', ')})`
        : '';
      return `${l}${d.highlight === i ? ' (highlighted)' : ''}: ${formatValue(t[i]!, unitAt(d, i), locale)}${parts}`;
    });
    const what = d.subject !== undefined ? `${title}, ${d.subject}` : title;
    return [
      `${stacked ? 'Stacked bar' : 'Bar'} chart: ${what}.`,
      `${rows.join('; ')}.`,
      ...d.notes,
    ].join(' ');
  }
  const range = `${formatDate(d.months[0]!.date, locale)} to ${formatDate(d.months[d.months.length - 1]!.date, locale)}`;
  const rows = d.rows.map((name, r) => {
    const items = d.series.flatMap((s) =>
      s.points
        .filter((p) => p.row === r)
        .sort((a, b) => a.x - b.x)
        .map((p) => `${p.what} ${formatDate(p.date, locale)}`),
    );
    return `${name}: ${items.join(', ')}`;
  });
  return [`Timeline, ${range}: ${title}.`, `${rows.join('; ')}.`].join(' ');
}
