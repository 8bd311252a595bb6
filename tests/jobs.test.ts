/**
 * --jobs 2 writes exactly what --jobs 1 writes, file for file and byte for byte. Runs the
 * compiled CLI (dist/): worker threads load the compiled worker, which the TypeScript
 * sources under test do not have (`npm test` compiles first).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';

function files(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory()
        ? files(path.join(dir, e.name), base)
        : [path.relative(base, path.join(dir, e.name))],
    )
    .sort();
}

describe('--jobs', () => {
  it('builds the same files with the same bytes on two threads as on one', () => {
    const dir = tempDir();
    const build = (jobs: number) => {
      const out = path.join(dir, `jobs-${jobs}`);
      execFileSync(
        process.execPath,
        ['dist/cli/bin.js', 'build', '--force', '--jobs', String(jobs), '--out', out],
        { encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: '' } },
      );
      return out;
    };
    const one = build(1);
    const two = build(2);
    const names = files(one);
    expect(names.length).toBeGreaterThan(30);
    expect(files(two)).toEqual(names);
    for (const name of names)
      expect(
        readFileSync(path.join(two, name)).equals(readFileSync(path.join(one, name))),
        name,
      ).toBe(true);
  }, 120_000);
});
