/**
 * Crash safety, checked at every step of the writes rather than at random moments. A test-only
 * hook (BULLETIN_TEST_WRITE_STEPS=pause) stops the build at each step of writing — in the
 * middle of a file, after a file is staged, before each rename, before each removal — and waits
 * for the test. At each stop the folder must hold every file either complete-old or
 * complete-new, the previous set untouched until every new file is staged, and the manifest
 * renamed last; then SIGKILL at chosen steps must leave the same, and the next build must take
 * over the dead build's lock, clear its temp files and finish.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { cli, dataWith, tempDir } from './helpers.js';

/** The PDF and the decks: every kind of file, without the chart PNGs that only slow the loop. */
const ONLY = ['--only', 'pdf', '--only', 'decks', '--jobs', '1'];
const MANIFEST = 'manifest.json';
/** Another build of the CLI (e.g. /work/main/dist/cli/bin.js) to see the tests fail on it. */
const BIN = process.env.BULLETIN_BIN ?? 'dist/cli/bin.js';

/** Hashes of the visible files (temp files, the lock and the cache start with a dot). */
const hashes = (dir: string) =>
  new Map(
    readdirSync(dir, { recursive: true })
      .map(String)
      .filter((f) => !f.split(path.sep).some((p) => p.startsWith('.')) && /\.\w+$/.test(f))
      .map((f) => [
        f,
        createHash('sha256')
          .update(readFileSync(path.join(dir, f)))
          .digest('hex'),
      ]),
  );
const temps = (dir: string) =>
  readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.tmp'));

interface Step {
  n: number;
  phase: string;
  file: string;
  /** The folder as it was while the build was stopped at this step. */
  seen: Map<string, string>;
}

/**
 * Builds `data` into `out` with a stop at every write step; at step `killAt` the build is
 * killed with SIGKILL, at every other it is let go on.
 */
function steppedBuild(
  out: string,
  data: string,
  killAt?: number,
): Promise<{ steps: Step[]; code: number | null; signal: string | null }> {
  return new Promise((resolve, reject) => {
    const p = spawn(
      process.execPath,
      [BIN, 'build', '--force', ...ONLY, '--out', out, '--data', data],
      {
        stdio: ['pipe', 'ignore', 'pipe'],
        env: { ...process.env, BULLETIN_TEST_WRITE_STEPS: 'pause' },
      },
    );
    const steps: Step[] = [];
    let buffer = '';
    p.stderr.on('data', (d: Buffer) => {
      buffer += d.toString();
      let nl = buffer.indexOf('\n');
      while (nl >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        nl = buffer.indexOf('\n');
        const m = /^bulletin-test: write step (\d+) (\w+) (.+)$/.exec(line);
        if (!m) continue;
        const n = Number(m[1]);
        steps.push({ n, phase: m[2]!, file: path.relative(out, m[3]!), seen: hashes(out) });
        if (n === killAt) p.kill('SIGKILL');
        else p.stdin.write('.');
      }
    });
    p.on('error', reject);
    p.on('exit', (code, signal) => resolve({ steps, code, signal }));
  });
}

