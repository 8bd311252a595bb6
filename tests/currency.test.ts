/**
 * Money is never mixed (issue 12): charts split by currency unless the dataset states rates,
 * takeaways do not rank or share across currencies, and deck number formats write each value
 * as the text does.
 */
import { describe, expect, it } from 'vitest';
import { loadChartSpecs, type BarSpec, type BreakdownSpec } from '../src/charts/spec.js';
import { selectBarData, selectBreakdownData } from '../src/charts/bar-data.js';
import { unitAt, limitBars } from '../src/charts/data.js';
import { takeawayOf } from '../src/charts/takeaway.js';
import { numberFormat } from '../src/charts/number-format.js';
import { Dataset } from '../src/dataset/schema.js';
import { checkRules } from '../src/dataset/rules.js';
import { buildScope } from '../src/model/scope.js';
import { sampleContext } from './helpers.js';

const plain = (s: string) => s.replace(/\u00a0/g, ' ');

/** The seed context with its aid re-stated in other currencies (and optional rates). */
async function mixed(rates: unknown[] = []) {
  const ctx = await sampleContext(true);
  const currencies: Record<string, string> = {
    japan: 'JPY',
    'south-korea': 'KRW',
    australia: 'AUD',
  };
  const raw = JSON.parse(JSON.stringify(ctx.dataset));
  for (const m of raw.measures)
    if (m.type === 'aid' && m.amount !== undefined)
      m.currency = currencies[m.partner] ?? m.currency;
  raw.rates = rates;
  const d = Dataset.parse(raw);
  const loaded = loadChartSpecs(ctx.templates);
  const find = (kind: string, measure = 'aid') => {
    const index = loaded.specs.findIndex(
      (s) => s.kind === kind && 'measure' in s && s.measure === measure,
    );
    return { spec: loaded.specs[index]!, index };
  };
  return { d, loaded, find };
}

