/**
 * Answers kept per dataset. Many questions are asked of one dataset once per deck ("the
 * largest", each partner's totals, the date the data runs to), and each reads every partner's
 * measures; a parsed dataset is never changed after validation, so an answer keyed by the
 * dataset object and the question stays true for the dataset's life, and goes with it.
 */
const memos = new WeakMap<object, Map<string, unknown>>();

/** `make()`'s answer for this key on this dataset, made on first ask. */
export function memoOn<T>(dataset: object, key: string, make: () => T): T {
  let known = memos.get(dataset);
  if (!known) memos.set(dataset, (known = new Map()));
  if (known.has(key)) return known.get(key) as T;
  const value = make();
  known.set(key, value);
  return value;
}
