/**
 * Decks in a real client without our fonts: every deck of the seed, the second fixture and the
 * `bulletin init` sample is drawn by LibreOffice with the house fonts refused and again with
 * them installed; in both, no two text lines overlap and no line leaves its box. LibreOffice's
 * own reading of the decks (.odp) must find a filled title placeholder on every slide.
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { cli, tempDir } from './helpers.js';
import {
  convert,
  deckBoxes,
  fontconfig,
  layoutProblems,
  pdfLines,
  pptxIn,
  untitledSlides,
} from './deck-viewer.js';

const HOUSE_FONTS = 'templates/theme/fonts';

async function checkDecks(decksDir: string): Promise<void> {
  const decks = pptxIn(decksDir);
  expect(decks.length).toBeGreaterThan(0);
  for (const fonts of [null, HOUSE_FONTS]) {
    const dir = tempDir('decks-lo-');
    const pdfs = convert(decks, 'pdf', dir, fontconfig(dir, fonts));
    const problems: string[] = [];
    for (const [i, deck] of decks.entries())
      problems.push(
        ...layoutProblems(path.basename(deck), await deckBoxes(deck), pdfLines(pdfs[i]!)),
      );
    expect(problems, fonts ? 'with the house fonts' : 'without the house fonts').toEqual([]);
  }
  const dir = tempDir('decks-odp-');
  const odps = convert(decks, 'odp', dir, fontconfig(dir, null));
  for (const [i, odp] of odps.entries())
    expect(untitledSlides(odp, dir), `${decks[i]} slides without a title`).toEqual([]);
}

describe('decks in LibreOffice, with and without the house fonts', () => {
  it('seed decks: no overlapping lines, no text out of its box, a title on every slide', async () => {
    const out = tempDir();
    expect((await cli(['build', '--out', out, '--only', 'decks'])).code).toBe(0);
    await checkDecks(path.join(out, 'decks'));
  }, 600_000);

  it('the second fixture (seven currencies, long names) passes the same checks', async () => {
    const out = tempDir();
    const fixture = 'tests/fixtures/pacific';
    const args = ['build', '--out', out, '--only', 'decks'];
    const inputs = [
      '--data',
      `${fixture}/data/bulletin.json`,
      '--templates',
      `${fixture}/templates`,
    ];
    expect((await cli([...args, ...inputs])).code).toBe(0);
    await checkDecks(path.join(out, 'decks'));
  }, 600_000);

  it('the bulletin init sample passes the same checks', async () => {
    const project = path.join(tempDir(), 'project');
    mkdirSync(project);
    expect((await cli(['init', project])).code).toBe(0);
    const out = path.join(project, 'output');
    const args = ['build', '--out', out, '--only', 'decks'];
    const data = ['--data', path.join(project, 'data/bulletin.json')];
    const templates = ['--templates', path.join(project, 'templates')];
    expect((await cli([...args, ...data, ...templates])).code).toBe(0);
    await checkDecks(path.join(out, 'decks'));
  }, 600_000);
});
