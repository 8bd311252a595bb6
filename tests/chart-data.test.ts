/**
 * Charts checked by their numbers, not their pixels: for every bar chart, each label and value
 * it carries (the data embedded in the PDF, the bars drawn in the SVG, the deck's chart XML) is
 * compared with what the dataset says, computed here independently of src/charts. A figure
 * scaled by ten, a bar under another partner's name, or labels in reverse order all fail.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { getCharts, type RenderedChart } from '../src/charts/render.js';
import { decksRenderer } from '../src/compose/pptx/index.js';
import type { BuildContext } from '../src/compose/types.js';
import { NOT_STATED_LABEL, type Dataset } from '../src/dataset/schema.js';
import { cli, sampleContext, tempDir } from './helpers.js';

type Cells = Map<string, number>;
const key = (label: string, series: string) => `${label} | ${series}`;

/** Aid of one measure split by category: components in theirs, the rest in the measure's. */
function aidParts(m: Dataset['measures'][number]): [string | undefined, number][] {
  if (m.type !== 'aid' || m.amount === undefined) return [];
  const parts = (m.components ?? []).map(
    (c) => [c.category, c.amount] as [string | undefined, number],
  );
  const rest = m.amount - parts.reduce((s, [, a]) => s + a, 0);
  return rest > 0 ? [...parts, [m.category, rest]] : parts;
}

function valueOf(m: Dataset['measures'][number]): number | undefined {
  if (m.type === 'aid') return m.amount;
  return 'quantity' in m ? m.quantity.value : undefined;
}

/**
 * What a bar chart must show, from the dataset alone: per partner (label = partner name) the
 * sum of the measure, split by category label when the chart stacks or breaks down aid.
 */
function expectedCells(d: Dataset, chart: RenderedChart, measure: string): Cells {
  const name = new Map(d.partners.map((p) => [p.id, p.name]));
  const category = new Map<string | undefined, string>([
    ...d.aidCategories.map((c): [string, string] => [c.id, c.label]),
    // An amount whose category the source does not state is shown under the schema's label.
    [undefined, NOT_STATED_LABEL],
  ]);
  const cells: Cells = new Map();
  const add = (k: string, v: number) => cells.set(k, (cells.get(k) ?? 0) + v);
  const seriesNames = chart.data.kind === 'bar' ? chart.data.series.map((s) => s.name) : [];
  const byCategory = seriesNames.some((s) => [...category.values()].includes(s));
  const breakdown =
    chart.data.kind === 'bar' && chart.data.labels.every((l) => [...category.values()].includes(l));
  // A spec may compare only partners of some roles.
  const roles = rolesOf.get(chart.specId);
  const counted = new Set(
    d.partners.filter((p) => !roles || roles.includes(p.role)).map((p) => p.id),
  );
  for (const m of d.measures) {
    if (m.type !== measure || !counted.has(m.partner)) continue;
    if (breakdown) {
      if (m.partner !== chart.partner) continue;
      for (const [c, a] of aidParts(m)) add(key(category.get(c)!, seriesNames[0]!), a);
    } else if (byCategory) {
      for (const [c, a] of aidParts(m)) add(key(name.get(m.partner)!, category.get(c)!), a);
    } else {
      const v = valueOf(m);
      if (v !== undefined) add(key(name.get(m.partner)!, seriesNames[0]!), v);
    }
  }
  return new Map([...cells].filter(([, v]) => v > 0));
}

/** What a chart's data says, as label | series → value, leaving out empty cells. */
function shownCells(data: {
  labels: string[];
  series: { name: string; values: number[] }[];
}): Cells {
  const cells: Cells = new Map();
  for (const s of data.series)
    s.values.forEach((v, i) => {
      if (v > 0) cells.set(key(data.labels[i]!, s.name), v);
    });
  return cells;
}

/** Rectangles the SVG fills (bars), as [x0, y0, x1, y1]. Text is drawn as glyph outlines, never a lone rectangle. */
function svgBars(svg: string): [number, number, number, number][] {
  const n = '(-?[\\d.]+)';
  const rect = new RegExp(
    // A filled rectangle as the vector writer draws it (white is the chart's background).
    `<path fill="#(?!ffffff)[0-9a-f]{6}"[^>]* d="M${n} ${n}L${n} \\2L\\3 ${n}L\\1 \\4Z"`,
    'g',
  );
  return [...svg.matchAll(rect)].map((m) => [m[1], m[2], m[3], m[4]].map(Number) as never);
}

