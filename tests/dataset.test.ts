import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkDatasetFile } from '../src/load/dataset.js';
import { formatProblem } from '../src/errors.js';
import { datasetJsonSchema } from '../src/dataset/json-schema.js';
import { readFileSync } from 'node:fs';
import { parseLocatedJson, type LocatedJson } from '../src/load/json.js';
import { SEED_DATA, dataWith, tempDir } from './helpers.js';

async function problemsOf(file: string): Promise<string[]> {
  return (await checkDatasetFile(file)).problems.map(formatProblem);
}

function lineOf(file: string, needle: string): number {
  return (
    readFileSync(file, 'utf8')
      .split('\n')
      .findIndex((l) => l.includes(needle)) + 1
  );
}

describe('the seed dataset', () => {
  it('is valid', async () => {
    const r = await checkDatasetFile(SEED_DATA);
    expect(r.problems).toEqual([]);
    expect(r.dataset?.partners.map((p) => p.id)).toEqual([
      'japan',
      'south-korea',
      'australia',
      'new-zealand',
      'singapore',
    ]);
  });
  it('references the committed JSON Schema, which matches the zod schema', () => {
    expect(JSON.parse(readFileSync(SEED_DATA, 'utf8')).$schema).toBe('./bulletin.schema.json');
    expect(readFileSync('data/bulletin.schema.json', 'utf8')).toBe(datasetJsonSchema());
  });
});

describe('validation messages name file, line and path', () => {
  it('a broken comma', async () => {
    const file = dataWith([
      ['"series": "Asia Pacific Bulletin",', '"series": "Asia Pacific Bulletin"'],
    ]);
    const [p, ...rest] = await problemsOf(file);
    expect(rest).toEqual([]);
    expect(p).toBe(
      `${file}:${lineOf(file, '"title": "NATO')}:5: invalid JSON: expected "," between items (is a comma missing?)`,
    );
  });
  it('a negative amount, an unknown partner and an impossible date, all at once', async () => {
    const file = dataWith([
      ['"amount": 10000000,', '"amount": -10000000,'],
      [
        '"id": "singapore-sanctions", "type": "sanctions", "partner": "singapore"',
        '"id": "singapore-sanctions", "type": "sanctions", "partner": "singapur"',
      ],
      ['"date": "2022-02-28"', '"date": "2022-02-30"'],
    ]);
    const problems = await problemsOf(file);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(
      new RegExp(
        `^${file}:${lineOf(file, '2022-02-30')}:\\d+: measures\\[5\\]\\.date: "2022-02-30" is not a real date: that month has 28 days$`,
      ),
    );
    expect(problems[1]).toMatch(
      new RegExp(
        `^${file}:${lineOf(file, '-10000000')}:\\d+: measures\\[5\\]\\.amount: must not be negative$`,
      ),
    );
    expect(problems[2]).toMatch(
      new RegExp(
        `^${file}:${lineOf(file, 'singapur')}:\\d+: measures\\[22\\]\\.partner: "singapur" is not a known partner id`,
      ),
    );
  });
  it('a misspelt key points at the key', async () => {
    const file = dataWith([['"amount": 30000000,', '"ammount": 30000000,']]);
    const problems = await problemsOf(file);
    expect(problems.some((p) => /measures\[6\]\.ammount: unknown key "ammount"/.test(p))).toBe(
      true,
    );
  });
  it('duplicate ids, reversed event dates and as-of before the fact', async () => {
    const file = dataWith([
      ['"id": "japan-vests"', '"id": "japan-sanctions"'],
      ['"endDate": "2022-04-07"', '"endDate": "2022-04-01"'],
      ['"date": "2022-02-27", "asOf": "2022-04-17"', '"date": "2022-02-27", "asOf": "2022-02-01"'],
    ]);
    const problems = (await problemsOf(file)).join('\n');
    expect(problems).toMatch(
      /measures\[1\]\.id: duplicate id "japan-sanctions" \(first used at measures\[0\]\)/,
    );
    expect(problems).toMatch(
      /events\[1\]\.endDate: ends \(2022-04-01\) before it starts \(2022-04-06\)/,
    );
    expect(problems).toMatch(
      /measures\[8\]\.asOf: "as of" date 2022-02-01 is before the fact's own date 2022-02-27/,
    );
  });
  it('unknown currencies and categories', async () => {
    const file = dataWith([
      ['"amount": 10000000, "currency": "$"', '"amount": 10000000, "currency": "DOLLARS"'],
      ['"category": "loan"', '"category": "loans"'],
    ]);
    const problems = (await problemsOf(file)).join('\n');
    expect(problems).toMatch(/currency: must be an ISO 4217 code/);
    expect(problems).toMatch(/measures\[2\]\.category: "loans" is not a known aid category/);
  });
  it('files that are not a JSON object', async () => {
    const dir = tempDir();
    const cases: [string, string, RegExp][] = [
      ['empty.json', '', /the file is empty/],
      ['bom.json', '\ufeff{}', /byte-order mark/],
      ['array.json', '[]', /top level must be a JSON object, not an array/],
      ['null.json', 'null', /top level must be a JSON object, not null/],
      ['truncated.json', '{"bulletin": {"series": "x"', /invalid JSON/],
    ];
    for (const [name, text, expected] of cases) {
      const file = path.join(dir, name);
      writeFileSync(file, text);
      const problems = await problemsOf(file);
      expect(problems[0], name).toMatch(expected);
      expect(problems[0], name).toMatch(new RegExp(`^${file}:\\d+:\\d+: `));
    }
  });
  it('__proto__ keys in data do not reach prototypes', async () => {
    const file = dataWith([
      ['"format": "Electronic",', '"format": "Electronic", "__proto__": {"polluted": true},'],
    ]);
    const problems = await problemsOf(file);
    expect(problems.join('\n')).toMatch(/unknown key "__proto__"/);
    // The parser keeps it an own key: the object's prototype is untouched, nothing inherited.
    const parsed = parseLocatedJson(file, readFileSync(file, 'utf8')) as LocatedJson;
    const bulletin = (parsed.value as { bulletin: Record<string, unknown> }).bulletin;
    expect(Object.getPrototypeOf(bulletin)).toBe(Object.prototype);
    expect(Object.hasOwn(bulletin, '__proto__')).toBe(true);
    expect(bulletin.polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
