/**
 * A V8 code cache for the CommonJS packages a build loads (fontkit, pdfkit, chart.js, jszip,
 * brotli, …: ~3 MB of code compiled in every build), kept beside the pipeline script's and
 * made the same way, after a build, so it holds the functions the build compiled (issue 33).
 * Node 20 has no cache for them, and Node 22's is made before each module runs.
 *
 * While the pipeline runs from its script, CommonJS files under node_modules are compiled
 * here as Node would (Module.wrap, the same `require`), with the cached code of the same file
 * and the same SHA-1 of its source; anything else, and any file that may call import() (a
 * vm.Script has no import() on Node 20), is left to Node.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import { debuglog } from 'node:util';
import { Script } from 'node:vm';
import { openCodeCache, sealCodeCache } from './code-cache-file.js';

const debug = debuglog('bulletin-cache');

interface Entry {
  file: string;
  sha1: string;
  /**
   * The cache bytes (none: the file is mostly data, left to Node), or the script to make them
   * from after the build.
   */
  data: Buffer | Script;
  sourceLength?: number;
}

interface Cached {
  sha1: string;
  data: Buffer;
}

type Compile = (this: NodeModule, content: string, filename: string, ...rest: unknown[]) => unknown;
const proto = Module.prototype as unknown as { _compile: Compile };
const internals = Module as unknown as {
  _resolveFilename(request: string, parent: NodeModule, isMain: boolean, options?: object): string;
  _resolveLookupPaths(request: string, parent: NodeModule): string[] | null;
  _extensions: NodeJS.RequireExtensions;
  _cache: NodeJS.Require['cache'];
};

export interface PackageCache {
  /** The cache file's bytes for `save`, or undefined when it holds what it should already. */
  contents: () => Buffer | undefined;
}

/** Compiles packages' CommonJS files with the cache sealed for `tag` in `cached` (if any). */
export function cachePackages(tag: string, cached: Buffer | undefined): PackageCache {
  const old = readEntries(tag, cached);
  const entries: Entry[] = [];
  let stale = false;
  const compile = proto._compile;
  proto._compile = function (this: NodeModule, content: string, filename: string, ...rest) {
    // Node 22 passes a format: 'module' (require of an ES module) and TypeScript are Node's.
    const node = () => compile.call(this, content, filename, ...rest);
    const format = rest[0];
    if (
      (format !== undefined && format !== 'commonjs') ||
      !filename.includes(`${path.sep}node_modules${path.sep}`) ||
      /\bimport\s*\(/.test(content)
    )
      return node();
    const sha1 = createHash('sha1').update(content).digest('hex');
    const before = old.get(filename);
    const cachedData = before?.sha1 === sha1 ? before.data : undefined;
    if (cachedData?.length === 0) {
      entries.push({ file: filename, sha1, data: cachedData });
      return node();
    }
    // A #! line is valid only at the very start of a script, not inside the wrapper.
    const source = Module.wrap(content.startsWith('#!') ? `//${content}` : content);
    let script: Script;
    try {
      script = new Script(source, { filename, ...(cachedData ? { cachedData } : {}) });
    } catch {
      // Not CommonJS after all (ES syntax in a .js file, which Node 20.19+ detects) or not
      // valid: Node loads it or reports it as it would without this cache.
      return node();
    }
    const fresh = !cachedData || script.cachedDataRejected === true;
    stale ||= fresh;
    entries.push({
      file: filename,
      sha1,
      data: fresh || !cachedData ? script : cachedData,
      sourceLength: content.length,
    });
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...a: unknown[]) => void;
    return wrapper.call(
      this.exports,
      this.exports,
      requireOf(this),
      this,
      filename,
      path.dirname(filename),
    );
  };
  return {
    contents: () => {
      const data = entries.filter((e) => !(e.data instanceof Script) && e.data.length === 0);
      const used = entries.filter((e) => !(e.data instanceof Script) && e.data.length > 0);
      debug(
        'packages: %d of %d files from the cache (%d more left to Node: mostly data)',
        used.length,
        entries.length - data.length,
        data.length,
      );
      if (!stale) return undefined;
      stale = false;
      // Files this build did not load stay (a `--only pdf` build loads fewer than a full one).
      const loaded = new Set(entries.map((e) => e.file));
      const kept = [...old].filter(([file]) => !loaded.has(file));
      return sealCodeCache(
        tag,
        writeEntries([...kept.map(([file, c]) => ({ file, ...c })), ...entries]),
      );
    },
  };
}

/** The `require` Node gives a CommonJS module (lib/internal/modules/helpers.js). */
function requireOf(module: NodeModule): NodeJS.Require {
  const require = ((id: string) => module.require(id)) as NodeJS.Require;
  const resolve = ((request: string, options?: { paths?: string[] }) =>
    internals._resolveFilename(request, module, false, options)) as NodeJS.RequireResolve;
  resolve.paths = (request: string) => internals._resolveLookupPaths(request, module);
  require.resolve = resolve;
  require.main = process.mainModule;
  require.extensions = internals._extensions;
  require.cache = internals._cache;
  return require;
}

/** Layout: a 4-byte length, a JSON index [file, sha1, bytes][], then each entry's bytes. */
function writeEntries(entries: Entry[]): Buffer {
  const blobs = entries.map((e) => (e.data instanceof Script ? cacheOf(e.data, e) : e.data));
  const index = Buffer.from(
    JSON.stringify(entries.map((e, i) => [e.file, e.sha1, blobs[i]?.length ?? 0])),
  );
  const length = Buffer.alloc(4);
  length.writeUInt32LE(index.length);
  return Buffer.concat([length, index, ...blobs]);
}

/**
 * A file whose cache is larger than its source is mostly data (brotli's 739 KB dictionary made
 * 960 KB of cache, hyphen's patterns 198 KB for 99) or tiny: V8 reads such a literal about as
 * fast as its cache, so the file halves for the same CPU time (measured). Kept as an empty
 * entry, so that the next build leaves the file to Node.
 */
function cacheOf(script: Script, entry: Entry): Buffer {
  const data = script.createCachedData();
  return data.length > (entry.sourceLength ?? 0) ? Buffer.alloc(0) : data;
}

function readEntries(tag: string, cached: Buffer | undefined): Map<string, Cached> {
  const entries = new Map<string, Cached>();
  const payload = cached && openCodeCache(tag, cached);
  if (!payload || payload.length < 4) return entries;
  try {
    const end = 4 + payload.readUInt32LE(0);
    const index = JSON.parse(payload.subarray(4, end).toString()) as [string, string, number][];
    let at = end;
    for (const [file, sha1, bytes] of index) {
      entries.set(file, { sha1, data: payload.subarray(at, at + bytes) });
      at += bytes;
    }
  } catch {
    // Sealed, so not damaged: another layout. No cache.
    entries.clear();
  }
  return entries;
}

/** The cache file's bytes, or undefined when it cannot be read. */
export function readCacheFile(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}
