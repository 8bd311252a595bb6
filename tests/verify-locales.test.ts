/**
 * The fidelity check reads figures as each locale prints them: day-first and month-name dates
 * and their ranges (from the same formatter the build uses), lists of amounts that do not
 * share a scale word, the signs other regions write ("NZ$", "US$", "$NZ"), signs after the
 * number, "3." ordinals, and `figures` printed as a percentage or as money.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dataset } from '../src/dataset/schema.js';
import { joinItems } from '../src/load/pdf-text.js';
import { formatDate, formatDateRange, money, ordinal, percent } from '../src/template/filters.js';
import { verifyPrinted } from '../src/verify/index.js';
import { readDates } from '../src/verify/date-patterns.js';
import { scanFigures, scanLocale } from '../src/verify/scan.js';

const LOCALES = ['en-US', 'en-GB', 'en-NZ', 'de-DE', 'fr-FR', 'ja-JP', 'pl-PL'];

/** A small dataset in `locale`: NZD and bare "$" aid, two figures, and dated facts. */
function dataset(locale: string, extra: Record<string, unknown> = {}): Dataset {
  const cite = { source: 'report' };
  const aid = (id: string, partner: string, amount: number, currency: string, date: string) => ({
    id,
    type: 'aid',
    partner,
    date,
    category: 'relief',
    amount,
    currency,
    cite,
  });
  return Dataset.parse({
    bulletin: {
      series: 'Test Series',
      title: 'Aid to Tonga',
      authors: [{ name: 'A. Writer' }],
      publisher: { name: 'Test Institute' },
      number: '7',
      locale,
    },
    sources: [{ id: 'report', title: 'A report' }],
    aidCategories: [{ id: 'relief', label: 'Relief' }],
    roles: [{ id: 'donor', label: 'Donor', deck: true }],
    partners: [
      { id: 'nz', name: 'New Zealand', role: 'donor' },
      { id: 'fiji', name: 'Fiji', role: 'donor' },
      { id: 'harbour-1', name: 'Harbour 1', role: 'donor' },
    ],
    measures: [
      aid('nz-aid', 'nz', 100_000, 'NZD', '2025-02-14'),
      aid('fiji-aid', 'fiji', 3_000_000, '$', '2025-03-19'),
    ],
    events: [
      {
        id: 'conference',
        date: '2025-03-18',
        endDate: '2025-03-19',
        kind: 'meeting',
        name: 'A pledging conference',
        participants: ['nz', 'fiji'],
        cite,
      },
    ],
    figures: [
      { id: 'share', label: 'Share of homes reached', value: 80, unit: 'per cent', cite },
      { id: 'fund', label: 'The recovery fund', value: 10_000_000, unit: 'USD', cite },
      { id: 'grant', label: 'A grant', value: 2_500_000, unit: 'US$', cite },
    ],
    ...extra,
  });
}

const check = (d: Dataset, text: string) =>
  verifyPrinted(d, {
    texts: [{ file: 'x.pdf', place: 'page 1', text }],
    chartValues: [],
    files: [],
  });
const problems = (d: Dataset, text: string) => check(d, text).problems.map((p) => p.printed);

describe('dates as each locale prints them', () => {
  for (const locale of LOCALES)
    it(`${locale}: stated days, months and ranges trace; a day not stated fails`, () => {
      const d = dataset(locale);
      const honest = [
        formatDate('2025-02-14', locale),
        formatDate('2025-02-14', locale, 'no-year'),
        formatDate('2025-03-19', locale),
        formatDateRange('2025-03-18', '2025-03-19', locale),
        formatDate('2025-03', locale),
      ].join('; ');
      expect(problems(d, `On ${honest}.`), honest).toEqual([]);
      const wrong = formatDate('2025-02-15', locale);
      expect(problems(d, `On ${wrong}.`)).toEqual([wrong.replace(/\s/gu, ' ')]);
      const range = formatDateRange('2025-03-18', '2025-03-20', locale);
      expect(problems(d, `On ${range}.`)).toHaveLength(1);
    });

  it('reads "14 February 2025" in en-NZ as one date, not 14 beside February 2025', () => {
    const sl = scanLocale('en-NZ', [], []);
    const read = scanFigures('first pledge 14 February 2025, and 18–19 March 2025', sl);
    expect(read.map((f) => [f.kind, f.date])).toEqual([
      ['date', { day: 14, month: 2, year: 2025 }],
      ['date', { day: 18, month: 3, year: 2025 }],
      ['date', { day: 19, month: 3, year: 2025 }],
    ]);
  });
});

