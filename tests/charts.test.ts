/** Pure chart mapping: spec + dataset + theme → data, chart.js config, takeaway, native PPTX data. */
import { describe, expect, it } from 'vitest';
import {
  loadChartSpecs,
  CHARTS_FILE,
  type BarSpec,
  type BreakdownSpec,
  type TimelineSpec,
} from '../src/charts/spec.js';
import { selectBarData, selectBreakdownData } from '../src/charts/bar-data.js';
import { selectTimelineData } from '../src/charts/timeline-data.js';
import { chartConfig } from '../src/charts/config.js';
import { fillSentence, takeawayOf } from '../src/charts/takeaway.js';
import { HOLLOW_SUFFIX, nativeChart as adapt } from '../src/compose/pptx/native-charts.js';
import type { RenderedChart } from '../src/charts/render.js';
import type { ChartData } from '../src/charts/data.js';

/** The deck adapter reads only a chart's data, title and alt text. */
const nativeChart = (data: ChartData, theme: Parameters<typeof adapt>[1], title: string) => {
  const n = adapt({ data, title, alt: title } as RenderedChart, theme, 'en-US');
  if (!n) throw new Error(`no native chart for ${title}`);
  return n;
};
import { luminance } from '../src/charts/palette.js';
import { parseLocatedJson, type LocatedJson } from '../src/load/json.js';
import { InputError } from '../src/errors.js';
import { NOT_STATED_LABEL, type Dataset } from '../src/dataset/schema.js';
import { sampleContext } from './helpers.js';

async function setup() {
  const ctx = await sampleContext();
  const loaded = loadChartSpecs(ctx.templates);
  const find = <K extends string>(
    kind: K,
    pred: (s: { id: string; kind: string; measure?: string }) => boolean = () => true,
  ) => {
    const index = loaded.specs.findIndex((s) => s.kind === kind && pred(s as never));
    return { spec: loaded.specs[index]!, index };
  };
  return {
    ctx,
    loaded,
    find,
    d: ctx.dataset,
    theme: ctx.theme.theme,
    locale: ctx.dataset.bulletin.locale,
  };
}

/** The dataset's own figures, never copied into the test. */
function quantities(d: Dataset, type: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const x of d.measures)
    if (x.type === type && 'quantity' in x)
      m.set(x.partner, (m.get(x.partner) ?? 0) + x.quantity.value);
  return m;
}

