/**
 * The package on the Node versions it supports (20, 22 and 24): the built CLI, the file a
 * user's `bulletin` command runs, under Node 22 and 24 binaries from the npm registry's
 * `node` package (.ci/setup-test fetches them), beside this machine's Node. Each prints the
 * version, and builds an `init` project into the same bytes as this Node does, which
 * `bulletin diff` run on that Node confirms. On each, the V8 tier-up flags the launcher sets
 * are ones that V8 knows and obeys, and on 22 and 24 the compiled-code cache is written, used
 * by the next build, and changes no byte, and a cache folder that cannot be written is no
 * error. A version whose binary cannot be fetched is skipped with the reason; nothing else is.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir, unwritableFolders } from './helpers.js';
import { nodeBinary } from './node-binary.js';

const CLI = path.resolve('dist/cli/bin.js');
const WARM_START = path.resolve('dist/cli/warm-start.js');
const VERSION = JSON.parse(readFileSync('package.json', 'utf8')).version as string;
const EPOCH = '1751241600';

let project: string;
let here: string;

/** The CLI on a Node binary, in the project; exit code and all it printed. */
function bulletin(node: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(node, [CLI, ...args], {
    cwd: project,
    encoding: 'utf8',
    env: { ...process.env, SOURCE_DATE_EPOCH: EPOCH, ...env },
    timeout: 240_000,
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

const files = (dir: string) =>
  readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.includes('.'))
    .sort();

/** Every file of `out` has the bytes of the same file built on this machine's Node. */
function expectSameBytes(out: string) {
  expect(files(out)).toEqual(files(here));
  for (const f of files(out))
    expect(readFileSync(path.join(out, f)).equals(readFileSync(path.join(here, f))), f).toBe(true);
}

/**
 * How many functions V8 optimises when 200 small functions with a loop of `spins` are called
 * 300 times each (code that runs a few hundred times, as much of a build's does), with and
 * without the launcher's flags for this V8 (set as launch.ts sets them, after start-up), and
 * what V8 printed besides (an unknown flag prints "unrecognized flag").
 */
function optimisedWithFlags(node: string, spins: number) {
  const script = `
    const { setFlagsFromString } = await import('node:v8');
    const { tierUpFlags } = await import(${JSON.stringify(WARM_START)});
    if (process.argv[1] === 'flags')
      for (const flag of tierUpFlags(process.versions.v8)) setFlagsFromString(flag);
    const fns = [];
    const body = (i) => 'let s = 0; for (let j = 0; j < a; j++) s += j * ' + i + '; return s;';
    for (let i = 0; i < 200; i++) fns.push(new Function('a', body(i)));
    let t = 0;
    for (let k = 0; k < 300; k++) for (const f of fns) t += f(${spins});`;
  const count = (mode: string) => {
    const r = spawnSync(node, ['--trace-opt', '--input-type=module', '-e', script, mode], {
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    return r.stdout.split('\n').filter((l) => /completed (optimizing|compiling)/.test(l)).length;
  };
  return { without: count('none'), with: count('flags') };
}

beforeAll(() => {
  project = path.join(tempDir('bulletin-nodes-'), 'project');
  execFileSync(process.execPath, [CLI, 'init', project], { stdio: 'pipe' });
  here = path.join(project, `out-${process.versions.node.split('.')[0]}`);
  // The reference build: no compiled-code cache, whichever Node runs the tests.
  const r = bulletin(process.execPath, ['build', '--out', here, '--quiet'], {
    NODE_DISABLE_COMPILE_CACHE: '1',
  });
  expect(r.code, r.out).toBe(0);
}, 240_000);

describe.each(['20', '22', '24'])('the built CLI on Node %s', (major) => {
  let node: string | null = null;
  beforeAll(() => {
    node = process.versions.node.split('.')[0] === major ? process.execPath : nodeBinary(major);
  }, 300_000);

  it(`Node ${major}: the launcher's tier-up flags are known to its V8 and obeyed`, (ctx) => {
    if (!node)
      ctx.skip(`Node ${major} could not be fetched (npx -p node@${major}); run .ci/setup-test`);
    // Which tier takes such code first, and when, differs by version (Maglev on 24 only, and
    // its thresholds scale with the work done per call), so two loop lengths: on each
    // version the flags cut the functions optimised tenfold in one, and add none in either.
    const seen = [10, 50].map((spins) => optimisedWithFlags(node!, spins));
    for (const { with: flagged, without } of seen) expect(flagged).toBeLessThanOrEqual(without);
    expect(
      seen.filter((s) => s.without > 50 && s.with < s.without / 10),
      JSON.stringify(seen),
    ).not.toEqual([]);
  }, 60_000);

  it(`Node ${major}: --version, and an init project built byte for byte as here`, (ctx) => {
    if (!node)
      ctx.skip(`Node ${major} could not be fetched (npx -p node@${major}); run .ci/setup-test`);
    expect(execFileSync(node!, ['--version'], { encoding: 'utf8' })).toMatch(
      new RegExp(`^v${major}\\.`),
    );
    const version = bulletin(node!, ['--version']);
    expect(version).toEqual({ code: 0, out: `${VERSION}\n` });
    const out = path.join(project, `out-${major}`);
    const build = bulletin(node!, ['build', '--out', out, '--quiet']);
    expect(build.code, build.out).toBe(0);
    expect(files(out)).toEqual(
      expect.arrayContaining(['bulletin.pdf', 'bulletin.html', 'manifest.json']),
    );
    expectSameBytes(out);
    const diff = bulletin(node!, ['diff', here, out]);
    expect(diff.out).toContain('Nothing changed');
    expect(diff.code).toBe(0);
  }, 300_000);
});

describe.each(['22', '24'])('the compiled-code cache on Node %s', (major) => {
  let node: string | null = null;
  beforeAll(() => {
    node = process.versions.node.split('.')[0] === major ? process.execPath : nodeBinary(major);
  }, 300_000);

  it(`Node ${major}: written by one build, used by the next, the same bytes`, (ctx) => {
    if (!node)
      ctx.skip(`Node ${major} could not be fetched (npx -p node@${major}); run .ci/setup-test`);
    const cache = tempDir('bulletin-cache-');
    // Node's own report of each module's cache, and the pipeline script's, on stderr.
    const env = {
      XDG_CACHE_HOME: cache,
      NODE_DEBUG_NATIVE: 'COMPILE_CACHE',
      NODE_DEBUG: 'bulletin-cache',
    };
    const first = path.join(project, `cache-first-${major}`);
    const second = path.join(project, `cache-second-${major}`);
    const cold = bulletin(node!, ['build', '--force', '--out', first, '--quiet'], env);
    expect(cold.code, cold.out).toBe(0);
    // One folder per package version and Node version, never inside the package.
    const dir = path.join(
      cache,
      'bulletin',
      `compile-${VERSION}-node-${execFileSync(node!, ['--version'], { encoding: 'utf8' }).trim()}`,
    );
    expect(readdirSync(dir, { recursive: true }).length).toBeGreaterThan(20);
    expect(cold.out).not.toMatch(/chunks\/main-[^ ]+ was accepted/);
    expect(cold.out).toMatch(/pipeline script: no cache/);
    const warm = bulletin(node!, ['build', '--force', '--out', second, '--quiet'], env);
    expect(warm.code, warm.out).toBe(0);
    // The command's modules from Node's cache; the pipeline and the CommonJS packages it loads
    // from the pipeline script's (src/cli/pipeline-script.ts), in the same folder.
    expect(warm.out).toMatch(/chunks\/main-[^ ]+ was accepted/);
    expect(warm.out).toMatch(/pipeline script: cache used/);
    expect(warm.out).toMatch(/packages: (\d+) of \1 files from the cache/);
    expect(readdirSync(dir).filter((f) => f.endsWith('.v8cache')).length).toBe(2);
    expectSameBytes(first);
    expectSameBytes(second);
  }, 300_000);

  it(`Node ${major}: a cache folder that cannot be made or written is no error`, (ctx) => {
    if (!node)
      ctx.skip(`Node ${major} could not be fetched (npx -p node@${major}); run .ci/setup-test`);
    const { folders } = unwritableFolders();
    for (const [i, cache] of folders.entries()) {
      const out = path.join(project, `cache-ro-${major}-${i}`);
      const r = bulletin(node!, ['build', '--out', out, '--quiet'], { XDG_CACHE_HOME: cache });
      expect(r, cache).toEqual({ code: 0, out: '' });
      expectSameBytes(out);
    }
  }, 300_000);
});
