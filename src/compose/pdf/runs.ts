/** A run of neighbouring items that belong together, with its ends at hand (never empty). */
export interface Run<T> {
  first: T;
  last: T;
  items: T[];
}

/** Splits `items` into runs of neighbours for which `same(first of run, item)` holds. */
export function runsOf<T>(items: readonly T[], same: (a: T, b: T) => boolean): Run<T>[] {
  const runs: Run<T>[] = [];
  for (const item of items) {
    const open = runs.at(-1);
    if (open && same(open.first, item)) {
      open.items.push(item);
      open.last = item;
    } else runs.push({ first: item, last: item, items: [item] });
  }
  return runs;
}
