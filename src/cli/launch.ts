/**
 * The executable's first code (bundled as dist/cli/bin.js): V8's tiering flags and the code
 * cache must be in place before the command's modules are compiled, and static imports are
 * compiled before a module's body runs, so the command itself (main.ts) is imported only
 * after them. Kept small: the no-op rebuild and `--version` go through here too.
 */
import nodeModule from 'node:module';
import { setFlagsFromString } from 'node:v8';
import { processCacheDir } from './cache-dir.js';
import { flagsNotGiven, tierUpFlags } from './warm-start.js';

for (const flag of flagsNotGiven(tierUpFlags(process.versions.v8), process.execArgv))
  setFlagsFromString(flag);

enableCodeCache();
await import('./main.js');

/**
 * Node ≥ 22.1 keeps V8's compiled code for each module it loads after this, ESM and CommonJS
 * (the packages too), and checks each file's source before using it. Node 20 has no such API.
 * A cache that cannot be made or written (read-only home, full disk) means no cache, silently:
 * Node reports it only in the returned status. NODE_COMPILE_CACHE set by the user wins (Node
 * enabled it already), and NODE_DISABLE_COMPILE_CACHE=1 turns it off.
 */
function enableCodeCache(): void {
  // Not in @types/node 20, the oldest Node this package supports.
  const { enableCompileCache } = nodeModule as { enableCompileCache?: (dir: string) => unknown };
  if (typeof enableCompileCache !== 'function') return;
  try {
    enableCompileCache(processCacheDir());
  } catch {
    // Only a cache is lost.
  }
}
