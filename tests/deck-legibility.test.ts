/**
 * What a room can read (issue 32, item 4): every colour a chart series is drawn in stands out
 * from the slide at 3:1 or more (WCAG 1.4.11), and no text on a slide, layout, master or chart
 * is below 12 pt (the source line and slide numbers were 10 pt, the orange and the grey of
 * bars beside a highlighted one 2.7:1 and 1.8:1 on white). Checked on the decks the built CLI
 * makes from the seed and the Pacific fixture.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { PNG } from 'pngjs';
import { projectArgs, tempDir } from './helpers.js';
import { contrast } from '../src/compose/pptx/contrast.js';

type Parts = Record<string, Uint8Array>;
const text = (parts: Parts, name: string) => new TextDecoder().decode(parts[name]);
const named = (parts: Parts, re: RegExp) => Object.keys(parts).filter((n) => re.test(n));

/** The slide background the house layouts paint (each paints the theme's paper). */
function background(parts: Parts): string {
  const fills = named(parts, /^ppt\/slideLayouts\/slideLayout\d+\.xml$/).map(
    (l) => /<p:bg>[\s\S]*?<a:srgbClr val="([0-9A-Fa-f]{6})"/.exec(text(parts, l))?.[1],
  );
  const [bg, ...others] = new Set(fills.filter((f) => f !== undefined));
  if (!bg || others.length > 0) throw new Error(`layout backgrounds: ${[...new Set(fills)]}`);
  return bg;
}

/** Series colours below 3:1 on the background, as "chart: colour ratio". */
function faintSeries(parts: Parts): string[] {
  const bg = background(parts);
  const out: string[] = [];
  for (const chart of named(parts, /^ppt\/charts\/chart\d+\.xml$/)) {
    for (const ser of text(parts, chart).matchAll(/<c:ser>[\s\S]*?<\/c:ser>/g)) {
      // Label text is judged as text elsewhere; here, the marks: fills and outlines.
      // A marker's rim in the background's own colour is a halo that parts a dot from the dot
      // under it (coincident dates), not a mark: its fill is judged.
      const halo = new RegExp(`<a:ln[^>]*><a:solidFill><a:srgbClr val="${bg}"/>`, 'gi');
      const marks = ser[0]
        .replace(/<c:(dLbls|txPr|tx)>[\s\S]*?<\/c:\1>/g, '')
        .replace(halo, '<a:ln>');
      for (const m of marks.matchAll(/<a:srgbClr val="([0-9A-Fa-f]{6})"/g)) {
        const ratio = contrast(m[1]!, bg);
        if (ratio < 3) out.push(`${chart}: ${m[1]} ${ratio.toFixed(2)}:1 on ${bg}`);
      }
    }
  }
  return [...new Set(out)];
}

/** Text sizes below 12 pt on what is projected (speaker notes are read on a laptop). */
function smallText(parts: Parts): string[] {
  const out: string[] = [];
  for (const part of named(parts, /^ppt\/(slides|slideLayouts|slideMasters|charts)\/[^/]+\.xml$/))
    for (const m of text(parts, part).matchAll(/\bsz="(\d+)"/g))
      if (Number(m[1]) < 1200) out.push(`${part}: ${Number(m[1]) / 100} pt`);
  return [...new Set(out)];
}

/**
 * The solid mark colours of a chart picture below 3:1 on the slide: colours filling an area (a
 * pixel whose four neighbours share its colour, 100 of them or more), so bars count and
 * hairlines and the soft edges of text do not.
 */
function faintPicture(png: Uint8Array, bg: string): string[] {
  const img = PNG.sync.read(Buffer.from(png));
  const { width: w, height: h, data } = img;
  const at = (x: number, y: number) => {
    const i = (y * w + x) * 4;
    return data[i + 3] === 255 ? (data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]! : -1;
  };
  const solid = new Map<number, number>();
  for (let y = 1; y < h - 1; y++)
    for (let x = 1; x < w - 1; x++) {
      const c = at(x, y);
      if (c < 0 || c !== at(x - 1, y) || c !== at(x + 1, y)) continue;
      if (c !== at(x, y - 1) || c !== at(x, y + 1)) continue;
      solid.set(c, (solid.get(c) ?? 0) + 1);
    }
  const hex = (c: number) => c.toString(16).padStart(6, '0').toUpperCase();
  return (
    [...solid]
      // Below 1.5:1 a fill is a background (the timeline's row bands), not a mark; the faint
      // marks were 1.8:1 (grey bars) to 2.7:1 (orange).
      .filter(([c, n]) => n >= 100 && contrast(hex(c), bg) > 1.5 && contrast(hex(c), bg) < 3)
      .map(([c, n]) => `${hex(c)} ${contrast(hex(c), bg).toFixed(2)}:1 (${n} px)`)
  );
}

const decksIn = (out: string) =>
  readdirSync(path.join(out, 'decks'))
    .filter((f) => f.endsWith('.pptx'))
    .map((f) => path.join(out, 'decks', f));

describe('deck legibility', () => {
  const builds = { seed: tempDir('deck-legible-seed-'), pacific: tempDir('deck-legible-pac-') };
  beforeAll(() => {
    const build = (args: string[]) =>
      execFileSync(process.execPath, ['dist/cli/bin.js', 'build', '--quiet', ...args], {
        stdio: 'pipe',
      });
    build(['--out', builds.seed, '--only', 'decks']);
    build([...projectArgs('tests/fixtures/pacific'), '--out', builds.pacific, '--only', 'decks']);
  }, 240_000);

  for (const [name, out] of Object.entries(builds)) {
    it(`${name}: every chart series at 3:1 or more against the slide`, () => {
      const decks = decksIn(out);
      expect(decks.length).toBeGreaterThan(1);
      let charts = 0;
      for (const deck of decks) {
        const parts = unzipSync(readFileSync(deck));
        charts += named(parts, /^ppt\/charts\/chart\d+\.xml$/).length;
        expect(faintSeries(parts), deck).toEqual([]);
      }
      expect(charts).toBeGreaterThan(0);
    });

    it(`${name}: no text below 12 pt on slides, layouts, masters or charts`, () => {
      for (const deck of decksIn(out))
        expect(smallText(unzipSync(readFileSync(deck))), deck).toEqual([]);
    });
  }
});

describe('chart pictures on slides (--deck-charts image)', () => {
  const out = tempDir('deck-legible-img-');
  beforeAll(() => {
    execFileSync(
      process.execPath,
      ['dist/cli/bin.js', 'build', '--quiet', '--out', out, '--only', 'decks'].concat([
        '--deck-charts',
        'image',
      ]),
      { stdio: 'pipe' },
    );
  }, 240_000);

  it('draw their marks at 3:1 or more against the slide', () => {
    let pictures = 0;
    for (const deck of decksIn(out)) {
      const parts = unzipSync(readFileSync(deck));
      const bg = background(parts);
      for (const png of named(parts, /^ppt\/media\/[^/]+\.png$/)) {
        pictures++;
        expect(faintPicture(parts[png]!, bg), `${deck} ${png}`).toEqual([]);
      }
    }
    expect(pictures).toBeGreaterThan(3);
  });
});
