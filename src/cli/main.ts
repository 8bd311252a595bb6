/** The command: the only place that calls process.exit. bin.ts starts it. */
import { run } from './run.js';
import { processIO } from './io.js';
import { stopWrites } from '../output/stop.js';

const argv = process.argv.slice(2);
/** `bulletin watch`, or `build`/`preview` with --watch: the command is the first plain word. */
const watching = argv.find((a) => !a.startsWith('-')) === 'watch' || argv.includes('--watch');
const stop = new AbortController();
/**
 * How long a stop waits for writes in progress to end cleanly: a commit's renames take
 * milliseconds, and a stop must end the command within 3 s even when a write is stuck.
 */
const STOP_WAIT_MS = 2000;
/** How long file system calls in flight may take to end before the exit stops waiting. */
const SETTLE_MS = 500;

const fsInFlight = () => process.getActiveResourcesInfo().some((r) => r.startsWith('FSReq'));

/**
 * Exits with `code`. Node's exit waits for libuv's thread pool, so a thread stuck in a
 * syscall (open() of a FIFO nobody writes, a hung disk) kept the process alive after SIGTERM
 * (issue 31). Calls in flight get a moment to end; when one is still stuck, the signal is
 * raised again with its default action, which ends the process at once: a shell reports the
 * same 130 or 143 (128 + the signal's number), a parent process sees the signal.
 */
async function exitAfterSignal(signal: NodeJS.Signals, code: number): Promise<never> {
  for (let waited = 0; fsInFlight() && waited < SETTLE_MS; waited += 20)
    await new Promise((resolve) => setTimeout(resolve, 20));
  if (fsInFlight()) {
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  }
  process.exit(code);
}
// Ctrl-C or SIGTERM: a watch stops watching; writes in progress end cleanly first (temp files
// removed and the old set kept, or the new set completed), then the lock is released, and the
// command exits 130 or 143 as the shell would report the signal (README, "Exit codes"), a
// watch too: it was stopped, it did not finish. A second Ctrl-C exits at once.
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const)
  process.once(signal, () => {
    stop.abort();
    // A write stuck in a syscall (a hung disk) must not keep the process alive: wait for the
    // writes a few seconds, then go (issue 31).
    const late = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), STOP_WAIT_MS));
    void Promise.race([stopWrites(), late]).then((wrote) => {
      if (wrote === 'late') {
        processIO.err(
          `bulletin: stopped by ${signal}; a write did not finish within ${STOP_WAIT_MS / 1000} ` +
            's, so the output folder may hold temporary files (.*.tmp); build again to replace ' +
            'them.',
        );
        return exitAfterSignal(signal, code);
      }
      const what = wrote
        ? 'the output folder holds a complete set (the previous one, or the new one if it was ' +
          'already being put in place)'
        : watching
          ? 'no write was in progress'
          : 'nothing was written to the output folder';
      processIO.err(
        `bulletin: ${watching ? 'stopped watching' : 'stopped'} by ${signal}; ${what}.`,
      );
      return exitAfterSignal(signal, code);
    });
  });
process.exitCode = await run(argv, { ...processIO, signal: stop.signal });