describe('bar charts', () => {
  it('maps the oil spec to sorted horizontal bars with no legend and no value axis', async () => {
    const { d, loaded, find, theme, locale } = await setup();
    const { spec, index } = find('bar', (s) => s.measure === 'oil-stock-release');
    const data = selectBarData(d, spec as BarSpec, loaded, index);
    const expected = quantities(d, 'oil-stock-release');
    const names = new Map(d.partners.map((p) => [p.name, p.id]));
    expect(data.labels.map((l, i) => [names.get(l), data.series[0]!.values[i]])).toEqual(
      [...expected].sort((a, b) => b[1] - a[1]),
    );
    const config = chartConfig(data, theme, locale) as any;
    expect(config.type).toBe('bar');
    expect(config.options.indexAxis).toBe('y');
    expect(config.options.plugins.legend.display).toBe(false);
    expect(config.options.scales.x.display).toBe(false);
    // Functions (plugins, callbacks) drop out of JSON; the rest is the mapping.
    expect(JSON.parse(JSON.stringify(config))).toMatchSnapshot();
    // Each call builds its own config: a renderer that edits one cannot change the next.
    const first = chartConfig(data, theme, locale) as any;
    first.options.indexAxis = 'x';
    first.data.labels.reverse();
    first.data.datasets[0].data[0] = -1;
    expect(JSON.parse(JSON.stringify(chartConfig(data, theme, locale)))).toEqual(
      JSON.parse(JSON.stringify(config)),
    );
  });

  it('stacks aid by category, splitting packages into their components', async () => {
    const { d, loaded, find } = await setup();
    const { spec, index } = find('bar', (s) => s.measure === 'aid');
    const data = selectBarData(d, spec as BarSpec, loaded, index);
    const labels = new Map(d.aidCategories.map((c) => [c.label, c.id]));
    labels.set(NOT_STATED_LABEL, '');
    expect(data.series.every((s) => labels.has(s.name))).toBe(true);
    const total = data.series.flatMap((s) => s.values).reduce((a, b) => a + b, 0);
    const stated = d.measures.reduce((s, m) => s + (m.type === 'aid' ? (m.amount ?? 0) : 0), 0);
    expect(total).toBe(stated);
    // A package with components: each component in its category, the rest in the package's.
    // The seed has such a package; if it ever loses it this test must say so, not skip.
    const pkg = d.measures.find((m) => m.type === 'aid' && m.components?.length && m.amount);
    if (pkg?.type !== 'aid')
      throw new Error('the seed no longer has an aid package with components');
    const row = data.labels.indexOf(d.partners.find((p) => p.id === pkg.partner)!.name);
    expect(row).toBeGreaterThanOrEqual(0);
    const comp = pkg.components![0]!;
    const label = d.aidCategories.find((c) => c.id === comp.category)!.label;
    expect(data.series.find((s) => s.name === label)!.values[row]).toBeGreaterThanOrEqual(
      comp.amount,
    );
    expect(data.notes.join(' ')).toMatch(/as stated in the source.*does not say which dollar/);
  });

  it('per-partner compare highlights that partner', async () => {
    const { d, loaded, find, theme, locale } = await setup();
    const { spec, index } = find('partner-compare');
    const partner = d.partners[1]!;
    const data = selectBarData(d, spec as BarSpec, loaded, index, partner.id);
    expect(data.labels[data.highlight!]).toBe(partner.name);
    const colors = (chartConfig(data, theme, locale) as any).data.datasets[0]
      .backgroundColor as string[];
    expect(colors.filter((c) => c === theme.colors.accent)).toHaveLength(1);
  });
});

describe('per-partner breakdown', () => {
  it("sums each partner's aid by category, package parts in their own category, largest first, a palette colour per bar", async () => {
    const { d, loaded, find, theme, locale } = await setup();
    const { spec, index } = find('partner-breakdown');
    const withParts = d.measures.find((m) => m.type === 'aid' && (m.components ?? []).length > 0)!;
    for (const p of d.partners) {
      const data = selectBreakdownData(d, spec as BreakdownSpec, loaded, index, p.id);
      const sums = new Map<string, number>();
      for (const m of d.measures) {
        if (m.partner !== p.id || m.type !== 'aid' || m.amount === undefined) continue;
        const parts = m.components ?? [];
        for (const c of parts) sums.set(c.category, (sums.get(c.category) ?? 0) + c.amount);
        const rest = m.amount - parts.reduce((s, c) => s + c.amount, 0);
        const own = m.category ?? '';
        if (rest > 0) sums.set(own, (sums.get(own) ?? 0) + rest);
      }
      if (sums.size === 0) {
        expect(data).toBeNull();
        continue;
      }
      const want = [...sums].sort((a, b) => b[1] - a[1]);
      expect(data!.series[0]!.values).toEqual(want.map(([, v]) => v));
      expect(data!.labels).toEqual(
        want.map(([c]) => d.aidCategories.find((x) => x.id === c)?.label ?? NOT_STATED_LABEL),
      );
      const colors = (chartConfig(data!, theme, locale) as any).data.datasets[0]
        .backgroundColor as string[];
      expect(new Set(colors).size).toBe(want.length);
      for (const c of colors) expect(theme.palette).toContain(c);
      if (p.id === withParts.partner)
        expect(takeawayOf(spec.takeaway, data!, locale).text).toMatch(
          new RegExp(`^${p.name}: .+ in aid with a stated amount \\(our sum\\): .+ and .+\\.$`),
        );
    }
  });
});

