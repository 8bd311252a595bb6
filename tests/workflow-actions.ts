/**
 * The actions the bulletin workflow uses, emulated for the local runner with the inputs
 * their pinned versions declare (an input they do not declare is an error here, to catch a
 * misspelt `run-id`). checkout fetches from a real git repository at the depth asked for;
 * setup-node puts that Node major first on PATH; artifacts go to the local GitHub.
 */
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  realpathSync,
  statSync,
  symlinkSync,
  utimesSync,
} from 'node:fs';
import path from 'node:path';
import type { LocalGitHub } from './workflow-github.js';
import { nodeBinary } from './node-binary.js';

export interface ActionContext {
  dir: string;
  runId: number;
  now: Date;
  github: LocalGitHub;
  repo: string;
  ref: string;
  /** What .ci/setup-build would install, already built: dist/ and node_modules/. */
  prepared: { dist: string; nodeModules: string };
  /** Folders to put first on PATH for the steps after this one. */
  path: string[];
  notes: string[];
}

const INPUTS: Record<string, string[]> = {
  'actions/checkout': ['fetch-depth', 'persist-credentials', 'ref'],
  'actions/setup-node': ['node-version', 'cache'],
  'actions/upload-artifact': [
    'name',
    'path',
    'if-no-files-found',
    'retention-days',
    'overwrite',
    'include-hidden-files',
  ],
  'actions/download-artifact': [
    'name',
    'pattern',
    'path',
    'merge-multiple',
    'run-id',
    'github-token',
  ],
};

export function runAction(uses: string, w: Record<string, string>, c: ActionContext): void {
  const action = uses.replace(/@.*$/, '');
  const known = INPUTS[action];
  if (!known) throw new Error(`workflow runner: no emulation for ${uses}; use a run: step`);
  for (const k of Object.keys(w))
    if (!known.includes(k)) throw new Error(`${action}: input ${k} is not emulated`);
  if (action === 'actions/checkout') checkout(w, c);
  else if (action === 'actions/setup-node') setupNode(w, c);
  else if (action === 'actions/upload-artifact') upload(w, c);
  else download(w, c);
}

const git = (dir: string, ...args: string[]) =>
  execFileSync('git', args, { cwd: dir, stdio: 'pipe', encoding: 'utf8' });

/**
 * As actions/checkout does it: init, fetch the ref at fetch-depth (default 1, 0 = all), check
 * it out. Then what setup-node's npm cache and .ci/setup-build would leave, from this
 * machine: compiled dist/ (newer than src/, so it is not rebuilt) and node_modules/.
 */
function checkout(w: Record<string, string>, c: ActionContext): void {
  const depth = Number(w['fetch-depth'] ?? 1);
  mkdirSync(c.dir, { recursive: true });
  git(c.dir, 'init', '-q');
  const deep = depth > 0 ? [`--depth=${depth}`] : [];
  git(c.dir, 'fetch', '-q', ...deep, `file://${path.resolve(c.repo)}`, w.ref ?? c.ref);
  git(c.dir, 'checkout', '-q', '--detach', 'FETCH_HEAD');
  cpSync(c.prepared.dist, path.join(c.dir, 'dist'), { recursive: true });
  linkPackages(realpathSync(c.prepared.nodeModules), path.join(c.dir, 'node_modules'));
  // Installed after the checkout, so setup-build sees node_modules current with the lock.
  utimesSync(path.join(c.dir, 'package-lock.json'), new Date(0), new Date(0));
}

/**
 * node_modules as links to the installed packages, but with its own .bin/: `bulletin` there
 * is a relative link to ../../dist/cli/bin.js, which must reach this job's dist/.
 */
