/**
 * A small local runner for .github/workflows/bulletin.yml: each job's steps in order, in a
 * fresh copy of the repository, with the matrix expanded and artifacts and caches handed
 * between jobs the way the workflow declares them. `run:` steps run for real in bash; the
 * few actions the workflow uses are emulated; any other action or expression fails, so the
 * workflow cannot drift away from what this runner checks.
 */
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string | number | boolean>;
  env?: Record<string, string>;
}
interface Job {
  needs?: string | string[];
  strategy?: { matrix?: Record<string, unknown[]> };
  steps: Step[];
}
export interface Workflow {
  jobs: Record<string, Job>;
}

export const readWorkflow = (file: string): Workflow =>
  parse(readFileSync(file, 'utf8')) as Workflow;

/** Jobs in an order that respects `needs`. */
export function jobOrder(w: Workflow): string[] {
  const done: string[] = [];
  const visit = (id: string) => {
    if (done.includes(id)) return;
    const needs = w.jobs[id]?.needs ?? [];
    for (const n of Array.isArray(needs) ? needs : [needs]) visit(n);
    done.push(id);
  };
  for (const id of Object.keys(w.jobs)) visit(id);
  return done;
}

/** Every combination of a job's matrix (one empty combination without a matrix). */
export function expandMatrix(job: Job): Record<string, unknown>[] {
  let combos: Record<string, unknown>[] = [{}];
  for (const [k, values] of Object.entries(job.strategy?.matrix ?? {}))
    combos = combos.flatMap((c) => values.map((v) => ({ ...c, [k]: v })));
  return combos;
}

function expand(text: string, ctx: Record<string, unknown>): string {
  return text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expr: string) => {
    if (!(expr in ctx)) throw new Error(`workflow runner: unsupported expression \${{ ${expr} }}`);
    return String(ctx[expr]);
  });
}

/** Files of an upload: paths and globs (only `*` in the last part), relative to the job dir. */
function uploadFiles(dir: string, spec: string): { root: string; files: string[] } {
  const lines = spec
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const files: string[] = [];
  for (const l of lines) {
    const full = path.join(dir, l);
    if (l.includes('*')) {
      const folder = path.dirname(full);
      const re = new RegExp(
        `^${path
          .basename(l)
          .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
          .replace(/\*/g, '.*')}$`,
      );
      if (existsSync(folder))
        for (const n of readdirSync(folder)) if (re.test(n)) files.push(path.join(folder, n));
    } else if (existsSync(full) && statSync(full).isDirectory()) {
      for (const n of readdirSync(full, { recursive: true }).map(String))
        if (statSync(path.join(full, n)).isFile()) files.push(path.join(full, n));
    } else if (existsSync(full)) files.push(full);
  }
  // upload-artifact stores paths relative to the least common ancestor of what it uploads.
  const dirs = lines
    .map((l) => path.join(dir, l.includes('*') ? path.dirname(l) : l))
    .map((p) => (existsSync(p) && statSync(p).isDirectory() ? p : path.dirname(p)));
  let root = dirs[0] ?? dir;
  while (!dirs.every((d) => d === root || d.startsWith(root + path.sep))) root = path.dirname(root);
  return { root, files };
}

/** node_modules for a job: hard links where the file system allows (fast), else a copy. */
function copyPackages(from: string, to: string): void {
  try {
    execFileSync('cp', ['-al', from, to], { stdio: 'pipe' });
  } catch {
    rmSync(to, { recursive: true, force: true });
    execFileSync('cp', ['-a', from, to], { stdio: 'pipe' });
  }
}

/**
 * Makes the job folder a git checkout whose one commit carries the repository's HEAD time,
 * so steps that ask git (the build clock) see what they would see in a real checkout, and
 * uncommitted work in a developer's tree is still what runs.
 */
function gitCheckout(repo: string, dir: string): void {
  const time = execFileSync('git', ['log', '-1', '--format=%cI'], {
    cwd: repo,
    encoding: 'utf8',
  }).trim();
  const env = {
    ...process.env,
    GIT_AUTHOR_DATE: time,
    GIT_COMMITTER_DATE: time,
    GIT_AUTHOR_NAME: 'ci',
    GIT_AUTHOR_EMAIL: 'ci@localhost',
    GIT_COMMITTER_NAME: 'ci',
    GIT_COMMITTER_EMAIL: 'ci@localhost',
  };
  for (const args of [
    ['init', '-q'],
    ['add', '-A'],
    ['commit', '-q', '--no-gpg-sign', '-m', 'checkout'],
  ])
    execFileSync('git', args, { cwd: dir, env, stdio: 'pipe' });
}

export interface RunOptions {
  repo: string;
  work: string;
  context: Record<string, unknown>;
  env: Record<string, string>;
}

