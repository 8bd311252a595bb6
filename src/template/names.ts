/**
 * What a template may name. A name that is neither in the scope nor a field any record of the
 * data can have is a mistake wherever it appears, `{% if %}` included; a field the schema
 * knows but one record leaves out (an aid measure without `amount`) is simply not stated there,
 * so a condition on it is false. LiquidJS's `lenientIf` cannot tell the two apart: it made
 * every missing name false, and a misspelt condition silently dropped a sentence (issue 28).
 */
import { types } from 'node:util';

/** Every object key a zod schema can produce, at any depth (zod 4's `_zod.def`). */
export function schemaFieldNames(schema: unknown, into = new Set<string>()): Set<string> {
  const seen = new Set<unknown>();
  const walk = (s: unknown): void => {
    const def = (s as { _zod?: { def?: Record<string, unknown> } } | undefined)?._zod?.def;
    if (!def || seen.has(s)) return;
    seen.add(s);
    const shape = def.shape as Record<string, unknown> | undefined;
    if (shape)
      for (const [key, value] of Object.entries(shape)) {
        into.add(key);
        walk(value);
      }
    for (const key of ['element', 'innerType', 'in', 'out', 'valueType', 'catchall'])
      walk(def[key]);
    for (const option of (def.options as unknown[] | undefined) ?? []) walk(option);
  };
  walk(schema);
  return into;
}

/** The names templates can read: schema fields, plus the keys of every object in the scopes. */
export class KnownNames {
  private readonly names: Set<string>;
  private readonly ids = new Set<string>();
  private readonly arguments = new Set<string>();
  private readonly visited = new WeakSet<object>();

  constructor(fields: Iterable<string> = []) {
    this.names = new Set(fields);
  }

  /** Learns the keys of every plain object reachable from `value` (proxies are not walked). */
  learn(value: unknown): void {
    const stack: unknown[] = [value];
    while (stack.length) {
      const v = stack.pop();
      if (v === null || typeof v !== 'object' || this.visited.has(v) || types.isProxy(v)) continue;
      this.visited.add(v);
      if (!Array.isArray(v)) for (const key of Object.keys(v)) this.names.add(key);
      const id = (v as { id?: unknown }).id;
      if (typeof id === 'string') this.ids.add(id);
      for (const x of Array.isArray(v) ? v : Object.values(v)) stack.push(x);
    }
  }

  private readonly near = new Map<string, string[]>();

  /**
   * The ids close to `key` in a table, remembered: a template rendered for every partner asks
   * the same question each time, and a table may hold thousands of ids.
   */
  nearIds(key: string, ids: string[], find: (k: string, c: string[]) => string[]): string[] {
    const cacheKey = `${ids.length}\u0000${ids[0] ?? ''}\u0000${key}`;
    let found = this.near.get(cacheKey);
    if (!found) this.near.set(cacheKey, (found = find(key, ids)));
    return found;
  }

  /** Whether `key` is the id of a record: a table keyed by ids is data, not names. */
  isId(key: string): boolean {
    return this.ids.has(key);
  }

  /**
   * Learns the arguments templates pass to partials (`{% render "x", a: …, b: … %}`): inside a
   * partial, an argument one caller leaves out is not stated, not misspelt.
   */
  learnArguments(sources: string[]): void {
    for (const source of sources)
      for (const tag of source.matchAll(/\{%-?\s*render\s+([^%]*?)-?%\}/g))
        for (const arg of (tag[1] ?? '').matchAll(/[,\s]([A-Za-z_][\w-]*)\s*:/g))
          if (arg[1]) this.arguments.add(arg[1]);
  }

  /**
   * Learns the variables templates set (`assign`, `capture`, `for x in`): one read before it is
   * set, or where the branch that sets it did not run, has no value, it is not misspelt.
   */
  learnAssigned(sources: string[]): void {
    const tag = /\{%-?\s*(?:assign|capture|increment|decrement|for|tablerow)\s+([A-Za-z_][\w-]*)/g;
    for (const source of sources)
      for (const m of source.matchAll(tag)) if (m[1]) this.arguments.add(m[1]);
  }

  /** Whether `name` is set by some template or passed to a partial by one. */
  isVariable(name: string): boolean {
    return this.arguments.has(name);
  }

  has(name: string): boolean {
    return this.names.has(name);
  }

  all(): Iterable<string> {
    return this.names;
  }
}

/**
 * Levenshtein distance, with an adjacent swap counted as one edit ("nmae" → "name"); past
 * `limit` it stops and returns limit + 1 (a table of thousands of ids is searched on a miss).
 */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(
        (prev[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (prev[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, (before[j - 2] as number) + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > limit) return limit + 1;
    before = prev;
    prev = row;
  }
  return prev[b.length] as number;
}

/** The candidates close enough to `name` to be what was meant, nearest first (at most 3). */
export function closest(name: string, candidates: Iterable<string>): string[] {
  const limit = Math.max(1, Math.floor(name.length / 3));
  const lower = name.toLowerCase();
  return [...new Set(candidates)]
    .map((c) => ({ c, d: editDistance(lower, c.toLowerCase(), limit) }))
    .filter((x) => x.d <= limit && x.c !== name)
    .sort((x, y) => x.d - y.d || x.c.localeCompare(y.c))
    .slice(0, 3)
    .map((x) => x.c);
}

/**
 * The hint after "unknown name": what exists, never "define it in the data" — a template's
 * mistake is fixed in the template, and the data holds only what the source says.
 */
export function suggestion(name: string, here: string[], known: Iterable<string>): string {
  const near = closest(name, here.length ? here : known);
  const also = near.length ? near : closest(name, known);
  if (also.length) return `did you mean ${also.map((n) => `"${n}"`).join(' or ')}?`;
  if (here.length === 0) return 'check its spelling';
  const shown = [...here].sort().slice(0, 15);
  const more = here.length > shown.length ? `, and ${here.length - shown.length} more` : '';
  return `the names here are ${shown.join(', ')}${more}`;
}
