/** The decks open in a real consumer: LibreOffice converts each to PDF, one page per slide. */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cli, pdfInfo, tempDir } from './helpers.js';

describe('LibreOffice', () => {
  it('converts every deck to PDF without error, a page per slide', async () => {
    const out = tempDir();
    expect((await cli(['build', '--out', out, '--only', 'decks'])).code).toBe(0);
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as {
      artifacts: { path: string; slides?: number }[];
    };
    const decks = manifest.artifacts.filter((a) => a.path.endsWith('.pptx'));
    expect(decks.length).toBe(4);
    const pdfs = tempDir();
    execFileSync(
      'soffice',
      [
        '--headless',
        `-env:UserInstallation=file://${tempDir()}`,
        '--convert-to',
        'pdf',
        '--outdir',
        pdfs,
        ...decks.map((d) => path.join(out, d.path)),
      ],
      { stdio: 'pipe', timeout: 240_000 },
    );
    for (const d of decks) {
      const pdf = path.join(pdfs, path.basename(d.path).replace('.pptx', '.pdf'));
      expect(Number(pdfInfo(pdf).Pages), d.path).toBe(d.slides);
    }
  }, 300_000);
});
