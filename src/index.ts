/**
 * The library API. `build(options)` runs the whole pipeline — load → validate → model →
 * compose (renderer registry) → output — and returns the manifest. A rebuild whose inputs
 * (data, templates, tool and options) are byte for byte those of the last build, with every
 * output file still as written, returns at once without loading the pipeline.
 */
import path from 'node:path';
import { quickCheck } from './output/quick.js';
import { readInputs, type InputSnapshot } from './load/inputs.js';
import type { WriteStep } from './output/write.js';
import type { Manifest } from './output/manifest.js';
import type { BuildContext } from './compose/types.js';
import type { BuildWarning } from './warnings/index.js';
import type { ProgressListener } from './progress.js';

export type { Manifest } from './output/manifest.js';
export type { Dataset } from './dataset/schema.js';
export type { BuildWarning } from './warnings/index.js';
export type { ProgressEvent, ProgressListener } from './progress.js';
export { InputError, InternalError, ExitCode, formatProblem } from './errors.js';

/** Options for build(); paths are resolved against the current folder. */
export interface BuildOptions {
  data: string;
  templates: string;
  out: string;
  /** Only these partners' decks (all that have decks when empty). */
  partners?: string[];
  /** Only these formats (renderer names); all when empty. */
  only?: string[];
  /** Seconds since the epoch for dates inside files (SOURCE_DATE_EPOCH). */
  sourceDateEpoch?: string;
  /** Paper size for the PDF, overriding the theme. */
  paper?: 'LETTER' | 'A4';
  /** Add 3 mm bleed, BleedBox and crop marks for press. */
  bleed?: boolean;
  /** Rebuild everything, even what is up to date. */
  force?: boolean;
  /** Build only shard i of n ("i/n"): a deterministic share of the units. */
  shard?: string;
  /** Decks show native (editable) charts, or the chart images. */
  deckCharts?: 'native' | 'image';
  /** Told when each unit starts and finishes rendering (the CLI's progress display). */
  onProgress?: ProgressListener;
  /** Warn when the latest dated fact is older than this many days (from the build clock). */
  maxAgeDays?: number;
  /** Threads to render on (1: in this thread, the default; the CLI defaults to the cores). */
  jobs?: number;
  /** Told at each step of writing the output (tests use it to stop a build in the middle of its writes). */
  onWriteStep?: WriteStep;
}

/** What a build did: the manifest, and which files it rebuilt or found up to date. */
export interface BuildResult {
  manifest: Manifest;
  rebuilt: string[];
  upToDate: string[];
  /** Things worth a look before the output goes out (see src/warnings). */
  warnings: BuildWarning[];
  /** Deck partners the bulletin summarises instead of writing in full (it holds two pages). */
  summarised: string[];
}

const pipeline = () => import('./pipeline.js');

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

/** Builds the artifacts whose inputs changed (all with `force`) and writes them, the manifest last. */
export async function buildDetailed(options: BuildOptions): Promise<BuildResult> {
  // Every input is read once, here: the fast path hashes these bytes and the pipeline parses them.
  const inputs = await readInputs(options.data, options.templates);
  if (!options.force) {
    const quick = await quickCheck(options, inputs);
    if (quick.result) return quick.result;
  }
  return (await pipeline()).buildDetailed(options, inputs);
}

/** Lists what a build would rebuild, without building: empty when output/ is up to date. */
export async function check(options: BuildOptions): Promise<{ stale: string[] }> {
  const inputs = await readInputs(options.data, options.templates);
  if ((await quickCheck(options, inputs)).result) return { stale: [] };
  return (await pipeline()).check(options, inputs);
}

/** The output folder, resolved. */
export const outDir = (options: BuildOptions): string => path.resolve(options.out);
