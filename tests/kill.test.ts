/**
 * Crash safety: builds killed with SIGKILL at many moments must leave every file in output/
 * either as the complete old version or the complete new one (temp file, fsync, rename;
 * manifest last), and the next build must take over the dead build's lock.
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { cli, dataWith, tempDir } from './helpers.js';

const KILLS = 50;
/** The PDF and the decks: every kind of file, without the chart PNGs that only slow the loop. */
const ONLY = ['--only', 'pdf', '--only', 'decks'];
const hashes = (dir: string) =>
  new Map(
    readdirSync(dir, { recursive: true })
      .map(String)
      .filter((f) => !path.basename(f).startsWith('.') && /\.\w+$/.test(f))
      .map((f) => [
        f,
        createHash('sha256')
          .update(readFileSync(path.join(dir, f)))
          .digest('hex'),
      ]),
  );

function buildAndKill(
  out: string,
  data: string,
  afterMs: number,
): Promise<{ ms: number; killed: boolean }> {
  return new Promise((resolve) => {
    const start = Date.now();
    const p = spawn(
      process.execPath,
      ['dist/cli/bin.js', 'build', '--force', ...ONLY, '--out', out, '--data', data],
      { stdio: 'ignore' },
    );
    const timer = setTimeout(() => p.kill('SIGKILL'), afterMs);
    p.on('exit', (_code, signal) => {
      clearTimeout(timer);
      resolve({ ms: Date.now() - start, killed: signal === 'SIGKILL' });
    });
  });
}

describe('killed builds', () => {
  it(`leave no torn file after ${KILLS} kills`, async () => {
    const dataA = 'data/bulletin.json';
    const dataB = dataWith([
      ['"value": 867000', '"value": 868000'],
      ['"amount": 30000000,', '"amount": 31000000,'],
    ]);
    const dirA = tempDir();
    const dirB = tempDir();
    expect((await cli(['build', ...ONLY, '--out', dirA, '--data', dataA])).code).toBe(0);
    expect((await cli(['build', ...ONLY, '--out', dirB, '--data', dataB])).code).toBe(0);
    const a = hashes(dirA);
    const b = hashes(dirB);
    expect([...a.keys()].filter((f) => a.get(f) !== b.get(f)).length).toBeGreaterThanOrEqual(4);
    const out = tempDir();
    cpSync(dirA, out, { recursive: true });
    // How long one build takes here, so kills land all through it, most near the writes at the end.
    const full = (await buildAndKill(out, dataA, 60_000)).ms;
    let killed = 0;
    for (let k = 0; k < KILLS; k++) {
      const at = Math.round(full * (0.3 + ((k * 37) % 80) / 100));
      const r = await buildAndKill(out, k % 2 ? dataB : dataA, at);
      if (r.killed) killed++;
      for (const [file, sha] of hashes(out)) {
        expect([a.get(file), b.get(file)], `kill ${k} at ${at} ms: ${file} is torn`).toContain(sha);
      }
      const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
      expect(manifest.artifacts.length).toBe(a.size - 1);
    }
    expect(killed).toBeGreaterThanOrEqual(KILLS * 0.6);
    // The next build takes over the dead builds' lock, clears their temp files and finishes.
    expect((await cli(['build', ...ONLY, '--out', out, '--data', dataA, '--force'])).code).toBe(0);
    expect(hashes(out)).toEqual(a);
    expect(
      readdirSync(out, { recursive: true })
        .map(String)
        .filter((f) => f.endsWith('.tmp')),
    ).toEqual([]);
  }, 400_000);
});
