/**
 * Build threads (--jobs): worker threads that prepare the same inputs as this thread and render
 * partner groups (a partner's charts and deck) on request. They return bytes, so the output is
 * byte for byte what a one-job build writes. The first thread is started before this thread
 * loads the pipeline (see startEarlyThread), so its imports and preparation overlap this
 * thread's instead of adding to the wall time.
 */
import type { InputSnapshot } from '../load/inputs.js';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InputError, InternalError } from '../errors.js';
import type { Artifact, Renderer, Unit } from '../compose/types.js';
import type { BuildOptions } from '../build-types.js';

/** A unit to render, with the renderer that makes it. */
export interface StaleUnit {
  renderer: Renderer;
  unit: Unit;
}

/** What a worker starts with: the build options and the input bytes the main thread read. */
export interface WorkerTask {
  options: BuildOptions;
  /** The input bytes the main thread read: a worker never reads the inputs again. */
  inputs: InputSnapshot;
}

/** What a worker is asked, once per group: units by renderer name and unit key. */
export interface WorkerRequest {
  /** The partners of the group (a worker builds their deck models and charts only). */
  partners: string[];
  units: [string, string][];
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
 * Heap limits for a build thread, in MB. Without them V8 lets a thread's heap grow to hundreds
 * of MB of garbage before collecting (a full GC of a 100-partner build finds ~33 MB live).
 * A partner group's live data is a few MB, so this leaves ample room; a thread that still runs
 * out is not fatal (its groups go back to this thread, see renderStale).
 */
export const THREAD_HEAP = { maxOldGenerationSizeMb: 160 };

/** Thrown by a thread that ran out of its heap: its groups can be rendered elsewhere. */
export class ThreadOutOfMemory extends Error {}

/**
 * One worker thread. It prepares the inputs as soon as it starts and then renders one group of
 * units per render() call. It does not keep the process alive while idle, and close() stops it
 * at once: a build that turns out to have nothing to render never waits for it.
 */
export class BuildThread {
  private readonly worker: Worker;
  private pending?: { resolve: (a: Artifact[]) => void; reject: (e: unknown) => void };
  private failure?: unknown;
  private closed = false;
  private stopped: Promise<void> = Promise.resolve();

  constructor(task: WorkerTask) {
    this.worker = new Worker(WORKER, { workerData: task, resourceLimits: THREAD_HEAP });
    this.worker.unref();
    this.worker.on('message', (reply: WorkerReply) => {
      const p = this.take();
      if (!p) return;
      if ('artifacts' in reply) return p.resolve(reply.artifacts);
      const e = reply.error;
      if (e.name === 'InputError' && e.code && e.problems)
        return p.reject(new InputError(e.code, e.problems, e.message));
      p.reject(Object.assign(new InternalError(e.message), { stack: e.stack }));
    });
    this.worker.on('error', (err: Error & { code?: string }) =>
      this.fail(
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new ThreadOutOfMemory(err.message)
          : Object.assign(new InternalError(`a build worker failed: ${err.message}`), {
              stack: err.stack,
            }),
      ),
    );
    this.worker.on('exit', (code) =>
      this.fail(new InternalError(`a build worker stopped with exit code ${code}`)),
    );
  }

  /** Renders one group of units in the thread and returns their artifacts. */
  render(request: WorkerRequest): Promise<Artifact[]> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<Artifact[]>((resolve, reject) => {
      this.pending = { resolve, reject };
      // Waiting for a reply is what keeps the process alive while the thread works.
      this.worker.ref();
      this.worker.postMessage(request);
    });
  }

  /**
   * Stops the thread (also while it is still preparing) and waits until it has, so that the
   * process never exits with a worker half torn down. Idempotent.
   */
  close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.take();
      this.stopped = this.worker.terminate().then(() => undefined);
    }
    return this.stopped;
  }

  private take() {
    const p = this.pending;
    this.pending = undefined;
    if (!this.closed) this.worker.unref();
    return p;
  }

  private fail(e: unknown) {
    if (this.closed) return;
    this.failure ??= e;
    this.take()?.reject(this.failure);
  }
}

