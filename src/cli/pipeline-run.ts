/**
 * Runs the build pipeline from dist/chunks/pipeline.script.js (made by .ci/pipeline-script.mjs
 * from the same chunks as the ES modules) with V8 code caches made after a build, for the
 * script and for the CommonJS packages it loads (package-cache.ts); see pipeline-script.ts.
 *
 * Each chunk in the script is a function given `require` and `__import` from here: command
 * chunks the main thread loaded already (errors, the output lock) and packages are ES modules
 * imported here and handed in, so they exist once, and harfbuzzjs's top-level await and every
 * package's ES semantics stay as they are. The script has no import() of its own: a vm.Script
 * made from cached data has none on Node 20 (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING).
 */
import {
  accessSync,
  constants,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { debuglog } from 'node:util';
import { Script } from 'node:vm';
import { InternalError } from '../errors.js';
import { PACKAGE_ROOT } from '../package-root.js';
import type { Pipeline } from '../pipeline-source.js';
import { openCodeCache, sealCodeCache } from './code-cache-file.js';
import { cachePackages, readCacheFile, type PackageCache } from './package-cache.js';

type Exports = Record<string, unknown>;
type Chunk = (
  exports: Exports,
  require: (specifier: string) => unknown,
  module: { exports: Exports },
  importDynamic: (specifier: string) => Promise<unknown>,
  importMetaUrl: string,
) => void;

/** What the script evaluates to (see .ci/pipeline-script.mjs). */
interface ScriptTable {
  entry: string;
  /** By chunk: the ES modules (packages, `./command-chunk.js`) to import before it runs. */
  needs: Record<string, string[]>;
  chunks: Record<string, Chunk>;
}

const CHUNKS = path.join(PACKAGE_ROOT, 'dist', 'chunks');
const SCRIPT = path.join(CHUNKS, 'pipeline.script.js');
const FIRST_LINE = /^\/\/ bulletin pipeline script ([0-9a-f]{16})\n/;
const requireBuiltin = createRequire(import.meta.url);
/** NODE_DEBUG=bulletin-cache: what was used and written (tests/code-cache.test.ts). */
const debug = debuglog('bulletin-cache');

/** The pipeline from its script, and what writes its caches after a build (once). */
export async function runPipelineScript(
  dir: string,
): Promise<{ pipeline: Pipeline; save: () => void }> {
  const caches: Caches = {};
  const pipeline = await run(dir, caches);
  const save = () => {
    const { script, packages } = caches;
    if (script) writeCache(script.file, () => sealCodeCache(script.hash, script.make()));
    if (packages) writeCache(packages.file, packages.cache.contents);
    caches.script = undefined;
    caches.packages = undefined;
  };
  return { pipeline, save };
}

/** What `save` writes: the script's cache if it ran without one V8 took, and the packages'. */
interface Caches {
  script?: { file: string; hash: string; make: () => Buffer };
  packages?: { file: string; cache: PackageCache };
}

async function run(dir: string, caches: Caches): Promise<Pipeline> {
  let source: string;
  try {
    source = readFileSync(SCRIPT, 'utf8');
  } catch {
    // A package without the script (an older layout): its ES modules are the same code.
    return import('../pipeline.js');
  }
  const hash = FIRST_LINE.exec(source)?.[1];
  if (!hash) throw new InternalError(`${SCRIPT} does not start with its hash`);
  const file = path.join(dir, `pipeline-${hash}.v8cache`);
  const sealed = readCacheFile(file);
  const cachedData = sealed && openCodeCache(hash, sealed);
  const script = new Script(source, { filename: SCRIPT, ...(cachedData ? { cachedData } : {}) });
  if (!cachedData || script.cachedDataRejected)
    caches.script = { file, hash, make: () => script.createCachedData() };
  debug(
    'pipeline script: %s',
    !cachedData ? 'no cache' : script.cachedDataRejected ? 'cache rejected by V8' : 'cache used',
  );
  const packages = path.join(dir, `packages-${hash}.v8cache`);
  caches.packages = { file: packages, cache: cachePackages(hash, readCacheFile(packages)) };
  return instantiate(script.runInThisContext() as ScriptTable);
}

/**
 * Written whole or not at all: a build reading it meanwhile sees the old file or the new.
 * `bytes` undefined: nothing to write.
 */
function writeCache(file: string, bytes: () => Buffer | undefined): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    // A folder that cannot be written costs no cache-making (tens of ms) in every build.
    mkdirSync(path.dirname(file), { recursive: true });
    accessSync(path.dirname(file), constants.W_OK);
    const sealed = bytes();
    if (!sealed) return;
    writeFileSync(temp, sealed);
    renameSync(temp, file);
    debug('wrote %s', path.basename(file));
    removeOthers(file);
  } catch {
    // Only a cache is lost (read-only or full disk, no home folder).
    try {
      unlinkSync(temp);
    } catch {
      // Never written.
    }
  }
}

