/**
 * The library API. `build(options)` runs the whole pipeline — load → validate → model →
 * compose (renderer registry) → output — and returns the manifest. A rebuild whose inputs
 * (data, templates, tool and options) are byte for byte those of the last build, with every
 * output file still as written, returns at once without loading the pipeline.
 */
import path from 'node:path';
import { quickCheck } from './output/quick.js';
import { recoverOutput } from './output/lock.js';
import { readInputs, type InputSnapshot } from './load/inputs.js';
import { idleCores } from './jobs/idle.js';
import type { Manifest } from './output/manifest.js';
import type { BuildContext } from './compose/types.js';
import { loadPipeline } from './pipeline-source.js';

export type { Manifest } from './output/manifest.js';
export type { Dataset } from './dataset/schema.js';
export type { BuildWarning } from './warnings/index.js';
export type { ProgressEvent, ProgressListener } from './progress.js';
export type { BuildOptions, BuildResult } from './build-types.js';
import type { BuildOptions, BuildResult } from './build-types.js';
export { InputError, InternalError, ExitCode, formatProblem } from './errors.js';

const pipeline = loadPipeline;

/** Loads and checks every input, and builds the models every renderer reads. */
export async function prepare(
  options: BuildOptions,
  inputs?: InputSnapshot,
): Promise<BuildContext> {
  return (await pipeline()).prepare(options, inputs);
}

/** Builds what changed and returns the manifest of the output folder. */
export async function build(options: BuildOptions): Promise<Manifest> {
  return (await buildDetailed(options)).manifest;
}

/**
 * Builds the artifacts whose inputs changed (all with `force`) and writes them, the manifest last.
 */
export async function buildDetailed(options: BuildOptions): Promise<BuildResult> {
  // A commit a killed build left is finished before the folder is judged (output/journal.ts).
  await recoverOutput(outDir(options));
  // Every input is read once, here: the fast path hashes these bytes and the pipeline parses them.
  const inputs = await readInputs(options.data, options.templates);
  if (!options.force) {
    const quick = await quickCheck(options, inputs);
    if (quick.result) return quick.result;
  }
  // Something will be built: a build thread starts now, so that its imports and preparation
  // overlap this thread's loading of the pipeline (see src/jobs/pool.ts).
  const early = (await import('./jobs/pool.js')).startEarlyThread(options, inputs, idleCores());
  try {
    return await (await pipeline()).buildDetailed(options, inputs, early);
  } finally {
    await early?.close();
  }
}

/** Lists what a build would rebuild, without building: empty when output/ is up to date. */
export async function check(options: BuildOptions): Promise<{ stale: string[] }> {
  await recoverOutput(outDir(options));
  const inputs = await readInputs(options.data, options.templates);
  if ((await quickCheck(options, inputs)).result) return { stale: [] };
  return (await pipeline()).check(options, inputs);
}

/** The output folder, resolved. */
export const outDir = (options: BuildOptions): string => path.resolve(options.out);
