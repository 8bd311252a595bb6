/**
 * A pipe in the templates folder is named, not skipped (issue 31): a FIFO named like a partner's
 * own template or a font's licence was left out without a word, and the build went on with the
 * default partner template (exit 0). It now stops with exit 1 naming the file, writes nothing,
 * and never waits on the pipe. Through the built CLI.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';

const BIN = path.resolve('dist/cli/bin.js');

describe('a FIFO in the templates folder', () => {
  for (const file of ['bulletin/partners/japan.md.liquid', 'theme/fonts/OFL-SourceSans3.txt'])
    it(`${file}: exit 1 naming it, nothing written`, () => {
      const dir = tempDir('tpl-fifo-');
      const templates = path.join(dir, 'templates');
      cpSync('templates', templates, { recursive: true });
      const fifo = path.join(templates, file);
      rmSync(fifo, { force: true });
      execFileSync('mkfifo', [fifo]);
      const out = path.join(dir, 'out');
      const r = spawnSync('node', [BIN, 'build', '--templates', templates, '--out', out], {
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(r.status, r.stderr).toBe(1);
      expect(r.stderr).toContain(`${fifo}: is not a regular file`);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(path.join(out, 'bulletin.pdf'))).toBe(false);
    });
});
