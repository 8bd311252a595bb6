import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stableJson } from '../src/output/plan.js';

/** The plain definition: every object copied with its keys sorted. */
const reference = (value: unknown) =>
  JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );

describe('stableJson', () => {
  it('writes keys sorted whatever their order, as sorting every object would', () => {
    expect(stableJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[{"y":2,"z":1}]},"b":1}',
    );
    expect(stableJson({ 10: 'x', 9: 'y', a: 1 })).toBe(reference({ 10: 'x', 9: 'y', a: 1 }));
  });
  it('agrees with the plain definition on any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(stableJson(v)).toBe(reference(v));
      }),
    );
  });
});
