/**
 * compareFacts: what changed between two datasets, fact by fact. Pure. Every collection of
 * the dataset holds items with an `id`, so a fact is "collection id" and a change is a
 * field path with its old and new value; the bulletin block is one fact of its own.
 */

/** One changed field of one fact. */
export interface FieldChange {
  field: string;
  before?: unknown;
  after?: unknown;
}

/** A fact that was added, removed or changed between two builds. */
export interface FactChange {
  collection: string;
  id: string;
  change: 'added' | 'removed' | 'changed';
  fields: FieldChange[];
}

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Leaf values of a fact by dotted path ("quantity.value", "cite.locator", "items[1]"). */
function leaves(
  value: unknown,
  prefix = '',
  out = new Map<string, unknown>(),
): Map<string, unknown> {
  if (isRec(value)) {
    for (const [k, v] of Object.entries(value)) leaves(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => leaves(v, `${prefix}[${i}]`, out));
    if (value.length === 0) out.set(prefix, []);
  } else {
    out.set(prefix, value);
  }
  return out;
}

function fieldChanges(before: unknown, after: unknown): FieldChange[] {
  const a = leaves(before);
  const b = leaves(after);
  const fields = [...new Set([...a.keys(), ...b.keys()])].sort();
  return fields.flatMap((field) => {
    const x = a.get(field);
    const y = b.get(field);
    if (JSON.stringify(x) === JSON.stringify(y)) return [];
    return [
      { field, ...(a.has(field) ? { before: x } : {}), ...(b.has(field) ? { after: y } : {}) },
    ];
  });
}

function byId(items: unknown): Map<string, Rec> {
  const map = new Map<string, Rec>();
  if (!Array.isArray(items)) return map;
  for (const item of items) if (isRec(item) && typeof item.id === 'string') map.set(item.id, item);
  return map;
}

/** Every fact that differs, in the order of the new dataset's collections, then by id. */
export function compareFacts(before: unknown, after: unknown): FactChange[] {
  const old = isRec(before) ? before : {};
  const now = isRec(after) ? after : {};
  const changes: FactChange[] = [];
  const keys = [...new Set([...Object.keys(now), ...Object.keys(old)])].filter(
    (k) => k !== '$schema',
  );
  for (const key of keys) {
    const a = old[key];
    const b = now[key];
    if (!Array.isArray(a) && !Array.isArray(b)) {
      const fields = fieldChanges(a, b);
      if (fields.length) changes.push({ collection: key, id: key, change: 'changed', fields });
      continue;
    }
    const olds = byId(a);
    const news = byId(b);
    for (const id of [...new Set([...news.keys(), ...olds.keys()])].sort()) {
      const x = olds.get(id);
      const y = news.get(id);
      if (!x) changes.push({ collection: key, id, change: 'added', fields: fieldChanges({}, y) });
      else if (!y)
        changes.push({ collection: key, id, change: 'removed', fields: fieldChanges(x, {}) });
      else {
        const fields = fieldChanges(x, y);
        if (fields.length) changes.push({ collection: key, id, change: 'changed', fields });
      }
    }
  }
  return changes;
}
