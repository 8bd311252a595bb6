/** The command: the only place that calls process.exit. bin.ts starts it. */
import { run } from './run.js';
import { processIO } from './io.js';
import { stopWrites } from '../output/stop.js';

const argv = process.argv.slice(2);
/** `bulletin watch`, or `build`/`preview` with --watch: the command is the first plain word. */
const watching = argv.find((a) => !a.startsWith('-')) === 'watch' || argv.includes('--watch');
const stop = new AbortController();
/** How long a stop waits for writes in progress to end cleanly. */
const STOP_WAIT_MS = 5000;
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
        process.exit(code);
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
      process.exit(code);
    });
  });
process.exitCode = await run(argv, { ...processIO, signal: stop.signal });