describe('the date reader and the date filters agree', () => {
  // Locales with Latin digits and the Gregorian calendar (verify reads ASCII digits).
  const locales = [
    ...LOCALES,
    ...['en-AU', 'en-IE', 'es-ES', 'it-IT', 'pt-BR', 'nl-NL', 'sv-SE', 'ru-RU', 'ko-KR', 'zh-CN'],
  ];
  const day = fc
    .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z') })
    .filter((d) => !Number.isNaN(d.getTime()))
    .map((d) => d.toISOString().slice(0, 10));
  const parts = (iso: string) => {
    const [y, m, d] = iso.split('-').map(Number);
    return { year: y, month: m, day: d };
  };
  it('every date formatDate and formatDateRange print reads back as that date', () => {
    fc.assert(
      fc.property(fc.constantFrom(...locales), day, day, (locale, a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const one = (text: string) => {
          const read = readDates(`on ${text}.`, locale);
          expect(read, `${locale}: ${text}`).toHaveLength(1);
          return read[0]!;
        };
        expect(one(formatDate(from, locale)).dates).toEqual([parts(from)]);
        const { year: _y, ...noYear } = parts(from);
        expect(one(formatDate(from, locale, 'no-year')).dates).toEqual([noYear]);
        const { day: _d, ...month } = parts(from);
        expect(one(formatDate(from.slice(0, 7), locale)).dates).toEqual([month]);
        const range = formatDateRange(from, to, locale);
        expect(one(range).dates, `${locale}: ${range}`).toEqual(
          from === to ? [parts(from)] : [parts(from), parts(to)],
        );
      }),
      { numRuns: 400, seed: 2804 },
    );
  });
});

describe('the figure reader and the number filters agree', () => {
  const locales = [...LOCALES.filter((l) => l !== 'ja-JP'), 'en-AU', 'en-IN', 'de-CH', 'fr-CA'];
  const currencies = ['USD', 'EUR', 'JPY', 'AUD', 'NZD', 'FJD', 'KRW', 'CHF', 'GBP', '$', '€', '£'];
  const amount = fc.oneof(
    fc.integer({ min: 1, max: 999_999 }),
    fc.integer({ min: 1, max: 99_999 }).map((n) => n * 10_000),
    fc.integer({ min: 1, max: 9_999 }).map((n) => n * 1_000_000),
  );
  it('every amount the money filter prints reads back as that amount in its currency', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...locales),
        fc.constantFrom(...currencies),
        amount,
        (l, c, a) => {
          const sl = scanLocale(l, currencies, []);
          const text = money(a, c, l);
          const read = scanFigures(`${text} ${text}`, sl);
          expect(read, `${l}: ${text}`).toHaveLength(2);
          for (const f of read) {
            expect(f.kind, `${l}: ${text}`).toBe('money');
            expect(Math.abs(f.value - a), `${l}: ${text}`).toBeLessThan(1e-6 * a);
            expect(sl.signs.get(f.sign ?? ''), `${l}: ${text}`).toContain(c);
          }
        },
      ),
      { numRuns: 500, seed: 2805 },
    );
  });
  it('percentages and ordinals read back as shares and ranks', () => {
    fc.assert(
      fc.property(fc.constantFrom(...locales), fc.integer({ min: 1, max: 100 }), (l, n) => {
        const sl = scanLocale(l, [], []);
        const [share] = scanFigures(`${percent(n / 100, l)} of`, sl);
        expect([share?.kind, share?.value]).toEqual(['percent', n]);
        const [rank] = scanFigures(`the ${ordinal(n, l)} one`, sl);
        expect(rank?.value).toBe(n);
        expect(rank?.kind === 'ordinal' || rank?.mayBeRank).toBe(true);
      }),
      { numRuns: 200, seed: 2806 },
    );
  });
});

