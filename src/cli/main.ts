/** The command: the only place that calls process.exit. bin.ts starts it. */
import { run } from './run.js';
import { processIO } from './io.js';
import { stopWrites } from '../output/stop.js';

const argv = process.argv.slice(2);
const stop = new AbortController();
if (argv.includes('--watch')) process.once('SIGINT', () => stop.abort());
// Ctrl-C or SIGTERM: writes in progress end cleanly first (temp files removed and the old set
// kept, or the new set completed), then the lock is released; a second Ctrl-C exits at once.
else
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)
    process.once(signal, () => {
      void stopWrites().then((wrote) => {
        processIO.err(
          `bulletin: stopped by ${signal}; ` +
            `${wrote ? 'the output folder holds a complete set (the previous one, or the new one if it was already being put in place)' : 'nothing was written to the output folder'}.`,
        );
        process.exit(code);
      });
    });
process.exitCode = await run(argv, { ...processIO, signal: stop.signal });
