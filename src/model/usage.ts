/**
 * Which facts a document actually uses. Entities in the template scope carry a hidden
 * origin (collection and id); rendering through a recording proxy notes every property a
 * template reads. The result is the document's provenance — the facts it printed, each with
 * its citation — and the part of the data its rebuild depends on.
 */
import type { Dataset } from '../dataset/schema.js';

const ORIGIN = Symbol('origin');
const NAMES = Symbol('names');

interface Origin {
  collection: string;
  id: string;
}

/** "measures/<id>" → the properties read. */
export type Usage = Map<string, Set<string>>;

/** Marks a scope object as standing for one dataset entity. */
export function tagOrigin<T extends object>(obj: T, collection: string, id: string): T {
  Object.defineProperty(obj, ORIGIN, {
    value: { collection, id } satisfies Origin,
    enumerable: false,
  });
  return obj;
}

/** Marks an id → name table; reading `table[id]` counts as reading that entity's name. */
export function tagNameTable<T extends object>(table: T, collectionOf: Record<string, string>): T {
  Object.defineProperty(table, NAMES, { value: collectionOf, enumerable: false });
  return table;
}

function record(usage: Usage, key: string, prop: string): void {
  const props = usage.get(key) ?? new Set();
  usage.set(key, props.add(prop));
}

/** Derived scope properties, and the stored property each comes from. */
const DERIVED: Record<string, string> = {
  partner_name: 'partner',
  category_label: 'category',
  category_labels: 'category',
  category_stated: 'category',
  when: 'date',
  role_label: 'role',
};

/** Wraps a scope so that reads of tagged entities are recorded in `usage`. */
export function trackReads<T extends object>(root: T, usage: Usage): T {
  const proxies = new WeakMap<object, object>();
  const wrap = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') return value;
    let p = proxies.get(value);
    if (!p) {
      p = new Proxy(value, {
        get(target, prop, receiver) {
          const t = target as { [ORIGIN]?: Origin; [NAMES]?: Record<string, string> };
          if (typeof prop === 'string' && Object.prototype.hasOwnProperty.call(target, prop)) {
            if (t[ORIGIN])
              record(usage, `${t[ORIGIN].collection}/${t[ORIGIN].id}`, DERIVED[prop] ?? prop);
            else if (t[NAMES]?.[prop]) record(usage, `${t[NAMES][prop]}/${prop}`, 'name');
          }
          return wrap(Reflect.get(target, prop, receiver));
        },
      });
      proxies.set(value, p);
    }
    return p;
  };
  return wrap(root) as T;
}

/** One fact a document used: its stored properties that were read, and its citation. */
export interface UsedFact {
  collection: string;
  id: string;
  values: Record<string, unknown>;
  cite?: unknown;
}

/** The used facts, in dataset order, with only the stored properties that were read. */
export function usedFacts(d: Dataset, usage: Usage): UsedFact[] {
  const out: UsedFact[] = [];
  for (const collection of [
    'partners',
    'actors',
    'people',
    'events',
    'measures',
    'quotes',
    'figures',
    'cooperationAreas',
    'sources',
  ] as const) {
    for (const item of d[collection] as ({ id: string } & Record<string, unknown>)[]) {
      const props = usage.get(`${collection}/${item.id}`);
      if (!props) continue;
      const values = Object.fromEntries(
        [...props]
          .filter((p) => p !== 'id' && p !== 'cite' && p in item)
          .sort()
          .map((p) => [p, item[p]]),
      );
      const cite = item.cite ?? (item.partnerSince as { cite?: unknown } | undefined)?.cite;
      out.push({ collection, id: item.id, values, ...(cite ? { cite } : {}) });
    }
  }
  return out;
}
