/**
 * Standalone chart files that carry their meaning: the SVG says it is an image and gives
 * its title and description (the alt text and takeaway) to screen readers; the PNG states
 * its resolution (pHYs, so layout tools place it at print size) and its colour space (sRGB).
 * Small byte-level edits after drawing, deterministic like the drawing itself.
 */
import { crc32 } from 'node:zlib';

const xml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Marks the root `<svg>` as an image labelled by a `<title>` and `<desc>` placed first inside it.
 */
export function describeSvg(svg: string, title: string, desc: string): string {
  const open = /<svg\b[^>]*>/.exec(svg);
  if (!open) return svg;
  const tag = open[0].replace(
    /^<svg\b/,
    '<svg role="img" aria-labelledby="chart-title chart-desc"',
  );
  const meaning =
    `\n<title id="chart-title">${xml(title)}</title>` +
    `\n<desc id="chart-desc">${xml(desc)}</desc>`;
  const end = open.index + open[0].length;
  return svg.slice(0, open.index) + tag + meaning + svg.slice(end);
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

const INCH_PER_METRE = 1 / 0.0254;

/**
 * Adds sRGB (perceptual intent) and pHYs (`ppi` in pixels per metre) right after IHDR, where
 * the PNG spec wants both (before any IDAT). A PNG that already has either is returned as is.
 */
export function printPng(png: Buffer, ppi: number): Buffer {
  const ihdrEnd = 8 + 8 + png.readUInt32BE(8) + 4;
  const types = new Set<string>();
  for (let i = 8; i + 8 <= png.length; i += 12 + png.readUInt32BE(i))
    types.add(png.toString('latin1', i + 4, i + 8));
  if (types.has('sRGB') || types.has('pHYs')) return png;
  const perMetre = Math.round(ppi * INCH_PER_METRE);
  const phys = Buffer.alloc(9);
  phys.writeUInt32BE(perMetre, 0);
  phys.writeUInt32BE(perMetre, 4);
  phys[8] = 1; // unit: metre
  return Buffer.concat([
    png.subarray(0, ihdrEnd),
    chunk('sRGB', Buffer.from([0])),
    chunk('pHYs', phys),
    png.subarray(ihdrEnd),
  ]);
}
