/**
 * How far V8 lets a heap grow between full collections. By default it grows up to 4x what was
 * live at the last one; a large build makes a lot of short-lived garbage (deck text through the
 * template engine, chart drawings, zips), so at 100 partners the main heap reached 220 MB with
 * ~35 MB live and the process 460 MB. Doubling at most kept it at ~357 MB for about the same
 * CPU (34.4 vs 34.2 s at 100 partners; 1.2x instead cost 28% more CPU for 325 MB).
 */
import { setFlagsFromString } from 'node:v8';

/** Heap growth allowed between full collections, in percent of what stayed live. */
export const HEAP_GROWING_PERCENT = 100;

/** Deck partners from which a build is large enough for the tighter heap to matter. */
export const LARGE_BUILD_PARTNERS = 16;

let bounded = false;

/**
 * Caps heap growth for the rest of the process (and its build threads: V8's flags are
 * process-wide and read at every collection, unlike the heap's maximum size, which is fixed when
 * a heap is made). Only for large builds: a small one's heap stays small anyway.
 */
export function boundHeapGrowth(partners: number): void {
  if (bounded || partners < LARGE_BUILD_PARTNERS) return;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  bounded = true;
}
