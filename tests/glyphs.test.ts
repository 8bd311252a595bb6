/**
 * Every character of the data must be in the theme's fonts (src/model/glyphs.ts): a missing
 * one fails the build before anything is drawn, named once per font with the first place it
 * is used, through the built CLI.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataWith, tempDir } from './helpers.js';

const BIN = path.resolve('dist/cli/bin.js');

describe('the glyph check', () => {
  it('names a character the fonts lack, once per font, where it is first used', () => {
    const dir = tempDir('pdfspeed-glyphs-');
    const data = dataWith(
      [
        ['"Why Global Partnerships Matter for America"', '"Why Global Partnerships Matter 日"'],
        ['"series": "', '"series": "日 '],
      ],
      dir,
    );
    const r = spawnSync(
      'node',
      [BIN, 'build', '--only', 'pdf', '--data', data, '--out', path.join(dir, 'out')],
      { encoding: 'utf8' },
    );
    expect(r.status).toBe(1);
    const lines = r.stderr.split('\n').filter((l) => l.includes('U+65E5'));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /bulletin\.series: the character "日" \(U\+65E5\) is not in the font serif-regular/,
    );
    expect(lines[1]).toMatch(/bulletin\.series: .* not in the font sans-regular/);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace
  });
});
