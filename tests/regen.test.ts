/** Regeneration in CI: byte-identical builds, incremental rebuilds, --check and shards. */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cli, dataWith, tempDir } from './helpers.js';

const BIN = 'dist/cli/bin.js';
const files = (dir: string) =>
  readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => !f.startsWith('.') && f.includes('.'))
    .sort();
const bytesOf = (dir: string) =>
  Object.fromEntries(
    files(dir).map((f) => [f, readFileSync(path.join(dir, f)).toString('base64')]),
  );

function buildIn(out: string, env: Record<string, string>): void {
  execFileSync(process.execPath, [BIN, 'build', '--out', out], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', ...env },
    stdio: 'pipe',
  });
}

describe('reproducible output', () => {
  it('is byte-identical across time zones and locales', () => {
    const a = tempDir();
    const b = tempDir();
    buildIn(a, { TZ: 'Pacific/Auckland', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8' });
    buildIn(b, { TZ: 'UTC', LANG: 'C', LC_ALL: 'C' });
    const fa = bytesOf(a);
    expect(Object.keys(fa).length).toBeGreaterThan(20);
    expect(bytesOf(b)).toEqual(fa);
  }, 60_000);
  it('takes its clock from SOURCE_DATE_EPOCH, else from the data, never from now', async () => {
    const a = tempDir();
    expect((await cli(['build', '--out', a, '--only', 'pdf'])).code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(a, 'manifest.json'), 'utf8')).buildDate).toBe(
      '2022-05-05T00:00:00.000Z',
    );
    const b = tempDir();
    expect(
      (await cli(['build', '--out', b, '--only', 'pdf'], { SOURCE_DATE_EPOCH: '1700000000' })).code,
    ).toBe(0);
    expect(JSON.parse(readFileSync(path.join(b, 'manifest.json'), 'utf8')).buildDate).toBe(
      '2023-11-14T22:13:20.000Z',
    );
    expect(readFileSync(path.join(b, 'bulletin.pdf')).toString('latin1')).toContain(
      'D:20231114221320Z',
    );
    expect(
      (await cli(['build', '--out', tempDir()], { SOURCE_DATE_EPOCH: 'yesterday' })).err,
    ).toMatch(/SOURCE_DATE_EPOCH: "yesterday" is not a whole number/);
  }, 60_000);
});

describe('incremental rebuilds', () => {
  it('rebuilds nothing when nothing changed, and only the deck an edit touches', async () => {
    const out = tempDir();
    const first = await cli(['build', '--out', out, '--json']);
    expect(first.code).toBe(0);
    const all = JSON.parse(first.out).rebuilt as string[];
    expect(all).toContain('bulletin.pdf');
    const again = JSON.parse((await cli(['build', '--out', out, '--json'])).out);
    expect(again.rebuilt).toEqual([]);
    expect(again.upToDate).toEqual(all);
    expect((await cli(['build', '--out', out])).out).toMatch(
      /Nothing to rebuild: all \d+ files in .* are up to date/,
    );
    // A person's title appears only on one deck's quotes slide: nothing else may be rebuilt.
    const edited = dataWith([
      [
        '"title": "Admiral, Chair of the NATO Military Committee"',
        '"title": "Admiral and Chair of the NATO Military Committee"',
      ],
    ]);
    const after = JSON.parse((await cli(['build', '--out', out, '--data', edited, '--json'])).out);
    expect(after.rebuilt).toEqual(['decks/south-korea.pptx']);
    // A figure the bulletin prints rebuilds the PDF, the charts that plot it and the decks that show it.
    const oil = dataWith([['"value": 867000', '"value": 868000']]);
    const third = JSON.parse((await cli(['build', '--out', out, '--data', oil, '--json'])).out)
      .rebuilt as string[];
    expect(third).toContain('bulletin.pdf');
    expect(third).toContain('charts/oil-releases.svg');
    expect(third).toContain('decks/new-zealand.pptx');
    expect(third).not.toContain('charts/aid-by-partner.svg');
    expect(
      JSON.parse((await cli(['build', '--out', out, '--data', oil, '--force', '--json'])).out)
        .rebuilt,
    ).toEqual(all);
  }, 90_000);
  it('--check exits 0 when up to date and 3 with the stale files after an edit', async () => {
    const out = tempDir();
    expect((await cli(['build', '--out', out])).code).toBe(0);
    expect((await cli(['build', '--out', out, '--check'])).code).toBe(0);
    const edited = dataWith([['"amount": 30000000,', '"amount": 31000000,']]);
    const r = await cli(['build', '--out', out, '--check', '--data', edited]);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(
      /out of date; \d+ files would be rebuilt:[\s\S]*bulletin\.pdf[\s\S]*decks\/south-korea\.pptx/,
    );
    expect((await cli(['build', '--out', tempDir(), '--check'])).code).toBe(3);
  }, 60_000);
  it('a file changed on disk is rebuilt', async () => {
    const out = tempDir();
    await cli(['build', '--out', out, '--only', 'pdf']);
    rmSync(path.join(out, 'bulletin.pdf'));
    expect(
      JSON.parse((await cli(['build', '--out', out, '--only', 'pdf', '--json'])).out).rebuilt,
    ).toEqual(['bulletin.pdf']);
  }, 60_000);
});

