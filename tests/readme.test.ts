/**
 * The README's "A new bulletin" commands, run as written in a shell, with `bulletin` on PATH the
 * way .ci/setup puts it there (.ci/link-command, into a temporary bin folder so the test leaves
 * the machine alone). The compiled CLI is what a user runs; npm test compiles first.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pdfInfo, tempDir } from './helpers.js';

/** Runs the README line that `pattern` finds, in an empty folder; returns the project made. */
function runReadmeLine(pattern: RegExp): string {
  const readme = readFileSync('README.md', 'utf8');
  const line = pattern.exec(readme);
  expect(line, `the README shows ${pattern}`).not.toBeNull();
  const home = tempDir();
  const bin = path.join(home, 'bin');
  execFileSync('bash', ['.ci/link-command', bin], { stdio: 'pipe' });
  const env = { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}` };
  delete env.npm_config_prefix;
  // Run from an empty folder outside the repository, as a new user would.
  const work = path.join(home, 'work');
  execFileSync('mkdir', ['-p', work]);
  execFileSync('bash', ['-euo', 'pipefail', '-c', line![0]], { cwd: work, env, stdio: 'pipe' });
  return path.join(work, line![1]!);
}

/** The project's output/ holds the two-page PDF, a deck per partner and the manifest. */
function expectBuilt(dir: string): void {
  expect(pdfInfo(path.join(dir, 'output/bulletin.pdf')).Pages).toBe('2');
  const data = JSON.parse(readFileSync(path.join(dir, 'data/bulletin.json'), 'utf8'));
  expect(readdirSync(path.join(dir, 'output/decks')).sort()).toEqual(
    data.partners.map((p: { id: string }) => `${p.id}.pptx`).sort(),
  );
  expect(existsSync(path.join(dir, 'output/manifest.json'))).toBe(true);
}

describe('the README commands work as written', () => {
  it('bulletin init my-bulletin && cd my-bulletin && bulletin build', () => {
    expectBuilt(runReadmeLine(/^bulletin init (\S+) && cd \1 && bulletin build$/m));
  }, 180_000);

  it('bulletin init my-bulletin && cd my-bulletin/templates && bulletin build', () => {
    // From a subfolder the build still finds the project, and writes its output/ there.
    const dir = runReadmeLine(/^bulletin init (\S+) && cd \1\/templates && bulletin build$/m);
    expectBuilt(dir);
    expect(existsSync(path.join(dir, 'templates', 'output'))).toBe(false);
  }, 180_000);
});
