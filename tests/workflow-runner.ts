/**
 * A small local runner for .github/workflows/bulletin.yml: each job's steps in order, in a
 * fresh checkout of a git repository, with the matrix expanded, `if:` conditions, step
 * outputs, $GITHUB_ENV and the job summary, and artifacts kept by a local GitHub that lasts
 * from one run to the next (so a run can find and download an earlier run's published set).
 * `run:` steps run for real in bash; the few actions the workflow uses are emulated
 * (workflow-actions.ts); any other action or expression fails, so the workflow cannot drift
 * away from what this runner checks. A failing step fails its job, skips the steps after it
 * that do not ask for failure() or always(), and keeps what was uploaded before it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { runAction } from './workflow-actions.js';
import { type Context, condition, expand } from './workflow-expr.js';
import type { LocalGitHub } from './workflow-github.js';

interface Step {
  id?: string;
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string | number | boolean>;
  env?: Record<string, string>;
}
interface Job {
  needs?: string | string[];
  'timeout-minutes'?: number;
  env?: Record<string, string>;
  strategy?: { matrix?: Record<string, unknown[]> };
  steps: Step[];
}
export interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  env?: Record<string, string>;
  jobs: Record<string, Job>;
}

export const readWorkflow = (file: string): Workflow =>
  parse(readFileSync(file, 'utf8')) as Workflow;

const needsOf = (job: Job): string[] =>
  Array.isArray(job.needs) ? job.needs : job.needs ? [job.needs] : [];

/** Jobs in an order that respects `needs`. */
export function jobOrder(w: Workflow): string[] {
  const done: string[] = [];
  const visit = (id: string) => {
    if (done.includes(id)) return;
    for (const n of needsOf(w.jobs[id]!)) visit(n);
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

export interface RunOptions {
  /** A git repository, and the ref in it the run checks out. */
  repo: string;
  ref: string;
  github: LocalGitHub;
  event: 'schedule' | 'push' | 'pull_request' | 'workflow_dispatch';
  /** The run's head branch: main, or a pull request's branch. */
  branch: string;
  /** github.ref; refs/heads/<branch> unless given (refs/pull/N/merge for a pull request). */
  githubRef?: string;
  /** The simulated time of the run (artifacts expire by it). */
  now: Date;
  /** Scratch space for the jobs' folders. */
  work: string;
  prepared?: { dist: string; nodeModules: string };
  /** Re-run every job of this earlier run, as its next attempt (same run id, its artifacts). */
  rerun?: number;
}
export interface JobResult {
  job: string;
  matrix: Record<string, unknown>;
  conclusion: 'success' | 'failure' | 'skipped';
  /** The first failing step and its output. */
  failure?: string;
  summary: string;
  node?: string;
  notes: string[];
  /** Seconds each step that ran took. */
  seconds: Record<string, number>;
  /** What the run: steps printed. */
  log: string;
}
export interface RunResult {
  runId: number;
  attempt: number;
  conclusion: 'success' | 'failure';
  jobs: JobResult[];
}

/** Runs the whole workflow once, as GitHub would for this event, and records the run. */
export function runWorkflow(w: Workflow, o: RunOptions): RunResult {
  const runId =
    o.rerun ??
    o.github.startRun({
      event: o.event,
      headBranch: o.branch,
      path: '.github/workflows/bulletin.yml',
      createdAt: o.now.toISOString(),
    });
  const attempt = o.github.attempt(runId, Boolean(o.rerun));
  const jobs: JobResult[] = [];
  for (const id of jobOrder(w)) {
    const job = w.jobs[id]!;
    const combos = expandMatrix(job);
    combos.forEach((combo, index) => {
      const blocked = needsOf(job).some((n) =>
        jobs.some((j) => j.job === n && j.conclusion !== 'success'),
      );
      if (blocked)
        jobs.push({
          job: id,
          matrix: combo,
          conclusion: 'skipped',
          summary: '',
          notes: [],
          seconds: {},
          log: '',
        });
      else jobs.push(runJob(w, id, combo, { index, total: combos.length, runId, attempt, o }));
    });
  }
  const conclusion = jobs.every((j) => j.conclusion === 'success') ? 'success' : 'failure';
  o.github.finishRun(runId, conclusion);
  return { runId, attempt, conclusion, jobs };
}

const lines = (file: string): [string, string][] => {
  const out: [string, string][] = [];
  const text = existsSync(file) ? readFileSync(file, 'utf8').split('\n') : [];
  for (let i = 0; i < text.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(text[i]!);
    if (heredoc) {
      const end = text.indexOf(heredoc[2]!, i + 1);
      out.push([heredoc[1]!, text.slice(i + 1, end).join('\n')]);
      i = end;
    } else if (text[i]!.includes('=')) {
      const at = text[i]!.indexOf('=');
      out.push([text[i]!.slice(0, at), text[i]!.slice(at + 1)]);
    }
  }
  return out;
};

function runJob(
  w: Workflow,
  id: string,
  combo: Record<string, unknown>,
  j: { index: number; total: number; runId: number; attempt: number; o: RunOptions },
): JobResult {
  const { o } = j;
  const name = `run-${j.runId}.${j.attempt}-${id}${j.total > 1 ? `-${j.index + 1}` : ''}`;
  const dir = path.join(o.work, name);
  rmSync(dir, { recursive: true, force: true });
  const summaryFile = path.join(o.work, `${name}.summary.md`);
  writeFileSync(summaryFile, '');
  writeFileSync(path.join(o.work, `${name}.env`), '');
  writeFileSync(path.join(o.work, `${name}.path`), '');
  const ctx: Context = {
    'github.run_id': j.runId,
    'github.run_attempt': j.attempt,
    'github.event_name': o.event,
    'github.ref': o.githubRef ?? `refs/heads/${o.branch}`,
    'github.repository': o.github.repository,
    'github.token': o.github.token,
    'strategy.job-index': j.index,
    'strategy.job-total': j.total,
  };
  for (const [k, v] of Object.entries(combo)) ctx[`matrix.${k}`] = v;
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...w.env, ...w.jobs[id]!.env })) {
    env[k] = expand(String(v), ctx);
    ctx[`env.${k}`] = env[k];
  }
  const result: JobResult = {
    job: id,
    matrix: combo,
    conclusion: 'success',
    summary: '',
    notes: [],
    seconds: {},
    log: '',
  };
  const actions = {
    dir,
    runId: j.runId,
    now: o.now,
    github: o.github,
    repo: o.repo,
    ref: o.ref,
    prepared: o.prepared ?? { dist: 'dist', nodeModules: 'node_modules' },
    path: [o.github.ghBin()],
    notes: result.notes,
  };
  const timeout = (w.jobs[id]!['timeout-minutes'] ?? 360) * 60_000;
  let failed = false;
  for (const step of w.jobs[id]!.steps) {
    if (!condition(step.if, ctx, failed)) continue;
    const label = `job ${name}, step "${step.name ?? step.uses ?? step.run}"`;
    const start = performance.now();
    try {
      const outputs = path.join(o.work, `${name}.output`);
      writeFileSync(outputs, '');
      if (step.run) {
        const stepEnv = Object.fromEntries(
          Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(String(v), ctx)]),
        );
        result.log += runShell(expand(step.run, ctx), dir, timeout, {
          ...env,
          ...stepEnv,
          PATH: [...actions.path, basePath()].join(path.delimiter),
          CI: 'true',
          GITHUB_ACTIONS: 'true',
          GITHUB_ENV: path.join(o.work, `${name}.env`),
          GITHUB_PATH: path.join(o.work, `${name}.path`),
          GITHUB_OUTPUT: outputs,
          GITHUB_STEP_SUMMARY: summaryFile,
          GITHUB_REPOSITORY: o.github.repository,
          GITHUB_SERVER_URL: o.github.server,
          GITHUB_RUN_ID: String(j.runId),
          GITHUB_RUN_ATTEMPT: String(j.attempt),
          GITHUB_EVENT_NAME: o.event,
          GITHUB_WORKSPACE: dir,
          LOCAL_GH_STATE: o.github.dir,
          LOCAL_GH_NOW: o.now.toISOString(),
        });
        for (const [k, v] of lines(path.join(o.work, `${name}.env`))) env[k] = v;
        // $GITHUB_PATH lines go first on PATH for the steps after this one, newest first.
        const added = readFileSync(path.join(o.work, `${name}.path`), 'utf8').split('\n');
        actions.path.unshift(...added.filter(Boolean).reverse());
        writeFileSync(path.join(o.work, `${name}.path`), '');
        for (const [k, v] of lines(outputs)) if (step.id) ctx[`steps.${step.id}.outputs.${k}`] = v;
      } else {
        const inputs = Object.fromEntries(
          Object.entries(step.with ?? {}).map(([k, v]) => [k, expand(String(v), ctx)]),
        );
        runAction(step.uses ?? '', inputs, actions);
      }
    } catch (err) {
      failed = true;
      result.conclusion = 'failure';
      result.failure ??= `${label} failed: ${(err as Error).message}`;
    }
    result.seconds[step.name ?? step.uses ?? ''] = (performance.now() - start) / 1000;
  }
  result.summary = readFileSync(summaryFile, 'utf8');
  result.node = execFileSync('node', ['--version'], {
    env: { ...process.env, PATH: [...actions.path, basePath()].join(path.delimiter) },
    encoding: 'utf8',
  }).trim();
  return result;
}

/** This machine's PATH less node_modules/.bin folders (npm run adds them; a runner has none). */
const basePath = () =>
  (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter((p) => !p.includes('node_modules'))
    .join(path.delimiter);

/** The inherited environment, less anything a workflow must set for itself. */
function baseEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of Object.keys(env))
    if (/^(GITHUB_|GH_|RUNNER_|npm_|VITEST)|^(SOURCE_DATE_EPOCH|NODE_OPTIONS|INIT_CWD)$/i.test(k))
      delete env[k];
  return env;
}

/** Runs a `run:` step as GitHub's bash shell does; returns its output, throws on failure. */
function runShell(script: string, cwd: string, timeout: number, env: Record<string, string>) {
  const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
    cwd,
    env: { ...baseEnv(), ...env },
    encoding: 'utf8',
    timeout,
  });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (r.status !== 0)
    throw new Error(`exit ${r.status ?? r.signal ?? r.error?.message}\n${output}`);
  return output;
}
