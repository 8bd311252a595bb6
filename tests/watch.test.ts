/**
 * build --watch, driven in-process: a build on start, a rebuild after an edit, an error line
 * for broken JSON (and the watch goes on), a rebuild once it is fixed, then a clean stop.
 */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { run } from '../src/cli/run.js';
import { seedText, tempDir } from './helpers.js';

/** Resolves when `get()` matches, polling; fails after the timeout with what was printed. */
async function waitFor(get: () => string, pattern: RegExp, ms = 40_000): Promise<void> {
  const end = Date.now() + ms;
  while (!pattern.test(get())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${pattern}; got:\n${get()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const hashes = (dir: string) =>
  new Map(
    readdirSync(dir).map((f) => [
      f,
      createHash('sha256')
        .update(readFileSync(path.join(dir, f)))
        .digest('hex'),
    ]),
  );

const count = (text: string, pattern: RegExp) =>
  (text.match(new RegExp(pattern.source, 'gm')) ?? []).length;

describe('bulletin build --watch', () => {
  it('rebuilds on change, prints errors and keeps watching, and stops on abort', async () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'bulletin.json');
    const seed = seedText();
    writeFileSync(file, seed);
    const out = tempDir();
    let out_ = '';
    let err = '';
    const stop = new AbortController();
    const done = run(['build', '--watch', '--only', 'charts', '--data', file, '--out', out], {
      out: (t) => (out_ += `${t}\n`),
      err: (t) => (err += `${t}\n`),
      env: {},
      signal: stop.signal,
    });
    const status = /^\[\d\d:\d\d:\d\d\] (rebuilt \d+ files?|up to date)/m;

    await waitFor(() => out_, /rebuilt \d+ files in [\d.]+ s/);
    expect(out_).toMatch(/^Watching .* and templates \(stop with Ctrl-C\)/);
    expect(count(out_, status)).toBe(1);

    // A changed figure rebuilds only the charts that plot it: every chart whose spec plots the
    // oil measure (one file per format), and nothing else.
    const before = hashes(path.join(out, 'charts'));
    writeFileSync(file, seed.replace('"value": 22500000', '"value": 23400000'));
    await waitFor(() => out_, /\] rebuilt \d+ files? \(\d+ up to date\)/);
    expect(count(out_, status)).toBe(2);
    const after = hashes(path.join(out, 'charts'));
    const changed = [...after.keys()].filter((f) => after.get(f) !== before.get(f)).sort();
    const specs = (
      JSON.parse(readFileSync('templates/charts/charts.json', 'utf8')) as {
        charts: { id: string; measure?: string }[];
      }
    ).charts;
    const oil = specs.filter((c) => c.measure === 'oil-stock-release').map((c) => c.id);
    const plotsOil = (f: string) => oil.some((id) => f === id || f.startsWith(`${id}-`));
    expect(oil.length).toBeGreaterThan(0);
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.filter((f) => !plotsOil(f.replace(/\.\w+$/, '')))).toEqual([]);
    expect([...after.keys()].filter((f) => plotsOil(f.replace(/\.\w+$/, ''))).sort()).toEqual(
      changed,
    );
    expect(out_).toMatch(new RegExp(`\\] rebuilt ${changed.length} files? \\(`));

    writeFileSync(file, seed.replace('"bulletin": {', '"bulletin": {,'));
    await waitFor(() => err, /\] error: .*bulletin\.json:\d+:\d+/);

    writeFileSync(file, seed);
    await waitFor(
      () => (out_.split('\n').filter((l) => status.test(l)).length >= 3 ? 'ok' : ''),
      /ok/,
    );

    stop.abort();
    expect(await done).toBe(0);
  }, 120_000);
});
