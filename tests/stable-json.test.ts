/**
 * stableJson writes what JSON.stringify writes with every object's keys sorted, and hashUnits,
 * which serialises parts shared by many units once, gives each unit the hash it would get
 * alone. The reference is the plain form: JSON.stringify with a replacer that sorts keys.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module without type declarations (bench/ is not compiled).
import { generateDataset } from '../bench/generate.mjs';
import { prepare } from '../src/index.js';
import { RENDERERS } from '../src/compose/registry.js';
import { hashUnits, stableJson } from '../src/output/plan.js';
import { tempDir } from './helpers.js';

function reference(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

describe('stableJson', () => {
  it('matches the sorted-replacer form on the awkward cases', () => {
    const shared = { z: 1, a: [1, { y: 2, b: 3 }] };
    const cases: unknown[] = [
      { b: 1, a: 2, 10: 'ten', 9: 'nine', '01': 'not an index', [2 ** 32 - 1]: 'not one either' },
      [undefined, () => 1, Symbol('s'), Number.NaN, -0, Infinity, 1e21, 5e-7],
      { u: undefined, f: () => 1, n: null, s: 'é\u2028"\\\n', d: new Date(Date.UTC(2022, 1, 24)) },
      { when: { toJSON: (key: string) => `asked for ${key}` } },
      Buffer.from([1, 2, 250]),
      new Uint8Array([3, 1, 2]),
      new Map([['a', 1]]),
      { one: shared, two: shared, list: [shared, shared] },
      [],
      {},
      'text',
      42,
      null,
      true,
    ];
    for (const value of cases) expect(stableJson(value)).toBe(reference(value));
  });

  it('calls toJSON once, with each key, and writes holes and cycles as JSON.stringify does', () => {
    const byKey = { toJSON: (key: string) => ({ key, b: 1, a: 2 }) };
    const self = {
      b: 1,
      a: 2,
      toJSON() {
        return this;
      },
    };
    const cases: unknown[] = [
      { x: byKey, y: byKey, z: byKey, list: [byKey, byKey, byKey] },
      { self, again: self, more: [self, self] },
      { date: { toJSON: () => new Date(0) } },
      { nested: { toJSON: () => ({ inner: { toJSON: () => 'inner' } }) } },
      [, 1, , 2], // holes, written as null
    ];
    for (const value of cases) expect(stableJson(value)).toBe(reference(value));
    const loop: Record<string, unknown> = { a: 1 };
    loop.me = { back: loop };
    // The sorted-replacer form overflows the stack here (each level is a fresh copy); this
    // one says what is wrong.
    expect(() => stableJson(loop)).toThrow(/circular/);
    expect(stableJson(undefined)).toBe(reference(undefined));
  });
});

describe('hashUnits', () => {
  it('gives every unit of the seed and of a 12-partner build the hash it gets alone', async () => {
    const dir = tempDir();
    const twelve = path.join(dir, 'twelve.json');
    writeFileSync(twelve, JSON.stringify(generateDataset(12)));
    for (const data of ['data/bulletin.json', twelve]) {
      const ctx = await prepare({ data, templates: 'templates', out: path.join(dir, 'out') });
      const units = RENDERERS.flatMap((r) => r.units(ctx));
      expect(units.length).toBeGreaterThan(20);
      const together = hashUnits(units, '1.2.3');
      units.forEach((unit, i) => {
        expect(together[i], unit.key).toBe(sha(reference({ tool: '1.2.3', inputs: unit.inputs })));
        expect(hashUnits([unit], '1.2.3')[0]).toBe(together[i]);
      });
    }
  }, 60_000);
});
