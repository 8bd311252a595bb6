/**
 * The command as a user installs it (issue 30): the packed tarball, unpacked into an empty
 * folder whose node_modules holds the production dependencies only, run as `bulletin` from
 * PATH. A package a shipped command imports but package.json keeps in devDependencies fails
 * here (pngjs did: `bulletin diff` crashed for every user while the in-process tests passed).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from './helpers.js';

const ROOT = process.cwd();
const VERSION = JSON.parse(readFileSync('package.json', 'utf8')).version as string;

let bin: string;
let work: string;

/** The top-level folders of node_modules/ that `npm ls --omit=dev` says production needs. */
function productionPackages(): string[] {
  const out = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  const top = path.join(ROOT, 'node_modules') + path.sep;
  const names = out
    .split('\n')
    .filter((p) => p.startsWith(top))
    .map((p) => p.slice(top.length).split(path.sep))
    .map((parts) => (parts[0]!.startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1)))
    .map((parts) => parts.join('/'));
  return [...new Set(names)];
}

beforeAll(() => {
  const dir = tempDir('bulletin-installed-');
  // dist/ is fresh: `npm test` compiles before vitest; --ignore-scripts skips compiling again.
  const tgz = execFileSync(
    'npm',
    ['pack', '--ignore-scripts', '--silent', '--pack-destination', dir],
    { encoding: 'utf8' },
  )
    .trim()
    .split('\n')
    .pop()!;
  execFileSync('tar', ['xzf', path.join(dir, tgz), '-C', dir]);
  const pkg = path.join(dir, 'package');
  const modules = path.join(pkg, 'node_modules');
  for (const name of productionPackages()) {
    mkdirSync(path.dirname(path.join(modules, name)), { recursive: true });
    symlinkSync(path.join(ROOT, 'node_modules', name), path.join(modules, name));
  }
  const binDir = path.join(dir, 'bin');
  mkdirSync(binDir);
  bin = path.join(binDir, 'bulletin');
  symlinkSync(path.join(pkg, 'dist/cli/bin.js'), bin);
  work = path.join(dir, 'work');
  mkdirSync(work);
}, 120_000);

function bulletin(args: string[], cwd = work) {
  const r = spawnSync(bin, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, PATH: `${path.dirname(bin)}${path.delimiter}${process.env.PATH}` },
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('the installed command', () => {
  it('answers --version and --help', () => {
    expect(bulletin(['--version'])).toMatchObject({ code: 0, out: `${VERSION}\n` });
    const help = bulletin(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['build', 'preview', 'init', 'validate', 'verify', 'diff', 'schema'])
      expect(help.out).toContain(`bulletin ${command}`);
  });

  it('runs every command on a project made by init, each with --debug', () => {
    const project = path.join(work, 'proj');
    expect(bulletin(['init', 'proj', '--debug']).code).toBe(0);
    const build = bulletin(['build', '--debug'], project);
    expect(build.code, build.err).toBe(0);
    expect(existsSync(path.join(project, 'output/bulletin.pdf'))).toBe(true);
    expect(bulletin(['validate', '--debug'], project).code).toBe(0);
    const verify = bulletin(['verify', '--debug'], project);
    expect(verify.code, verify.out + verify.err).toBe(0);
    const schema = bulletin(['schema', '--debug'], project);
    expect(schema.code).toBe(0);
    expect(JSON.parse(schema.out)).toHaveProperty('$schema');

    // A second build into another folder, with one figure changed: what the scheduled
    // workflow's second run does.
    const data = path.join(project, 'data/bulletin.json');
    const before = readFileSync(data, 'utf8');
    const changed = before.replace(/"amount": (\d+)/, (_m, n: string) => `"amount": ${+n + 1}`);
    expect(changed).not.toBe(before);
    writeFileSync(data, changed);
    const second = bulletin(['build', '--out', 'next'], project);
    expect(second.code, second.err).toBe(0);

    const same = bulletin(['diff', 'output', 'output', '--debug'], project);
    expect(same.code, same.err).toBe(0);
    const diff = bulletin(['diff', 'output', 'next', '--report', 'report', '--debug'], project);
    expect(diff.err).not.toContain('internal error');
    expect(diff.code, diff.err).toBe(3);
    expect(diff.out).toMatch(/changed/i);
    expect(existsSync(path.join(project, 'report/index.html'))).toBe(true);
  });

  it('builds the print edition from the packed profile and colour engine', () => {
    const project = path.join(work, 'print');
    expect(bulletin(['init', 'print']).code).toBe(0);
    const r = bulletin(['build', '--edition', 'print', '--only', 'pdf'], project);
    expect(r.code, r.err).toBe(0);
    const pdf = path.join(project, 'output/bulletin-print.pdf');
    // The same mechanical PDF/X-4 checks as tests/print-edition.test.ts (Debian's pikepdf).
    const report = JSON.parse(
      execFileSync('/usr/bin/python3', ['tests/pdf/pdfx.py', pdf], { encoding: 'utf8' }),
    ) as { problems: string[] };
    expect(report.problems).toEqual([]);
  });

  it('builds shards and merges their manifests', () => {
    const project = path.join(work, 'shards');
    expect(bulletin(['init', 'shards']).code).toBe(0);
    for (const shard of ['1/2', '2/2']) {
      const r = bulletin(['build', '--shard', shard, '--out', 'output'], project);
      expect(r.code, r.err).toBe(0);
    }
    const merged = bulletin(
      [
        'merge-manifests',
        'output/manifest-shard-1-of-2.json',
        'output/manifest-shard-2-of-2.json',
        '--debug',
      ],
      project,
    );
    expect(merged.code, merged.err).toBe(0);
    expect(existsSync(path.join(project, 'output/manifest.json'))).toBe(true);
  });

  it('watches: builds, rebuilds on a save, and exits 130 on Ctrl-C', async () => {
    const project = path.join(work, 'watching');
    expect(bulletin(['init', 'watching']).code).toBe(0);
    const child = spawn(bin, ['watch', '--debug'], {
      cwd: project,
      env: { ...process.env, PATH: `${path.dirname(bin)}${path.delimiter}${process.env.PATH}` },
    });
    let out = '';
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
    });
    child.stderr.on('data', (b: Buffer) => {
      out += b.toString();
    });
    const until = async (test: () => boolean, what: string) => {
      for (let t = 0; t < 600 && !test(); t++) await new Promise((r) => setTimeout(r, 100));
      expect(test(), `${what}; the watch printed: ${out}`).toBe(true);
    };
    const builds = () => (out.match(/^\[\d\d:\d\d:\d\d\] /gm) ?? []).length;
    await until(() => builds() >= 1, 'the first build');
    const data = path.join(project, 'data/bulletin.json');
    writeFileSync(data, readFileSync(data, 'utf8').replace(/"amount": (\d+)/, '"amount": 1$1'));
    await until(() => /rebuilt/.test(out.split('\n').slice(1).join('\n')), 'a rebuild');
    const code = new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    child.kill('SIGINT');
    expect(await code).toBe(130);
  }, 120_000);

  it('renders previews', () => {
    const project = path.join(work, 'preview');
    expect(bulletin(['init', 'preview']).code).toBe(0);
    const r = bulletin(['preview', '--only', 'pdf'], project);
    expect(r.code, r.err).toBe(0);
    expect(existsSync(path.join(project, 'output/preview/index.html'))).toBe(true);
  });
});
