/**
 * The bulletin's pages as images, compared with committed snapshots tile by tile. A global
 * average hides a wrong bar (a figure cut to a tenth changed 0.24% of a 40 dpi page), so the
 * page is cut into 8 px tiles at 72 dpi and no tile may change much: anti-aliasing drift stays
 * far below the limit, a bar of the wrong length or a swapped label does not (measured, worst tile: a
 * figure cut to a tenth 150, multiplied by ten 120+, bar labels in reverse order 57).
 * After an intended change, look at the new pages and run
 * `UPDATE_SNAPSHOTS=1 npx vitest run tests/snapshot.test.ts`. A missing snapshot is written
 * only outside CI; under CI=true it fails, since comparing a page with itself proves nothing.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { cli, tempDir } from './helpers.js';

const DIR = 'tests/snapshots';
const DPI = 72;
const TILE = 8;
/** Largest mean grey difference allowed in any one tile (0–255). */
const TILE_LIMIT = 20;

interface PageDiff {
  mean: number;
  worst: { value: number; x: number; y: number };
}

/** Mean difference of the whole page and of its worst tile, on the first (grey) channel. */
function comparePages(actual: PNG, expected: PNG, tile = TILE): PageDiff {
  expect([actual.width, actual.height]).toEqual([expected.width, expected.height]);
  const { width, height } = actual;
  let total = 0;
  const worst = { value: 0, x: 0, y: 0 };
  for (let y0 = 0; y0 < height; y0 += tile)
    for (let x0 = 0; x0 < width; x0 += tile) {
      let sum = 0;
      let n = 0;
      for (let y = y0; y < Math.min(y0 + tile, height); y++)
        for (let x = x0; x < Math.min(x0 + tile, width); x++) {
          const i = (y * width + x) * 4;
          sum += Math.abs(actual.data[i]! - expected.data[i]!);
          n++;
        }
      total += sum;
      if (sum / n > worst.value) Object.assign(worst, { value: sum / n, x: x0, y: y0 });
    }
  return { mean: total / (width * height), worst };
}

/** Where a missing snapshot may be created: never in CI, where it would pass by comparing with itself. */
function snapshotFor(file: string, snap: string, env = process.env): PNG {
  if (env.UPDATE_SNAPSHOTS) writeFileSync(snap, readFileSync(file));
  else if (!existsSync(snap)) {
    if (env.CI) throw new Error(`missing snapshot ${snap}: create it locally and commit it`);
    writeFileSync(snap, readFileSync(file));
  }
  return PNG.sync.read(readFileSync(snap));
}

describe('page snapshots', () => {
  it('both pages look as they did, tile by tile', async () => {
    const out = tempDir();
    expect((await cli(['build', '--out', out, '--only', 'pdf'])).code).toBe(0);
    execFileSync('pdftoppm', [
      '-r',
      String(DPI),
      '-gray',
      '-png',
      path.join(out, 'bulletin.pdf'),
      path.join(out, 'page'),
    ]);
    for (const n of [1, 2]) {
      const file = path.join(out, `page-${n}.png`);
      const expected = snapshotFor(file, path.join(DIR, `bulletin-page-${n}.png`));
      const diff = comparePages(PNG.sync.read(readFileSync(file)), expected);
      expect(diff.mean, `page ${n}: mean difference`).toBeLessThan(1.5);
      const { value, x, y } = diff.worst;
      expect(value, `page ${n}: tile at ${x},${y} px (${DPI} dpi) changed`).toBeLessThan(
        TILE_LIMIT,
      );
    }
  }, 60_000);

  it('a missing snapshot fails under CI instead of being written', () => {
    const dir = tempDir();
    const page = path.join(dir, 'page.png');
    const png = new PNG({ width: 2, height: 2 });
    writeFileSync(page, PNG.sync.write(png));
    const snap = path.join(dir, 'missing.png');
    expect(() => snapshotFor(page, snap, { CI: 'true' })).toThrow(/missing snapshot/);
    expect(existsSync(snap)).toBe(false);
    snapshotFor(page, snap, {});
    expect(existsSync(snap)).toBe(true);
  });

  it('the tile measure sees one wrong bar that the page average hides', () => {
    const blank = new PNG({ width: 160, height: 160 });
    blank.data.fill(255);
    const bar = new PNG({ width: 160, height: 160 });
    blank.data.copy(bar.data);
    // A 12 × 10 px bar drawn where there was none: 0.5% of the page.
    for (let y = 40; y < 50; y++)
      for (let x = 20; x < 32; x++) bar.data.fill(0, (y * 160 + x) * 4, (y * 160 + x) * 4 + 3);
    const diff = comparePages(bar, blank);
    expect(diff.mean).toBeLessThan(1.5);
    expect(diff.worst.value).toBeGreaterThan(TILE_LIMIT);
  });
});
