/** Real renders through chart.js and canvas: SVG vectors, print-resolution RGB PNGs, same bytes twice, the PDF. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../src/index.js';
import { getCharts, renderChart } from '../src/charts/render.js';
import { isPerPartner, loadChartSpecs } from '../src/charts/spec.js';
import { pngHeader, sampleContext } from './helpers.js';

describe('chart rendering', () => {
  it('renders every kind as a vector SVG and an RGB PNG at least twice the printed width', async () => {
    const ctx = await sampleContext();
    const t0 = performance.now();
    const charts = getCharts(ctx);
    console.log(`rendered ${charts.length} charts in ${Math.round(performance.now() - t0)} ms`);
    const kinds = new Set(loadChartSpecs(ctx.templates).specs.map((s) => s.kind));
    for (const kind of kinds)
      expect(
        charts.some(
          (c) => loadChartSpecs(ctx.templates).specs.find((s) => s.id === c.specId)!.kind === kind,
        ),
      ).toBe(true);
    for (const c of charts) {
      expect(c.svg).toMatch(/^<\?xml[\s\S]*<svg/);
      expect(c.svg).not.toContain('<image');
      const h = pngHeader(c.png);
      expect(h.width).toBeGreaterThanOrEqual(2 * c.width);
      expect(h.colorType).toBe(2);
      expect(c.takeaway.length).toBeGreaterThan(20);
      expect(c.alt).toContain(c.title);
    }
    // Per-partner specs get one chart per deck partner.
    for (const p of ctx.partners) expect(charts.some((c) => c.partner === p)).toBe(true);
    getCharts(ctx).forEach((c, i) => expect(c).toBe(charts[i]));
  });

  it('gives the same bytes for the same spec', async () => {
    const ctx = await sampleContext(true);
    const loaded = loadChartSpecs(ctx.templates);
    loaded.specs.forEach((spec, index) => {
      const inst = isPerPartner(spec)
        ? { spec, index, partner: ctx.partners[0]! }
        : { spec, index };
      const a = renderChart(ctx, loaded, inst)!;
      const b = renderChart(ctx, loaded, inst)!;
      expect(b.svg).toBe(a.svg);
      expect(Buffer.compare(a.png, b.png)).toBe(0);
    });
  });
});

describe('outputs', () => {
  it('--only charts writes only the chart files', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'charts-only-'));
    await build({ data: 'data/bulletin.json', templates: 'templates', out, only: ['charts'] });
    const files = readdirSync(path.join(out, 'charts'));
    expect(readdirSync(out).filter((f) => f !== 'manifest.json' && !f.startsWith('.'))).toEqual([
      'charts',
    ]);
    expect(files).toContain('oil-releases.svg');
    expect(files).toContain('oil-releases.png');
    expect(files.some((f) => /^partner-oil-[a-z-]+\.png$/.test(f))).toBe(true);
  });

  it('puts the charts into the PDF as vectors, with no images', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'charts-pdf-'));
    await build({ data: 'data/bulletin.json', templates: 'templates', out, only: ['pdf'] });
    const pdf = path.join(out, 'bulletin.pdf');
    const images = execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .slice(2);
    expect(images).toEqual([]);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    const ctx = await sampleContext();
    for (const f of ctx.bulletin.figures)
      expect(text).toContain(getCharts(ctx).find((c) => c.id === f.chart)!.title);
  });
});
