import { describe, expect, it } from 'vitest';
import { compareDates, endOf, mustParse, parseFuzzyDate, startOf } from '../src/dataset/dates.js';

describe('dates with precision', () => {
  it('parses each precision', () => {
    expect(parseFuzzyDate('2022-04-19')).toEqual({
      precision: 'day',
      year: 2022,
      month: 4,
      day: 19,
    });
    expect(parseFuzzyDate('2022-02')).toEqual({ precision: 'month', year: 2022, month: 2 });
    expect(parseFuzzyDate('2005')).toEqual({ precision: 'year', year: 2005 });
    expect(parseFuzzyDate('early-1990s')).toEqual({
      precision: 'decade',
      year: 1990,
      part: 'early',
    });
    expect(parseFuzzyDate('1990s')).toEqual({ precision: 'decade', year: 1990 });
  });
  it('refuses impossible dates with a reason', () => {
    expect(parseFuzzyDate('2022-02-30')).toMatch(/not a real date: that month has 28 days/);
    expect(parseFuzzyDate('2024-02-29')).toMatchObject({ day: 29 });
    expect(parseFuzzyDate('2022-13')).toMatch(/months run from 01 to 12/);
    expect(parseFuzzyDate('April 2022')).toMatch(/is not a date/);
  });
  it('knows the span each date covers', () => {
    expect([startOf(mustParse('2022-02')), endOf(mustParse('2022-02'))]).toEqual([
      '2022-02-01',
      '2022-02-28',
    ]);
    expect([startOf(mustParse('early-1990s')), endOf(mustParse('early-1990s'))]).toEqual([
      '1990-01-01',
      '1993-12-31',
    ]);
    expect(endOf(mustParse('late-1990s'))).toBe('1999-12-31');
  });
  it('orders dates of mixed precision', () => {
    const sorted = ['2022-04-19', '2022-02', 'early-1990s', '2005', '2022-02-28'].sort(
      compareDates,
    );
    expect(sorted).toEqual(['early-1990s', '2005', '2022-02', '2022-02-28', '2022-04-19']);
  });
});