describe('charts in several currencies', { timeout: 60_000 }, () => {
  it('give each currency its own panel, every row in its own currency', async () => {
    const { d, loaded, find } = await mixed();
    const { spec, index } = find('bar');
    const data = selectBarData(d, spec as BarSpec, loaded, index);
    expect(data.panels.map((p) => (p.unit.kind === 'money' ? p.unit.currency : ''))).toEqual([
      'JPY',
      'KRW',
      'AUD',
      '$',
    ]);
    const currencyOf = new Map(
      d.measures.flatMap((m) => (m.type === 'aid' && m.currency ? [[m.partner, m.currency]] : [])),
    );
    const idOf = new Map(d.partners.map((p) => [p.name, p.id]));
    data.labels.forEach((l, i) => {
      const u = unitAt(data, i);
      expect(u.kind === 'money' && u.currency).toBe(currencyOf.get(idOf.get(l)!));
    });
    expect(data.mixed?.currencies).toHaveLength(4);
    expect(data.notes.join(' ')).toMatch(/different currencies/);
    const take = takeawayOf(spec.takeaway, data, 'en-US', spec.mixedTakeaway);
    expect(take.field).toBe('mixedTakeaway');
    expect(take.text).not.toMatch(/the most|combined|% of/);
    expect(plain(take.text)).toContain('Australia (A$190.2 million)');
  });

  it('a per-partner comparison shows only the partner’s currency and says what it leaves out', async () => {
    const { d, loaded, find } = await mixed();
    const { spec, index } = find('partner-compare');
    const data = selectBarData(d, spec as BarSpec, loaded, index, 'new-zealand');
    expect(data.panels).toHaveLength(1);
    expect(data.labels[data.highlight!]).toBe('New Zealand');
    expect(data.mixed?.leftOut).toEqual(expect.arrayContaining(['Japan', 'Australia']));
    expect(data.notes.join(' ')).toMatch(/Only amounts in \$ are shown/);
    const take = takeawayOf(spec.takeaway, data, 'en-US', spec.mixedTakeaway);
    expect(take.text).not.toMatch(/the most|of their total|%/);
    expect(plain(take.text)).toBe('New Zealand: $24 million (currency not stated).');
  });

  it('caps bars per panel, never ranking across currencies', async () => {
    const { d, loaded, find } = await mixed();
    const { spec, index } = find('bar');
    const data = limitBars(selectBarData(d, spec as BarSpec, loaded, index), 4);
    expect(data.kind === 'bar' && data.panels.every((p) => p.rows === 1)).toBe(true);
  });

  it('converts at rates the data states, with a note naming rate, date and source', async () => {
    const cite = { source: 'apb' };
    const { d, loaded, find } = await mixed([
      { from: 'JPY', to: 'USD', rate: 0.0077, date: '2022-04-19', cite },
      { from: 'USD', to: 'KRW', rate: 1250, date: '2022-04-07', cite },
      { from: 'AUD', to: 'USD', rate: 0.74, date: '2022-04', cite },
      { from: '$', to: 'USD', rate: 1, date: '2022-04', cite },
    ]);
    const { spec, index } = find('bar');
    const data = selectBarData(d, spec as BarSpec, loaded, index);
    expect(data.panels).toHaveLength(1);
    const unit = data.panels[0]!.unit;
    expect(unit).toEqual({ kind: 'money', currency: 'USD', converted: true });
    expect(data.mixed).toBeUndefined();
    expect(plain(data.notes.join(' '))).toMatch(
      /converted to USD at 1 JPY = 0\.0077 USD as of April 19, 2022.*1 KRW = 0\.0008 USD as of April 7, 2022/,
    );
    const take = takeawayOf(spec.takeaway, data, 'en-US', spec.mixedTakeaway);
    expect(take.field).toBe('takeaway');
    expect(plain(take.text)).toMatch(/≈US\$|≈\$/);
  });

  it('a breakdown in one currency per partner stays comparable', async () => {
    const { d, loaded, find } = await mixed();
    const { spec, index } = find('partner-breakdown');
    const data = selectBreakdownData(d, spec as BreakdownSpec, loaded, index, 'australia')!;
    expect(data.panels).toHaveLength(1);
    expect(data.mixed).toBeUndefined();
  });
});

