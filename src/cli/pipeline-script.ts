/**
 * Where the command's build pipeline comes from (issue 33): most of a cold build is compiling
 * code, Node 20 caches no ES module, and Node 22's cache holds only what V8 compiled before
 * each module ran. The bundled command therefore runs the pipeline from one script with a V8
 * code cache made after the first build that ran without one (pipeline-run.ts), kept beside
 * Node's in the user's cache folder (cache-dir.ts); a folder that cannot be written means no
 * cache, silently. NODE_DISABLE_COMPILE_CACHE=1 runs the ES modules instead, and
 * NODE_COMPILE_CACHE=dir puts the cache there, as for Node's own.
 *
 * Only the bundle does this (tsc's per-file output has no script), and only where nothing
 * else loads the pipeline's modules as ES modules in the same thread (not `--preview`, not
 * `watch`). Kept small and its work loaded on first use: a no-op rebuild loads this file only.
 */
import type { Pipeline } from '../pipeline-source.js';
import { processCacheDir } from './cache-dir.js';

/** Defined as true by .ci/bundle.mjs in the bundled command only. */
declare const __BULLETIN_BUNDLE__: boolean | undefined;

export interface ScriptedPipeline {
  load: () => Promise<Pipeline>;
  /** After a build: writes the caches that this build's code would improve. */
  save: () => void;
}

/** The pipeline from its script, or undefined where the command is not the bundle. */
export function scriptedPipeline(env = process.env): ScriptedPipeline | undefined {
  if (typeof __BULLETIN_BUNDLE__ === 'undefined' || env.NODE_DISABLE_COMPILE_CACHE === '1')
    return undefined;
  const dir = env.NODE_COMPILE_CACHE || processCacheDir();
  let running: Promise<{ pipeline: Pipeline; save: () => void }> | undefined;
  let save = () => {};
  return {
    load: async () => {
      running ??= import('./pipeline-run.js').then((m) => m.runPipelineScript(dir));
      const ran = await running;
      save = ran.save;
      return ran.pipeline;
    },
    save: () => save(),
  };
}
