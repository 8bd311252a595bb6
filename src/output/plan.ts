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
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

export function hashUnit(unit: Unit, toolVersion: string): string {
  return createHash('sha256')
    .update(stableJson({ tool: toolVersion, inputs: unit.inputs }))
    .digest('hex');
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