describe('takeaways', () => {
  it('computes the oil takeaway from the data', async () => {
    const { d, loaded, find, locale } = await setup();
    const { spec, index } = find('bar', (s) => s.measure === 'oil-stock-release');
    const text = takeawayOf(
      spec.takeaway,
      selectBarData(d, spec as BarSpec, loaded, index),
      locale,
    ).text;
    expect(text.replace(/\u00a0/g, ' ')).toBe(
      'Japan released the most oil: 22.5 million barrels, more than the other three shown combined.',
    );
  });

  it('says a share when the leader is not more than the rest', () => {
    const data = {
      kind: 'bar' as const,
      labels: ['A', 'B', 'C'],
      series: [{ name: 'x', values: [4, 3, 3] }],
      panels: [{ unit: { kind: 'quantity' as const, unit: 'tons' }, rows: 3, heading: '' }],
      horizontal: true,
      notes: [],
    };
    expect(takeawayOf('{top}: {topValue}, {comparison}.', data, 'en-US').text).toBe(
      'A: 4 tons, 40% of the total.',
    );
  });

  it('reports slots it cannot fill', () => {
    expect(fillSentence('{top} and {nope}', { top: 'A' }).missing).toEqual(['nope']);
  });

  it('timeline: places month dates mid-month, skips undated measures, counts as-of ones as on or before', async () => {
    const { d, loaded, find, locale } = await setup();
    const { spec, index } = find('timeline');
    const data = selectTimelineData(d, spec as TimelineSpec, loaded, index);
    const all = data.series.flatMap((s) => s.points);
    for (const p of all) if (p.date.length === 7) expect(p.approximate).toBe(true);
    expect(all.some((p) => p.date.length === 7)).toBe(true);
    const feb = all.find((p) => p.date === '2022-02');
    expect(feb?.x).toBe(14);
    // Partners whose measures have neither a `date` nor an `asOf` get no row; an as-of total
    // is evidence of a first measure on or before its date (issue 20).
    for (const p of all) if (p.onOrBefore) expect(p.date).toMatch(/^2022-/);
    const undated = d.partners.filter(
      (p) =>
        !d.measures.some((m) => m.partner === p.id && (m.date || m.asOf)) &&
        !d.events.some((e) => e.participants.includes(p.id) && e.date.startsWith('2022')),
    );
    for (const p of undated) expect(data.rows).not.toContain(p.name);
    // Singapore's sanctions are in the data, undated: no "first" is claimed against them.
    expect(takeawayOf(spec.takeaway, data, locale).text.replace(/\u00a0/g, ' ')).toBe(
      'First sanctions, where a day or month is given: earliest Japan, South Korea, and ' +
        'Australia, in February 2022; latest New Zealand, on March 9, 2022. Singapore: no day ' +
        'or month stated.',
    );
    // Without an undated one, the spec's own sentence says who came first.
    const dated = { ...data, undatedFirst: undefined };
    expect(takeawayOf(spec.takeaway, dated, locale).text.replace(/\u00a0/g, ' ')).toMatch(
      /^Japan, South Korea, and Australia imposed sanctions first, in February 2022; New Zealand followed on March 9, 2022\.$/,
    );
  });
});