/**
 * Partners a late worker thread (one started after the plan, see threadsFor) must take to pay
 * for itself. Such a worker imports the renderers and prepares the inputs again before its
 * first unit: ~1.5 s of CPU on the seed data, against ~0.1-0.2 s a partner (a deck and its
 * charts). The early thread does not count: its start overlaps this thread's loading and
 * planning.
 */
export const PARTNERS_PER_WORKER = 16;

/**
 * Whether to start a build thread before the pipeline loads: more than one job allowed, and a
 * build that may render two or more partner groups (decks or charts). Left to decide ('auto'),
 * also MIN_AUTO_CORES cores or more with MIN_IDLE_CORES of them standing idle (`idle`, see
 * idleCores; unknown counts as idle). On 2 cores a second thread never paid, idle or busy
 * (measured, paired: 4 partners 3.0 → 3.9 s wall; 100 partners 15.7 → 15.8 s and +87 MB; V8's
 * collector already uses the second core), so 'auto' keeps such a build on one thread.
 * Whether the thread gets any work is known only after the plan; if not, it is closed unused.
 */
export function wantsEarlyThread(
  options: BuildOptions,
  idle: number | undefined,
  cores = availableParallelism(),
  available = workersAvailable(),
): boolean {
  const jobs = options.jobs;
  const allowed =
    jobs === 'auto'
      ? cores >= MIN_AUTO_CORES && (idle ?? cores) >= MIN_IDLE_CORES
      : (jobs ?? 1) >= 2;
  const only = options.only ?? [];
  const partnerFormats = only.length === 0 || only.some((o) => o === 'decks' || o === 'charts');
  // One partner named (--partner x): ~0.2 s of work cannot pay for a thread's ~1.5 s start.
  // No partner named (an empty list) is every partner.
  const named = options.partners?.length || MIN_PARTNERS;
  return allowed && partnerFormats && named >= MIN_PARTNERS && available;
}

/** Partner groups from which a thread can pay for its start (when --partner says how many). */
export const MIN_PARTNERS = 2;

/** Cores below which 'auto' renders on this thread only (see wantsEarlyThread). */
export const MIN_AUTO_CORES = 4;

/**
 * Idle cores (see idleCores) below which 'auto' renders on this thread only: this build's own
 * thread and its collector keep about one and a half busy.
 */
export const MIN_IDLE_CORES = 1.5;

/** Starts the early build thread when it may pay (see wantsEarlyThread). */
export function startEarlyThread(
  options: BuildOptions,
  inputs: InputSnapshot,
  idle: number | undefined,
): BuildThread | undefined {
  if (!wantsEarlyThread(options, idle)) return undefined;
  // Functions cannot cross into a worker; progress and write steps are reported here.
  const { onProgress: _p, onWriteStep: _w, ...plain } = options;
  return new BuildThread({ options: { ...plain, jobs: 1 }, inputs });
}

/**
 * How many threads to render on, this one included: `jobs` as asked (at most one per partner
 * group plus this thread), or with 'auto' none but this one unless the early thread was started
 * (see wantsEarlyThread), and then that one plus one more per PARTNERS_PER_WORKER partners, up to
 * the cores.
 */
export function threadsFor(
  jobs: number | 'auto' | undefined,
  units: StaleUnit[],
  early = false,
  cores = availableParallelism(),
): number {
  const partners = new Set(units.flatMap((s) => s.unit.partner ?? [])).size;
  const wanted =
    jobs === 'auto'
      ? early
        ? Math.min(cores, Math.max(2, 1 + Math.floor(partners / PARTNERS_PER_WORKER)))
        : 1
      : Math.max(1, Math.floor(jobs ?? 1));
  return Math.min(wanted, 1 + partners);
}
