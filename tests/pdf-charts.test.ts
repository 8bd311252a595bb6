/**
 * The PDF's charts and the SVG chart files are drawn by chart.js through our vector 2D context
 * (charts/vector/) rather than by cairo: each must look like the same chart drawn by node-canvas.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCanvas, loadImage } from 'canvas';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { arcSegments, cssColor, fixed } from '../src/charts/vector/path.js';
import { parseFont } from '../src/charts/vector/text.js';
import { SvgChartContext } from '../src/charts/vector/svg.js';
import { registerFonts } from '../src/compose/pdf/fonts.js';
import { chartFigures } from '../src/compose/pdf/plan.js';
import { createRequire } from 'node:module';
import { chartSvgAt, drawChartOn, FONT_FAMILY as FONT, getChart } from '../src/charts/render.js';
import { chartFaces } from '../src/charts/fonts.js';
import { prepare } from '../src/index.js';
// @ts-expect-error: a plain ES module without type declarations (bench/ is not compiled).
import { generateDataset } from '../bench/generate.mjs';
import { chartConfig } from '../src/charts/config.js';
import { registerThemeFaces } from '../src/charts/fonts.js';
import type { BuildContext } from '../src/compose/types.js';

const SCALE = 3;
import { sampleContext, tempDir } from './helpers.js';

/** Grey levels of a PGM (P5) file. */
function pgm(file: string): { width: number; height: number; data: Uint8Array } {
  const bytes = readFileSync(file);
  const head = bytes.subarray(0, 32).toString('latin1').split(/\s+/);
  const [width, height] = [Number(head[1]), Number(head[2])];
  return { width, height, data: bytes.subarray(bytes.length - width * height) };
}

/** Grey levels of an image (PNG or SVG bytes) drawn at width × height on white, by canvas. */
async function greyOf(bytes: Buffer, width: number, height: number): Promise<Uint8Array> {
  const img = await loadImage(bytes);
  const canvas = createCanvas(width, height);
  const c2 = canvas.getContext('2d');
  c2.fillStyle = '#ffffff';
  c2.fillRect(0, 0, width, height);
  c2.drawImage(img, 0, 0, width, height);
  const rgba = c2.getImageData(0, 0, width, height).data;
  const grey = new Uint8Array(width * height);
  for (let i = 0; i < grey.length; i++)
    grey[i] = 0.299 * rgba[i * 4]! + 0.587 * rgba[i * 4 + 1]! + 0.114 * rgba[i * 4 + 2]!;
  return grey;
}

/** Pixels that differ by more than a third of the grey range, per inked pixel. */
function farShare(a: Uint8Array, b: Uint8Array): number {
  let far = 0;
  let inked = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i]! < 200 || b[i]! < 200) inked++;
    if (Math.abs(a[i]! - b[i]!) > 96) far++;
  }
  expect(inked).toBeGreaterThan(a.length * 0.02);
  return far / inked;
}

/** The chart as node-canvas draws it: chart.js on a cairo SVG surface, as charts were drawn. */
function cairoSvg(ctx: BuildContext, id: string): string {
  registerThemeFaces(ctx.templates.root, ctx.theme, ['sans-regular', 'sans-bold'], () => FONT);
  const c = getChart(ctx, id)!;
  const Chart = createRequire(import.meta.url)('chart.js/auto') as typeof import('chart.js').Chart;
  Chart.defaults.font.family = `"${FONT}"`;
  Chart.defaults.color = ctx.theme.theme.colors.ink;
  const canvas = createCanvas(c.width, c.height, 'svg');
  (canvas as unknown as { style: object }).style = {};
  const config = chartConfig(c.data, ctx.theme.theme, ctx.dataset.bulletin.locale);
  config.options = { ...config.options, responsive: false, animation: false };
  const chart = new Chart(canvas.getContext('2d') as never, config);
  const svg = canvas.toBuffer('image/svg+xml' as never).toString('utf8');
  chart.destroy();
  return svg;
}

/** An SVG sized in pixels, so librsvg draws it sharp at that size (the viewBox scales). */
const sized = (svg: string, w: number, h: number) =>
  Buffer.from(svg.replace(/width="[\d.]+pt" height="[\d.]+pt"/, `width="${w}px" height="${h}px"`));

