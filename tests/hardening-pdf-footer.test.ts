/**
 * The PDF's page footers number the pages the reader holds (issue 31: a footer reading "0 of
 * 2" passed the image snapshot). Read back with poppler, page by page, from the built CLI.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { tempDir } from './helpers.js';

const BIN = process.env.BULLETIN_BIN ?? 'dist/cli/bin.js';

describe('PDF page footers', () => {
  it('page N of the PDF says "N of <pages>" as its last line', () => {
    const out = tempDir('h3-footer-');
    const r = spawnSync('node', [BIN, 'build', '--only', 'pdf', '--out', out], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.status, r.stderr).toBe(0);
    const pdf = path.join(out, 'bulletin.pdf');
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
    expect(pages).toBeGreaterThan(0);
    for (let n = 1; n <= pages; n++) {
      const text = execFileSync('pdftotext', ['-layout', '-f', `${n}`, '-l', `${n}`, pdf, '-'], {
        encoding: 'utf8',
      });
      const last = text.trim().split('\n').at(-1) ?? '';
      expect(last, `page ${n}`).toMatch(new RegExp(`\\s${n} of ${pages}$`));
    }
  }, 180_000);
});