/**
 * Removes the caches of other scripts of the same kind: the folder is per package version,
 * and each rebuilt package (a developer's every compile) has a script of its own, 1-3 MB.
 */
function removeOthers(file: string): void {
  const [, kind] = /^(\w+)-[0-9a-f]{16}\.v8cache$/.exec(path.basename(file)) ?? [];
  const dir = path.dirname(file);
  for (const name of readdirSync(dir))
    if (name !== path.basename(file) && new RegExp(`^${kind}-[0-9a-f]{16}\\.v8cache$`).test(name))
      rmSync(path.join(dir, name), { force: true });
}

/** Runs the script's chunks as CommonJS modules: each once, on first require. */
async function instantiate(table: ScriptTable): Promise<Pipeline> {
  const imported = new Map<string, unknown>();
  const made = new Map<string, { exports: Exports }>();
  const url = (chunk: string) => pathToFileURL(path.join(CHUNKS, chunk)).href;
  const local = (specifier: string) =>
    specifier.startsWith('./') ? specifier.slice(2) : undefined;
  const inScript = (specifier: string) => {
    const name = local(specifier);
    return name !== undefined && Object.hasOwn(table.chunks, name) ? name : undefined;
  };
  const esImport = (specifier: string): Promise<unknown> => {
    const name = local(specifier);
    return import(name === undefined ? specifier : url(name));
  };
  const prepare = async (chunk: string) => {
    const wanted = (table.needs[chunk] ?? []).filter((s) => !imported.has(s));
    const modules = await Promise.all(wanted.map(esImport));
    wanted.forEach((s, i) => imported.set(s, asCommonJs(modules[i] as Exports)));
  };
  const require = (specifier: string): unknown => {
    const name = inScript(specifier);
    if (name !== undefined) return make(name);
    if (imported.has(specifier)) return imported.get(specifier);
    if (isBuiltin(specifier)) return requireBuiltin(specifier);
    throw new InternalError(`the pipeline script needs ${specifier}, which was not imported`);
  };
  const importDynamic = async (specifier: string): Promise<unknown> => {
    const name = inScript(specifier);
    if (name === undefined) return esImport(specifier);
    await prepare(name);
    return make(name);
  };
  const make = (name: string): Exports => {
    const done = made.get(name);
    if (done) return done.exports;
    const module = { exports: {} };
    made.set(name, module);
    const chunk = table.chunks[name] as Chunk;
    chunk.call(undefined, module.exports, require, module, importDynamic, url(name));
    return module.exports;
  };
  return (await importDynamic(`./${table.entry}`)) as Pipeline;
}

/**
 * An ES module as esbuild's CommonJS output expects an ES module converted to CommonJS:
 * marked `__esModule`, so that its default import is the module's `default` export.
 */
function asCommonJs(namespace: Exports): Exports {
  const module: Exports = {};
  for (const key of Object.keys(namespace))
    Object.defineProperty(module, key, { enumerable: true, get: () => namespace[key] });
  return Object.defineProperty(module, '__esModule', { value: true });
}
