/**
 * `bulletin watch` (and `bulletin build --watch`): builds, then rebuilds whenever data/ or
 * templates/ change. The build is incremental, so a rebuild redoes only the units whose inputs
 * changed. A broken file prints its problems and the watch goes on, so the next save that
 * fixes it rebuilds. Stops when io.signal aborts (Ctrl-C in the bin; an AbortController in
 * tests).
 *
 * chokidar, not Node's recursive fs.watch: on Linux, Node 20 emulates the recursive watch in
 * JavaScript file by file, and once a save replaces a file (a new file renamed over it: sed -i,
 * vim, JetBrains' safe-write) later saves of it went unseen (issue 30: 3 of 4 edits did not
 * rebuild). chokidar watches the folders, which outlive any file in them.
 */
import path from 'node:path';
import type { FSWatcher } from 'chokidar';
import { buildDetailed } from '../index.js';
import { ExitCode, InputError, formatProblem } from '../errors.js';
import type { CliIO } from './io.js';
import { optionsOf, warningLines, type BuildArgs } from './build-args.js';
import { ignoredBy } from './watch-paths.js';

/**
 * Quiet time after the last change before rebuilding: one save is several file-system events
 * (a temp file, a rename, a backup, a swap file), and they all land within a few ms.
 */
export const DEBOUNCE_MS = 200;

const clock = () => new Date().toTimeString().slice(0, 8);

export async function watchBuild(args: BuildArgs, io: CliIO): Promise<number> {
  const signal = io.signal ?? new AbortController().signal;
  const out = path.resolve(args.out);
  let running: Promise<void> | null = null;
  let again = false;

  const once = async (): Promise<void> => {
    const t0 = performance.now();
    const options = optionsOf(args, io);
    try {
      const result = await buildDetailed(options);
      const ms = performance.now() - t0;
      if (args.preview)
        await (await import('../preview/index.js')).writePreview(options, result, {
          times: new Map(),
          buildMs: ms,
        });
      const what = result.rebuilt.length
        ? `rebuilt ${result.rebuilt.length} ` +
          `file${result.rebuilt.length === 1 ? '' : 's'}${result.upToDate.length ? ` (${result.upToDate.length} up to date)` : ''}`
        : `up to date (${result.upToDate.length} files)`;
      const warn = result.warnings.length
        ? `; ${result.warnings.length} warning${result.warnings.length === 1 ? '' : 's'}`
        : '';
      io.out(`[${clock()}] ${what} in ${(ms / 1000).toFixed(1)} s${warn}`);
      if (result.warnings.length && !args.quiet) io.err(warningLines(result));
    } catch (err) {
      // Keep watching: the analyst is mid-edit and the next save may fix it.
      if (err instanceof InputError)
        io.err(`[${clock()}] error: ${err.problems.map(formatProblem).join('\n  ')}`);
      else
        io.err(
          `[${clock()}] error: internal error (a bug in bulletin): ` +
            `${err instanceof Error ? err.message : String(err)}`,
        );
    }
  };
  // One build at a time; changes during a build queue exactly one more.
  const trigger = () => {
    if (signal.aborted) return;
    if (running !== null) {
      again = true;
      return;
    }
    running = once().finally(() => {
      running = null;
      if (again) {
        again = false;
        trigger();
      }
    });
  };

  let timer: NodeJS.Timeout | undefined;
  const changed = () => {
    clearTimeout(timer);
    timer = setTimeout(trigger, DEBOUNCE_MS);
  };

  const roots = [...new Set([path.resolve(path.dirname(args.data)), path.resolve(args.templates)])];
  const { watch } = await import('chokidar');
  const watcher: FSWatcher = watch(roots, { ignoreInitial: true, ignored: ignoredBy(out, roots) })
    .on('all', changed)
    // A folder that vanishes or cannot be read is reported by the next build, which names it.
    .on('error', () => undefined);
  // The first build starts once every folder is watched, so a save made while it runs is seen.
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  io.out(`Watching ${path.dirname(args.data)} and ${args.templates} (stop with Ctrl-C)`);
  trigger();
  await new Promise<void>((resolve) =>
    signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true }),
  );
  clearTimeout(timer);
  await watcher.close();
  await running;
  return ExitCode.ok;
}
