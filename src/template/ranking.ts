/**
 * Ordering a collection in templates by a field, and refusing to order money in several
 * currencies: a silent wrong order is worse than an error.
 */

/** Reads a dotted path ("aid_total.amount") of an item; undefined when a step is missing. */
function pathValue(item: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (v, k) =>
        v !== null && typeof v === 'object' && Object.prototype.hasOwnProperty.call(v, k)
          ? (v as Record<string, unknown>)[k]
          : undefined,
      item,
    );
}

/**
 * Items ranked by a number at a path, largest first; items without one go last. Stable, so
 * ties keep the data order and the same data always ranks the same way.
 */
export function rank<T>(items: readonly T[], path: string): T[] {
  const keyed = items.map((item, i) => {
    const v = pathValue(item, path);
    return { item, i, v: typeof v === 'number' && Number.isFinite(v) ? v : undefined };
  });
  keyed.sort((a, b) =>
    a.v === undefined
      ? b.v === undefined
        ? a.i - b.i
        : 1
      : b.v === undefined
        ? -1
        : b.v - a.v || a.i - b.i,
  );
  return keyed.map((k) => k.item);
}

/** Money as the templates see it: an amount with its currency. */
function asMoneyValue(v: unknown): { amount: number; currency: string } | null {
  if (v === null || typeof v !== 'object') return null;
  const m = v as { amount?: unknown; currency?: unknown };
  return typeof m.amount === 'number' && typeof m.currency === 'string'
    ? { amount: m.amount, currency: m.currency }
    : null;
}

/**
 * The currencies of the money at a path across items. A path that ends in ".amount" reads
 * the money object around it, so `rank: "aid_total.amount"` knows its currency. Returns null
 * when some non-null value at the path is not money at all (plain numbers are comparable).
 */
export function currenciesAt(items: readonly unknown[], path: string): string[] | null {
  const moneyPath = path.endsWith('.amount') ? path.slice(0, -'.amount'.length) : path;
  const seen = new Set<string>();
  for (const item of items) {
    const v = moneyPath === '' ? item : pathValue(item, moneyPath);
    if (v === undefined || v === null) continue;
    const m = asMoneyValue(v);
    if (!m) return null;
    seen.add(m.currency);
  }
  return [...seen];
}

/**
 * Whether the money at a path can be compared across items: every non-null value is money in
 * one currency. Amounts in different currencies cannot be ranked, added or shared without
 * rates, so templates guard every "most", rank, share or "combined" with this.
 */
export function comparable(items: readonly unknown[], path = ''): boolean {
  const currencies = currenciesAt(items, path);
  return currencies !== null && currencies.length <= 1;
}

/** `rank`, refusing money in several currencies: a silent wrong order is worse than an error. */
export function rankComparable<T>(items: readonly T[], path: string): T[] {
  const currencies = currenciesAt(items, path);
  if (currencies && currencies.length > 1)
    throw new Error(
      `filter "rank" cannot order "${path}": the amounts are in ${currencies.length} currencies ` +
        `(${currencies.join(', ')}) and the data gives no rates; check first with {% assign ok = ` +
        `items | comparable: "${path}" %}`,
    );
  return rank(items, path);
}
