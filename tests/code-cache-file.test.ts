/**
 * The sealed code-cache file (src/cli/code-cache-file.ts): V8 does not check a cache's bytes in
 * a release build, so the seal is what keeps a damaged or foreign file from running as code.
 * The built CLI's handling of such files is tests/code-cache.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { openCodeCache, sealCodeCache } from '../src/cli/code-cache-file.js';

const HASH = '2eb622e65aced6bb';
const data = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7) % 256));

describe('the sealed code-cache file', () => {
  it('gives back the cache it was sealed with, for the same script only', () => {
    const file = sealCodeCache(HASH, data);
    expect(openCodeCache(HASH, file)?.equals(data)).toBe(true);
    expect(openCodeCache('0123456789abcdef', file)).toBeUndefined();
  });

  it('is no cache when damaged, cut short, extended or not a sealed file', () => {
    const file = sealCodeCache(HASH, data);
    const flipped = Buffer.from(file);
    flipped[file.length - 10] = (flipped[file.length - 10] as number) ^ 1;
    for (const bad of [
      flipped,
      file.subarray(0, file.length - 1),
      Buffer.concat([file, Buffer.from([0])]),
      file.subarray(0, 40),
      Buffer.alloc(0),
      data,
    ])
      expect(openCodeCache(HASH, bad)).toBeUndefined();
  });

  it('refuses a script hash that is not 16 characters', () => {
    expect(() => sealCodeCache('abc', data)).toThrow(RangeError);
  });
});