let ctx: BuildContext;
let charts: RenderedChart[];
let measureOf: Map<string, string>;
let rolesOf: Map<string, string[]>;
beforeAll(async () => {
  ctx = await sampleContext();
  charts = getCharts(ctx).filter((c) => c.data.kind === 'bar');
  const specs = JSON.parse(readFileSync('templates/charts/charts.json', 'utf8')) as {
    charts: { id: string; measure?: string; roles?: string[] }[];
  };
  measureOf = new Map(specs.charts.flatMap((s) => (s.measure ? [[s.id, s.measure]] : [])));
  rolesOf = new Map(specs.charts.flatMap((s) => (s.roles ? [[s.id, s.roles]] : [])));
}, 60_000);

describe('every bar chart carries the dataset figures under the right labels', () => {
  it('in the chart data (what the PDF embeds and both renderers draw)', () => {
    expect(charts.length).toBeGreaterThan(5);
    for (const c of charts) {
      const measure = measureOf.get(c.specId);
      expect(measure, c.id).toBeDefined();
      if (c.data.kind !== 'bar') continue;
      const shown = shownCells(c.data);
      const want = expectedCells(ctx.dataset, c, measure!);
      // A chart may show only the largest few; every cell it shows must be the dataset's.
      for (const [k, v] of shown) expect([c.id, k, v]).toEqual([c.id, k, want.get(k)]);
      if (!c.notes.some((n) => /largest .* shown/.test(n)))
        expect(shown.size, c.id).toBe(want.size);
    }
  });

  it('as bars in the SVG: lengths in proportion to the values, in label order', () => {
    for (const c of charts) {
      if (c.data.kind !== 'bar') continue;
      const { data } = c;
      // Horizontal bars grow along x from a shared baseline; vertical ones up from theirs.
      const rects = svgBars(c.svg).map(([x0, y0, x1, y1]) =>
        data.horizontal
          ? { from: x0, to: x1, mid: (y0 + y1) / 2 }
          : { from: -y1, to: -y0, mid: (x0 + x1) / 2 },
      );
      // A lone row draws its figure, not a bar of meaningless full length (issue 28).
      if (data.horizontal && data.panels.every((p) => p.rows === 1)) {
        expect(rects, c.id).toEqual([]);
        continue;
      }
      const starts = new Map<number, number>();
      for (const r of rects) starts.set(r.from, (starts.get(r.from) ?? 0) + 1);
      const baseline = [...starts].sort((a, b) => b[1] - a[1])[0]![0];
      // A row is the rectangles around one centre line (a bar, its stacked parts, their
      // borders); legend swatches form rows that do not start at the baseline.
      const rows = new Map<number, { start: number; end: number }>();
      for (const r of rects) {
        const at = Math.round(r.mid);
        const row = rows.get(at) ?? { start: Infinity, end: -Infinity };
        rows.set(at, { start: Math.min(row.start, r.from), end: Math.max(row.end, r.to) });
      }
      const drawn = [...rows]
        .filter(([, r]) => Math.abs(r.start - baseline) < 0.01)
        .sort((a, b) => a[0] - b[0])
        .map(([, r]) => r.end - baseline);
      const totals = data.labels
        .map((_, i) => data.series.reduce((s, x) => s + x.values[i]!, 0))
        .filter((t) => t > 0);
      // Vertical charts list labels left to right, which is the order of their centres too.
      expect(drawn.length, c.id).toBe(totals.length);
      const scale = drawn[0]! / totals[0]!;
      for (const [i, len] of drawn.entries())
        expect(
          Math.abs(len - totals[i]! * scale),
          `${c.id} bar ${i} (${data.labels[i]})`,
        ).toBeLessThan(0.75);
    }
  });
});

