import { describe, expect, it } from 'vitest';
import * as f from '../src/template/filters.js';
import { createEngine } from '../src/template/engine.js';

const L = 'en-US';
/** Filters keep numbers with their words using no-break spaces; compare with plain spaces. */
const plain = (s: string) => s.replace(/\u00a0/g, ' ');

describe('filters', () => {
  it('money: currency as stated, million/billion wording', () => {
    expect(plain(f.money(300_000_000, '$', L))).toBe('$300 million');
    expect(plain(f.money(141_900_000, '$', L))).toBe('$141.9 million');
    expect(plain(f.money(2_600_000, 'AUD', L))).toBe('A$2.6 million');
    expect(plain(f.money(1_500_000_000, 'USD', L))).toBe('US$1.5 billion');
    expect(plain(f.money(500, '$', L))).toBe('$500');
    expect(plain(f.money(10_000_000, 'EUR', 'de-DE'))).toBe('10 Millionen €');
  });
  it('money never prints an ISO code as a sign other currencies share (issue 28, item 3)', () => {
    // A locale's own dollar is written "$" by Intl, the sign of a currency not stated.
    expect(plain(f.money(100_000, 'NZD', 'en-NZ'))).toBe('NZ$100,000');
    expect(plain(f.money(100_000, 'USD', 'en-NZ'))).toBe('US$100,000');
    expect(plain(f.money(100_000, '$', 'en-NZ'))).toBe('$100,000');
    expect(plain(f.money(2_500_000, 'USD', 'de-DE'))).toBe('2,5 Millionen US$');
    expect(plain(f.money(2_500_000, 'CNY', 'zh-CN'))).not.toMatch(/^¥/);
    expect(plain(f.money(2_500_000, 'EUR', 'fr-FR'))).toBe('2,5 millions €');
  });
  it('money keeps every stated digit and spaces currencies as CLDR does (issue 12)', () => {
    expect(plain(f.money(1_150_000, 'WST', L))).toBe('WST 1.15 million');
    expect(plain(f.money(867_000, 'TOP', L))).toBe('TOP 867,000');
    expect(plain(f.money(4_200_000, 'FJD', L))).toBe('FJD 4.2 million');
    expect(plain(f.money(95_000_000, 'VUV', L))).toBe('VUV 95 million');
    expect(plain(f.money(1_234_567, '$', L))).toBe('$1,234,567');
    expect(plain(f.money(2_500_000, '€', 'de-DE'))).toBe('2,5 Millionen €');
    expect(plain(f.money(1_500_000, '$', 'en-AU'))).toBe('$1.5 million');
    // Rounding only when asked.
    expect(plain(f.money(1_150_000, 'WST', L, 1))).toBe('WST 1.2 million');
    expect(f.money(4_200_000, 'FJD', L)).toBe('FJD\u00a04.2\u00a0million');
  });
  it('scaled and quantity never drop a significant digit', () => {
    expect(plain(f.scaled(22_500_000, L))).toBe('22.5 million');
    expect(plain(f.scaled(141_900_000, L))).toBe('141.9 million');
    expect(plain(f.scaled(11_650_000, L))).toBe('11.65 million');
    expect(plain(f.scaled(867_000, L))).toBe('867,000');
    expect(plain(f.scaled(3_300_000, L))).toBe('3.3 million');
    expect(plain(f.scaled(2.5, L))).toBe('2.5');
    expect(plain(f.scaled(11_650_000, L, 1))).toBe('11.7 million');
    expect(plain(f.quantity({ value: 1_150_000, unit: 'tons' }, L))).toBe('1.15 million tons');
  });
  it('keeps a figure with its scale word and a month with its day', () => {
    expect(f.money(300_000_000, '$', L)).toBe('$300\u00a0million');
    expect(f.formatDate('2022-04-19', L)).toBe('April\u00a019,\u00a02022');
    expect(f.formatDate('2022-02', L)).toBe('February\u00a02022');
  });
  it('keeps a day-first date on one line too', () => {
    expect(f.formatDate('2023-10-05', 'en-GB')).toBe('5\u00a0October\u00a02023');
    expect(f.formatDate('2023-10-05', 'de-DE')).toBe('5.\u00a0Oktober\u00a02023');
    expect(f.formatDate('2023-10-05', 'fr-FR', 'no-year')).toBe('5\u00a0octobre');
  });
  it('number, scaled and percent', () => {
    expect(f.number(22_500_000, L)).toBe('22,500,000');
    expect(plain(f.scaled(11_650_000, L, 2))).toBe('11.65 million');
    expect(f.percent(0.25, L)).toBe('25%');
  });
  it('quantity with qualifier', () => {
    expect(plain(f.quantity({ value: 6000, unit: 'visas', qualifier: 'over' }, L))).toBe(
      'over 6,000 visas',
    );
    expect(plain(f.quantity({ value: 867_000, unit: 'barrels' }, L))).toBe('867,000 barrels');
    expect(plain(f.quantity({ value: 22_500_000, unit: 'barrels' }, L))).toBe(
      '22.5 million barrels',
    );
  });
  it('dates by precision', () => {
    expect(plain(f.formatDate('2022-04-19', L))).toBe('April 19, 2022');
    expect(plain(f.formatDate('2022-04-19', L, 'no-year'))).toBe('April 19');
    expect(plain(f.formatDate('2022-02', L))).toBe('February 2022');
    expect(plain(f.formatDate('2022-02', L, 'no-year'))).toBe('February');
    expect(plain(f.formatDate('2005', L))).toBe('2005');
    expect(plain(f.formatDate('early-1990s', L))).toBe('the early 1990s');
    expect(plain(f.formatDate('2022-04-19', 'de-DE'))).toBe('19. April 2022');
    expect(plain(f.formatDateRange('2022-04-06', '2022-04-07', L))).toBe('April 6–7, 2022');
    expect(plain(f.formatDateRange('2022-04-06', undefined, L))).toBe('April 6, 2022');
  });
  it('lists, ordinals, plurals, words', () => {
    expect(f.list(['Japan', 'South Korea', 'Australia'], L)).toBe(
      'Japan, South Korea, and Australia',
    );
    expect(f.list(['Japan', 'Australia'], L, 'or')).toBe('Japan or Australia');
    expect(f.list(['Japan'], L)).toBe('Japan');
    expect([1, 2, 3, 4, 11, 22, 103].map((n) => f.ordinal(n, L))).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '22nd',
      '103rd',
    ]);
    expect(f.ordinal(2, 'de-DE')).toBe('2.');
    expect(f.plural(1, 'visa', 'visas', L)).toBe('visa');
    expect(f.plural(2, 'visa', 'visas', L)).toBe('visas');
    expect(f.words(4, L)).toBe('four');
    expect(f.words(40, L)).toBe('40');
  });
});

