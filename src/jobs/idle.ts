/**
 * How much of the machine is free: the idle CPU time of every core over a window, from the
 * kernel's counters. A build thread pays only on a core nobody else is using; on a busy machine
 * (measured: a 2-core box at load 8) a second thread made a 4-partner build 1.5-2x slower,
 * because the threads only compete for the same cores and the worker's start-up is pure extra
 * work. GNU make's --load-average holds jobs back for the same reason; the 1-minute load
 * average lags too much for one build, so this samples idle time directly.
 */
import { cpus } from 'node:os';

interface Sample {
  at: number;
  idleMs: number;
}

const sample = (): Sample => ({
  at: performance.now(),
  idleMs: cpus().reduce((t, c) => t + c.times.idle, 0),
});

// Taken when the library loads, so a CLI build measures from its own start to its decision.
let last = sample();

/**
 * Cores that stood idle since the last call (or since this module loaded), on average: about 1
 * on an otherwise idle 2-core machine (this build keeps the other one busy). Undefined when the
 * window is too short for the kernel's 10 ms ticks to say anything.
 */
export function idleCores(): number | undefined {
  const now = sample();
  const window = now.at - last.at;
  if (window < 100) return undefined;
  const idle = (now.idleMs - last.idleMs) / window;
  last = now;
  return idle;
}
