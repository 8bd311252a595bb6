/**
 * Done means (issue 28): the Green Climate Fund bulletin in en-GB (its own locale), en-NZ and
 * en-US, and the Pacific fixture in the same three, fills two pages with no blank over six lines in any column, and
 * no two lines of text print over each other (poppler's word boxes of the built PDF; the
 * chart labels, drawn as outlines, are checked in tests/chart-labels.test.ts). Built with the
 * CLI, measured from the PDF (tests/page-gaps.ts).
 */
import { describe, expect, it } from 'vitest';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { cli, pdfInfo, projectArgs, tempDir } from './helpers.js';
import { largestBlanks } from './page-gaps.js';

/** Six lines of the theme's body text (10 pt on 13.25 pt). */
const SIX_LINES = 6 * 13.25;

interface Word {
  page: number;
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Every word poppler finds, with its box. */
function words(pdf: string): Word[] {
  const r = spawnSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8' });
  const out: Word[] = [];
  let page = -1;
  for (const m of r.stdout.matchAll(/<(page|word) ([^>]*)>([^<]*)/g)) {
    const attr = (k: string) => Number(new RegExp(`${k}="([\\d.]+)"`).exec(m[2] ?? '')?.[1]);
    if (m[1] === 'page') page++;
    else
      out.push({
        page,
        text: m[3] ?? '',
        x0: attr('xMin'),
        y0: attr('yMin'),
        x1: attr('xMax'),
        y1: attr('yMax'),
      });
  }
  return out;
}

/**
 * Words of one page whose boxes overlap: by more than a point across, and by more than 30 % of
 * the shorter box's height. A box is the font's full ascent and descent, so a display title set
 * tight over its subtitle overlaps it by a few points with no ink touching (17 % here); words
 * printed over each other overlap by far more.
 */
function overlapping(all: Word[]): string[] {
  const found: string[] = [];
  all.forEach((a, i) => {
    for (const b of all.slice(i + 1))
      if (
        a.page === b.page &&
        Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > 1 &&
        Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0) > 0.3 * Math.min(a.y1 - a.y0, b.y1 - b.y0)
      )
        found.push(`page ${a.page + 1}: "${a.text}" and "${b.text}"`);
  });
  return found;
}

async function buildFixture(locale: string, paper?: string, fixture = 'gcf') {
  const dir = tempDir(`bulletin-${fixture}-layout-${locale}-`);
  cpSync(`tests/fixtures/${fixture}`, dir, { recursive: true });
  const file = path.join(dir, 'data/bulletin.json');
  writeFileSync(
    file,
    readFileSync(file, 'utf8').replace(/"locale": "[^"]+"/, `"locale": "${locale}"`),
  );
  const out = path.join(dir, 'out');
  const size = paper ? ['--paper', paper] : [];
  const r = await cli(['build', '--only', 'pdf', ...size, ...projectArgs(dir), '--out', out]);
  expect(r.code, r.err).toBe(0);
  return { r, pdf: path.join(out, 'bulletin.pdf') };
}

/** Two pages, no blank over six lines, no word over another, and no warning of short text. */
function expectFullPages(r: { err: string }, pdf: string): void {
  expect(pdfInfo(pdf).Pages).toBe('2');
  const blanks = largestBlanks(pdf);
  const worst = Math.max(...blanks.map((b) => b.blank));
  expect(worst, JSON.stringify(blanks)).toBeLessThanOrEqual(SIX_LINES);
  expect(r.err).not.toMatch(/too short to fill two pages/);
  expect(overlapping(words(pdf))).toEqual([]);
}

describe.each([
  ['Green Climate Fund', 'gcf'],
  ['Pacific', 'pacific'],
])('the %s fixture', (_name, fixture) => {
  it.each(['en-GB', 'en-NZ', 'en-US'])(
    'in %s fills two pages: no blank over six lines, no text over text',
    async (locale) => {
      const { r, pdf } = await buildFixture(locale, undefined, fixture);
      expectFullPages(r, pdf);
    },
    90_000,
  );
});

describe('the Pacific fixture on A4 paper', () => {
  it('fills two pages: no blank over six lines, no text over text', async () => {
    const { r, pdf } = await buildFixture('en-US', 'a4', 'pacific');
    expectFullPages(r, pdf);
  }, 90_000);
});
