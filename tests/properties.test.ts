/** Property tests: the validator never crashes on mangled data, and the filters never throw on valid values. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseLocatedJson } from '../src/load/json.js';
import { validateDataset } from '../src/dataset/validate.js';
import * as f from '../src/template/filters.js';
import { seedText } from './helpers.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every path to a value in a JSON document. */
function paths(v: Json, at: (string | number)[] = []): (string | number)[][] {
  const here = [at];
  if (Array.isArray(v)) return here.concat(v.flatMap((x, i) => paths(x, [...at, i])));
  if (v && typeof v === 'object')
    return here.concat(Object.entries(v).flatMap(([k, x]) => paths(x, [...at, k])));
  return here;
}

function mutate(
  doc: Json,
  path: (string | number)[],
  op: 'replace' | 'delete' | 'add',
  value: Json,
): Json {
  const copy = structuredClone(doc);
  if (path.length === 0) return op === 'replace' ? value : copy;
  let parent: Json = copy;
  for (const p of path.slice(0, -1)) parent = (parent as Record<string, Json>)[p as string]!;
  const last = path[path.length - 1]!;
  const obj = parent as Record<string, Json> & Json[];
  if (op === 'replace') obj[last as string] = value;
  else if (op === 'delete') {
    if (Array.isArray(obj)) obj.splice(last as number, 1);
    else delete obj[last as string];
  } else if (!Array.isArray(obj) && typeof obj === 'object') obj[`${String(last)}x`] = value;
  return copy;
}

describe('the validator never crashes', () => {
  const seed = JSON.parse(seedText()) as Json;
  const all = paths(seed);
  it('on random mutations of the valid dataset', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: all.length - 1 }),
        fc.constantFrom('replace', 'delete', 'add'),
        fc.jsonValue(),
        (i, op, value) => {
          const text = JSON.stringify(
            mutate(seed, all[i]!, op as 'replace', value as Json),
            null,
            2,
          );
          const json = parseLocatedJson('data.json', text);
          if (Array.isArray(json)) return true;
          const r = validateDataset(json);
          // Either valid, or every problem says where and what.
          if (!r.dataset) for (const p of r.problems) expect(p.message.length).toBeGreaterThan(3);
          return true;
        },
      ),
      { numRuns: 300, seed: 20221 },
    );
  });
  it('on random text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const json = parseLocatedJson('data.json', text);
        if (!Array.isArray(json)) validateDataset(json);
        return true;
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});

describe('filters never throw on valid values', () => {
  const locales = fc.constantFrom('en-US', 'en-GB', 'de-DE', 'fr-FR', 'ja-JP');
  const amount = fc.double({ min: 0, max: 1e13, noNaN: true });
  it('money, number, scaled, percent', () => {
    fc.assert(
      fc.property(
        amount,
        fc.constantFrom('$', '€', 'USD', 'AUD', 'JPY', 'NZD', 'KRW'),
        locales,
        (a, c, l) => {
          expect(f.money(a, c, l)).toMatch(/\d/);
          expect(f.number(a, l)).toMatch(/\d/);
          expect(f.scaled(a, l)).toMatch(/\d/);
          expect(f.percent(a / 1e13, l)).toMatch(/\d/);
        },
      ),
      { numRuns: 300, seed: 1 },
    );
  });
  it('dates of every precision, and ranges', () => {
    const day = fc
      .date({
        min: new Date('1900-01-01T00:00:00Z'),
        max: new Date('2100-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    const text = fc.oneof(
      day,
      day.map((d) => d.slice(0, 7)),
      day.map((d) => d.slice(0, 4)),
      fc
        .integer({ min: 190, max: 209 })
        .chain((d) => fc.constantFrom(`${d}0s`, `early-${d}0s`, `mid-${d}0s`, `late-${d}0s`)),
    );
    fc.assert(
      fc.property(text, text, locales, fc.constantFrom('full', 'no-year'), (a, b, l, style) => {
        expect(f.formatDate(a, l, style as 'full').length).toBeGreaterThan(0);
        expect(f.formatDateRange(a, b, l).length).toBeGreaterThan(0);
      }),
      { numRuns: 300, seed: 2 },
    );
  });
  it('quantities, lists, ordinals, plurals and words', () => {
    fc.assert(
      fc.property(
        amount,
        fc.constantFrom(undefined, 'over', 'about', 'up-to'),
        fc.array(fc.string(), { maxLength: 6 }),
        fc.nat(),
        locales,
        (v, q, items, n, l) => {
          expect(
            f.quantity({ value: v, unit: 'barrels', ...(q ? { qualifier: q } : {}) }, l),
          ).toContain('barrels');
          f.list(items, l);
          f.list(items, l, 'or');
          expect(f.ordinal(n, l)).toMatch(/\d/);
          expect(['a', 'b']).toContain(f.plural(n, 'a', 'b', l));
          expect(f.words(n, l).length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 300, seed: 3 },
    );
  });
});

describe('random valid datasets build or fail with an input error, never crash', () => {
  it('synthetic datasets of random size and seed', async () => {
    const { generateDataset } = (await import('../bench/generate.mjs')) as {
      generateDataset: (n: number, seed: number) => unknown;
    };
    const { cli, tempDir } = await import('./helpers.js');
    const { writeFileSync } = await import('node:fs');
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 4, max: 9 }),
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        async (n, seed) => {
          const dir = tempDir();
          const data = `${dir}/data.json`;
          writeFileSync(data, JSON.stringify(generateDataset(n, seed)));
          const r = await cli([
            'build',
            '--out',
            `${dir}/out`,
            '--data',
            data,
            '--only',
            'pdf',
            '--only',
            'decks',
            '--jobs',
            '1',
          ]);
          // 0: built; 1: an input error (validation, fit) with a message. Never 2, a crash.
          expect([0, 1], r.err).toContain(r.code);
          if (r.code === 1) expect(r.err).toMatch(/problem/);
        },
      ),
      { numRuns: 8, seed: 42 },
    );
  }, 240_000);
});
