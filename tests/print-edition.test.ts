/**
 * The print edition (issue 34), built by the command users run (dist/cli/bin.js): PDF/X-4 by
 * every rule pikepdf can check (tests/pdf/pdfx.py), and Ghostscript's separations (tiffsep,
 * tests/pdf/separations.py) showing body text on the black plate alone and total ink under
 * the printing condition's limit. The screen edition stays what it was.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pdfInfo, pdfText, tempDir, templatesWith } from './helpers.js';

const ENV = { ...process.env, SOURCE_DATE_EPOCH: '1700000000' };
const PACIFIC = [
  '--data',
  'tests/fixtures/pacific/data/bulletin.json',
  '--templates',
  'tests/fixtures/pacific/templates',
];

/** A file's sha256: comparing bytes this way keeps a failure's message short. */
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Runs the built command; returns its exit code and what it printed. */
function bulletin(args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync('node', ['dist/cli/bin.js', ...args], { encoding: 'utf8', env: ENV });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}
function built(args: string[]): string {
  const out = tempDir('bulletin-print-');
  const r = bulletin(['build', '--out', out, '--only', 'pdf', '--quiet', ...args]);
  expect(r.code, r.err).toBe(0);
  return out;
}
// Debian's python3 has pikepdf; a pyenv or venv python on PATH may not.
const python = (script: string, args: string[]) =>
  JSON.parse(
    execFileSync('/usr/bin/python3', [`tests/pdf/${script}`, ...args], { encoding: 'utf8' }),
  );

interface PdfxReport {
  problems: string[];
  facts: { condition: string; profile_space: string; pages: number; boxes: number[][][] };
}
interface Separations {
  maxInk: number;
  words: number;
  text: string;
  blackPixels: number;
  colourPixels: number;
}

let seed: string;
let pacific: string;
let screenOnly: string;
let links: string;
beforeAll(() => {
  seed = built(['--edition', 'both', '--marks']);
  pacific = built([...PACIFIC, '--edition', 'both']);
  // Its sources have URLs: the PDF has link annotations.
  links = built([
    '--data',
    'tests/fixtures/gcf/data/bulletin.json',
    '--templates',
    'tests/fixtures/gcf/templates',
    '--edition',
    'print',
  ]);
  screenOnly = built([]);
}, 180_000);

describe('PDF/X-4', () => {
  it.each([
    ['seed, with marks', () => seed],
    ['Pacific', () => pacific],
    ['Green Climate Fund, with links', () => links],
  ])('%s: passes every mechanical PDF/X-4 check', (_name, dir) => {
    const r = python('pdfx.py', [path.join(dir(), 'bulletin-print.pdf')]) as PdfxReport;
    expect(r.problems).toEqual([]);
    expect(r.facts).toMatchObject({ condition: 'FOGRA39', profile_space: 'CMYK', pages: 2 });
  });
  it('the checker fails the screen edition (RGB, no output intent, no PDF/X keys)', () => {
    const r = python('pdfx.py', [path.join(seed, 'bulletin.pdf')]) as PdfxReport;
    expect(r.problems.join('\n')).toMatch(/GTS_PDFX output intents[\s\S]*DeviceRGB/);
  });
  it('3 mm bleed on every page; marks and a slug outside it only when asked for', () => {
    const boxes = (dir: string) =>
      (python('pdfx.py', [path.join(dir, 'bulletin-print.pdf')]) as PdfxReport).facts.boxes;
    // [media, trim, bleed]: Letter trim, 8.5 pt (3 mm) of bleed, then 18 pt of slug.
    expect(boxes(pacific)).toEqual([
      [
        [0, 0, 629.01, 809.01],
        [8.5, 8.5, 620.5, 800.5],
        [0, 0, 629.01, 809.01],
      ],
    ]);
    expect(boxes(seed)).toEqual([
      [
        [0, 0, 665.01, 845.01],
        [26.5, 26.5, 638.5, 818.5],
        [18, 18, 647.01, 827.01],
      ],
    ]);
    expect(pdfText(path.join(seed, 'bulletin-print.pdf'))).toMatch(
      /bulletin-print\.pdf · FOGRA39 · trim LETTER, bleed 3 mm · page 1 of 2/,
    );
  });
});