describe('upto', () => {
  it('keeps a short list whole and counts the rest of a long one', () => {
    expect(f.upto(['A', 'B'], 5, 'en-US')).toEqual(['A', 'B']);
    expect(f.list(f.upto(['A', 'B', 'C', 'D', 'E', 'F'], 3, 'en-US'), 'en-US')).toBe(
      'A, B, and four others',
    );
    expect(f.upto(['A', 'B', 'C'], 2, 'en-US')).toEqual(['A', 'two others']);
  });
});

describe('where and reject in templates', () => {
  const engine = createEngine(
    {
      root: 'templates',
      files: {
        'where.liquid':
          '{{ items | where: "amount" | map: "id" | join: "," }}|' +
          '{{ items | reject: "amount" | map: "id" | join: "," }}|' +
          '{{ items | where: "n.k", 2 | map: "id" | join: "," }}',
        'typo.liquid': '{{ itmes | size }}',
      },
    },
    'en-GB',
  );
  const items = [
    { id: 'a', amount: 1, n: { k: 2 } },
    { id: 'b', n: { k: 3 } },
    { id: 'c', amount: 0, n: {} },
    { id: 'd', amount: null },
  ];

  it('treat an item without the field as one where it is nil, as Shopify’s Liquid does', () => {
    // Liquid's truth: 0 is true, nil and false are not. Before, strict variables refused the
    // missing field and stopped the build ("undefined variable: amount", at line 1).
    expect(engine.render('where.liquid', { items })).toBe('a,c|b,d|a');
  });

  it('leave strict variables on everywhere else: a misspelt name is still an error', () => {
    expect(() => engine.render('typo.liquid', { items })).toThrow(
      /unknown name "itmes"; did you mean "items"\?/,
    );
    expect(engine.render('where.liquid', { items })).toBe('a,c|b,d|a');
    expect(() => engine.render('typo.liquid', { items })).toThrow(
      /unknown name "itmes"; did you mean "items"\?/,
    );
  });
});
