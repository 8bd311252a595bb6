/**
 * --jobs 2 writes exactly what --jobs 1 writes, file for file and byte for byte. Runs the
 * compiled CLI (dist/): worker threads load the compiled worker, which the TypeScript
 * sources under test do not have (`npm test` compiles first).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataWith, STACK_FRAME, tempDir } from './helpers.js';
import {
  MIN_AUTO_CORES,
  MIN_IDLE_CORES,
  PARTNERS_PER_WORKER,
  threadsFor,
  wantsEarlyThread,
  type StaleUnit,
} from '../src/jobs/pool.js';

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
  it('left to decide: this thread only, unless the early thread was started', () => {
    expect(threadsFor('auto', units(4), false, 8)).toBe(1);
    expect(threadsFor('auto', units(PARTNERS_PER_WORKER * 40), false, 8)).toBe(1);
  });
  it('with the early thread: it, plus one per PARTNERS_PER_WORKER partners, up to the cores', () => {
    expect(threadsFor('auto', units(1), true, 2)).toBe(2);
    expect(threadsFor('auto', units(4), true, 8)).toBe(2);
    expect(threadsFor('auto', units(PARTNERS_PER_WORKER * 2), true, 8)).toBe(3);
    expect(threadsFor('auto', units(PARTNERS_PER_WORKER * 40), true, 8)).toBe(8);
    expect(threadsFor('auto', units(0), true, 8)).toBe(1);
  });
  it('takes an explicit number as asked, but never more threads than partner groups', () => {
    expect(threadsFor(2, units(4))).toBe(2);
    expect(threadsFor(8, units(2))).toBe(3);
    expect(threadsFor(3, units(0))).toBe(1);
    expect(threadsFor(undefined, units(50))).toBe(1);
  });
});

describe('wantsEarlyThread', () => {
  // From the TypeScript sources there is no compiled worker, so nothing ever starts here; the
  // rule itself is what the CLI (compiled) follows.
  const base = { data: 'd', templates: 't', out: 'o' };
  it('never for one job, under four cores, a busy machine or a build without partner formats', () => {
    const wants = (o: object, idle: number | undefined, cores: number) =>
      wantsEarlyThread({ ...base, ...o }, idle, cores, true);
    expect(wants({ jobs: 'auto' }, 3, 4)).toBe(true);
    expect(wants({ jobs: 'auto' }, undefined, 4)).toBe(true);
    expect(wants({ jobs: 'auto', only: ['charts'] }, 3, 4)).toBe(true);
    // The CLI passes no --partner as an empty list: every partner, not none.
    expect(wants({ jobs: 'auto', partners: [] }, 3, 4)).toBe(true);
    expect(wants({ jobs: 2, partners: [] }, 0, 2)).toBe(true);
    expect(wants({ jobs: 1 }, 3, 4)).toBe(false);
    expect(wants({}, 3, 4)).toBe(false);
    // On 2 cores a second thread never paid (measured): 'auto' stays on one.
    expect(wants({ jobs: 'auto' }, 1, 2)).toBe(false);
    expect(wants({ jobs: 'auto' }, undefined, 2)).toBe(false);
    expect(wants({ jobs: 'auto' }, 1, MIN_AUTO_CORES - 1)).toBe(false);
    expect(wants({ jobs: 'auto' }, MIN_IDLE_CORES - 0.5, 4)).toBe(false);
    expect(wants({ jobs: 2 }, 0, 2)).toBe(true);
    expect(wants({ jobs: 'auto', only: ['pdf', 'html'] }, 3, 4)).toBe(false);
    expect(wants({ jobs: 'auto', partners: ['japan'] }, 3, 4)).toBe(false);
    expect(wants({ jobs: 'auto', partners: ['japan', 'australia'] }, 3, 4)).toBe(true);
  });
});

describe('the early build thread (compiled CLI)', () => {
  const bulletin = (args: string[]) =>
    spawnSync(process.execPath, ['dist/cli/bin.js', ...args], {
      encoding: 'utf8',
      env: { ...process.env, SOURCE_DATE_EPOCH: '' },
      timeout: 60_000,
    });

  it('bad input: one paragraph naming the place, exit 1, and the started worker does not hold the exit', () => {
    const data = dataWith([
      ['"amount": 300000000, "currency": "$"', '"amount": "lots", "currency": "$"'],
    ]);
    const r = bulletin(['build', '--data', data, '--out', tempDir(), '--jobs', '2']);
    expect(r.signal).toBeNull();
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(data);
    expect(r.stderr).not.toMatch(STACK_FRAME);
    expect(r.stderr.trim().split(/\n\s*\n/).length).toBe(1);
  }, 90_000);

  it('a build that finds nothing stale closes the worker it started and exits', () => {
    const out = tempDir();
    expect(bulletin(['build', '--only', 'charts', '--out', out, '--jobs', '1']).status).toBe(0);
    // Without the fast path's cache the pipeline runs (and a worker starts) to find out.
    rmSync(`${out}/.bulletin-cache.json`);
    const r = bulletin(['build', '--only', 'charts', '--out', out, '--jobs', '2']);
    expect(r.signal, 'a worker kept the process alive').toBeNull();
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).toMatch(/up to date/i);
  }, 90_000);
});
