/** Standalone chart files carry their meaning: SVG title/desc for screen readers, PNG print resolution and sRGB. */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { cli, tempDir } from './helpers.js';
import { describeSvg, printPng } from '../src/charts/describe.js';

let dir: string;
beforeAll(async () => {
  dir = tempDir();
  const r = await cli(['build', '--out', dir, '--only', 'charts']);
  expect(r.code, r.err).toBe(0);
}, 60_000);

/** Chunk types in order, each checked against its CRC. */
function chunks(png: Buffer): { type: string; data: Buffer }[] {
  const out: { type: string; data: Buffer }[] = [];
  for (let i = 8; i < png.length; ) {
    const n = png.readUInt32BE(i);
    const body = png.subarray(i + 4, i + 8 + n);
    expect(crc32(body) >>> 0).toBe(png.readUInt32BE(i + 8 + n));
    out.push({ type: body.toString('latin1', 0, 4), data: body.subarray(4) });
    i += 12 + n;
  }
  return out;
}

describe('chart files', () => {
  it('the SVG is an image labelled by its title and a description with the alt text and takeaway', () => {
    const svg = readFileSync(path.join(dir, 'charts/aid-by-partner.svg'), 'utf8');
    expect(svg).toMatch(/<svg role="img" aria-labelledby="chart-title chart-desc" xmlns=/);
    expect(svg).toContain(
      '<title id="chart-title">Aid to Ukraine with a stated amount, by partner and category</title>',
    );
    expect(svg).toMatch(/<desc id="chart-desc">Stacked bar chart: [^<]*Japan: \$300\smillion/);
    // The title and description come first, before anything drawn.
    expect(svg).toMatch(/<svg [^>]*>\s*<title id="chart-title">[^<]*<\/title>\s*<desc /);
  });
  it('writes each glyph outline once and points every letter at it', () => {
    const svg = readFileSync(path.join(dir, 'charts/aid-by-partner.svg'), 'utf8');
    const defs = [...svg.matchAll(/<path id="(g\d+)" d="([^"]+)"\/>/g)];
    const uses = [...svg.matchAll(/<use xlink:href="#(g\d+)"/g)].map((m) => m[1]);
    // Every reference resolves, no outline is written twice, and most letters are reuses.
    expect(new Set(uses)).toEqual(new Set(defs.map((m) => m[1])));
    expect(new Set(defs.map((m) => m[2])).size).toBe(defs.length);
    expect(uses.length).toBeGreaterThan(3 * defs.length);
    expect(svg).toMatch(/^<svg [^>]*xmlns:xlink="http:\/\/www.w3.org\/1999\/xlink"/m);
    // The defs come before anything drawn, and no glyph is drawn as a bare outline.
    expect(svg.indexOf('<defs>')).toBeLessThan(svg.indexOf('<use '));
  });
  it('escapes markup in the title and description', () => {
    const svg = describeSvg('<svg width="1">x</svg>', 'A & B <c>', 'say "hi"');
    expect(svg).toBe(
      '<svg role="img" aria-labelledby="chart-title chart-desc" width="1">\n<title id="chart-title">A &amp; B &lt;c&gt;</title>\n<desc id="chart-desc">say &quot;hi&quot;</desc>x</svg>',
    );
  });
  it('the PNG declares sRGB and 360 ppi before its image data', () => {
    const png = readFileSync(path.join(dir, 'charts/aid-by-partner.png'));
    const list = chunks(png);
    const types = list.map((c) => c.type);
    expect(types.slice(0, 3)).toEqual(['IHDR', 'sRGB', 'pHYs']);
    const phys = list.find((c) => c.type === 'pHYs')!.data;
    // 360 ppi = 14173 pixels per metre, unit 1 (metre).
    expect([phys.readUInt32BE(0), phys.readUInt32BE(4), phys[8]]).toEqual([14173, 14173, 1]);
    expect(list.find((c) => c.type === 'sRGB')!.data).toEqual(Buffer.from([0]));
    // Applying it twice changes nothing: the chunks are added once.
    expect(printPng(png, 360).equals(png)).toBe(true);
  });
});
