/**
 * renderStale: renders the stale units on this thread and on build threads. Units are grouped
 * by partner, so a deck and its charts are drawn in the same thread and share one chart render.
 * This thread starts with the bulletin-wide group (the PDF, the largest single job, whose models
 * it has already); partner groups wait in a queue that every thread takes from when it is free,
 * so the load balances itself whatever a group costs. Artifacts come back in one-job order.
 */
import type { InputSnapshot } from '../load/inputs.js';
import type { Artifact, BuildContext, Renderer } from '../compose/types.js';
import type { BuildOptions } from '../build-types.js';
import type { ProgressListener } from '../progress.js';
import { PLAN_KEY, SHARED_CHARTS_KEY } from '../charts/plan.js';
import { loadShaper } from '../model/shaper.js';
import {
  BuildThread,
  ThreadOutOfMemory,
  threadsFor,
  workersAvailable,
  type StaleUnit,
} from './pool.js';

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
  // Text is shaped by HarfBuzz once its WebAssembly module has loaded (model/shaper.ts).
  if (units.length > 0) await loadShaper();
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

/** The units by partner: the bulletin-wide ones, and one group per partner in plan order. */
export function groupByPartner(units: StaleUnit[]): {
  bulletinWide: StaleUnit[];
  partners: StaleUnit[][];
} {
  const groups = new Map<string, StaleUnit[]>();
  for (const u of units) {
    const key = u.unit.partner ?? '';
    const group = groups.get(key);
    if (group) group.push(u);
    else groups.set(key, [u]);
  }
  const bulletinWide = groups.get('') ?? [];
  groups.delete('');
  return { bulletinWide, partners: [...groups.values()] };
}

/** The partners a group's units belong to. */
export const partnersOf = (group: StaleUnit[]): string[] => [
  ...new Set(group.flatMap((s) => s.unit.partner ?? [])),
];

/**
 * Progress across threads: each format counts once, 1/N … N/N, whichever thread finished the
 * unit, so "[charts 3/17]" never restarts at 1 when a thread's group finishes.
 */
function sharedProgress(units: StaleUnit[], report?: ProgressListener) {
  if (!report) return undefined;
  const totals = new Map<string, number>();
  for (const s of units) totals.set(s.renderer.name, (totals.get(s.renderer.name) ?? 0) + 1);
  const done = new Map<string, number>();
  return (e: Parameters<ProgressListener>[0]) => {
    const before = done.get(e.format) ?? 0;
    if (e.phase === 'done') done.set(e.format, before + 1);
    report({ ...e, index: before + 1, total: totals.get(e.format) ?? e.total });
  };
}

/**
 * What a partner group takes over from the build's ctx.assets: the chart plan and the style
 * hash, made once for every partner (the plan's bulletin-wide charts read every partner's
 * figures, so planning them again for each group would grow with the square of the partners),
 * and the bulletin-wide charts every deck shows, rendered once. A group's own charts are not
 * taken over: it draws them and drops them with its context.
 */
const SHARED_ASSETS = [
  PLAN_KEY,
  `${PLAN_KEY}:loaded`,
  `${PLAN_KEY}:index`,
  'inputs:style',
  SHARED_CHARTS_KEY,
];

/**
 * The context a partner group renders in: the build's inputs, models and plans, but its own
 * chart drawings (in ctx.assets), so they are garbage as soon as its deck is done instead of
 * living to the end of the build (memory grew 7-9 MB a partner). `ownModels` gives it its own
 * deck models too (they are cached per scope): a worker builds the models of the partners it
 * renders, not every partner's.
 */
export function groupContext(
  ctx: BuildContext,
  partners: string[],
  ownModels = false,
): BuildContext {
  // Made here if no chart was rendered yet, so that every group shares the one map.
  if (!ctx.assets.has(SHARED_CHARTS_KEY)) ctx.assets.set(SHARED_CHARTS_KEY, new Map());
  const shared = SHARED_ASSETS.filter((k) => ctx.assets.has(k)).map((k): [string, unknown] => [
    k,
    ctx.assets.get(k),
  ]);
  return {
    ...ctx,
    partners,
    assets: new Map(shared),
    ...(ownModels ? { scope: { ...ctx.scope } } : {}),
  };
}

/**
 * Renders the stale units and returns the artifacts in the order a one-job build returns them:
 * the bulletin-wide group on this thread first, then partner groups one by one, here and on
 * build threads when they pay (see threadsFor). `early` is a thread started before the plan;
 * it is used if there is partner work for it, and closed in any case.
 */
export async function renderStale(
  ctx: BuildContext,
  renderers: readonly Renderer[],
  units: StaleUnit[],
  options: BuildOptions,
  inputs: InputSnapshot,
  early?: BuildThread,
): Promise<Artifact[]> {
  const jobs = threadsFor(options.jobs, units, early !== undefined);
  const threaded = jobs >= 2 && workersAvailable();
  if (!threaded) await early?.close();
  const { bulletinWide, partners } = groupByPartner(units);
  const { onProgress: _p, onWriteStep: _w, ...plain } = options;
  const late = Array.from(
    { length: threaded ? jobs - 1 - (early ? 1 : 0) : 0 },
    () => new BuildThread({ options: { ...plain, jobs: 1 }, inputs }),
  );
  const threads = threaded ? [...(early ? [early] : []), ...late] : [];
  const onProgress = sharedProgress(units, options.onProgress);
  const queue = [...partners];
  const byPath = new Map<string, Artifact>();
  let error: unknown;
  const stop = (e: unknown) => {
    error ??= e;
  };
  // Takes groups from the queue until it is empty, a thread failed, or `render` says stop.
  const drain = async (render: (group: StaleUnit[]) => Promise<boolean>) => {
    for (let g = queue.shift(); g; g = queue.shift()) {
      if (error !== undefined || !(await render(g))) return;
    }
  };
  const here = async (group: StaleUnit[]) => {
    const where = group === bulletinWide ? ctx : groupContext(ctx, partnersOf(group));
    for (const a of await renderUnits(where, renderers, group, onProgress)) byPath.set(a.path, a);
    return true;
  };
  const on = (thread: BuildThread) => async (group: StaleUnit[]) => {
    const t0 = performance.now();
    try {
      for (const a of await thread.render({
        partners: partnersOf(group),
        units: group.map((s) => [s.renderer.name, s.unit.key]),
      }))
        byPath.set(a.path, a);
    } catch (e) {
      // A thread that ran out of heap is not a fault in the input: its group and what is left
      // go to the threads still running (this one at least).
      if (!(e instanceof ThreadOutOfMemory)) throw e;
      queue.unshift(group);
      return false;
    }
    for (const s of group)
      onProgress?.({
        phase: 'done',
        format: s.renderer.name,
        key: s.unit.key,
        index: 0,
        total: 0,
        paths: s.unit.paths,
        ms: performance.now() - t0,
      });
    return true;
  };
  try {
    await Promise.all([
      here(bulletinWide)
        .then(() => drain(here))
        .catch(stop),
      ...threads.map((t) => drain(on(t)).catch(stop)),
    ]);
    // A thread that gave up put its group back after this thread had emptied the queue.
    if (error === undefined) await drain(here).catch(stop);
  } finally {
    await Promise.all(threads.map((t) => t.close()));
  }
  if (error !== undefined) throw error;
  return renderers.flatMap((r) =>
    units
      .filter((s) => s.renderer === r)
      .flatMap((s) => s.unit.paths.flatMap((p) => byPath.get(p) ?? [])),
  );
}
