/**
 * A date's day never parts from its month at a line's end, in day-first and month-first
 * locales: "on 5 | October 2023" reads as a count, "April | 19" as a month alone. The seed,
 * the Pacific fixture (en-US) and the Green Climate Fund fixture (en-GB) are read line by line.
 */
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { cli, pdfText, projectArgs, tempDir } from './helpers.js';

const MONTH =
  'January|February|March|April|May|June|July|August|September|October|November|December';

async function lines(project?: string): Promise<string[]> {
  const out = path.join(tempDir('bulletin-breaks-'), 'out');
  const args = ['build', '--jobs', '1', '--only', 'pdf', '--quiet', '--out', out];
  const r = await cli(project ? [...args, ...projectArgs(project)] : args);
  expect(r.code, r.err).toBe(0);
  return pdfText(path.join(out, 'bulletin.pdf'), 'raw')
    .split('\n')
    .map((l) => l.trim());
}

describe.each([
  ['seed', undefined],
  ['pacific', 'tests/fixtures/pacific'],
  ['gcf', 'tests/fixtures/gcf'],
])('%s: days stay with their months', (_name, project) => {
  it('no line ends on a bare day before a month, or on a month before its day', async () => {
    const all = await lines(project);
    expect(all.join('\n')).toMatch(new RegExp(`\\b(${MONTH})\\b`));
    all.forEach((line, i) => {
      const next = all[i + 1] ?? '';
      const dayThenMonth = /(^|\s)\d{1,2}\.?$/.test(line) && new RegExp(`^(${MONTH})`).test(next);
      const monthThenDay = new RegExp(`\\b(${MONTH})$`).test(line) && /^\d{1,2}\b/.test(next);
      expect(dayThenMonth || monthThenDay, `${line} | ${next}`).toBe(false);
    });
  }, 120_000);
});
