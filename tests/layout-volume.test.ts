/**
 * Balanced pages at any volume: the seed's prose cut to a share of its sentences (tests/
 * volume.mjs) must either end each column of the last page within a few lines of its foot,
 * or warn that the text is too short, with the figure. bench/volume.mjs prints the same
 * sweep with the pages to look at.
 */
import { describe, expect, it } from 'vitest';
import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { cli, pdfInfo, pdfText, tempDir } from './helpers.js';
// @ts-expect-error a plain ESM helper shared with bench/, without types
import { shortenProse } from './volume.mjs';

const seedChars = (() => {
  let n = 0;
  return async () => {
    if (n) return n;
    const dir = tempDir();
    await cli(['build', '--out', dir, '--only', 'pdf']);
    n = pdfText(path.join(dir, 'bulletin.pdf')).replace(/\s+/g, '').length;
    return n;
  };
})();

async function buildAt(share: number) {
  const dir = tempDir();
  const templates = path.join(dir, 'templates');
  cpSync('templates', templates, { recursive: true });
  shortenProse(templates, share);
  const r = await cli([
    'build',
    '--out',
    path.join(dir, 'out'),
    '--only',
    'pdf',
    '--templates',
    templates,
  ]);
  expect(r.code, r.err).toBe(0);
  const pdf = path.join(dir, 'out', 'bulletin.pdf');
  const fit = JSON.parse(readFileSync(path.join(dir, 'out', 'manifest.json'), 'utf8')).artifacts[0]
    .fit;
  const chars = pdfText(pdf).replace(/\s+/g, '').length;
  return { r, pdf, fit, volume: chars / (await seedChars()) };
}

describe('volume sweep', () => {
  // 0.15 of the sentences is about half of the printed text (back matter, boxes and captions stay).
  for (const share of [0.15, 0.5, 0.75]) {
    it(`${share * 100}% of the sentences: the last page is full, or the build says how short it is`, async () => {
      const { r, pdf, fit, volume } = await buildAt(share);
      expect(pdfInfo(pdf).Pages).toBe('2');
      expect(volume).toBeLessThan(1);
      const warned =
        /too short to fill two pages: .* about (\d+) lines of text \(up to (\d+) pt/.exec(r.err);
      if (fit.emptyLines > 6) {
        expect(warned, `${share}: ${JSON.stringify(fit)}`).not.toBeNull();
        expect(Number(warned![1])).toBe(fit.emptyLines);
      } else {
        // No warning means at most six empty lines (the W_FIT_SHORT threshold), so the slack
        // left at the foot is under seven lines.
        expect(warned).toBeNull();
        expect(fit.slack).toBeLessThan(7 * 14);
      }
      // About half the printed text: back matter, boxes and captions stay at any share.
      if (share === 0.15) expect(volume).toBeLessThan(0.55);
      if (share >= 0.5) expect(fit.emptyLines).toBeLessThanOrEqual(6);
    }, 60_000);
  }
});