describe('killed builds', () => {
  let dataB: string;
  let oldSet: Map<string, string>;
  let newSet: Map<string, string>;
  let steps: Step[];
  const start = () => {
    const out = tempDir('bulletin-kill-');
    cpSync(oldDir, out, { recursive: true });
    return out;
  };
  let oldDir: string;

  beforeAll(async () => {
    dataB = dataWith([
      ['"value": 867000', '"value": 868000'],
      ['"amount": 30000000,', '"amount": 31000000,'],
    ]);
    oldDir = tempDir('bulletin-kill-old-');
    const built = await cli(['build', ...ONLY, '--out', oldDir]);
    expect(built.code, built.err).toBe(0);
    oldSet = hashes(oldDir);
    const out = start();
    const run = await steppedBuild(out, dataB);
    expect(run.code).toBe(0);
    steps = run.steps;
    newSet = hashes(out);
  }, 240_000);

  it('the new data changes the PDF, decks and manifest, so old and new can be told apart', () => {
    const changed = [...oldSet.keys()].filter((f) => oldSet.get(f) !== newSet.get(f));
    expect(changed).toContain(MANIFEST);
    expect(changed).toContain('bulletin.pdf');
    expect(changed.filter((f) => f.startsWith('decks')).length).toBeGreaterThanOrEqual(2);
    expect([...newSet.keys()].sort()).toEqual([...oldSet.keys()].sort());
  });

  it('stops in the middle of every file, after staging it, and before every rename', () => {
    for (const file of newSet.keys())
      for (const phase of ['stage', 'staged', 'commit'])
        expect(
          steps.some((s) => s.phase === phase && s.file === file),
          `${phase} ${file}`,
        ).toBe(true);
  });

  it('at every step each file is the complete old or the complete new one', () => {
    for (const s of steps)
      for (const [file, sha] of s.seen)
        expect([oldSet.get(file), newSet.get(file)], `step ${s.n} ${s.phase}: ${file}`).toContain(
          sha,
        );
  });

  it('the previous set stays whole until every new file is staged', () => {
    const firstCommit = steps.findIndex((s) => s.phase === 'commit');
    expect(firstCommit).toBeGreaterThan(0);
    expect(steps.slice(firstCommit).every((s) => s.phase === 'commit' || s.phase === 'prune')).toBe(
      true,
    );
    for (const s of steps.slice(0, firstCommit + 1)) expect(s.seen, `step ${s.n}`).toEqual(oldSet);
  });

  it('the manifest is renamed into place after every artifact, and is new only when they all are', () => {
    const commits = steps.filter((s) => s.phase === 'commit').map((s) => s.file);
    const artifacts = [...newSet.keys()].filter((f) => f !== MANIFEST);
    expect(commits.indexOf(MANIFEST)).toBe(artifacts.length);
    expect(commits.slice(0, artifacts.length).sort()).toEqual(artifacts.sort());
    for (const s of steps)
      if (s.seen.get(MANIFEST) === newSet.get(MANIFEST))
        for (const f of artifacts) expect(s.seen.get(f), `step ${s.n}: ${f}`).toBe(newSet.get(f));
  });

  it('SIGKILL mid-file, mid-rename and before the manifest leaves old-or-new; the next build recovers', async () => {
    const at = (phase: string, file: string) =>
      steps.find((s) => s.phase === phase && s.file === file)?.n ?? -1;
    const deck = [...newSet.keys()].find((f) => f.startsWith('decks'))!;
    const kills = [at('stage', 'bulletin.pdf'), at('commit', deck), at('commit', MANIFEST)];
    const out = start();
    for (const k of kills) {
      expect(k).toBeGreaterThan(0);
      const r = await steppedBuild(out, dataB, k);
      expect(r.signal, `kill at step ${k}`).toBe('SIGKILL');
      const after = hashes(out);
      for (const [file, sha] of after)
        expect([oldSet.get(file), newSet.get(file)], `kill at ${k}: ${file}`).toContain(sha);
      if (after.get(MANIFEST) === newSet.get(MANIFEST)) expect(after).toEqual(newSet);
      expect(existsSync(path.join(out, '.bulletin.lock')), 'a killed build leaves its lock').toBe(
        true,
      );
    }
    const next = await cli(['build', ...ONLY, '--out', out, '--data', dataB]);
    expect(next.code, next.err).toBe(0);
    expect(hashes(out)).toEqual(newSet);
    expect(temps(out)).toEqual([]);
    expect(existsSync(path.join(out, '.bulletin.lock'))).toBe(false);
  }, 240_000);

  it('SIGKILL at every rename of the commit: the next --check or verify finishes it, all new', async () => {
    const renames = steps.filter((s) => s.phase === 'commit').map((s) => s.n);
    expect(renames.length).toBeGreaterThanOrEqual(newSet.size);
    for (const [i, k] of renames.entries()) {
      const out = start();
      const r = await steppedBuild(out, dataB, k);
      expect(r.signal, `kill at step ${k}`).toBe('SIGKILL');
      // Alternate the readers: each must finish the commit before it looks.
      const command =
        i % 2
          ? ['verify', '--out', out, '--data', dataB]
          : ['build', '--check', ...ONLY, '--out', out, '--data', dataB];
      const next = spawnSync(process.execPath, [BIN, ...command], { encoding: 'utf8' });
      expect(
        hashes(out),
        `kill at step ${k}, then ${command[0]} ${command[1]}: ${next.stderr}`,
      ).toEqual(newSet);
      expect(next.status, next.stderr).toBe(0);
      expect(temps(out)).toEqual([]);
      expect(existsSync(path.join(out, '.bulletin-commit.json'))).toBe(false);
    }
  }, 240_000);
});
