/** bulletin diff: an edit of one figure names that fact, the page and the slides it touched. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, dataWith, tempDir } from './helpers.js';

const env = { SOURCE_DATE_EPOCH: '1700000000' };
let before = '';
let after = '';

describe('bulletin diff', () => {
  beforeAll(async () => {
    const dir = tempDir('bulletin-diff-');
    before = path.join(dir, 'before');
    after = path.join(dir, 'after');
    const data = dataWith([['"value": 867000', '"value": 8670000']], dir);
    expect((await cli(['preview', '--out', before, '--jobs', '1', '--quiet'], env)).code).toBe(0);
    expect(
      (await cli(['preview', '--data', data, '--out', after, '--jobs', '1', '--quiet'], env)).code,
    ).toBe(0);
  }, 240_000);

  it('exits 0 and says nothing changed for the same build', async () => {
    const r = await cli(['diff', before, before]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Nothing changed');
  }, 60_000);

  it('names the changed fact, the PDF page and the slides, and nothing else', async () => {
    const report = path.join(tempDir('bulletin-diff-report-'), 'report');
    const r = await cli(['diff', before, after, '--json', '--report', report]);
    expect(r.code).toBe(3);
    const d = JSON.parse(r.out) as {
      facts: {
        collection: string;
        id: string;
        fields: { field: string; before: unknown; after: unknown }[];
      }[];
      files: { path: string }[];
      visuals: { name: string; label: string }[];
    };
    const measures = d.facts.filter((f) => f.collection === 'measures');
    expect(measures.map((f) => f.id)).toEqual(['new-zealand-oil']);
    expect(measures[0]!.fields).toEqual([
      { field: 'quantity.value', before: 867000, after: 8670000 },
    ]);
    // Only charts that plot oil may change besides the measure itself.
    expect(d.facts.filter((f) => f.collection !== 'measures').every((f) => /oil/.test(f.id))).toBe(
      true,
    );
    // The PDF, the web page and only decks and charts that print or plot New Zealand's oil.
    expect(d.files.map((f) => f.path)).toContain('bulletin.pdf');
    expect(d.files.every((f) => /bulletin\.(pdf|html)|oil|decks\//.test(f.path))).toBe(true);
    const labels = d.visuals.map((v) => v.label);
    expect(labels.some((l) => l.startsWith('PDF page'))).toBe(true);
    expect(labels.some((l) => l.startsWith('new-zealand deck'))).toBe(true);
    // A slide that shows no oil figure does not change: title slides stay as they were.
    expect(labels.some((l) => /slide 1$/.test(l))).toBe(false);
    const html = readFileSync(path.join(report, 'index.html'), 'utf8');
    expect(html).toContain('new-zealand-oil');
    for (const v of d.visuals) expect(existsSync(path.join(report, 'diff', v.name))).toBe(true);
  }, 120_000);

  it('refuses a folder that is not a build with exit 1 naming the file', async () => {
    const r = await cli(['diff', tempDir(), before]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/manifest\.json/);
  });
});
