/**
 * renderInWorkers: spreads stale units over worker threads (--jobs N). Units are grouped by
 * partner, so a deck and its charts are drawn in the same thread and share one chart render;
 * the bulletin-wide group (the PDF and its charts) stays on this thread, which has the models
 * already. Each worker prepares the same inputs itself and returns bytes, so the output is
 * byte for byte what a one-job build writes.
 */
import { at } from '../checked.js';
import type { InputSnapshot } from '../load/inputs.js';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InputError, InternalError } from '../errors.js';
import type { Artifact, BuildContext, Renderer, Unit } from '../compose/types.js';
import type { BuildOptions } from '../build-types.js';
import type { ProgressListener } from '../progress.js';

/** A unit to render, with the renderer that makes it. */
export interface StaleUnit {
  renderer: Renderer;
  unit: Unit;
}

/** What a worker is asked: the build options and the units, by renderer name and unit key. */
export interface WorkerTask {
  options: BuildOptions;
  units: [string, string][];
  /** The input bytes the main thread read: a worker never reads the inputs again. */
  inputs?: InputSnapshot;
}

/** What a worker answers: artifacts, or an error to rethrow here with its type. */
export type WorkerReply =
  | { artifacts: Artifact[] }
  | {
      error: {
        name: string;
        message: string;
        code?: string;
        problems?: InputError['problems'];
        stack?: string;
      };
    };

const WORKER = new URL('./worker.js', import.meta.url);

/**
 * Whether workers can run: the compiled worker exists (not when running from TypeScript sources, as
 * tests do).
 */
export function workersAvailable(): boolean {
  return existsSync(fileURLToPath(WORKER));
}

/**
 * Partners a worker thread must take to pay for itself. A worker imports the renderers and
 * prepares the inputs again before its first unit: ~1.5 s of CPU on the seed data (measured:
 * a 25-partner build took 3.5 CPU-s more on two threads than on one), against ~0.1 s a
 * partner (a deck and its charts). Below this, a second thread makes a build slower (0.72x
 * at 4 partners in issue 16).
 */
export const PARTNERS_PER_WORKER = 16;

/**
 * How many threads to render on: `jobs` as asked (at most one per partner group plus this
 * thread), or with 'auto' one more thread per PARTNERS_PER_WORKER partners, up to the cores.
 */
export function threadsFor(jobs: number | 'auto' | undefined, units: StaleUnit[]): number {
  const partners = new Set(units.flatMap((s) => s.unit.partner ?? [])).size;
  const wanted =
    jobs === 'auto'
      ? Math.min(availableParallelism(), 1 + Math.floor(partners / PARTNERS_PER_WORKER))
      : Math.max(1, Math.floor(jobs ?? 1));
  return Math.min(wanted, 1 + partners);
}

/**
 * Renders the given units (in order, per renderer) in process, one at a time so progress can be
 * reported and timed.
 */
export async function renderUnits(
  ctx: BuildContext,
  renderers: readonly Renderer[],
  units: StaleUnit[],
  onProgress?: ProgressListener,
): Promise<Artifact[]> {
  const out: Artifact[] = [];
  for (const r of renderers) {
    const mine = units.filter((s) => s.renderer === r).map((s) => s.unit);
    for (const [i, unit] of mine.entries()) {
      const event = {
        format: r.name,
        key: unit.key,
        index: i + 1,
        total: mine.length,
        paths: unit.paths,
      };
      onProgress?.({ phase: 'start', ...event });
      const t0 = performance.now();
      out.push(...(await r.render(ctx, [unit])));
      onProgress?.({ phase: 'done', ...event, ms: performance.now() - t0 });
    }
  }
  return out;
}

/**
 * Splits units into `jobs` buckets: bulletin-wide units in the first, partners spread evenly by
 * unit count.
 */
export function partition(units: StaleUnit[], jobs: number): StaleUnit[][] {
  const groups = new Map<string, StaleUnit[]>();
  for (const u of units) {
    const key = u.unit.partner ?? '';
    groups.set(key, [...(groups.get(key) ?? []), u]);
  }
  const buckets: StaleUnit[][] = Array.from({ length: jobs }, () => []);
  // Bucket 0 (this thread) starts with the bulletin-wide units, the PDF among them, the largest
  // single job.
  at(buckets, 0, 'the first bucket').push(...(groups.get('') ?? []));
  groups.delete('');
  for (const group of groups.values()) {
    const smallest = buckets.reduce((a, b) => (b.length < a.length ? b : a));
    smallest.push(...group);
  }
  return buckets.filter((b) => b.length > 0);
}

function runWorker(task: WorkerTask): Promise<Artifact[]> {
  return new Promise((resolve, reject) => {
    const w = new Worker(WORKER, { workerData: task });
    w.once('message', (reply: WorkerReply) => {
      if ('artifacts' in reply) return resolve(reply.artifacts);
      const e = reply.error;
      if (e.name === 'InputError' && e.code && e.problems)
        return reject(new InputError(e.code, e.problems));
      reject(Object.assign(new InternalError(e.message), { stack: e.stack }));
    });
    w.once('error', reject);
    w.once('exit', (code) =>
      code === 0
        ? undefined
        : reject(new InternalError(`a build worker stopped with exit code ${code}`)),
    );
  });
}

/**
 * Renders the units over `jobs` threads (this one included) and returns the artifacts in one-job
 * order.
 */
export async function renderInWorkers(
  ctx: BuildContext,
  renderers: readonly Renderer[],
  units: StaleUnit[],
  options: BuildOptions,
  jobs: number,
  inputs?: InputSnapshot,
): Promise<Artifact[]> {
  const [mine = [], ...theirs] = partition(units, jobs);
  // Functions cannot cross into a worker: progress is reported here, per worker batch.
  const { onProgress: report, onWriteStep: _writesStayHere, ...plain } = options;
  // Each batch counts only its own units; the display counts once per format across all of
  // them, so "[charts 3/17]" never restarts at 1 when a worker's batch finishes.
  const totals = new Map<string, number>();
  for (const s of units) totals.set(s.renderer.name, (totals.get(s.renderer.name) ?? 0) + 1);
  const done = new Map<string, number>();
  const onProgress: ProgressListener | undefined = report
    ? (e) => {
        const before = done.get(e.format) ?? 0;
        if (e.phase === 'done') done.set(e.format, before + 1);
        report({ ...e, index: before + 1, total: totals.get(e.format) ?? e.total });
      }
    : undefined;
  const tasks = theirs.map(async (b) => {
    const t0 = performance.now();
    const artifacts = await runWorker({
      options: { ...plain, jobs: 1 },
      ...(inputs ? { inputs } : {}),
      units: b.map((s) => [s.renderer.name, s.unit.key]),
    });
    b.forEach((s, i) =>
      onProgress?.({
        phase: 'done',
        format: s.renderer.name,
        key: s.unit.key,
        index: i + 1,
        total: b.length,
        paths: s.unit.paths,
        ms: performance.now() - t0,
      }),
    );
    return artifacts;
  });
  const results = await Promise.all([renderUnits(ctx, renderers, mine, onProgress), ...tasks]);
  const byPath = new Map(results.flat().map((a) => [a.path, a]));
  // The order a one-job build returns: renderer by renderer, unit by unit, path by path.
  return renderers.flatMap((r) =>
    units
      .filter((s) => s.renderer === r)
      .flatMap((s) => s.unit.paths.flatMap((p) => byPath.get(p) ?? [])),
  );
}
