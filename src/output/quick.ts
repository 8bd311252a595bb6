/**
 * The no-op fast path. After each build a small cache (output/.bulletin-cache.json) records a
 * key over the exact inputs: the data file's bytes, every file under the templates folder,
 * the tool (version and code hash) and the options that change output. When the key matches
 * and every file the manifest lists is still on disk as written, nothing can have changed, so
 * the build returns without loading the pipeline (schema, template engine, renderers).
 * Any doubt — a missing or edited file, another option — falls through to the full build,
 * which decides unit by unit.
 */
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { TOOL_VERSION } from '../version.js';
import { writeAtomic } from './write.js';
import { parseShard, stableJson } from './plan.js';
import type { Manifest } from './manifest.js';
import type { BuildOptions, BuildResult } from '../build-types.js';

export const CACHE_FILE = '.bulletin-cache.json';

interface Cache {
  key: string;
  manifest: string;
  manifestSha: string;
  paths: string[];
  warnings: BuildResult['warnings'];
  summarised: string[];
}

const sha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

function manifestName(options: BuildOptions): string {
  const shard = options.shard ? parseShard(options.shard) : undefined;
  return shard && typeof shard !== 'string'
    ? `manifest-shard-${shard.index}-of-${shard.count}.json`
    : 'manifest.json';
}

/** The key over everything a build's output depends on; undefined when an input cannot be read. */
async function inputKey(options: BuildOptions): Promise<string | undefined> {
  try {
    const data = await readFile(options.data);
    const root = path.resolve(options.templates);
    const names = (await readdir(root, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => path.join(e.parentPath, e.name))
      .sort();
    const templates = await Promise.all(
      names.map(async (f) => [path.relative(root, f), sha(await readFile(f))]),
    );
    const opts = {
      only: [...(options.only ?? [])].sort(),
      partners: [...(options.partners ?? [])].sort(),
      shard: options.shard ?? null,
      paper: options.paper ?? null,
      bleed: options.bleed ?? false,
      deckCharts: options.deckCharts ?? 'native',
      maxAgeDays: options.maxAgeDays ?? null,
      sourceDateEpoch: options.sourceDateEpoch ?? null,
    };
    return sha(stableJson({ tool: TOOL_VERSION, opts, data: sha(data), templates }));
  } catch {
    return undefined;
  }
}

/** The previous result when nothing can have changed; otherwise nothing. */
export async function quickCheck(options: BuildOptions): Promise<{ result?: BuildResult }> {
  const out = path.resolve(options.out);
  try {
    const cache = JSON.parse(await readFile(path.join(out, CACHE_FILE), 'utf8')) as Cache;
    if (cache.manifest !== manifestName(options) || cache.key !== (await inputKey(options)))
      return {};
    const text = await readFile(path.join(out, cache.manifest));
    if (sha(text) !== cache.manifestSha) return {};
    const manifest = JSON.parse(text.toString('utf8')) as Manifest;
    for (const a of manifest.artifacts)
      if (sha(await readFile(path.join(out, a.path))) !== a.sha256) return {};
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

/** Records the key of a build that just finished, for the next one. */
export async function saveQuickKey(options: BuildOptions, result: BuildResult): Promise<void> {
  const key = await inputKey(options);
  if (!key) return;
  const out = path.resolve(options.out);
  const name = manifestName(options);
  const manifestSha = sha(await readFile(path.join(out, name)));
  const cache: Cache = {
    key,
    manifest: name,
    manifestSha,
    paths: [...result.rebuilt, ...result.upToDate].sort(),
    warnings: result.warnings,
    summarised: result.summarised,
  };
  await writeAtomic(
    path.join(out, CACHE_FILE),
    new TextEncoder().encode(`${JSON.stringify(cache)}\n`),
  );
}