describe('missing data', () => {
  function withSpecs(ctx: Awaited<ReturnType<typeof sampleContext>>, charts: unknown[]) {
    const json = parseLocatedJson(
      `templates/${CHARTS_FILE}`,
      JSON.stringify({ charts }, null, 2),
    ) as LocatedJson;
    return loadChartSpecs({
      ...ctx.templates,
      json: { ...ctx.templates.json, [CHARTS_FILE]: json },
    });
  }

  it('is an InputError naming charts.json and the spec path', async () => {
    const { ctx, d } = await setup();
    const loaded = withSpecs(ctx, [
      {
        id: 'x',
        kind: 'bar',
        title: 'X',
        measure: 'oil-stock-release',
        value: 'quantity',
        height: 80,
        takeaway: '{top}',
      },
    ]);
    const noOil = { ...d, measures: d.measures.filter((m) => m.type !== 'oil-stock-release') };
    let err: unknown;
    try {
      selectBarData(noOil, loaded.specs[0] as BarSpec, loaded, 0);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    const p = (err as InputError).problems[0]!;
    expect(p.file).toContain('charts/charts.json');
    expect(p.path).toBe('charts[0].measure');
    expect(p.line).toBeGreaterThan(1);
  });

  it('rejects an amount on measures that have none', async () => {
    const { ctx, d } = await setup();
    const loaded = withSpecs(ctx, [
      {
        id: 'x',
        kind: 'bar',
        title: 'X',
        measure: 'visas',
        value: 'amount',
        height: 80,
        takeaway: '{top}',
      },
    ]);
    expect(() => selectBarData(d, loaded.specs[0] as BarSpec, loaded, 0)).toThrow(
      /charts\.json.*charts\[0\]\.value/,
    );
  });
});

describe('native PPTX chart data', () => {
  it('carries the dataset figures and a colour for every bar or series', async () => {
    const { d, loaded, find, theme } = await setup();
    const { spec, index } = find('bar', (s) => s.measure === 'oil-stock-release');
    const n = nativeChart(selectBarData(d, spec as BarSpec, loaded, index), theme, spec.title);
    if (n.kind !== 'bars') throw new Error('bars expected');
    const q = quantities(d, 'oil-stock-release');
    const ids = new Map(d.partners.map((p) => [p.name, p.id]));
    n.labels.forEach((l, i) => expect(n.values[i]).toBe(q.get(ids.get(l)!)));
    expect(n.colors.length).toBe(n.values.length);
    const aid = find('bar', (s) => s.measure === 'aid');
    const stacked = nativeChart(
      selectBarData(d, aid.spec as BarSpec, loaded, aid.index),
      theme,
      aid.spec.title,
    );
    expect(stacked.colors.length).toBe(stacked.series.length);
    expect(stacked.colors.every((c) => /^[0-9A-F]{6}$/.test(c))).toBe(true);
  });

  it('puts each timeline date on its row as an Excel date, one colour per kind of date', async () => {
    const { d, loaded, find, theme } = await setup();
    const tl = find('timeline');
    const data = selectTimelineData(d, tl.spec as TimelineSpec, loaded, tl.index);
    const t = nativeChart(data, theme, tl.spec.title);
    if (t.kind !== 'timeline') throw new Error('timeline expected');
    expect(t.labels).toEqual(data.rows);
    expect(t.series.every((s) => s.values.length === data.rows.length)).toBe(true);
    const excel = (iso: string) =>
      (Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 864e5;
    // Every dot of the data is in some series at its row, at window start + its day offset; a
    // dot whose date is approximate (month only, or "by") is in the series drawn open.
    for (const s of data.series)
      for (const p of s.points) {
        const name = p.approximate || p.onOrBefore ? `${s.name}${HOLLOW_SUFFIX}` : s.name;
        expect(
          t.series.some((n) => n.name === name && n.values[p.row] === t.from + p.x),
          `${s.name} ${p.date}`,
        ).toBe(true);
      }
    const dots = t.series.reduce((k, s) => k + s.values.filter((v) => v !== null).length, 0);
    expect(dots).toBe(data.series.reduce((k, s) => k + s.points.length, 0));
    expect(t.from).toBe(excel(`${data.months[0]!.date}-01`));
    expect(new Set(t.colors).size).toBe(data.series.length);
  });
});

describe('greyscale', () => {
  it('neighbouring stacked series differ in grey value', async () => {
    const { d, loaded, find, theme, locale } = await setup();
    const { spec, index } = find('bar', (s) => s.measure === 'aid');
    const config = chartConfig(
      selectBarData(d, spec as BarSpec, loaded, index),
      theme,
      locale,
    ) as any;
    const colors = config.data.datasets.map(
      (x: { backgroundColor: string }) => x.backgroundColor,
    ) as string[];
    expect(new Set(colors).size).toBe(colors.length);
    for (let i = 1; i < colors.length; i++)
      expect(Math.abs(luminance(colors[i]!) - luminance(colors[i - 1]!))).toBeGreaterThanOrEqual(
        0.1,
      );
  });
});