describe('separations (Ghostscript tiffsep)', () => {
  it.each([
    ['seed', () => seed, 'Treaty'],
    ['Pacific', () => pacific, 'Suva'],
    // The byline is set in the theme's grey (`muted`): a tint of black, not four inks.
    ['seed byline', () => seed, 'Based'],
  ])('%s: text is on the black plate alone', (_name, dir, first) => {
    const s = python('separations.py', [
      path.join(dir(), 'bulletin-print.pdf'),
      '1',
      first,
      '12',
      '150',
    ]) as Separations;
    expect(s.words).toBe(12);
    expect(s.blackPixels).toBeGreaterThan(500);
    expect(s.colourPixels, s.text).toBe(0);
  });
  it.each([
    ['seed', () => seed],
    ['Pacific', () => pacific],
  ])('%s: total ink stays within FOGRA39’s limit (330 per cent) on both pages', (_name, dir) => {
    for (const page of ['1', '2']) {
      const file = path.join(dir(), 'bulletin-print.pdf');
      const s = python('separations.py', [file, page, 'the', '1', '72']) as Separations;
      expect(s.maxInk).toBeGreaterThan(100);
      expect(s.maxInk).toBeLessThanOrEqual(330);
    }
  });
});

describe('one layout, two editions', () => {
  it('same pages, line breaks and fit as the screen edition', () => {
    for (const dir of [seed, pacific]) {
      // The print edition's slug lines are its only extra text; a page break stays.
      const text = (f: string) =>
        pdfText(path.join(dir, f)).replace(/^(\f?).*bulletin-print\.pdf.*\n/gm, '$1');
      expect(text('bulletin-print.pdf')).toBe(text('bulletin.pdf'));
      const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
      const entry = (p: string) => manifest.artifacts.find((a: { path: string }) => a.path === p);
      expect(entry('bulletin-print.pdf')).toMatchObject({ pages: 2, kind: 'pdf' });
      expect(entry('bulletin-print.pdf').fit).toEqual(entry('bulletin.pdf').fit);
    }
  });
  it('the screen edition is the same bytes whether or not the print edition is built', () => {
    expect(sha(path.join(seed, 'bulletin.pdf'))).toBe(sha(path.join(screenOnly, 'bulletin.pdf')));
    expect(pdfInfo(path.join(screenOnly, 'bulletin.pdf'))['PDF version']).toBe('1.7');
  });
  it('byte-deterministic, and incremental like the other outputs', () => {
    const again = tempDir('bulletin-print-');
    cpSync(pacific, again, { recursive: true });
    const r = bulletin([
      'build',
      ...PACIFIC,
      '--out',
      again,
      '--only',
      'pdf',
      '--edition',
      'both',
      '--json',
    ]);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).rebuilt).toEqual([]);
    const fresh = built([...PACIFIC, '--edition', 'print']);
    // Built alone, it is the same bytes as built after the screen edition.
    expect(sha(path.join(fresh, 'bulletin-print.pdf'))).toBe(
      sha(path.join(pacific, 'bulletin-print.pdf')),
    );
  }, 60_000);
});

describe('the theme', () => {
  it('exact CMYK values win over conversion, by colour name or #rrggbb', () => {
    const templates = templatesWith('theme/theme.json', [
      [
        '"palette": [',
        '"print": { "cmyk": { "accent": [100, 60, 0, 20], "#d98c1f": [0, 50, 100, 0] } },\n  "palette": [',
      ],
    ]);
    const out = built(['--templates', templates, '--edition', 'print']);
    const qdf = path.join(out, 'qdf.pdf');
    execFileSync('qpdf', [
      '--qdf',
      '--object-streams=disable',
      path.join(out, 'bulletin-print.pdf'),
      qdf,
    ]);
    const content = readFileSync(qdf, 'latin1');
    expect(content).toMatch(/\b1 0\.6 0 0\.2 scn/);
    expect(content).toMatch(/\b0 0\.5 1 0 scn/);
    // The ink colour is still 100 K.
    expect(content).toMatch(/\b0 0 0 1 scn/);
  }, 60_000);
  it('an exact colour over the ink limit is refused, naming the theme and the key', () => {
    const templates = templatesWith('theme/theme.json', [
      ['"palette": [', '"print": { "cmyk": { "ink": [100, 100, 100, 100] } },\n  "palette": ['],
    ]);
    const r = bulletin([
      'build',
      '--templates',
      templates,
      '--out',
      tempDir(),
      '--edition',
      'print',
    ]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/theme\.json:\d+:\d+: print\.cmyk\.ink: .*400% ink, over the 330%/);
    expect(r.err).not.toMatch(/\n\s+at /);
  }, 60_000);
});

describe('the vendored colour engine', () => {
  // src/resources/lcms-wasm/README.md records these: the files are lcms-wasm 1.0.5's, unchanged.
  it.each([
    ['lcms.js', '1a5c8f81186211856ba7c5d6841e35fe3fa901b857a247f72318e1652c5e1cec'],
    ['lcms.wasm', 'dbcbee3fb3a49459a60bb6b29d6ab25fe7c219b0cc0c2b9579c0cc78f7390ddd'],
  ])('%s is the published file, byte for byte', (file, sha256) => {
    const bytes = readFileSync(path.join('src/resources/lcms-wasm', file));
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(sha256);
    expect(readFileSync('src/resources/lcms-wasm/README.md', 'utf8')).toContain(sha256);
  });
});
