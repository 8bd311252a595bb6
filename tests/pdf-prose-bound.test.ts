/**
 * The fitting step skips a type step when a lower bound of the prose's height is taller than
 * the columns (src/compose/pdf/prose-bound.ts). The bound must never exceed what breaking the
 * lines really needs, or a step that fits would be skipped and the bulletin set smaller: checked
 * against flowContent's real lines on the seed, the Pacific and the GCF projects, at every type
 * step and at column widths from narrow to wide.
 */
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { prepare } from '../src/index.js';
import { upwardSteps } from '../src/compose/pdf/fill.js';
import { flowContent } from '../src/compose/pdf/flow-content.js';
import { registerFonts, type Doc } from '../src/compose/pdf/fonts.js';
import { cachedMeasure } from '../src/compose/pdf/measure.js';
import { breakLines, wordWidths, type Measure } from '../src/compose/pdf/lines.js';
import { cannotFit, proseBulk, type ProseBulk } from '../src/compose/pdf/prose-bound.js';
import { tempDir } from './helpers.js';

const PROJECTS = {
  seed: ['data/bulletin.json', 'templates'],
  pacific: ['tests/fixtures/pacific/data/bulletin.json', 'tests/fixtures/pacific/templates'],
  gcf: ['tests/fixtures/gcf/data/bulletin.json', 'tests/fixtures/gcf/templates'],
} as const;

describe('the prose height bound', () => {
  it.each(Object.entries(PROJECTS))('never exceeds the real lines (%s)', async (_, [data, tpl]) => {
    const ctx = await prepare({ data, templates: tpl, out: tempDir('pdfspeed-bound') });
    const doc = new PDFDocument({ autoFirstPage: false }) as Doc;
    registerFonts(doc, ctx.theme);
    const measure = cachedMeasure(doc);
    const theme = ctx.theme.theme;
    const bulk = proseBulk(ctx.bulletin, theme, measure);
    let skippable = 0;
    for (const step of upwardSteps(theme.fit.steps)) {
      for (const width of [90, 160, 252, 400]) {
        const blocks = flowContent(ctx.bulletin, theme, step, width, measure);
        const real = blocks.reduce((sum, b) => sum + b.lines.length * b.leading, 0);
        const frame = (h: number) => [{ page: 0, x: 0, y: 0, w: width, h }];
        const hl = theme.type.heading.leading;
        // Columns exactly as tall as the real lines: the bound must let the step be tried.
        expect(cannotFit(bulk, step, hl, width, frame(real))).toBe(false);
        // And it is close enough to the real lines to skip something: within a tenth.
        if (cannotFit(bulk, step, hl, width, frame(real * 0.9))) skippable++;
      }
    }
    expect(skippable).toBeGreaterThan(0);
  });

  /** Monospace: every character (a space too) half the size wide; a hyphen is one more. */
  const mono: Measure = (text, _font, size) => text.length * size * 0.5;
  const style = { family: 'serif' as const, size: 10, color: '#000' };
  const step = { body: 10, leading: 1 };
  /** The bound's line count for one paragraph: the tallest frame it calls hopeless, plus one. */
  const bound = (text: string, width: number) => {
    const bulk: ProseBulk = {
      paras: [wordWidths([{ text }], { ...style, size: 1000 }, mono)],
      headings: 0,
      space: mono(' ', 'serif-regular', 1000),
    };
    const frames = (h: number) => [{ page: 0, x: 0, y: 0, w: width, h }];
    let lines = 0;
    while (cannotFit(bulk, step, 0, width, frames(lines))) lines++;
    return lines;
  };
  const real = (text: string, width: number) => breakLines([{ text }], style, width, mono).length;

  it('is exact where words fill each line to the last point', () => {
    // Four 4-letter words and three spaces fill 95 pt exactly (5 pt a character).
    const text = Array.from({ length: 28 }, () => 'abcd').join(' ');
    expect(real(text, 95)).toBe(7);
    expect(bound(text, 95)).toBe(7);
  });

  it('stays at or under the real lines: long words, hyphenation, no-break spaces', () => {
    const words = [
      'a',
      'of',
      'the',
      'partners',
      'internationally',
      '$12\u00a0million',
      'x'.repeat(40),
    ];
    let seed = 7;
    const pick = () => {
      seed = (seed * 48271) % 2147483647;
      return words[seed % words.length];
    };
    for (let k = 0; k < 200; k++) {
      const text = Array.from({ length: 5 + (k % 60) }, pick).join(' ');
      for (const width of [40, 95, 160, 250])
        expect(bound(text, width)).toBeLessThanOrEqual(real(text, width));
    }
  });
});