describe('money in every locale', () => {
  it('a list of amounts keeps each its own scale: "NZ$100,000 and $3 million"', () => {
    const sl = scanLocale('en-NZ', ['NZD', '$'], []);
    const read = scanFigures('NZ$100,000 and $3 million', sl);
    expect(read.map((f) => [f.value, f.sign])).toEqual([
      [100_000, 'NZ$'],
      [3_000_000, '$'],
    ]);
    expect(
      problems(dataset('en-NZ'), 'Aid with a stated amount: NZ$100,000 and $3 million.'),
    ).toEqual([]);
    // A range still shares its scale word: "between $2 and $3 million" is two millions.
    expect(scanFigures('between $2 and $3 million', sl).map((f) => f.value)).toEqual([2e6, 3e6]);
  });

  it('reads the international forms of a sign, and a bare sign only as stated', () => {
    const d = dataset('en-NZ');
    expect(problems(d, 'NZ$100,000; US$10 million; $3 million')).toEqual([]);
    // The build writes NZD as "NZ$" even in en-NZ: a bare "$" is the data's stated "$" only.
    expect(problems(d, '$100,000 and a fund of $10 million')).toEqual(['$100,000', '$10 million']);
    expect(problems(dataset('fr-FR'), '100 000 $NZ et 10 millions $US')).toEqual([]);
    expect(problems(dataset('en-US'), 'NZ$100,000 and US$10 million')).toEqual([]);
  });

  for (const locale of LOCALES)
    it(`${locale}: each amount as the money filter prints it, with the next figure after it`, () => {
      const d = dataset(locale);
      const a = money(100_000, 'NZD', locale);
      const b = money(3_000_000, '$', locale);
      expect(problems(d, `${a} ${b} ${a}; ${b}`)).toEqual([]);
      expect(problems(d, money(200_000, 'NZD', locale))).toHaveLength(1);
    });
});

describe('figures, ordinals and the numbers inside dates', () => {
  it('a figure in per cent prints as a percentage; one in a currency as money', () => {
    const d = dataset('en-NZ');
    expect(problems(d, 'more than 80 per cent of homes; 80%; a fund of US$10 million')).toEqual([]);
    expect(problems(d, '81 per cent of homes')).toEqual(['81 per cent']);
    // A unit written as a sign ("US$") is the currency written so.
    expect(problems(d, 'a grant of US$2.5 million')).toEqual([]);
    expect(problems(d, 'a grant of NZ$2.5 million')).toEqual(['NZ$2.5 million']);
    expect(problems(dataset('en-US'), 'a fund of US$10 million, US$10,000,000')).toEqual([]);
    expect(problems(dataset('en-US'), 'a fund of $10 million')).toEqual(['$10 million']);
  });

  it('"1." where the ordinal filter writes ordinals so, as "1st" in English; no 9th of 2', () => {
    expect(problems(dataset('de-DE'), 'der 1. Geber; ein 9. Geber')).toEqual(['9']);
    expect(problems(dataset('en-US'), 'the 1st donor; the 9th donor')).toEqual(['9th']);
  });
});

describe('a name ending in a number', () => {
  it('is read apart from the date or amount printed after it, and only a name is', () => {
    // Table cells of the web edition: a partner's name, then a month or an amount.
    expect(problems(dataset('en-NZ'), 'Harbour 1 May First aid')).toEqual([]);
    expect(problems(dataset('fr-FR'), 'Harbour 1 100 000 $NZ')).toEqual([]);
    // "7" is a data string too (the bulletin's number), but a day is not read away so.
    expect(problems(dataset('en-NZ'), 'on 7 March 2025')).toEqual(['7 March 2025']);
  });
});

describe('a month name hyphenated at a line end in the PDF', () => {
  it('reads as the word: the hyphen may come as its own text item, the line end as another', () => {
    const item = (str: string, hasEOL = false) => ({ str, hasEOL, y: 400 });
    const text = joinItems([
      item('sanctions on 9 de setem'),
      item('-'),
      item('', true),
      item('bro de 2020.'),
    ]);
    expect(text).toBe('sanctions on 9 de setembro de 2020.');
    expect(
      problems(
        dataset('pt-BR'),
        text.replace('2020', '2025').replace('9 de setembro', '19 de março'),
      ),
    ).toEqual([]);
  });
});
