/**
 * src/cjs.ts stands stubs in for packages pdfkit and fontkit load but a bulletin never runs
 * (pdfkit's line breaker, AES and PNG decoder; fontkit's Brotli): they must not load with
 * pdfkit, and must work as the real package the moment something uses them.
 */
import { createRequire } from 'node:module';
import { brotliCompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { requireCjs } from '../src/cjs.js';

const fromPdfkit = createRequire(requireCjs.resolve('pdfkit'));
const fromFontkit = createRequire(requireCjs.resolve('fontkit'));
const loaded = (re: RegExp) => Object.keys(requireCjs.cache).filter((f) => re.test(f));

describe('packages loaded on first use', () => {
  it('are not loaded with pdfkit', () => {
    requireCjs('pdfkit');
    // Each package's own modules, beside the entry file the stub stands in for.
    expect(loaded(/[\\/]brotli[\\/]dec[\\/]/)).toEqual([]);
    expect(loaded(/[\\/]linebreak[\\/]/)).toHaveLength(1);
    expect(loaded(/[\\/]@noble[\\/]ciphers[\\/]/)).toHaveLength(1);
  });

  it('work as the real packages once used', () => {
    const LineBreaker = fromPdfkit('linebreak') as new (s: string) => { nextBreak(): unknown };
    const breaker = new LineBreaker('one two three');
    let breaks = 0;
    while (breaker.nextBreak()) breaks++;
    expect(breaks).toBe(3);
    const brotli = fromFontkit('brotli/decompress.js') as (b: Buffer, n: number) => Uint8Array;
    const text = 'the same bytes back, the same bytes back';
    const out = brotli(brotliCompressSync(Buffer.from(text)), text.length);
    expect(Buffer.from(out).toString()).toBe(text);
    const aes = fromPdfkit('@noble/ciphers/aes') as { cbc: unknown };
    expect(typeof aes.cbc).toBe('function');
    expect(loaded(/[\\/]brotli[\\/]dec[\\/]/).length).toBeGreaterThan(0);
  });
});
