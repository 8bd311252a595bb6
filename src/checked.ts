/**
 * Checked access for values the caller's own logic guarantees: a miss is a bug in bulletin, so
 * it stops the build with an InternalError (exit 2) instead of printing a wrong or missing
 * figure. Used where TypeScript cannot see the invariant (parallel arrays, a key just put in a
 * map, a regex group that always takes part); never for data the user wrote.
 */
import { InternalError } from './errors.js';

/**
 * `value`, which the caller's own logic guarantees is there (a lookup by a key it just built, an
 * index inside the bounds it checked). A miss is a bug in bulletin, never bad input, so it stops
 * the build with an internal error instead of printing a wrong or missing figure.
 */
export function must<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new InternalError(`${what} is missing`);
  return value;
}

/** Element `i` of `items`, which the caller's bounds guarantee; see {@link must}. */
export function at<T>(items: readonly T[], i: number, what = 'list element'): T {
  return must(items[i], `${what} ${i} of ${items.length}`);
}

/** Element `i` of a non-empty `items`, wrapping around (colours and shapes that repeat). */
export function cycled<T>(items: readonly T[], i: number, what = 'repeating list'): T {
  return at(items, i % items.length, what);
}
