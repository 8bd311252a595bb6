/**
 * A panel of one row draws no bar (issue 28): alone on its own scale a bar is always full
 * length, so WST 1.15 million and VUV 95 million looked alike. The row shows its figure.
 * Checked in the chart files, the chart.js configuration and the web edition, on the Pacific
 * fixture (seven currencies, five of them with one partner).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { chartConfig } from '../src/charts/config.js';
import { chartTextBoxes, getChart, planCharts } from '../src/charts/render.js';
import type { BuildContext } from '../src/compose/types.js';
import { prepare } from '../src/index.js';
import { tempDir } from './helpers.js';

const DATA = 'tests/fixtures/pacific/data/bulletin.json';
const TEMPLATES = 'tests/fixtures/pacific/templates';
let out: string;
let ctx: BuildContext;

beforeAll(async () => {
  out = tempDir('bulletin-one-row-');
  execFileSync(
    'node',
    ['dist/cli/bin.js', 'build', '--data', DATA, '--templates', TEMPLATES, '--out', out],
    { stdio: 'pipe' },
  );
  ctx = await prepare({ data: DATA, templates: TEMPLATES, out: tempDir() });
}, 120_000);

/** The colours of the filled paths of an SVG chart file. */
const fills = (svg: string) =>
  new Set([...svg.matchAll(/<path fill="(#[0-9a-f]+)"/g)].map((m) => m[1]));

describe('a panel of one row', () => {
  it('draws no bar in the chart file, and writes its figure', () => {
    const theme = ctx.theme.theme;
    const bars = [theme.colors.accent, theme.colors.rule];
    // Samoa is the only partner pledging in WST: its comparison has one row.
    const samoa = readFileSync(path.join(out, 'charts/partner-aid-samoa.svg'), 'utf8');
    expect(bars.filter((c) => fills(samoa).has(c))).toEqual([]);
    const texts = chartTextBoxes(ctx, 'partner-aid-samoa').map((b) => b.text.replace(/\s/g, ' '));
    expect(texts).toContain('WST 1.15 million');
    // Nauru shares AUD with two others: their bars are comparable and drawn.
    const nauru = readFileSync(path.join(out, 'charts/partner-aid-nauru.svg'), 'utf8');
    expect(fills(nauru).has(theme.colors.accent)).toBe(true);
  });

  it('has no bar value in the chart.js configuration, and no legend entry for a series it alone has', () => {
    const key = planCharts(ctx).find((c) => c.inst.spec.id === 'aid-by-partner')!.key;
    const chart = getChart(ctx, key)!;
    const d = chart.data;
    if (d.kind !== 'bar') throw new Error('aid-by-partner is a bar chart');
    const config = chartConfig(d, ctx.theme.theme, ctx.dataset.bulletin.locale) as any;
    const labels = (config.data.labels as (string | string[])[]).map((l) => [l].flat().join(' '));
    const drawn = (label: string) =>
      (config.data.datasets as { data: (number | null)[] }[]).some(
        (ds) => (ds.data[labels.indexOf(label)] ?? null) !== null,
      );
    const lone = ['Fiji', 'Sāmoa', 'Tonga', 'Papua New Guinea', 'Vanuatu'];
    for (const name of lone) {
      expect(labels).toContain(name);
      expect(drawn(name), name).toBe(false);
    }
    for (const name of ['Australia', 'Nauru']) expect(drawn(name), name).toBe(true);
    // Loans are only Papua New Guinea's, which draws no bar: the legend does not list them.
    const keep = config.options.plugins.legend.labels.filter;
    const loans = config.data.datasets.findIndex((ds: { label: string }) => ds.label === 'Loans');
    expect(loans).toBeGreaterThanOrEqual(0);
    expect(keep({ datasetIndex: loans })).toBe(false);
  });

  it('draws no bar in the web edition', () => {
    const html = readFileSync(path.join(out, 'bulletin.html'), 'utf8');
    const svg = /<svg class="chart-svg"[^>]*chart-aid-by-partner[\s\S]*?<\/svg>/.exec(html)?.[0];
    expect(svg).toBeDefined();
    // One chunk per currency panel: its heading, its rows' labels and figures, its bars.
    const panels = svg!.split('<text class="panel"').slice(1);
    expect(panels).toHaveLength(7);
    for (const p of panels) {
      const figures = [...p.matchAll(/text-anchor="end"/g)].length;
      const bars = [...p.matchAll(/<rect /g)].length;
      if (figures === 1) expect(bars, p.slice(0, 80)).toBe(0);
      else expect(bars, p.slice(0, 80)).toBeGreaterThan(0);
    }
  });
});
