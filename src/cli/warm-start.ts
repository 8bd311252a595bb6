/**
 * What the executable sets before the command's modules are compiled (issue 33): a build is
 * mostly code that runs once or a few times, and V8's default tiering spent about a third of a
 * full build's CPU time optimising it for a process that ends a second later. Pure: the Node
 * version, environment and folders come in as arguments (launch.ts passes the process's own).
 */
import path from 'node:path';

/**
 * V8 flags that let the optimising compilers wait longer before they take a function, by V8
 * version, since the flag names changed (measured in bench/README.md, "Cold start"):
 * - Node 20 (V8 11): `--interrupt-budget`, TurboFan's budget in bytecode units (66 KB default);
 * - Node 22 (V8 12, Maglev off by default): TurboFan's invocation count (3000 default);
 * - Node 24 (V8 13, Maglev on): Maglev's (400 default) as well.
 * An unknown flag would make V8 print an error line, so only the running V8's names are given;
 * a later V8 gets V8 13's, and tests/node-versions.test.ts fails on a Node whose V8 renamed
 * them (add that Node to its list).
 */
export function tierUpFlags(v8Version: string): string[] {
  const major = Number(v8Version.split('.')[0]);
  if (major < 12) return ['--interrupt-budget=1000000'];
  if (major < 13) return ['--invocation-count-for-turbofan=30000'];
  return ['--invocation-count-for-turbofan=30000', '--invocation-count-for-maglev=4000'];
}

/**
 * The flags not already on Node's own command line (process.execArgv; Node refuses these in
 * NODE_OPTIONS), so that `node --interrupt-budget=… bulletin` measures what it says.
 */
export function flagsNotGiven(flags: string[], given: string[]): string[] {
  const name = (flag: string) => flag.split('=')[0]?.replaceAll('_', '-');
  const named = new Set(given.map(name));
  return flags.filter((flag) => !named.has(name(flag)));
}

/** Where the compiled-code cache lives: the environment and folders it is chosen from. */
export interface CacheHome {
  env: Record<string, string | undefined>;
  home: string;
  tmp: string;
  /** The user's id, or -1 where there is none (Windows). */
  uid: number;
}

/**
 * The folder for V8's code cache of the command's modules, one per package and Node version:
 * the user's cache folder (XDG_CACHE_HOME, else ~/.cache), never inside the package, which may
 * be installed read-only. Without a home folder, a per-user folder in the temporary folder, so
 * that no other user's files are ever loaded as compiled code.
 */
export function compileCacheDir(at: CacheHome, version: string, nodeVersion: string): string {
  const leaf = path.join('bulletin', `compile-${version}-node-${nodeVersion}`);
  const xdg = at.env.XDG_CACHE_HOME;
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, leaf);
  if (at.home) return path.join(at.home, '.cache', leaf);
  return path.join(at.tmp, `bulletin-cache-${at.uid}`, leaf);
}
