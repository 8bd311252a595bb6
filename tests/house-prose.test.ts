/**
 * The house templates' hand-written prose says only what the source supports: the analysis's
 * judgements ("swift", "significant", "a hint of collaboration") are attributed to it, never
 * stated as ours, and comparisons with other partners are read from the data.
 */
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { cli, dataWith, pdfReadingText, tempDir } from './helpers.js';

async function seedText(edits: [string, string][] = []): Promise<string> {
  const dir = tempDir('bulletin-house-prose-');
  const data = edits.length > 0 ? ['--data', dataWith(edits, dir)] : [];
  const out = path.join(dir, 'out');
  const r = await cli(['build', '--jobs', '1', '--only', 'pdf', '--out', out, ...data]);
  expect(r.code, r.err).toBe(0);
  return pdfReadingText(path.join(out, 'bulletin.pdf'));
}

describe('house prose', () => {
  it('attributes judgements to the analysis and adds no claim of its own', async () => {
    const text = await seedText();
    for (const judgement of ['swift', 'quickly', 'significant', 'hint']) {
      const at = [...text.matchAll(new RegExp(judgement, 'g'))];
      expect(at.length, judgement).toBeGreaterThan(0);
      for (const m of at) {
        const around = text.slice(Math.max(0, m.index - 90), m.index + 60);
        expect(around, `"${judgement}" unattributed`).toMatch(/the analysis/);
      }
    }
    expect(text).not.toMatch(/can help the United States worldwide/);
    expect(text).toMatch(/Like Japan and South Korea, Australia imposed sanctions/);
    expect(text).toMatch(/unlike them, it moved to send lethal/);
  }, 120_000);

  it('drops "unlike them" once a partner before Australia has lethal aid', async () => {
    const text = await seedText([
      [
        '"date": "2022-02-28", "category": "humanitarian"',
        '"date": "2022-02-28", "category": "military-lethal"',
      ],
    ]);
    expect(text).toMatch(/Like Japan and South Korea, Australia imposed sanctions/);
    expect(text).not.toMatch(/unlike them/);
  }, 120_000);
});