describe('charts drawn through the vector context', () => {
  it('look like the same charts drawn by node-canvas (cairo): text and marks in place', async () => {
    const ctx = await sampleContext();
    const dir = mkdtempSync(path.join(tmpdir(), 'pdf-charts-'));
    const figures = chartFigures(ctx);
    expect(figures.length).toBeGreaterThan(0);
    for (const f of figures) {
      const [w, h] = [f.width * SCALE, f.height * SCALE];
      const cairo = await greyOf(sized(cairoSvg(ctx, f.id), w, h), w, h);
      // The PDF: one page the size of the chart, painted by chart.js through our context.
      const doc = new PDFDocument({ autoFirstPage: false, size: [f.width, f.height] });
      registerFonts(doc, ctx.theme);
      const chunks: Buffer[] = [];
      doc.on('data', (c: Buffer) => chunks.push(c));
      const done = new Promise((r) => doc.on('end', r));
      doc.addPage({ size: [f.width, f.height], margin: 0 });
      f.paintAt(f.height, doc);
      doc.end();
      await done;
      const pdf = path.join(dir, `${f.id}.pdf`);
      writeFileSync(pdf, Buffer.concat(chunks));
      execFileSync('pdftoppm', ['-r', String(72 * SCALE), '-gray', pdf, path.join(dir, f.id)]);
      const page = pgm(path.join(dir, `${f.id}-1.pgm`));
      expect([page.width, page.height]).toEqual([w, h]);
      // Antialiasing differs at edges; a misplaced label or bar differs over its whole area.
      expect(farShare(cairo, page.data), `${f.id} in the PDF`).toBeLessThan(0.03);
      // The SVG file, rasterised by librsvg like the reference.
      const svg = await greyOf(sized(getChart(ctx, f.id)!.svg, w, h), w, h);
      expect(farShare(cairo, svg), `${f.id}.svg`).toBeLessThan(0.01);
    }
  });

  it('reads the colours, fonts and arcs chart.js hands over', () => {
    expect(cssColor('#0b3c5d')).toEqual({ color: '#0b3c5d', opacity: 1 });
    expect(cssColor('#fff')).toEqual({ color: '#ffffff', opacity: 1 });
    expect(cssColor('rgba(0, 0, 0, 0.1)')).toEqual({ color: '#000000', opacity: 0.1 });
    expect(cssColor('transparent').opacity).toBe(0);
    expect(() => cssColor('hsl(0, 0%, 0%)')).toThrow(/cannot read the colour/);
    // As on a canvas, a style that is not a string (chart.js passes a legend swatch the array
    // of per-point colours) is ignored: the previous one stays.
    const svg = new SvgChartContext(
      () => {
        throw new Error('no text here');
      },
      10,
      10,
    );
    svg.fillStyle = '#123456';
    svg.fillStyle = ['#ff0000', '#00ff00'];
    svg.fillRect(0, 0, 5, 5);
    expect(svg.svg()).toContain('<path fill="#123456" d="M0 0L5 0L5 5L0 5Z"/>');
    expect(parseFont('normal 600 7.5px "Source Sans 3"')).toEqual({
      size: 7.5,
      bold: true,
      italic: false,
    });
    expect(parseFont('italic 400 7px "Source Sans 3"')).toEqual({
      size: 7,
      bold: false,
      italic: true,
    });
    expect(parseFont("bold 12px 'Helvetica Neue', sans-serif").bold).toBe(true);
    const { from, curves } = arcSegments(10, 10, 5, 0, Math.PI * 2, false);
    expect(from).toEqual([15, 10]);
    expect(curves).toHaveLength(4);
    const end = curves[curves.length - 1]!;
    expect(end[4]).toBeCloseTo(15);
    expect(end[5]).toBeCloseTo(10);
    // A quarter arc's midpoint lies on the circle (the Bézier error is ~0.03% of r).
    const q = arcSegments(0, 0, 100, 0, Math.PI / 2, false).curves[0]!;
    const mid = [
      (q[0] * 3 + q[2] * 3 + 100 + q[4]) / 8,
      (q[1] * 3 + q[3] * 3 + 0 + q[5]) / 8,
    ] as const;
    expect(Math.hypot(mid[0], mid[1])).toBeCloseTo(100, 1);
    // Coordinates are written as pdfkit writes them, without V8's slow float printing.
    const samples = [0, -0.0000004, 1.5, -2.25, 123.4567894, 1e-7, 241.99999999, -98.7654321];
    samples.push(-0.0005, 0.0005, -0, Number.NaN, Infinity, -Infinity, 1e9, -1e9 - 0.4, 1e300);
    // Seeded spread over the ranges charts use, halves and near-halves included.
    let seed = 7;
    const next = () => ((seed = (seed * 48271) % 2147483647) / 2147483647 - 0.5) * 2000;
    for (let i = 0; i < 5000; i++) samples.push(next(), Math.round(next() * 2000) / 4000);
    for (const v of samples)
      for (const d of [3, 6]) expect(fixed(v, d)).toBe(String(Math.round(v * 10 ** d) / 10 ** d));
  });
});

describe('a chart drawn at any height or on any surface', () => {
  it('shows at most the spec’s `show` bars, as its note says (12 partners, show 8)', async () => {
    const dir = tempDir();
    const data = path.join(dir, 'bulletin.json');
    writeFileSync(data, JSON.stringify(generateDataset(12)));
    const ctx = await prepare({ data, templates: 'templates', out: path.join(dir, 'out') });
    const c = getChart(ctx, 'aid-by-partner')!;
    expect(c.data.kind === 'bar' && c.data.labels.length).toBe(8);
    expect(c.notes.join(' ')).toMatch(/8 largest of 1\d partners are shown/);
    // The PDF's painter and a grown chart draw what the chart file draws: the same bars.
    const onSurface = new SvgChartContext(chartFaces(ctx.theme), c.width, c.height);
    drawChartOn(ctx, c.id, onSurface);
    expect(onSurface.svg()).toBe(c.svg);
    const bars = (svg: string) => svg.match(/<path fill="#(?!ffffff)[0-9a-f]{6}" d="M[^"]*Z"/g);
    const grown = chartSvgAt(ctx, c.id, c.height + 40);
    expect(bars(grown)?.length).toBe(bars(c.svg)?.length);
  });
});
