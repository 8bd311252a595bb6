/**
 * The words under and behind every chart: a one-sentence takeaway (the spec's sentence with
 * computed figures filled in) and alt text listing every value. Pure and locale-aware.
 */
import { isBareSign, list, ordinal, percent, words } from '../template/filters.js';
import { mixOf } from '../model/claims/index.js';
import { at } from '../checked.js';
import { hedgeOf } from './bar-data.js';
import { isStatedSymbol } from './currency.js';
import {
  barTotals as totals,
  hedgedValue,
  statedValue,
  unitAt,
  type BarData,
  type ChartData,
} from './data.js';
import { fillSentence } from './fill-sentence.js';
import { timelineTakeaway } from './timeline-takeaway.js';

export { fillSentence };

/**
 * Row `i`'s value as the source hedged it, and a sum's hedge (hedgeOf): a chart's sentence
 * never prints "up to JP¥165 billion" as an exact "JP¥165 billion".
 */
function hedging(d: BarData, locale: string) {
  const hedge = (i: number) => d.hedges?.[i];
  return {
    row: (v: number, i: number) => statedValue(v, unitAt(d, i), locale, hedge(i)),
    sum: (v: number) =>
      statedValue(
        v,
        unitAt(d, 0),
        locale,
        hedgeOf(d.labels.map((_, i) => ({ qualifier: hedge(i) }))),
      ),
  };
}

/** Slots for one partner's breakdown: its total, the largest part and every part, largest first. */
function breakdownSlots(d: BarData, subject: string, locale: string): Record<string, string> {
  const t = totals(d);
  const sum = t.reduce((s, v) => s + v, 0);
  const topValue = Math.max(...t);
  const top = t.indexOf(topValue);
  const h = hedging(d, locale);
  const others = t.length - 1;
  const comparison =
    others === 0
      ? 'all of it'
      : topValue > sum - topValue
        ? `more than the other ${words(others, locale)} combined`
        : `${percent(topValue / sum, locale)} of the total`;
  const parts = t
    .map((v, i) => ({ v, i, label: at(d.labels, i, 'bar label').toLowerCase() }))
    .sort((a, b) => b.v - a.v)
    .map((p) => `${p.label} ${h.row(p.v, p.i)}`);
  return {
    partner: subject,
    total: h.sum(sum),
    // One stated figure is the source's, not a sum of ours (issue: gcf decks said "our sum").
    ourSum: (d.figures ?? 2) > 1 ? ' (our sum)' : '',
    count: words(t.length, locale),
    top: at(d.labels, top, 'bar label').toLowerCase(),
    topValue: h.row(topValue, top),
    share: percent(topValue / sum, locale),
    comparison,
    parts: list(parts, locale),
  };
}

/** Said where a figure compared may be of any stage: a pledge is not money provided. */
const ANY_STAGE = ', whatever its stage';

/** Whether some currency panel holds rows of different stages (a pledge beside money provided). */
function panelsMixStages(d: BarData): boolean {
  if (d.stagesSummed) return true;
  const stages = d.stages;
  if (!stages) return false;
  let start = 0;
  return d.panels.some((p) => {
    const mine = new Set(stages.slice(start, (start += p.rows)));
    return mine.size > 1;
  });
}

