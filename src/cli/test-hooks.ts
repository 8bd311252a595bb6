/**
 * A test-only hook, off unless BULLETIN_TEST_WRITE_STEPS is set: the kill test uses it to
 * stop a build at a chosen step of its writes instead of guessing with timers.
 * "list": print each write step on stderr. "pause": print it, then block until one byte
 * arrives on stdin, so the test can look at the folder at that very step and then let the
 * build go on or kill it there.
 */
import { readSync, writeSync } from 'node:fs';
import type { WriteStep } from '../output/write.js';

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function waitForByte(): void {
  const one = Buffer.alloc(1);
  for (;;) {
    try {
      if (readSync(0, one, 0, 1, null) > 0) return;
      throw new Error('the test closed stdin while a build was paused');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
      sleep(5);
    }
  }
}

export function writeStepHook(env: Record<string, string | undefined>): WriteStep | undefined {
  const mode = env.BULLETIN_TEST_WRITE_STEPS;
  if (mode !== 'list' && mode !== 'pause') return undefined;
  let n = 0;
  return (phase, file) => {
    writeSync(2, `bulletin-test: write step ${++n} ${phase} ${file}\n`);
    if (mode === 'pause') waitForByte();
  };
}
