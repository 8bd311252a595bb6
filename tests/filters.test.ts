import { describe, expect, it } from 'vitest';
import * as f from '../src/template/filters.js';

const L = 'en-US';

describe('filters', () => {
  it('money: currency as stated, million/billion wording', () => {
    expect(f.money(300_000_000, '$', L)).toBe('$300 million');
    expect(f.money(141_900_000, '$', L)).toBe('$141.9 million');
    expect(f.money(2_600_000, 'AUD', L)).toBe('A$2.6 million');
    expect(f.money(1_500_000_000, 'USD', L)).toBe('$1.5 billion');
    expect(f.money(500, '$', L)).toBe('$500');
    expect(f.money(10_000_000, 'EUR', 'de-DE')).toBe('10 Millionen\u00a0€');
  });
  it('number, scaled and percent', () => {
    expect(f.number(22_500_000, L)).toBe('22,500,000');
    expect(f.scaled(11_650_000, L, 2)).toBe('11.65 million');
    expect(f.percent(0.25, L)).toBe('25%');
  });
  it('quantity with qualifier', () => {
    expect(f.quantity({ value: 6000, unit: 'visas', qualifier: 'over' }, L)).toBe('over 6,000 visas');
    expect(f.quantity({ value: 867_000, unit: 'barrels' }, L)).toBe('867,000 barrels');
    expect(f.quantity({ value: 22_500_000, unit: 'barrels' }, L)).toBe('22.5 million barrels');
  });
  it('dates by precision', () => {
    expect(f.formatDate('2022-04-19', L)).toBe('April 19, 2022');
    expect(f.formatDate('2022-04-19', L, 'no-year')).toBe('April 19');
    expect(f.formatDate('2022-02', L)).toBe('February 2022');
    expect(f.formatDate('2022-02', L, 'no-year')).toBe('February');
    expect(f.formatDate('2005', L)).toBe('2005');
    expect(f.formatDate('early-1990s', L)).toBe('the early 1990s');
    expect(f.formatDate('2022-04-19', 'de-DE')).toBe('19. April 2022');
    expect(f.formatDateRange('2022-04-06', '2022-04-07', L)).toBe('April 6–7, 2022');
    expect(f.formatDateRange('2022-04-06', undefined, L)).toBe('April 6, 2022');
  });
  it('lists, ordinals, plurals, words', () => {
    expect(f.list(['Japan', 'South Korea', 'Australia'], L)).toBe('Japan, South Korea, and Australia');
    expect(f.list(['Japan', 'Australia'], L, 'or')).toBe('Japan or Australia');
    expect(f.list(['Japan'], L)).toBe('Japan');
    expect([1, 2, 3, 4, 11, 22, 103].map((n) => f.ordinal(n, L))).toEqual(['1st', '2nd', '3rd', '4th', '11th', '22nd', '103rd']);
    expect(f.ordinal(2, 'de-DE')).toBe('2.');
    expect(f.plural(1, 'visa', 'visas', L)).toBe('visa');
    expect(f.plural(2, 'visa', 'visas', L)).toBe('visas');
    expect(f.words(4, L)).toBe('four');
    expect(f.words(40, L)).toBe('40');
  });
});