/** Slots for bar charts: the leader, its value and how it compares with the rest. */
function barSlots(d: BarData, locale: string): Record<string, string> {
  if (d.subject !== undefined) return breakdownSlots(d, d.subject, locale);
  const t = totals(d);
  const sum = t.reduce((s, v) => s + v, 0);
  const topValue = Math.max(...t);
  const top = t.indexOf(topValue);
  const rest = sum - topValue;
  const others = d.labels.length - 1;
  const h = hedging(d, locale);
  // "shown", not "partners": a chart may show rows the bulletin does not call partners
  // (issue 29, item 3: the seed's aid chart shows a country beside NATO's four partners).
  const comparison =
    others === 0
      ? 'the only figure in the data'
      : topValue > rest
        ? `more than the other ${words(others, locale)} shown combined`
        : `${percent(topValue / sum, locale)} of the total`;
  const cats = d.series.map((s) => at(s.values, top, 'bar value'));
  const topCat = Math.max(...cats);
  const topCategory = (d.series[cats.indexOf(topCat)]?.name ?? '').toLowerCase();
  const slots: Record<string, string> = {
    top: at(d.labels, top, 'bar label'),
    topValue: h.row(topValue, top),
    total: h.sum(sum),
    count: words(d.labels.length, locale),
    comparison,
    topCategory,
    topMix: mixOf(topCat / topValue, topCategory, locale),
    anyStage: d.stagesSummed ? ANY_STAGE : '',
  };
  if (d.highlight !== undefined) {
    const value = at(t, d.highlight, 'bar total');
    const rank = [...t].sort((a, b) => b - a).indexOf(value) + 1;
    Object.assign(slots, {
      partner: at(d.labels, d.highlight, 'bar label'),
      value: h.row(value, d.highlight),
      rank: ordinal(rank, locale),
      share: percent(value / sum, locale),
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

/**
 * Slots that stay true when values are in several currencies: nothing is ranked, summed or
 * shared across currencies. {leaders} names the largest value in each currency.
 */
function mixedSlots(d: BarData, locale: string): Record<string, string> {
  const t = totals(d);
  const fmt = (i: number) =>
    statedValue(at(t, i, 'bar total'), unitAt(d, i), locale, d.hedges?.[i]);
  const leaders: string[] = [];
  let start = 0;
  for (const p of d.panels) {
    const rows = [...Array(p.rows).keys()].map((i) => start + i);
    const [firstRow] = rows;
    if (firstRow !== undefined) {
      const total = (i: number) => at(t, i, 'bar total');
      const top = rows.reduce((b, i) => (total(i) > total(b) ? i : b), firstRow);
      // "($2 billion, currency not stated)": one pair of brackets, the bare sign still said.
      const value = hedgedValue(total(top), unitAt(d, top), locale, d.hedges?.[top]);
      const unit = unitAt(d, top);
      const bare = unit.kind === 'money' && isStatedSymbol(unit.currency);
      const note = bare ? ', currency not stated' : '';
      leaders.push(`${d.labels[top]} (${value}${note})`);
    }
    start += p.rows;
  }
  const currencies = d.mixed?.currencies ?? [];
  const slots: Record<string, string> = {
    currencies: list(currencies, locale),
    ...currencySlots(currencies, locale),
    count: words(new Set(d.labels).size + (d.mixed?.leftOut.length ?? 0), locale),
    leaders: list(leaders, locale),
    anyStage: panelsMixStages(d) ? ANY_STAGE : '',
    parts: list(
      d.labels.map((l, i) => `${l.toLowerCase()} ${fmt(i)}`),
      locale,
    ),
  };
  if (d.subject !== undefined) slots.partner = d.subject;
  if (d.highlight !== undefined) {
    const unit = unitAt(d, d.highlight);
    Object.assign(slots, {
      partner: at(d.labels, d.highlight, 'bar label'),
      value: fmt(d.highlight),
      currency: unit.kind === 'money' ? unit.currency : '',
    });
  }
  return slots;
}

/**
 * How many currencies the values are in. A bare sign ("$" as the source gave it) is not a
 * currency the data states, and it may be one already counted, so {currencyCount} counts
 * only the stated ones and {inCurrencies} names the bare signs apart: "in six currencies,
 * and in “$” with its currency not stated".
 */
function currencySlots(currencies: readonly string[], locale: string): Record<string, string> {
  const stated = currencies.filter((c) => !isBareSign(c));
  const bare = currencies.filter(isBareSign);
  const noun = stated.length === 1 ? 'currency' : 'currencies';
  const count = `${words(stated.length, locale)} ${noun}`;
  const signs = list(
    bare.map((c) => `“${c}”`),
    locale,
  );
  const their = bare.length === 1 ? 'its' : 'their';
  const unstated = bare.length > 0 ? `in ${signs} with ${their} currency not stated` : '';
  return {
    currencyCount: words(stated.length, locale),
    inCurrencies:
      stated.length === 0 ? unstated : bare.length ? `in ${count}, and ${unstated}` : `in ${count}`,
  };
}

/** What a chart says when its values are not comparable and the spec gives no `mixedTakeaway`. */
export function defaultMixed(d: BarData): string {
  if (d.highlight !== undefined) return '{partner}: {value}.';
  if (d.subject !== undefined) return '{partner}: {parts}.';
  return 'The largest amount in each currency{anyStage}: {leaders}.';
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
  if (d.kind === 'timeline') return { ...timelineTakeaway(sentence, d, locale), field: 'takeaway' };
  return { ...fillSentence(sentence, barSlots(d, locale)), field: 'takeaway' };
}

export { altTextOf } from './alt-text.js';
