/**
 * The built CLI's code cache for the pipeline script and the packages (src/cli/pipeline-script.ts,
 * issue 33), on this machine's Node: written by the first build, used by the next, never a
 * byte of output changed, and a cache file that is damaged, cut short, made for another script
 * or by another V8 configuration is no cache (never a crash, never other output), then
 * replaced. NODE_DEBUG=bulletin-cache makes the CLI say what it used and wrote.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir, unwritableFolders } from './helpers.js';

const CLI = path.resolve('dist/cli/bin.js');
const VERSION = JSON.parse(readFileSync('package.json', 'utf8')).version as string;
let project: string;
let reference: string;
/** A cache folder filled by one build, copied for each case. */
let primed: string;

function build(cache: string, out: string, env: Record<string, string> = {}, node: string[] = []) {
  const r = spawnSync(process.execPath, [...node, CLI, 'build', '--out', out, '--quiet'], {
    cwd: project,
    encoding: 'utf8',
    env: {
      ...process.env,
      SOURCE_DATE_EPOCH: '1751241600',
      XDG_CACHE_HOME: cache,
      NODE_DEBUG: 'bulletin-cache',
      ...env,
    },
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const files = (dir: string) =>
  readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.includes('.') && f !== 'manifest.json' && f !== '.bulletin-cache.json')
    .sort();

/** Every artifact is byte for byte the reference build's (made without any code cache). */
function expectSameBytes(out: string) {
  expect(files(out)).toEqual(files(reference));
  for (const f of files(out))
    expect(readFileSync(path.join(out, f)).equals(readFileSync(path.join(reference, f))), f).toBe(
      true,
    );
}

/** The folder of cache files, the pipeline script's and the packages'. */
function cacheFiles(cache: string) {
  const [dir] = readdirSync(path.join(cache, 'bulletin')).map((d) =>
    path.join(cache, 'bulletin', d),
  );
  const names = readdirSync(dir as string).filter((f) => f.endsWith('.v8cache'));
  const pick = (prefix: string) =>
    path.join(dir as string, names.find((n) => n.startsWith(prefix))!);
  return { script: pick('pipeline-'), packages: pick('packages-') };
}

const debugLines = (err: string) => err.split('\n').filter((l) => l.startsWith('BULLETIN-CACHE'));

beforeAll(() => {
  project = path.join(tempDir('bulletin-code-cache-'), 'project');
  const init = spawnSync(process.execPath, [CLI, 'init', project], { encoding: 'utf8' });
  expect(init.status, init.stderr).toBe(0);
  reference = path.join(project, 'reference');
  const r = build(tempDir(), reference, { NODE_DISABLE_COMPILE_CACHE: '1' });
  expect(r.code, r.err).toBe(0);
  expect(debugLines(r.err)).toEqual([]);
  primed = tempDir('bulletin-primed-');
  const first = build(primed, path.join(project, 'primed'));
  expect(first.code, first.err).toBe(0);
}, 240_000);

describe('the code cache of the built CLI', () => {
  it('is written by the first build and used by the next, with the same bytes out', () => {
    const cache = tempDir('bulletin-cache-');
    // An older script's cache (a developer compiles again): replaced, not kept beside.
    const folder = path.join(cache, 'bulletin', `compile-${VERSION}-node-${process.version}`);
    mkdirSync(folder, { recursive: true });
    const older = ['pipeline', 'packages'].map((k) =>
      path.join(folder, `${k}-0123456789abcdef.v8cache`),
    );
    for (const f of older) writeFileSync(f, 'an older cache');
    const cold = build(cache, path.join(project, 'cold'));
    expect(cold.code, cold.err).toBe(0);
    const said = debugLines(cold.err).join('\n');
    expect(said).toMatch(/pipeline script: no cache/);
    expect(said).toMatch(/wrote pipeline-[0-9a-f]{16}\.v8cache/);
    expect(said).toMatch(/packages: 0 of [1-9]\d* files from the cache/);
    expect(said).toMatch(/wrote packages-[0-9a-f]{16}\.v8cache/);
    for (const f of older) expect(existsSync(f), f).toBe(false);
    expect(readdirSync(folder).sort()).toEqual([
      path.basename(cacheFiles(cache).packages),
      path.basename(cacheFiles(cache).script),
    ]);
    const warm = build(cache, path.join(project, 'warm'));
    expect(warm.code, warm.err).toBe(0);
    const again = debugLines(warm.err).join('\n');
    expect(again).toMatch(/pipeline script: cache used/);
    const [, used, all] = /packages: (\d+) of (\d+) files/.exec(again) ?? [];
    expect(Number(used)).toBe(Number(all));
    // Files that are mostly data (brotli's dictionary) are left to Node, not cached.
    expect(Number(/\((\d+) more left to Node: mostly data\)/.exec(again)?.[1])).toBeGreaterThan(0);
    // Nothing new to keep: a warm build writes no cache.
    expect(again).not.toMatch(/wrote/);
    expectSameBytes(path.join(project, 'cold'));
    expectSameBytes(path.join(project, 'warm'));
    // A rebuild with nothing to do never loads the pipeline, so neither script nor cache.
    const noop = build(cache, path.join(project, 'warm'));
    expect(noop.code, noop.err).toBe(0);
    expect(debugLines(noop.err)).toEqual([]);
  }, 120_000);

  const corrupt: [string, (file: string) => void][] = [
    ['garbage', (f) => writeFileSync(f, 'not a cache at all\n'.repeat(100))],
    ['empty', (f) => writeFileSync(f, '')],
    ['cut short', (f) => writeFileSync(f, readFileSync(f).subarray(0, 50_000))],
    [
      'damaged (one byte of the V8 data flipped)',
      (f) => {
        const bytes = readFileSync(f);
        const at = bytes.length - 1000;
        bytes[at] = (bytes[at] as number) ^ 0x55;
        writeFileSync(f, bytes);
      },
    ],
    [
      'sealed for another script',
      (f) => {
        const bytes = readFileSync(f);
        // The script's hash follows the 20-byte magic line.
        bytes.write('0123456789abcdef', 20, 'latin1');
        writeFileSync(f, bytes);
      },
    ],
  ];
  it.each(corrupt)(
    'a %s cache file is no cache, and is replaced',
    (_, spoil) => {
      const cache = tempDir('bulletin-spoilt-');
      cpSync(primed, cache, { recursive: true });
      const { script, packages } = cacheFiles(cache);
      spoil(script);
      spoil(packages);
      const out = path.join(project, `spoilt-${_.split(' ')[0]}`);
      const r = build(cache, out);
      expect(r.code, r.err).toBe(0);
      const said = debugLines(r.err).join('\n');
      expect(said).toMatch(/pipeline script: no cache/);
      expect(said).toMatch(/packages: 0 of /);
      expectSameBytes(out);
      const next = build(cache, `${out}-after`);
      expect(next.code, next.err).toBe(0);
      expect(debugLines(next.err).join('\n')).toMatch(/pipeline script: cache used/);
    },
    120_000,
  );

  it('a cache V8 made under other flags is rejected by V8 and replaced', () => {
    const cache = tempDir('bulletin-flags-');
    cpSync(primed, cache, { recursive: true });
    const out = path.join(project, 'other-flags');
    // A flag given to node changes V8's flag hash, which its cache check includes.
    const r = build(cache, out, {}, ['--stack-size=2000']);
    expect(r.code, r.err).toBe(0);
    const said = debugLines(r.err).join('\n');
    expect(said).toMatch(/pipeline script: cache rejected by V8/);
    expect(said).toMatch(/wrote pipeline-/);
    expectSameBytes(out);
  }, 120_000);

  it('a cache folder that cannot be written is no error and no message', () => {
    const { root, folders } = unwritableFolders();
    for (const [i, cache] of folders.entries()) {
      const out = path.join(project, `read-only-${i}`);
      const r = build(cache, out, { NODE_DEBUG: '' });
      // Root may write into a 0555 folder; a file in the way stops anyone.
      expect({ code: r.code, out: r.out, err: r.err }).toEqual({ code: 0, out: '', err: '' });
      expectSameBytes(out);
    }
    rmSync(root, { recursive: true, force: true });
  }, 120_000);
});
