/**
 * Which units to build: each unit's inputs hash is compared with the previous manifest,
 * and a unit is fresh only when every file it writes is listed with the same hash and is
 * on disk unchanged. Shards split the units round-robin in a fixed order.
 */
import { createHash } from 'node:crypto';
import type { Renderer, Unit } from '../compose/types.js';
import type { Manifest, ManifestEntry } from './manifest.js';

export interface PlannedUnit {
  renderer: Renderer;
  unit: Unit;
  /** sha256 of the unit's inputs and the tool version. */
  hash: string;
}

/** JSON with object keys sorted, so that equal values hash equally whatever their key order. */
export function stableJson(value: unknown): string {
  // As JSON.stringify: undefined (typed as a string) for undefined, a function or a symbol.
  return serialise(value, '', newMemo()) as string;
}

/** Array indices, which JavaScript lists before other keys whatever their insertion order. */
const INDEX = /^(?:0|[1-9]\d*)$/;
const isIndex = (k: string) => INDEX.test(k) && Number(k) < 2 ** 32 - 1;
const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Objects met so far in one serialisation, the text of those met more than once, and those
 * being written (a cycle fails as in JSON.stringify instead of recursing without end).
 */
interface Memo {
  met: Set<object>;
  text: Map<object, string | undefined>;
  open: Set<object>;
}
const newMemo = (): Memo => ({ met: new Set(), text: new Map(), open: new Set() });

/**
 * JSON.stringify with every object's keys sorted (index keys first, as JavaScript orders an
 * object's own keys). Units share large parts (a bulletin-wide chart every deck shows, the
 * style), and serialising those once per unit made planning grow with the square of the
 * partners: an object met a second time keeps its text for every later meeting. Only those:
 * keeping every object's text (one copy per nesting level) took 200 MB at 300 partners.
 * Nothing changes during one call, so an object's text is the same each time it is met; an
 * object with toJSON is never kept, since its text may depend on the key it is met under.
 */
function serialise(v: unknown, key: string, memo: Memo): string | undefined {
  if (v !== null && typeof v === 'object') {
    const own = v as { toJSON?: (key: string) => unknown };
    // Called once, as JSON.stringify does: its result is written as it is.
    if (typeof own.toJSON === 'function') return written(own.toJSON(key), memo);
    if (memo.text.has(v)) return memo.text.get(v);
    const again = memo.met.has(v);
    if (!again) memo.met.add(v);
    const text = written(v, memo);
    if (again) memo.text.set(v, text);
    return text;
  }
  return written(v, memo);
}

/** A value's text once toJSON has had its say. */
function written(v: unknown, memo: Memo): string | undefined {
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'number':
      return Number.isFinite(v) ? JSON.stringify(v) : 'null';
    case 'boolean':
      return v ? 'true' : 'false';
    case 'bigint':
      return JSON.stringify(v); // throws, as JSON.stringify does
    case 'object': {
      if (v === null) return 'null';
      if (memo.open.has(v)) throw new TypeError('Converting circular structure to JSON');
      memo.open.add(v);
      try {
        return Array.isArray(v)
          ? arrayJson(v, memo)
          : objectJson(v as Record<string, unknown>, memo);
      } finally {
        memo.open.delete(v);
      }
    }
    default:
      return undefined; // undefined, functions and symbols are left out
  }
}

function arrayJson(a: unknown[], memo: Memo): string {
  const parts: string[] = [];
  // By index, not map: a hole is written as null, as JSON.stringify writes it.
  for (let i = 0; i < a.length; i++) parts.push(serialise(a[i], String(i), memo) ?? 'null');
  return `[${parts.join(',')}]`;
}

function objectJson(o: Record<string, unknown>, memo: Memo): string {
  const keys = Object.keys(o);
  let first = 0;
  while (first < keys.length && isIndex(keys[first] as string)) first++;
  const sorted = [...keys.slice(0, first), ...keys.slice(first).sort(byCodeUnit)];
  const parts: string[] = [];
  for (const k of sorted) {
    const text = serialise(o[k], k, memo);
    if (text !== undefined) parts.push(`${JSON.stringify(k)}:${text}`);
  }
  return `{${parts.join(',')}}`;
}

/** Each unit's inputs hash; parts the units share are serialised once for all of them. */
export function hashUnits(units: readonly Unit[], toolVersion: string): string[] {
  const memo = newMemo();
  return units.map((unit) =>
    createHash('sha256')
      .update(serialise({ tool: toolVersion, inputs: unit.inputs }, '', memo) ?? '')
      .digest('hex'),
  );
}

/** Parses "i/n" (1-based), or returns a message. */
export function parseShard(text: string): { index: number; count: number } | string {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  if (!m) return `"${text}" is not a shard; write it as i/n, e.g. 2/3`;
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index < 1 || index > count)
    return `shard ${text} is out of range; i must be between 1 and n`;
  return { index, count };
}

/** The units of shard i/n: every n-th unit in renderer-then-key order, starting at i. */
export function shardUnits(
  units: PlannedUnit[],
  shard?: { index: number; count: number },
): PlannedUnit[] {
  if (!shard) return units;
  const ordered = [...units].sort((a, b) =>
    `${a.renderer.name}\u0000${a.unit.key}`.localeCompare(`${b.renderer.name}\u0000${b.unit.key}`),
  );
  return ordered.filter((_, i) => i % shard.count === shard.index - 1);
}

/** Whether a unit's files are all listed with this inputs hash and still on disk as listed. */
export function isFresh(
  p: PlannedUnit,
  old: Manifest | undefined,
  onDisk: Map<string, string | undefined>,
): boolean {
  if (!old) return false;
  const byPath = new Map<string, ManifestEntry>(old.artifacts.map((a) => [a.path, a]));
  return p.unit.paths.every((path) => {
    const e = byPath.get(path);
    return e !== undefined && e.inputs === p.hash && onDisk.get(path) === e.sha256;
  });
}
