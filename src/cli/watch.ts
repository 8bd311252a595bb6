/**
 * `bulletin build --watch`: builds, then rebuilds whenever data/ or templates/ change. The
 * build is incremental, so a rebuild redoes only the units whose inputs changed. A broken
 * file prints its problems and the watch goes on, so the next save that fixes it rebuilds.
 * Stops when io.signal aborts (Ctrl-C in the bin; an AbortController in tests).
 */
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { buildDetailed } from '../index.js';
import { ExitCode, InputError, formatProblem } from '../errors.js';
import type { CliIO } from './io.js';
import { optionsOf, warningLines, type BuildArgs } from './build-args.js';

/**
 * Quiet time after the last change before rebuilding: editors save in several writes (temp file,
 * rename).
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
  const changed = (dir: string) => (_event: string, file: string | Buffer | null) => {
    const name = file ? path.resolve(dir, file.toString()) : dir;
    // Our own writes into output/ must not trigger a build (output may sit inside a watched
    // folder).
    if (name === out || name.startsWith(out + path.sep)) return;
    if (/(^|[/\\])\.|~$/.test(path.basename(name))) return;
    clearTimeout(timer);
    timer = setTimeout(trigger, DEBOUNCE_MS);
  };

  io.out(`Watching ${path.dirname(args.data)} and ${args.templates} (stop with Ctrl-C)`);
  trigger();
  const watchers: FSWatcher[] = [
    ...new Set([path.resolve(path.dirname(args.data)), path.resolve(args.templates)]),
  ].map((dir) =>
    // recursive: templates has subfolders; Node 20 supports it on Linux.
    watch(dir, { recursive: true, signal }, changed(dir)).on('error', () => undefined),
  );
  await new Promise<void>((resolve) =>
    signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true }),
  );
  clearTimeout(timer);
  for (const w of watchers) w.close();
  await running;
  return ExitCode.ok;
}
