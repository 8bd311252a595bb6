/**
 * Previews: every PDF page and slide as a PNG plus a contact sheet. The pages are drawn from
 * the page plan, so they are compared with poppler's rendering of the real PDF; the sheet is
 * opened in headless Chromium from the file system and must load with no console message.
 */
import { describe, expect, it, beforeAll } from 'vitest';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { createCanvas, loadImage } from 'canvas';
import JSZip from 'jszip';
import { cli, pngHeader, tempDir, toolPresent } from './helpers.js';

const CHROMIUM = '/usr/bin/chromium';
let out = '';
let result: { code: number; out: string; err: string };

beforeAll(async () => {
  out = tempDir();
  result = await cli(['preview', '--out', out]);
}, 120_000);

/** Grey levels of a PNG file, at its own size. */
async function grey(file: string): Promise<{ w: number; h: number; px: Float32Array }> {
  const img = await loadImage(file);
  const c = createCanvas(img.width, img.height);
  const g = c.getContext('2d');
  g.drawImage(img, 0, 0);
  const d = g.getImageData(0, 0, img.width, img.height).data;
  const px = new Float32Array(img.width * img.height);
  for (let i = 0; i < px.length; i++) px[i] = (d[i * 4]! + d[i * 4 + 1]! + d[i * 4 + 2]!) / 3;
  return { w: img.width, h: img.height, px };
}

/** Mean difference of 8×8 block averages (0–255): small for the same page drawn by two renderers (hinting differs), large for another page. */
function blockDiff(a: { w: number; h: number; px: Float32Array }, b: { px: Float32Array }): number {
  const s = 8;
  let sum = 0;
  let n = 0;
  for (let y = 0; y + s <= a.h; y += s) {
    for (let x = 0; x + s <= a.w; x += s) {
      let da = 0;
      for (let j = 0; j < s; j++)
        for (let i = 0; i < s; i++)
          da += a.px[(y + j) * a.w + x + i]! - b.px[(y + j) * a.w + x + i]!;
      sum += Math.abs(da) / (s * s);
      n++;
    }
  }
  return sum / n;
}