/** Runs the whole workflow; returns the artifacts folder (one subfolder per artifact name). */
export function runWorkflow(w: Workflow, o: RunOptions): string {
  const artifacts = path.join(o.work, 'artifacts');
  const caches = path.join(o.work, 'caches');
  mkdirSync(artifacts, { recursive: true });
  mkdirSync(caches, { recursive: true });
  const tracked = execFileSync('git', ['ls-files', '-co', '--exclude-standard'], {
    cwd: o.repo,
    encoding: 'utf8',
  })
    .split('\n')
    .filter((f) => f && existsSync(path.join(o.repo, f)));
  let n = 0;
  for (const id of jobOrder(w)) {
    const job = w.jobs[id]!;
    for (const combo of expandMatrix(job)) {
      const dir = path.join(o.work, `job-${++n}-${id}`);
      // A fresh checkout: the repository's files, its compiled dist/ and its installed packages.
      for (const f of tracked)
        cpSync(path.join(o.repo, f), path.join(dir, f), { preserveTimestamps: true });
      cpSync(path.join(o.repo, 'dist'), path.join(dir, 'dist'), {
        recursive: true,
        preserveTimestamps: true,
      });
      copyPackages(path.join(o.repo, 'node_modules'), path.join(dir, 'node_modules'));
      // Installed after the checkout, as setup-node's cache and npm ci leave it.
      utimesSync(path.join(dir, 'package-lock.json'), new Date(0), new Date(0));
      gitCheckout(o.repo, dir);
      const ctx: Record<string, unknown> = { ...o.context };
      for (const [k, v] of Object.entries(combo)) ctx[`matrix.${k}`] = v;
      const envFile = path.join(dir, '.github-env');
      const summary = path.join(o.work, `summary-${n}.md`);
      writeFileSync(envFile, '');
      const env: Record<string, string> = {
        ...o.env,
        GITHUB_ENV: envFile,
        GITHUB_STEP_SUMMARY: summary,
        CI: 'true',
      };
      for (const step of job.steps) runStep(step, { dir, ctx, env, artifacts, caches, id });
    }
  }
  return artifacts;
}

function runStep(
  step: Step,
  s: {
    dir: string;
    ctx: Record<string, unknown>;
    env: Record<string, string>;
    artifacts: string;
    caches: string;
    id: string;
  },
): void {
  const w = Object.fromEntries(
    Object.entries(step.with ?? {}).map(([k, v]) => [k, expand(String(v), s.ctx)]),
  );
  if (step.run) {
    try {
      execFileSync('bash', ['-eo', 'pipefail', '-c', expand(step.run, s.ctx)], {
        cwd: s.dir,
        env: { ...process.env, ...s.env, ...step.env },
        stdio: 'pipe',
        timeout: 300_000,
      });
    } catch (err) {
      const e = err as { stdout?: Buffer; stderr?: Buffer; message: string };
      throw new Error(
        `job ${s.id}, step "${step.name ?? step.run}" failed: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`,
      );
    }
    // $GITHUB_ENV lines become the environment of the steps after this one.
    for (const line of readFileSync(s.env.GITHUB_ENV!, 'utf8').split('\n')) {
      const i = line.indexOf('=');
      if (i > 0) s.env[line.slice(0, i)] = line.slice(i + 1);
    }
    return;
  }
  const action = (step.uses ?? '').replace(/@.*$/, '');
  switch (action) {
    case 'actions/checkout':
    case 'actions/setup-node':
      return; // the job folder is already a checkout, and this Node is the workflow's Node 20
    case 'actions/upload-artifact': {
      const { root, files } = uploadFiles(s.dir, w.path ?? '');
      if (!files.length && w['if-no-files-found'] === 'error')
        throw new Error(`job ${s.id}: artifact ${w.name} has no files`);
      for (const f of files) cpSync(f, path.join(s.artifacts, w.name!, path.relative(root, f)));
      return;
    }
    case 'actions/download-artifact': {
      const re = new RegExp(`^${(w.pattern ?? w.name ?? '*').replace(/\*/g, '.*')}$`);
      for (const name of readdirSync(s.artifacts)
        .filter((x) => re.test(x))
        .sort()) {
        const into =
          w['merge-multiple'] === 'true'
            ? path.join(s.dir, w.path!)
            : path.join(s.dir, w.path!, name);
        cpSync(path.join(s.artifacts, name), into, { recursive: true });
      }
      return;
    }
    case 'actions/cache/restore': {
      const prefix = w['restore-keys'] ?? w.key!;
      const hit = readdirSync(s.caches)
        .filter((k) => k === w.key || k.startsWith(prefix))
        .sort()
        .pop();
      if (hit) cpSync(path.join(s.caches, hit), path.join(s.dir, w.path!), { recursive: true });
      return;
    }
    case 'actions/cache/save':
      rmSync(path.join(s.caches, w.key!), { recursive: true, force: true });
      cpSync(path.join(s.dir, w.path!), path.join(s.caches, w.key!), { recursive: true });
      return;
    default:
      throw new Error(`workflow runner: no emulation for ${step.uses}; add one or use a run: step`);
  }
}
