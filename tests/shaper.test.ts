/**
 * src/model/shaper.ts shapes text with HarfBuzz instead of fontkit where both agree. They must
 * agree exactly: the same glyphs, positions and characters per glyph (the PDF's text layer) for
 * every face the project ships, and DejaVu Sans (marks, other scripts) where it is installed,
 * over the words of the shipped templates and data and strings that exercise other lookups.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Font } from 'fontkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { harfbuzzRun, loadShaper, shaperLoaded } from '../src/model/shaper.js';
import { toolPresent } from './helpers.js';

const require = createRequire(import.meta.url);
const fontkit = require('fontkit') as { create(bytes: Buffer): Font };

const ROOT = path.resolve(import.meta.dirname, '..');
const THEME = path.join(ROOT, 'templates/theme/fonts');
const SYSTEM = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  // CFF outlines (OTF), and a font with a kern table rather than GPOS kerning.
  '/usr/share/fonts/opentype/urw-base35/NimbusSans-Regular.otf',
  // Missing on a developer's machine: those cases are skipped; under CI=true the run fails.
].filter((f) => toolPresent(existsSync(f), f, 'run .ci/setup-test (installs the system fonts)'));

/** Words from the shipped templates and data, and strings that exercise the other lookups. */
function corpus(): string[] {
  const files = [
    'data/bulletin.json',
    'scaffold/data/bulletin.json',
    ...readdirSync(path.join(ROOT, 'templates'), { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.(liquid|json|md)$/.test(f))
      .map((f) => path.join('templates', f)),
  ];
  const words = files.flatMap((f) => readFileSync(path.join(ROOT, f), 'utf8').split(/\s+/));
  const tricky = [
    ...['office', 'affluent', 'fjord', 'ffi', 'ffl', 'Th', 'AVAYAWAY', 'T.', 'Yo', "L'Ta"],
    ...['1,234.56', '€12.5', '¥1,000,000', '(2022–2023)', '“quoted”', '½', 'H₂O', 'x²', '№'],
    ...['São Tomé', 'Ångström', 'Việt Nam', 'Україна', 'Ελλάδα', 'İstanbul', 'ǅemal', 'ﬁnance'],
    ...['US$\u00a02.5', '2\u2009000', 'a b', ' ', '', '--', '---', '...', 'x\u00a0', '\u00a0 '],
    ...['αβc', 'Kyiv/Київ', 'ΣΩ-1'],
  ];
  return [...new Set([...words, ...tricky])];
}

type Run = ReturnType<Font['layout']>;
const describeRun = (run: Run) => [
  run.glyphs.map((g) => `${g.id}:${g.codePoints.join('.')}`).join(' '),
  run.positions.map((p) => `${p.xAdvance},${p.yAdvance},${p.xOffset},${p.yOffset}`).join(' '),
  String(run.advanceWidth),
];

describe('shaping by HarfBuzz', () => {
  beforeAll(loadShaper);
  const words = corpus();
  const files = [
    ...readdirSync(THEME)
      .filter((f) => f.endsWith('.ttf'))
      .map((f) => path.join(THEME, f)),
    ...SYSTEM,
  ];

  it('loads, and leaves to fontkit what it would shape differently', () => {
    expect(shaperLoaded()).toBe(true);
    const bytes = readFileSync(files[0] as string);
    const face = fontkit.create(bytes);
    expect(harfbuzzRun(face, bytes, 'office')).toBeDefined();
    // Combining marks (HarfBuzz reorders them), soft hyphens and zero-width characters
    // (HarfBuzz hides them), control characters and scripts with their own shapers.
    for (const text of ['e\u0301\u0323', 'co\u00adop', 'a\u200bb', 'a\tb', 'عربي', 'हिन्दी'])
      expect(harfbuzzRun(face, bytes, text)).toBeUndefined();
    expect(words.length).toBeGreaterThan(500);
    // WOFF, WOFF2 and collections, which fontkit opens and HarfBuzz would read as empty.
    for (const tag of ['wOFF', 'wOF2', 'ttcf']) {
      const other = Uint8Array.from(bytes);
      other.set(Buffer.from(tag, 'latin1'));
      expect(harfbuzzRun(fontkit.create(bytes), other, 'office')).toBeUndefined();
    }
  });

  it('gives a shared glyph the characters fontkit gave it first (space, no-break space)', () => {
    // fontkit asks for the space after every run, so a no-break space shaped later reads as a
    // space in the PDF's text layer; the order of requests must be fontkit's.
    const bytes = readFileSync(path.join(THEME, 'SourceSans3-Bold.ttf'));
    const byFontkit = fontkit.create(bytes);
    const byHarfbuzz = fontkit.create(bytes);
    for (const w of ['a', 'US$\u00a02.5', 'a b']) {
      const hb = harfbuzzRun(byHarfbuzz, bytes, w) as unknown as Run;
      expect(describeRun(hb)).toEqual(describeRun(byFontkit.layout(w)));
    }
  });

  for (const file of files) {
    it(`gives fontkit's glyphs, positions and characters for ${path.basename(file)}`, () => {
      const bytes = readFileSync(file);
      const byFontkit = fontkit.create(bytes);
      const byHarfbuzz = fontkit.create(bytes);
      let shaped = 0;
      const differ = words.filter((w) => {
        const hb = harfbuzzRun(byHarfbuzz, bytes, w);
        if (!hb) return false;
        shaped++;
        return (
          describeRun(hb as unknown as Run).join('|') !== describeRun(byFontkit.layout(w)).join('|')
        );
      });
      expect(differ).toEqual([]);
      expect(shaped).toBeGreaterThan(words.length * 0.9);
    });
  }
});