function linkPackages(from: string, to: string): void {
  mkdirSync(to);
  for (const name of readdirSync(from)) {
    if (name === '.bin') execFileSync('cp', ['-a', path.join(from, name), path.join(to, name)]);
    // Not tools' caches (.vite, .cache): npm ci makes none, and npm takes them for packages.
    else if (!name.startsWith('.')) symlinkSync(path.join(from, name), path.join(to, name));
  }
  // Written last, as npm ci does: npm takes a hidden lockfile older than the folders beside it
  // as stale, and `npx bulletin` then reinstalls the project itself (a full `prepare`).
  cpSync(path.join(from, '.package-lock.json'), path.join(to, '.package-lock.json'));
}

function setupNode(w: Record<string, string>, c: ActionContext): void {
  const major = String(w['node-version'] ?? '');
  const bin = nodeBinary(major);
  if (bin) c.path.unshift(path.dirname(bin));
  else c.notes.push(`node ${major} could not be fetched; ran on ${process.version}`);
}

/** Files of an upload, and the least common ancestor folder they are stored relative to. */
function uploadFiles(dir: string, spec: string, hidden: boolean) {
  const lines = spec
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const files: string[] = [];
  const visible = (rel: string) => hidden || !rel.split(/[\\/]/).some((p) => p.startsWith('.'));
  for (const l of lines) {
    const full = path.join(dir, l);
    if (l.includes('*')) {
      // Only `*` in the last part of a path, which is all the workflow uses.
      const folder = path.dirname(full);
      const glob = path.basename(l).replace(/[.+?^${}()|[\]\\]/g, '\\$&');
      const re = new RegExp(`^${glob.replace(/\*/g, '.*')}$`);
      if (existsSync(folder))
        for (const n of readdirSync(folder)) if (re.test(n)) files.push(path.join(folder, n));
    } else if (existsSync(full) && statSync(full).isDirectory()) {
      for (const n of readdirSync(full, { recursive: true }).map(String))
        if (visible(n) && statSync(path.join(full, n)).isFile()) files.push(path.join(full, n));
    } else if (existsSync(full)) files.push(full);
  }
  const dirs = lines
    .map((l) => path.join(dir, l.includes('*') ? path.dirname(l) : l))
    .map((p) => (existsSync(p) && statSync(p).isDirectory() ? p : path.dirname(p)));
  let root = dirs[0] ?? dir;
  while (!dirs.every((d) => d === root || d.startsWith(root + path.sep))) root = path.dirname(root);
  return { root, files: files.filter((f) => visible(path.relative(root, f))) };
}

function upload(w: Record<string, string>, c: ActionContext): void {
  const name = w.name ?? 'artifact';
  const found = uploadFiles(c.dir, w.path ?? '', w['include-hidden-files'] === 'true');
  if (!found.files.length) {
    if (w['if-no-files-found'] === 'error') throw new Error(`artifact ${name}: no files found`);
    c.notes.push(`artifact ${name}: no files found, nothing uploaded`);
    return;
  }
  c.github.upload(c.runId, name, found, {
    retentionDays: Number(w['retention-days'] ?? 0),
    overwrite: w.overwrite === 'true',
    now: c.now,
  });
}

/**
 * download-artifact: from this run, or with `run-id` (which needs `github-token`) from
 * another. One `name` lands in `path` itself; a pattern gives one folder per artifact
 * unless merge-multiple.
 */
function download(w: Record<string, string>, c: ActionContext): void {
  const into = path.join(c.dir, w.path ?? '.');
  const other = w['run-id'];
  if (other && !w['github-token']) throw new Error('download-artifact: run-id needs github-token');
  const run = other ? Number(other) : c.runId;
  if (w.name) {
    cpSync(c.github.download(run, w.name, c.now), into, { recursive: true });
    return;
  }
  const re = new RegExp(
    `^${(w.pattern ?? '*').replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`,
  );
  for (const name of c.github.artifactNames(run).filter((n) => re.test(n))) {
    const to = w['merge-multiple'] === 'true' ? into : path.join(into, name);
    cpSync(c.github.download(run, name, c.now), to, { recursive: true });
  }
}