describe('bulletin preview', () => {
  it('writes a PNG for every page and every slide the manifest counts', () => {
    expect(result.code, result.err).toBe(0);
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as {
      artifacts: { path: string; pages?: number; slides?: number }[];
    };
    const files = readdirSync(path.join(out, 'preview'));
    const pages = files.filter((f) => f.startsWith('bulletin-page-'));
    expect(pages).toHaveLength(manifest.artifacts.find((a) => a.path === 'bulletin.pdf')!.pages!);
    for (const deck of manifest.artifacts.filter((a) => a.path.startsWith('decks/'))) {
      const id = path.basename(deck.path, '.pptx');
      expect(
        files.filter((f) => f.startsWith(`deck-${id}-slide-`)),
        id,
      ).toHaveLength(deck.slides!);
    }
    expect(pngHeader(readFileSync(path.join(out, 'preview', pages[0]!)))).toMatchObject({
      width: 1224,
      height: 1584,
    });
    const slide = files.find((f) => f.startsWith('deck-'))!;
    expect(pngHeader(readFileSync(path.join(out, 'preview', slide)))).toMatchObject({
      width: 1600,
      height: 900,
    });
    expect(result.out).toMatch(
      /Preview: .*index\.html \(2 pages at [\d.]+ s, \d+ slides at [\d.]+ s each/,
    );
  });

  it('draws each page as the PDF shows it (compared with poppler at the same resolution)', async () => {
    const dir = tempDir();
    execFileSync('pdftoppm', [
      '-r',
      '144',
      '-png',
      path.join(out, 'bulletin.pdf'),
      path.join(dir, 'p'),
    ]);
    const ours = [
      await grey(path.join(out, 'preview', 'bulletin-page-1.png')),
      await grey(path.join(out, 'preview', 'bulletin-page-2.png')),
    ];
    const theirs = [await grey(path.join(dir, 'p-1.png')), await grey(path.join(dir, 'p-2.png'))];
    expect(ours[0]!.w).toBe(theirs[0]!.w);
    expect(blockDiff(ours[0]!, theirs[0]!)).toBeLessThan(4);
    expect(blockDiff(ours[1]!, theirs[1]!)).toBeLessThan(4);
    // The measure can tell pages apart: page 1 against page 2 is far off.
    expect(blockDiff(ours[0]!, theirs[1]!)).toBeGreaterThan(10);
  }, 60_000);

  it('draws slides with ink where the layout puts the title and the chart', async () => {
    const files = readdirSync(path.join(out, 'preview'))
      .filter((f) => f.startsWith('deck-'))
      .sort();
    const inked = (
      img: { w: number; px: Float32Array },
      x0: number,
      y0: number,
      x1: number,
      y1: number,
    ) => {
      let dark = 0;
      for (let y = y0; y < y1; y++)
        for (let x = x0; x < x1; x++) if (img.px[y * img.w + x]! < 128) dark++;
      return dark;
    };
    const second = await grey(path.join(out, 'preview', files[1]!));
    // Title box: 0.8 in from the left, 0.95–2.25 in from the top, at 120 px per inch.
    expect(inked(second, 96, 114, 1500, 270)).toBeGreaterThan(500);
    // Each chart the deck places (a chart part on slide n) is drawn in the chart box, left of
    // the body: 0.8–7.8 in across, 2.5–5 in down; and no slide inks the side margins.
    let charted = 0;
    for (const deck of readdirSync(path.join(out, 'decks'))) {
      const id = path.basename(deck, '.pptx');
      const zip = await JSZip.loadAsync(readFileSync(path.join(out, 'decks', deck)));
      const slides = Object.keys(zip.files).filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n));
      for (const n of slides) {
        const no = Number(/(\d+)\.xml$/.exec(n)![1]);
        const img = await grey(
          path.join(out, 'preview', `deck-${id}-slide-${String(no).padStart(2, '0')}.png`),
        );
        // The cover is designed to the edge; content slides keep their margins.
        if (no > 1) {
          expect(inked(img, 0, 100, 80, 880), `${id} slide ${no}: left margin`).toBe(0);
          expect(inked(img, 1520, 100, 1600, 880), `${id} slide ${no}: right margin`).toBe(0);
        }
        if (!(await zip.file(n)!.async('string')).includes('/chart"')) continue;
        charted++;
        expect(inked(img, 96, 300, 940, 600), `${id} slide ${no}: chart box`).toBeGreaterThan(2000);
      }
    }
    expect(charted).toBeGreaterThanOrEqual(readdirSync(path.join(out, 'decks')).length);
    const html = readFileSync(path.join(out, 'preview', 'index.html'), 'utf8');
    expect(html).toMatch(/slides · [\d.]+ KB/);
  }, 30_000);

  it('the contact sheet shows the facts and warnings, and every image it names exists', () => {
    const html = readFileSync(path.join(out, 'preview', 'index.html'), 'utf8');
    expect(html).toContain('bulletin.pdf · 2 pages');
    expect(html).toContain('W_AID_NO_AMOUNT');
    expect(html).toMatch(/build [\d.]+ s, preview [\d.]+ s/);
    const srcs = [...html.matchAll(/<img src="([^"]+)"/g)].map((m) => m[1]!);
    expect(srcs.length).toBeGreaterThan(2);
    for (const s of srcs) {
      expect(s).not.toMatch(/^(https?:|\/\/|\/)/);
      expect(existsSync(path.join(out, 'preview', s)), s).toBe(true);
    }
    expect(html).not.toMatch(/<script|<link|@import|url\(/);
  });

  it.skipIf(!toolPresent(existsSync(CHROMIUM), 'Chromium', 'run .ci/setup-test'))(
    'opens in headless Chromium from the file system with no console message',
    () => {
      const profile = tempDir('chromium-');
      mkdirSync(profile, { recursive: true });
      const args = [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        `--user-data-dir=${profile}`,
        '--enable-logging=stderr',
        '--v=0',
      ];
      const page = `file://${path.join(out, 'preview', 'index.html')}`;
      const dom = spawnSync(CHROMIUM, [...args, '--dump-dom', page], {
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(dom.stdout).toContain('Preview of the build');
      expect(dom.stdout.match(/<img /g)?.length ?? 0).toBeGreaterThan(2);
      // Chromium logs each console message (errors included) as a CONSOLE line on stderr.
      expect(dom.stderr.split('\n').filter((l) => l.includes(':CONSOLE'))).toEqual([]);
      const shot = path.join(profile, 'sheet.png');
      spawnSync(CHROMIUM, [...args, '--window-size=1400,1800', `--screenshot=${shot}`, page], {
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(pngHeader(readFileSync(shot))).toMatchObject({ width: 1400, height: 1800 });
    },
    120_000,
  );

  it('build --preview writes the same folder; a narrowed build previews only what it made', async () => {
    const dir = tempDir();
    const r = await cli(['build', '--preview', '--only', 'pdf', '--out', dir]);
    expect(r.code, r.err).toBe(0);
    const files = readdirSync(path.join(dir, 'preview'));
    expect(files.filter((f) => f.endsWith('.png')).sort()).toEqual([
      'bulletin-page-1.png',
      'bulletin-page-2.png',
    ]);
    expect(files).toContain('index.html');
  }, 60_000);
});