describe('the built PDF embeds the same figures', () => {
  it('its attached chart data equals the dataset, label by label', async () => {
    const out = tempDir();
    expect((await cli(['build', '--out', out, '--only', 'pdf'])).code).toBe(0);
    const file = path.join(out, 'attached.json');
    execFileSync('pdfdetach', ['-save', '1', '-o', file, path.join(out, 'bulletin.pdf')]);
    const attached = JSON.parse(readFileSync(file, 'utf8')) as {
      charts: { id: string; data: RenderedChart['data'] }[];
    };
    const bars = attached.charts.filter((c) => c.data.kind === 'bar');
    expect(bars.length).toBeGreaterThan(1);
    for (const c of bars) {
      if (c.data.kind !== 'bar') continue;
      const rendered = { ...charts.find((x) => x.id === c.id)!, data: c.data };
      expect(shownCells(c.data)).toEqual(
        expectedCells(ctx.dataset, rendered, measureOf.get(c.id)!),
      );
    }
  }, 120_000);
});

describe('deck charts carry the same labels and values', () => {
  it("each native chart's categories and cached values pair up as in the dataset", async () => {
    const decks = await decksRenderer.render(ctx, decksRenderer.units(ctx));
    let checked = 0;
    for (const deck of decks) {
      const zip = await JSZip.loadAsync(deck.bytes);
      const mine = charts.filter((c) => c.partner === deck.partner);
      // Each chart part, with the alt text of the frame that places it (the chart's own alt).
      const parts: [string, string][] = [];
      const slides = Object.keys(zip.files).filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n));
      for (const slide of slides) {
        const xml = await zip.file(slide)!.async('string');
        const rels = await zip
          .file(slide.replace('slides/', 'slides/_rels/') + '.rels')!
          .async('string');
        for (const f of xml.matchAll(/<p:graphicFrame>[\s\S]*?<\/p:graphicFrame>/g)) {
          const rid = /<c:chart [^>]*r:id="([^"]+)"/.exec(f[0])?.[1];
          if (!rid) continue;
          const target = new RegExp(`Id="${rid}"[^>]*Target="[^"]*/charts/(chart\\d+\\.xml)"`).exec(
            rels,
          )?.[1];
          const alt = /descr="([^"]*)"/
            .exec(f[0])![1]!
            .replace(/&quot;/g, '"')
            .replace(/&apos;/g, "'")
            .replace(/&amp;/g, '&');
          parts.push([`ppt/charts/${target}`, alt]);
        }
      }
      expect(parts.length, deck.partner).toBeGreaterThanOrEqual(3);
      for (const [n, alt] of parts) {
        const xml = await zip.file(n)!.async('string');
        // The timeline's values are dates (tests/deck-charts.test.ts checks them); bars here.
        if (!xml.includes('<c:barChart>')) continue;
        const cats = [
          ...(/<c:cat>([\s\S]*?)<\/c:cat>/.exec(xml)?.[1] ?? '').matchAll(/<c:v>([^<]*)<\/c:v>/g),
        ].map((m) => m[1]!.replace(/&amp;/g, '&').replace(/&apos;/g, "'"));
        const vals = [
          ...(/<c:val>([\s\S]*?)<\/c:val>/.exec(xml)?.[1] ?? '').matchAll(/<c:v>([^<]*)<\/c:v>/g),
        ].map((m) => Number(m[1]));
        expect(cats.length, `${deck.partner} ${n}`).toBe(vals.length);
        // The rendered chart with these labels is the one this part was made from.
        const chart = mine.find((c) => c.alt === alt);
        // PowerPoint draws horizontal bars bottom-up, so the deck may list them reversed.
        if (chart?.data.kind === 'bar')
          expect([...cats].sort()).toEqual([...chart.data.labels].sort());
        expect(chart, `${deck.partner} ${n}: ${cats.join(', ')}`).toBeDefined();
        const want = expectedCells(ctx.dataset, chart!, measureOf.get(chart!.specId)!);
        const series = chart!.data.kind === 'bar' ? chart!.data.series[0]!.name : '';
        for (const [i, label] of cats.entries())
          expect([n, label, vals[i]]).toEqual([n, label, want.get(key(label, series)) ?? 0]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(decks.length * 2);
  }, 120_000);
});
