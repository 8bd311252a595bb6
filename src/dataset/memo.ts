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

/**
 * A pure function that remembers its results by a key of its arguments. Intl's
 * formatToParts costs microseconds a call, and a deck's notes list every peer's figures, so
 * 100 partners format the same few hundred values ten thousand times. Bounded: past `limit`
 * keys it starts afresh, so a long --watch session does not grow without end.
 */
export function remembered<A extends unknown[], R>(
  key: (...args: A) => string | undefined,
  compute: (...args: A) => R,
  limit = 20_000,
): (...args: A) => R {
  const results = new Map<string, R>();
  return (...args: A) => {
    const k = key(...args);
    if (k === undefined) return compute(...args);
    let r = results.get(k);
    if (r === undefined && !results.has(k)) {
      r = compute(...args);
      if (results.size >= limit) results.clear();
      results.set(k, r);
    }
    return r as R;
  };
}
