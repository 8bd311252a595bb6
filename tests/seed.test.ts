/**
 * The seed bulletin's facts: every figure is in data/ with its date precision and source,
 * nothing about a partner is typed into src/, and a figure changed in data/ changes in
 * what is built from it.
 */
import { describe, expect, it, beforeAll } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { checkDatasetFile } from '../src/load/dataset.js';
import { precisionOf } from '../src/template/filters.js';
import type { Dataset } from '../src/dataset/schema.js';
import { cli, dataWith, pdfReadingText, tempDir, SEED_DATA } from './helpers.js';

/** [measure id, amount or quantity, date, asOf, precision of the date] as the seed states them. */
const SEED_MEASURES: [string, number | null, string | null, string | null][] = [
  ['japan-sanctions', null, '2022-02', null],
  ['japan-vests', null, '2022-03', null],
  ['japan-loans', 300_000_000, '2022-04-19', null],
  ['south-korea-humanitarian-feb', 10_000_000, '2022-02-28', null],
  ['south-korea-package-april', 30_000_000, '2022-04-07', null],
  ['australia-military', 141_900_000, '2022-02-27', '2022-04-17'],
  ['australia-humanitarian', 48_300_000, null, '2022-04-17'],
  ['australia-coal', 70_000, null, '2022-04-17'],
  // The source gives the visas no date: the as-of belongs to the sentence before (issue 20).
  ['australia-visas', 6_000, null, null],
  ['new-zealand-sanctions', null, '2022-03-09', null],
  ['new-zealand-non-lethal', 11_000_000, null, '2022-03-21'],
  ['new-zealand-package-april', 13_000_000, '2022-04-11', null],
  ['japan-oil', 22_500_000, null, null],
  ['south-korea-oil', 11_650_000, null, null],
  ['australia-oil', 3_300_000, null, null],
  ['new-zealand-oil', 867_000, null, null],
  ['singapore-humanitarian', 2_600_000, null, '2022-04-05'],
];

/** Strings the seed's figures must appear as in the PDF text. */
const SEED_FIGURES_IN_PDF = [
  '$100 million',
  '$300 million',
  '$10 million',
  '$30 million',
  '$141.9 million',
  '$48.3 million',
  '70,000 tons',
  'over 6,000',
  '$11 million',
  '$13 million',
  '$7.5 million',
  '22.5 million barrels',
  '11.65 million barrels',
  '3.3 million barrels',
  '867,000 barrels',
  '$2.6 million',
  '28 European',
  'early 1990s',
  'since 2005',
  'since 2001',
  'December 2020',
  'April 6–7, 2022',
  'April 26',
  'April 19',
  'February 28',
  'April 7',
  'April 11',
  'May 5',
  'February 27',
  'April 17',
  'April 5',
  'March 9',
  'March 21',
  'Fumio Kishida',
  'Jacinda Ardern',
  'Suh Wook',
  'Rob Bauer',
  'Kimery Lynch',
  'Projects Coordinator',
];

let data: Dataset;
beforeAll(async () => {
  data = (await checkDatasetFile(SEED_DATA)).dataset!;
});

describe('the seed dataset holds every figure with precision and source', () => {
  it.each(SEED_MEASURES)('%s', (id, value, date, asOf) => {
    const m = data.measures.find((x) => x.id === id)!;
    expect(m, id).toBeDefined();
    const actual =
      m.type === 'aid' ? (m.amount ?? null) : 'quantity' in m ? m.quantity.value : null;
    expect(actual).toBe(value);
    expect(m.date ?? null).toBe(date);
    expect(m.asOf ?? null).toBe(asOf);
    expect(m.cite.source).toBe('apb');
    expect(m.cite.locator).toBeTruthy();
  });
  it('keeps dates at the precision the seed gives', () => {
    expect(precisionOf(data.partners.find((p) => p.id === 'japan')!.partnerSince!.date)).toBe(
      'decade',
    );
    expect(precisionOf(data.measures.find((m) => m.id === 'japan-sanctions')!.date!)).toBe('month');
    expect(precisionOf(data.measures.find((m) => m.id === 'japan-loans')!.date!)).toBe('day');
    expect(data.events.find((e) => e.id === 'foreign-ministers-brussels-2022')).toMatchObject({
      date: '2022-04-06',
      endDate: '2022-04-07',
      place: 'Brussels',
    });
  });
  it('records currencies as stated (the seed gives only "$")', () => {
    const currencies = new Set(
      data.measures.flatMap((m) => (m.type === 'aid' && m.currency ? [m.currency] : [])),
    );
    expect([...currencies]).toEqual(['$']);
  });
});

describe('nothing about a partner is typed into src/', () => {
  const files = readdirSync('src', { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts'));
  it('names no partner, actor or person of the dataset', async () => {
    const d = (await checkDatasetFile(SEED_DATA)).dataset!;
    const names = [...d.partners, ...d.people]
      .flatMap((p) => [p.name, p.id])
      .filter((n) => n.length > 3);
    for (const f of files) {
      const text = readFileSync(path.join('src', f), 'utf8');
      for (const n of names) expect(text.includes(n), `${f} mentions ${n}`).toBe(false);
    }
  });
});

describe('the PDF shows the data', () => {
  it('prints every seed figure, partner section and the author', async () => {
    const out = tempDir();
    expect((await cli(['build', '--out', out, '--only', 'pdf'])).code).toBe(0);
    const text = pdfReadingText(path.join(out, 'bulletin.pdf'));
    for (const figure of SEED_FIGURES_IN_PDF) expect(text, figure).toContain(figure);
    for (const heading of ['JAPAN', 'SOUTH KOREA', 'AUSTRALIA', 'NEW ZEALAND'])
      expect(text).toContain(heading);
  });
  it('changes a figure everywhere when data/ changes', async () => {
    const out = tempDir();
    const file = dataWith([['"value": 22500000', '"value": 23400000']]);
    expect((await cli(['build', '--out', out, '--data', file, '--only', 'pdf'])).code).toBe(0);
    const text = pdfReadingText(path.join(out, 'bulletin.pdf'));
    expect(text).toContain('23.4 million barrels');
    expect(text).not.toContain('22.5 million');
    expect(readFileSync(SEED_DATA, 'utf8')).toContain('22500000');
  });
});
