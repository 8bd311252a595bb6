/**
 * The scheduled-regeneration workflow, checked two ways: against GitHub's workflow schema
 * (action-validator), and by running its jobs here — shards, merge, check, preview, diff,
 * publish — so that the files it publishes equal a plain full build byte for byte.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from './helpers.js';
import { expandMatrix, jobOrder, readWorkflow, runWorkflow } from './workflow-runner.js';

const FILE = '.github/workflows/bulletin.yml';
const EPOCH = '1700000000';

describe('the bulletin workflow', () => {
  it('validates against the GitHub Actions workflow schema', () => {
    const out = execFileSync('npx', ['--no-install', 'action-validator', FILE], {
      encoding: 'utf8',
      stdio: 'pipe',
    });
    expect(out).not.toMatch(/error/i);
  }, 60_000);

  it('runs build shards before publish, one job per shard', () => {
    const w = readWorkflow(FILE);
    expect(jobOrder(w)).toEqual(['build', 'publish']);
    expect(expandMatrix(w.jobs.build!).map((c) => c.shard)).toEqual([1, 2, 3]);
    // Setting the clock from the commit, not left empty as a broken expression once did.
    const steps = w.jobs.build!.steps.map((s) => s.run ?? '').join('\n');
    expect(steps).toContain('SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)');
    // The build jobs install only what a build needs.
    expect(steps).toContain('.ci/setup-build');
    expect(steps).not.toMatch(/\.ci\/setup(\s|$)/);
  });

  it('publishes, run locally job by job, exactly the files of a plain full build', async () => {
    const work = tempDir('bulletin-workflow-');
    const artifacts = runWorkflow(readWorkflow(FILE), {
      repo: process.cwd(),
      work,
      context: { 'github.run_id': '1', 'github.ref': 'refs/heads/main' },
      // The commit's time, as the workflow's own step would set it from git.
      env: { SOURCE_DATE_EPOCH: EPOCH },
    });
    const plain = path.join(tempDir(), 'out');
    const epoch = execFileSync('git', ['log', '-1', '--format=%ct'], { encoding: 'utf8' }).trim();
    expect(
      (await cli(['build', '--out', plain, '--jobs', '1', '--quiet'], { SOURCE_DATE_EPOCH: epoch }))
        .code,
    ).toBe(0);
    const published = path.join(artifacts, 'bulletin');
    const files = readdirSync(published, { recursive: true })
      .map(String)
      .filter((f) => f.includes('.'))
      .sort();
    expect(files).toContain('bulletin.pdf');
    expect(files.filter((f) => f.startsWith('decks/')).length).toBeGreaterThan(0);
    for (const f of files) {
      if (f === 'manifest.json') continue;
      expect(
        readFileSync(path.join(published, f)).equals(readFileSync(path.join(plain, f))),
        f,
      ).toBe(true);
    }
    const a = JSON.parse(readFileSync(path.join(published, 'manifest.json'), 'utf8')) as {
      artifacts: unknown[];
    };
    const b = JSON.parse(readFileSync(path.join(plain, 'manifest.json'), 'utf8')) as {
      artifacts: unknown[];
    };
    expect(a.artifacts).toEqual(b.artifacts);
    // The first run has nothing to compare with and says so in the job summary.
    expect(readFileSync(path.join(artifacts, 'bulletin-diff', 'summary.md'), 'utf8')).toMatch(
      /First published set/,
    );
  }, 600_000);
});