describe('shards', () => {
  it('1/3, 2/3 and 3/3 together make exactly the files of a full build', async () => {
    const full = tempDir();
    expect((await cli(['build', '--out', full])).code).toBe(0);
    const merged = tempDir();
    const manifests: string[] = [];
    const seen = new Set<string>();
    for (const i of [1, 2, 3]) {
      const dir = tempDir();
      expect((await cli(['build', '--out', dir, '--shard', `${i}/3`])).code).toBe(0);
      const mine = files(dir).filter((f) => !f.startsWith('manifest'));
      for (const f of mine) {
        expect(seen.has(f), `${f} built by two shards`).toBe(false);
        seen.add(f);
      }
      cpSync(dir, merged, { recursive: true });
      manifests.push(path.join(merged, `manifest-shard-${i}-of-3.json`));
    }
    expect((await cli(['merge-manifests', '--out', merged, ...manifests])).code).toBe(0);
    for (const m of manifests) rmSync(m);
    expect(bytesOf(merged)).toEqual(bytesOf(full));
    expect((await cli(['build', '--out', tempDir(), '--shard', '4/3'])).err).toMatch(
      /--shard: shard 4\/3 is out of range/,
    );
  }, 90_000);
  it('merge-manifests refuses shards built from different inputs', async () => {
    const a = tempDir();
    const b = tempDir();
    await cli(['build', '--out', a, '--shard', '1/2']);
    await cli([
      'build',
      '--out',
      b,
      '--shard',
      '2/2',
      '--data',
      dataWith([['"value": 867000', '"value": 868000']]),
    ]);
    mkdirSync(path.join(a, 'x'));
    const r = await cli([
      'merge-manifests',
      '--out',
      path.join(a, 'x'),
      path.join(a, 'manifest-shard-1-of-2.json'),
      path.join(b, 'manifest-shard-2-of-2.json'),
    ]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/was built from other inputs/);
  }, 60_000);
});

describe('the no-op fast path', () => {
  it('returns at once when nothing changed, and never when something did', async () => {
    const out = tempDir();
    expect((await cli(['build', '--out', out])).code).toBe(0);
    const cache = JSON.parse(readFileSync(path.join(out, '.bulletin-cache.json'), 'utf8'));
    expect(cache.key).toMatch(/^[0-9a-f]{64}$/);
    // Another option that changes output is another key: the full build decides.
    const narrowed = JSON.parse(
      (await cli(['build', '--out', out, '--only', 'pdf', '--paper', 'a4', '--json'])).out,
    );
    expect(narrowed.rebuilt).toEqual(['bulletin.pdf']);
    // An edited output file is noticed even when the key matches.
    await cli(['build', '--out', out]);
    writeFileSync(path.join(out, 'charts', 'oil-releases.svg'), '<svg/>');
    const repaired = JSON.parse((await cli(['build', '--out', out, '--json'])).out);
    expect(repaired.rebuilt).toEqual(['charts/oil-releases.svg']);
    const again = JSON.parse((await cli(['build', '--out', out, '--json'])).out);
    expect(again.rebuilt).toEqual([]);
    expect(again.warnings.length).toBeGreaterThan(0);
  }, 90_000);
});
