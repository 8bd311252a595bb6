/** Warnings that matter: old data, figures a reader cannot check, a tight fit, thin charts; --strict fails on them. */
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cli, seedText, sampleContext, tempDir, templatesWith } from './helpers.js';
import { prepare } from '../src/index.js';
import { collectWarnings } from '../src/warnings/index.js';

/** The seed data with a change made on the parsed JSON. */
function seedWith(edit: (d: Record<string, any>) => void): string {
  const d = JSON.parse(seedText());
  edit(d);
  const file = path.join(tempDir(), 'bulletin.json');
  writeFileSync(file, JSON.stringify(d, null, 2));
  return file;
}

describe('warnings', () => {
  it('flags aid without an amount and a chart with one value in the seed data', async () => {
    const ctx = await sampleContext();
    const w = collectWarnings(ctx);
    expect(
      w
        .filter((x) => x.code === 'W_AID_NO_AMOUNT')
        .map((x) => x.message)
        .join('\n'),
    ).toMatch(/aid "[a-z-]+" has no amount/);
    expect(w.find((x) => x.code === 'W_CHART_VALUES')?.message).toMatch(/only one value/);
    expect(w.some((x) => x.code === 'W_DATA_AGE')).toBe(false);
  });

  it('flags a quote or figure cited without a locator', async () => {
    const file = seedWith((d) => {
      delete d.quotes[0].cite.locator;
      delete d.figures[1].cite.locator;
    });
    const ctx = await prepare({ data: file, templates: 'templates', out: tempDir() });
    const w = collectWarnings(ctx).filter((x) => x.code === 'W_NO_LOCATOR');
    expect(w.map((x) => x.where)).toEqual(['quotes[0].cite', 'figures[1].cite']);
  });

  it('warns on data older than --max-age-days from the build clock, and --strict exits 1', async () => {
    const out = tempDir();
    const env = { SOURCE_DATE_EPOCH: String(Date.UTC(2023, 0, 1) / 1000) };
    const ok = await cli(['build', '--only', 'charts', '--out', out, '--max-age-days', '365'], env);
    expect(ok.code).toBe(0);
    expect(ok.err).not.toMatch(/days older/);
    const old = await cli(['build', '--only', 'charts', '--out', out, '--max-age-days', '90'], env);
    expect(old.code).toBe(0);
    expect(old.err).toMatch(
      /^warning: the latest dated fact \(\S+\) is \d+ days older than the build date 2023-01-01; the limit is 90 days/m,
    );
    const strict = await cli(
      ['build', '--only', 'charts', '--out', out, '--max-age-days', '90', '--strict', '--json'],
      env,
    );
    expect(strict.code).toBe(1);
    const doc = JSON.parse(strict.out);
    expect(doc.ok).toBe(false);
    expect(doc.warnings.map((w: { code: string }) => w.code)).toContain('W_DATA_AGE');
  }, 60_000);

  it('warns when the PDF fits only at its last type step', async () => {
    // Two steps, the first far too large: the layout must fall back to the last one.
    const dir = templatesWith('theme/theme.json', []);
    const themeFile = path.join(dir, 'theme', 'theme.json');
    const theme = JSON.parse(readFileSync(themeFile, 'utf8'));
    theme.fit.steps = [{ body: 16, leading: 22 }, theme.fit.steps.at(-1)];
    writeFileSync(themeFile, JSON.stringify(theme));
    const tight = JSON.parse(
      (await cli(['build', '--json', '--only', 'pdf', '--templates', dir, '--out', tempDir()])).out,
    );
    expect(
      tight.warnings.find((x: { code: string }) => x.code === 'W_FIT_LAST_STEP')?.message,
    ).toMatch(/last type step \(2 of 2\)/);
    const house = JSON.parse(
      (await cli(['build', '--json', '--only', 'pdf', '--out', tempDir()])).out,
    );
    expect(house.warnings.some((x: { code: string }) => x.code === 'W_FIT_LAST_STEP')).toBe(false);
  }, 60_000);

  it('a clean dataset builds with no warnings and --strict passes', async () => {
    const dir = tempDir();
    expect((await cli(['init', path.join(dir, 'p')])).code).toBe(0);
    const p = path.join(dir, 'p');
    const r = await cli([
      'build',
      '--strict',
      '--data',
      `${p}/data/bulletin.json`,
      '--templates',
      `${p}/templates`,
      '--out',
      `${p}/output`,
    ]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  }, 60_000);
});
