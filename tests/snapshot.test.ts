/**
 * The bulletin's pages as images, compared with committed snapshots with a small tolerance
 * (anti-aliasing may shift a little; a moved block or a lost chart may not). After an
 * intended change, look at the new pages and run `UPDATE_SNAPSHOTS=1 npx vitest run tests/snapshot.test.ts`.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { cli, tempDir } from './helpers.js';

const DIR = 'tests/snapshots';

function compare(actual: PNG, expected: PNG): { mean: number; changed: number } {
  expect([actual.width, actual.height]).toEqual([expected.width, expected.height]);
  let sum = 0;
  let changed = 0;
  for (let i = 0; i < actual.data.length; i += 4) {
    const d = Math.abs(actual.data[i]! - expected.data[i]!);
    sum += d;
    if (d > 48) changed++;
  }
  const pixels = actual.data.length / 4;
  return { mean: sum / pixels, changed: changed / pixels };
}

describe('page snapshots', () => {
  it('both pages look as they did', async () => {
    const out = tempDir();
    expect((await cli(['build', '--out', out, '--only', 'pdf'])).code).toBe(0);
    execFileSync('pdftoppm', [
      '-r',
      '40',
      '-gray',
      '-png',
      path.join(out, 'bulletin.pdf'),
      path.join(out, 'page'),
    ]);
    for (const n of [1, 2]) {
      const file = path.join(out, `page-${n}.png`);
      const snap = path.join(DIR, `bulletin-page-${n}.png`);
      if (process.env.UPDATE_SNAPSHOTS || !existsSync(snap))
        writeFileSync(snap, readFileSync(file));
      const diff = compare(PNG.sync.read(readFileSync(file)), PNG.sync.read(readFileSync(snap)));
      expect(diff.mean, `page ${n}: mean difference`).toBeLessThan(1.5);
      expect(diff.changed, `page ${n}: share of clearly changed pixels`).toBeLessThan(0.005);
    }
  }, 60_000);
});
