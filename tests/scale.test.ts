/** A synthetic 100-partner dataset (bench/generate.mjs) still gives a two-page bulletin: the templates summarise. Not timed; timings live in bench/. */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module without type declarations (bench/ is not compiled).
import { generateDataset } from '../bench/generate.mjs';
import { buildDetailed } from '../src/index.js';
import { tempDir } from './helpers.js';

describe('100 partners', () => {
  it('builds a two-page PDF that writes the featured partners in full and names the rest as summarised', async () => {
    const dir = tempDir();
    const data = path.join(dir, 'bulletin.json');
    writeFileSync(data, JSON.stringify(generateDataset(100)));
    const out = path.join(dir, 'out');
    const result = await buildDetailed({ data, templates: 'templates', out, only: ['pdf'] });
    expect(result.manifest.artifacts.find((a) => a.path === 'bulletin.pdf')?.pages).toBe(2);
    const info = execFileSync('pdfinfo', [path.join(out, 'bulletin.pdf')], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+2\n/);
    expect(result.summarised).toHaveLength(96);
  }, 120_000);

  it('generates the same dataset every time (seeded, no Math.random)', () => {
    expect(JSON.stringify(generateDataset(25))).toBe(JSON.stringify(generateDataset(25)));
  });
});
