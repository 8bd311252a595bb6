/**
 * Template limits hold for a whole build, not for each render: a loop that stays under the
 * per-render limit in every deck template must still stop the build, with a message saying
 * which limit was reached. Small limits stand in for the real ones (30 s, 5 M characters).
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from './helpers.js';
import { createEngine, TEMPLATE_LIMITS } from '../src/template/engine.js';
import { InputError } from '../src/errors.js';

const set = (files: Record<string, string>) => ({ root: 'templates', files });

function renderUntilRefused(render: () => string, max: number): { count: number; error: unknown } {
  for (let count = 0; count < max; count++) {
    try {
      render();
    } catch (error) {
      return { count, error };
    }
  }
  return { count: max, error: undefined };
}

describe('build-wide template budgets', () => {
  it('time: renders each under the per-render limit add up to the build limit, then stop', () => {
    const limits = { ...TEMPLATE_LIMITS, buildMs: 300 };
    const engine = createEngine(
      set({ 'deck/slow.liquid': '{% for i in (1..200) %}{{ i }}{% endfor %}' }),
      'en-GB',
      limits,
    );
    const { count, error } = renderUntilRefused(() => engine.render('deck/slow.liquid', {}), 5000);
    expect(count, String(error)).toBeGreaterThan(1);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).code).toBe('E_TEMPLATE_LIMIT');
    expect((error as Error).message).toMatch(
      /^templates\/deck\/slow\.liquid: templates took more than 0\.3 s in all during this build \(the limit for a whole build\)/,
    );
  });

  it('output: characters add up across renders to the build limit', () => {
    const engine = createEngine(set({ 'a.liquid': 'x'.repeat(600) }), 'en-GB', {
      ...TEMPLATE_LIMITS,
      buildChars: 1000,
    });
    expect(engine.render('a.liquid', {})).toHaveLength(600);
    expect(() => engine.render('a.liquid', {})).toThrow(
      /templates wrote more than 1,000 characters in all during this build/,
    );
  });
});

describe('a template loop over a huge range (issue 31)', () => {
  it('is refused at once by the memory limit, not after gigabytes and the time limit', () => {
    const templates = tempDir('h3-loop-');
    cpSync('templates', templates, { recursive: true });
    // First in the template: nothing rendered before it has used any of the memory budget.
    const file = path.join(templates, 'bulletin/conclusion.md.liquid');
    writeFileSync(
      file,
      `{% for i in (1..100000000) %}{{ i }}{% endfor %}${readFileSync(file, 'utf8')}`,
    );
    const bin = process.env.BULLETIN_BIN ?? 'dist/cli/bin.js';
    // GNU time prints the peak resident set size (KB) of the build on the last stderr line.
    const r = spawnSync(
      '/usr/bin/time',
      [
        '-f',
        '%M',
        'node',
        bin,
        'build',
        '--only',
        'pdf',
        '--templates',
        templates,
        '--out',
        tempDir(),
      ],
      { encoding: 'utf8', timeout: 120_000 },
    );
    const lines = r.stderr.trim().split('\n');
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toContain('conclusion.md.liquid');
    expect(r.stderr).toContain('memory alloc limit exceeded');
    expect(Number(lines.at(-1)) / 1024, 'peak MB').toBeLessThan(800);
  }, 180_000);
});
