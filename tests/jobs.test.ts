/**
 * --jobs 2 writes exactly what --jobs 1 writes, file for file and byte for byte. Runs the
 * compiled CLI (dist/): worker threads load the compiled worker, which the TypeScript
 * sources under test do not have (`npm test` compiles first).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';
import { PARTNERS_PER_WORKER, threadsFor, type StaleUnit } from '../src/jobs/pool.js';

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
        // Every format named, so the chart PNGs are drawn (in the workers) and compared too.
        [
          'dist/cli/bin.js',
          'build',
          '--force',
          ...['--only', 'pdf', '--only', 'charts', '--only', 'decks'],
          ...['--jobs', String(jobs), '--out', out],
        ],
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

describe('threadsFor', () => {
  const units = (partners: number): StaleUnit[] => [
    { renderer: {} as StaleUnit['renderer'], unit: { key: 'bulletin', paths: [], inputs: 0 } },
    ...Array.from({ length: partners }, (_, i) => ({
      renderer: {} as StaleUnit['renderer'],
      unit: { key: `deck-${i}`, partner: `p${i}`, paths: [], inputs: 0 },
    })),
  ];
  it('adds a thread only for every PARTNERS_PER_WORKER partners when left to decide', () => {
    expect(threadsFor('auto', units(4))).toBe(1);
    expect(threadsFor('auto', units(PARTNERS_PER_WORKER - 1))).toBe(1);
    expect(threadsFor('auto', units(PARTNERS_PER_WORKER * 40))).toBe(
      Math.min(availableParallelism(), 41),
    );
  });
  it('takes an explicit number as asked, but never more threads than partner groups', () => {
    expect(threadsFor(2, units(4))).toBe(2);
    expect(threadsFor(8, units(2))).toBe(3);
    expect(threadsFor(3, units(0))).toBe(1);
    expect(threadsFor(undefined, units(50))).toBe(1);
  });
});
