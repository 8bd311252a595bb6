/**
 * The no-op fast path. After each build a small cache (output/.bulletin-cache.json) records a
 * key over the exact inputs: the data file's bytes, every template file a build reads, the
 * tool (version and code hash) and the options that change output. When the key matches,
 * the manifest is the one the cache names, the manifest says it was built from this very data
 * and tool, and every file it lists is still on disk as written, nothing can have changed, so
 * the build returns without loading the pipeline (schema, template engine, renderers).
 * Any doubt — a missing or edited file, another option, a cache or manifest that is not one
 * bulletin wrote — falls through to the full build, which decides unit by unit.
 * The cache is written with the manifest, under the output folder's lock (see artifacts.ts).
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { TOOL_VERSION } from '../version.js';
import { parseShard, stableJson } from './plan.js';
import { fileHash, parseManifest, plainPath } from '../load/manifest.js';
import { mapAtMost, readInputBytes } from '../load/files.js';
import type { InputSnapshot } from '../load/inputs.js';
import type { BuildOptions, BuildResult } from '../build-types.js';

export const CACHE_FILE = '.bulletin-cache.json';
const MAX_CACHE_BYTES = 4 * 1024 * 1024;

interface Cache {
  key: string;
  manifest: string;
  manifestSha: string;
  paths: string[];
  warnings: BuildResult['warnings'];
  summarised: string[];
}

const sha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');
const strings = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((s) => typeof s === 'string');

/** The cache in `text` when it has the shape bulletin writes, else undefined. */
function parseCache(text: string): Cache | undefined {
  try {
    const c = JSON.parse(text) as Partial<Cache> | null;
    const ok =
      c &&
      typeof c.key === 'string' &&
      typeof c.manifest === 'string' &&
      typeof c.manifestSha === 'string' &&
      Array.isArray(c.paths) &&
      c.paths.every(plainPath) &&
      strings(c.summarised) &&
      Array.isArray(c.warnings) &&
      c.warnings.every((w) => w && typeof w === 'object' && typeof w.message === 'string');
    return ok ? (c as Cache) : undefined;
  } catch {
    return undefined;
  }
}

export function manifestName(options: BuildOptions): string {
  const shard = options.shard ? parseShard(options.shard) : undefined;
  return shard && typeof shard !== 'string'
    ? `manifest-shard-${shard.index}-of-${shard.count}.json`
    : 'manifest.json';
}

/** The key over everything a build's output depends on. */
export function inputKey(options: BuildOptions, inputs: InputSnapshot): string {
  const templates = [...inputs.templates.files].map(([name, bytes]) => [name, sha(bytes)]);
  const opts = {
    only: [...(options.only ?? [])].sort(),
    partners: [...(options.partners ?? [])].sort(),
    shard: options.shard ?? null,
    paper: options.paper ?? null,
    bleed: options.bleed ?? false,
    // Only when asked for, so that a screen build keeps the key it had before editions.
    ...(options.edition && options.edition !== 'screen' ? { edition: options.edition } : {}),
    ...(options.marks ? { marks: true } : {}),
    deckCharts: options.deckCharts ?? 'native',
    maxAgeDays: options.maxAgeDays ?? null,
    sourceDateEpoch: options.sourceDateEpoch ?? null,
  };
  return sha(stableJson({ tool: TOOL_VERSION, opts, data: sha(inputs.data.bytes), templates }));
}

/** The previous result when nothing can have changed; otherwise nothing. */
export async function quickCheck(
  options: BuildOptions,
  inputs: InputSnapshot,
): Promise<{ result?: BuildResult }> {
  const out = path.resolve(options.out);
  try {
    const read = (name: string) => readInputBytes(path.join(out, name), name, MAX_CACHE_BYTES);
    const cache = parseCache((await read(CACHE_FILE)).toString('utf8'));
    if (
      !cache ||
      cache.manifest !== manifestName(options) ||
      cache.key !== inputKey(options, inputs)
    )
      return {};
    const text = await read(cache.manifest);
    if (sha(text) !== cache.manifestSha) return {};
    const manifest = parseManifest(text.toString('utf8'));
    // The cache's word is not enough: the manifest itself must say it was built from this data by
    // this tool.
    if (
      !manifest ||
      manifest.inputs.data !== sha(inputs.data.bytes) ||
      manifest.inputs.tool !== TOOL_VERSION ||
      manifest.tool.version !== TOOL_VERSION
    )
      return {};
    const onDisk = await mapAtMost(manifest.artifacts, 16, (a) => fileHash(out, a));
    if (manifest.artifacts.some((a, i) => onDisk[i] !== a.sha256)) return {};
    return {
      result: {
        manifest,
        rebuilt: [],
        upToDate: cache.paths,
        warnings: cache.warnings,
        summarised: cache.summarised,
      },
    };
  } catch {
    return {};
  }
}

/** The cache file for the next build, made from the manifest this build writes. */
export function cacheFile(
  options: BuildOptions,
  inputs: InputSnapshot,
  result: Omit<BuildResult, 'manifest'>,
): (manifestBytes: Uint8Array) => { path: string; bytes: Uint8Array }[] {
  return (manifestBytes) => {
    const cache: Cache = {
      key: inputKey(options, inputs),
      manifest: manifestName(options),
      manifestSha: sha(manifestBytes),
      paths: [...result.rebuilt, ...result.upToDate].sort(),
      warnings: result.warnings,
      summarised: result.summarised,
    };
    return [{ path: CACHE_FILE, bytes: new TextEncoder().encode(`${JSON.stringify(cache)}\n`) }];
  };
}
