/**
 * The package on the Node versions it supports (20, 22 and 24): the built CLI, the file a
 * user's `bulletin` command runs, under Node 22 and 24 binaries from the npm registry's
 * `node` package (.ci/setup-test fetches them), beside this machine's Node. Each prints the
 * version, and builds an `init` project into the same bytes as this Node does, which
 * `bulletin diff` run on that Node confirms. A version whose binary cannot be fetched is
 * skipped with the reason; nothing else is.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';
import { nodeBinary } from './node-binary.js';

const CLI = path.resolve('dist/cli/bin.js');
const VERSION = JSON.parse(readFileSync('package.json', 'utf8')).version as string;
const EPOCH = '1751241600';

let project: string;
let here: string;

/** The CLI on a Node binary, in the project; exit code and all it printed. */
function bulletin(node: string, args: string[]) {
  const r = spawnSync(node, [CLI, ...args], {
    cwd: project,
    encoding: 'utf8',
    env: { ...process.env, SOURCE_DATE_EPOCH: EPOCH },
    timeout: 240_000,
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

const files = (dir: string) =>
  readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.includes('.'))
    .sort();

beforeAll(() => {
  project = path.join(tempDir('bulletin-nodes-'), 'project');
  execFileSync(process.execPath, [CLI, 'init', project], { stdio: 'pipe' });
  here = path.join(project, `out-${process.versions.node.split('.')[0]}`);
  const r = bulletin(process.execPath, ['build', '--out', here, '--quiet']);
  expect(r.code, r.out).toBe(0);
}, 240_000);

describe.each(['22', '24'])('the built CLI on Node %s', (major) => {
  let node: string | null = null;
  beforeAll(() => {
    node = nodeBinary(major);
  }, 300_000);

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
    expect(files(out)).toEqual(files(here));
    expect(files(out)).toEqual(
      expect.arrayContaining(['bulletin.pdf', 'bulletin.html', 'manifest.json']),
    );
    for (const f of files(out))
      expect(readFileSync(path.join(out, f)).equals(readFileSync(path.join(here, f))), f).toBe(
        true,
      );
    const diff = bulletin(node!, ['diff', here, out]);
    expect(diff.out).toContain('Nothing changed');
    expect(diff.code).toBe(0);
  }, 300_000);
});