describe('deck number formats', () => {
  const aud = { kind: 'money' as const, currency: 'AUD' };
  /** Reads a value through the format as Excel would: the first matching condition, else the default. */
  function show(format: string, v: number): string {
    const sections = format.split(/;(?=(?:[^"]*"[^"]*")*[^"]*$)/);
    const ops: Record<string, (a: number, b: number) => boolean> = {
      '<': (a, b) => a < b,
      '<=': (a, b) => a <= b,
      '>=': (a, b) => a >= b,
      '=': (a, b) => a === b,
    };
    const pick =
      sections.find((x) => {
        const c = /^\[(<=|>=|<|=)([\d.]+)\]/.exec(x);
        return c ? ops[c[1]!]!(v, Number(c[2])) : true;
      }) ?? sections[sections.length - 1]!;
    return pick
      .replace(/^\[[^\]]*\]/, '')
      .replace(/#,##0(?:\.(0+))?(,*)/, (_, p: string | undefined, commas: string) =>
        (v / 1000 ** commas.length).toLocaleString('en-US', {
          minimumFractionDigits: p?.length ?? 0,
          maximumFractionDigits: p?.length ?? 0,
        }),
      )
      .replace(/"([^"]*)"/g, '$1')
      .replace(/\u00a0/g, ' ');
  }

  it('write each value exactly as the text does, in the unit’s own currency', () => {
    // Each value with the words the text prints for it, written by hand (issue 31: computed
    // with the code's own money() and scaled(), a wrong precision would pass on both sides).
    const cases: [Parameters<typeof numberFormat>[0], [number, string][]][] = [
      [
        { kind: 'money', currency: 'VUV' },
        [
          [95e6, 'VUV 95 million'],
          [12e6, 'VUV 12 million'],
        ],
      ],
      [
        aud,
        [
          [250_000, 'A$250,000'],
          [1_500_000, 'A$1.5 million'],
          [144_500_000, 'A$144.5 million'],
        ],
      ],
      [
        aud,
        [
          [95e6, 'A$95 million'],
          [1_150_000, 'A$1.15 million'],
        ],
      ],
      [
        { kind: 'money', currency: '$' },
        [
          [300e6, '$300 million'],
          [10e6, '$10 million'],
          [30e6, '$30 million'],
        ],
      ],
      // The seed's oil: four values needing 0, 1, 2 and 1 decimals (no "22.50 million").
      [
        { kind: 'quantity', unit: 'barrels' },
        [
          [22_500_000, '22.5 million'],
          [11_650_000, '11.65 million'],
          [3_300_000, '3.3 million'],
          [867_000, '867,000'],
        ],
      ],
    ];
    for (const [unit, pairs] of cases) {
      const format = numberFormat(
        unit,
        pairs.map(([v]) => v),
        'en-US',
      );
      for (const [v, want] of pairs) expect(show(format, v), format).toBe(want);
    }
    expect(numberFormat({ kind: 'money', currency: 'VUV' }, [95e6], 'en-US')).toBe(
      '"VUV\u00a0"#,##0,,"\u00a0million"',
    );
    // Where the locale's word is not a million ("20 lakh", "200万"), the label is in full.
    for (const locale of ['en-IN', 'ja-JP'])
      expect(
        show(numberFormat({ kind: 'money', currency: 'AUD' }, [1.5e6], locale), 1.5e6),
      ).toMatch(/1,?50,?000|1,500,000/);
  });
});

describe('aid categories in the schema', { timeout: 60_000 }, () => {
  it('a missing category is "not stated"; a package is labelled by every category it is in', async () => {
    const ctx = await sampleContext(true);
    const raw = JSON.parse(JSON.stringify(ctx.dataset));
    raw.measures.push({
      id: 'mixed-package',
      type: 'aid',
      partner: 'japan',
      category: 'humanitarian',
      amount: 10,
      currency: '$',
      components: [
        { category: 'humanitarian', amount: 4 },
        { category: 'loan', amount: 6 },
      ],
      cite: { source: 'apb' },
    });
    raw.measures.push({
      id: 'no-category',
      type: 'aid',
      partner: 'japan',
      amount: 5,
      currency: '$',
      cite: { source: 'apb' },
    });
    const d = Dataset.parse(raw);
    expect(checkRules(d)).toEqual([]);
    const scope = buildScope(d) as { measure: Record<string, Record<string, unknown>> };
    expect(scope.measure['mixed-package']!.category_label).toBe('Humanitarian and Loans');
    expect(scope.measure['no-category']!.category_label).toBe('Category not stated');
    expect(scope.measure['no-category']!.category_stated).toBe(false);
  });

  it('components adding up to more than the amount are an error with the reason', async () => {
    const ctx = await sampleContext(true);
    const raw = JSON.parse(JSON.stringify(ctx.dataset));
    raw.measures.push({
      id: 'too-much',
      type: 'aid',
      partner: 'japan',
      amount: 5,
      currency: '$',
      components: [{ category: 'loan', amount: 6 }],
      cite: { source: 'apb' },
    });
    raw.rates = [{ from: 'AUD', to: 'AUD', rate: 1, date: '2022', cite: { source: 'nope' } }];
    const problems = checkRules(Dataset.parse(raw)).map((p) => p.message);
    expect(problems.join('\n')).toMatch(/components add up to 6, more than the amount 5/);
    expect(problems.join('\n')).toMatch(/"from" and "to" are both AUD/);
    expect(problems.join('\n')).toMatch(/"nope" is not a known source id/);
  });
});
