/**
 * The PDF's charts are painted by chart.js through our 2D context (compose/pdf/chart-context.ts)
 * rather than through an SVG: each must look like the same chart drawn by node-canvas.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCanvas, loadImage } from 'canvas';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { arcSegments, cssColor } from '../src/compose/pdf/chart-path.js';
import { parseFont } from '../src/compose/pdf/chart-text.js';
import { registerFonts } from '../src/compose/pdf/fonts.js';
import { chartFigures } from '../src/compose/pdf/plan.js';
import { chartSvgAt } from '../src/charts/render.js';
import { sampleContext } from './helpers.js';

const SCALE = 3;

/** Grey levels of a PGM (P5) file. */
function pgm(file: string): { width: number; height: number; data: Uint8Array } {
  const bytes = readFileSync(file);
  const head = bytes.subarray(0, 32).toString('latin1').split(/\s+/);
  const [width, height] = [Number(head[1]), Number(head[2])];
  return { width, height, data: bytes.subarray(bytes.length - width * height) };
}

describe('charts painted into the PDF', () => {
  it('look like the same charts drawn by node-canvas, text and marks in the same places', async () => {
    const ctx = await sampleContext();
    const dir = mkdtempSync(path.join(tmpdir(), 'pdf-charts-'));
    if (process.env.KEEP_CHART_PNGS) console.log(dir);
    const figures = chartFigures(ctx);
    expect(figures.length).toBeGreaterThan(0);
    for (const f of figures) {
      // The PDF side: one page the size of the chart, painted by chart.js through our context.
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
      const a = pgm(path.join(dir, `${f.id}-1.pgm`));
      // The canvas side: the SVG at the same height, rasterised by librsvg at the same scale.
      // Sized in pixels at the PDF's resolution, so librsvg draws it sharp (the viewBox scales).
      const svg = chartSvgAt(ctx, f.id, f.height).replace(
        /width="[\d.]+pt" height="[\d.]+pt"/,
        `width="${a.width}px" height="${a.height}px"`,
      );
      const img = await loadImage(Buffer.from(svg, 'utf8'));
      const canvas = createCanvas(a.width, a.height);
      const c2 = canvas.getContext('2d');
      c2.fillStyle = '#ffffff';
      c2.fillRect(0, 0, a.width, a.height);
      c2.drawImage(img, 0, 0, a.width, a.height);
      const rgba = c2.getImageData(0, 0, a.width, a.height).data;
      if (process.env.KEEP_CHART_PNGS)
        writeFileSync(path.join(dir, `${f.id}-svg.png`), canvas.toBuffer());
      let far = 0;
      let inked = 0;
      for (let i = 0; i < a.data.length; i++) {
        const grey = 0.299 * rgba[i * 4]! + 0.587 * rgba[i * 4 + 1]! + 0.114 * rgba[i * 4 + 2]!;
        if (grey < 200 || a.data[i]! < 200) inked++;
        if (Math.abs(grey - a.data[i]!) > 96) far++;
      }
      // Antialiasing differs at edges; a misplaced label or bar differs over its whole area.
      expect(inked, f.id).toBeGreaterThan(a.data.length * 0.02);
      expect(far / inked, f.id).toBeLessThan(0.03);
    }
  });

  it('reads the colours, fonts and arcs chart.js hands over', () => {
    expect(cssColor('#0b3c5d')).toEqual({ color: '#0b3c5d', opacity: 1 });
    expect(cssColor('#fff')).toEqual({ color: '#ffffff', opacity: 1 });
    expect(cssColor('rgba(0, 0, 0, 0.1)')).toEqual({ color: '#000000', opacity: 0.1 });
    expect(cssColor('transparent').opacity).toBe(0);
    expect(() => cssColor('hsl(0, 0%, 0%)')).toThrow(/cannot read the colour/);
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
  });
});
