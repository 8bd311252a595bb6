/**
 * The executable's first code (bundled as dist/cli/bin.js): V8's tiering flags must be set
 * before the command's modules are compiled, and static imports are compiled before a
 * module's body runs, so the command itself (main.ts) is imported only after them. Kept
 * small: the no-op rebuild and `--version` go through here too.
 */
import { setFlagsFromString } from 'node:v8';
import { flagsNotGiven, tierUpFlags } from './warm-start.js';

const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
for (const flag of flagsNotGiven(tierUpFlags(process.versions.v8), given)) setFlagsFromString(flag);

await import('./main.js');

