/**
 * Reading rules for a locale, all from Intl as the filters print: separators and grouping,
 * scale words in every plural form ("milion", "miliony", "miliona", "lakh", "万") with each
 * word's own factor, and the signs each data currency may be printed with (signs.ts).
 */
import { signAfter, signTable } from './signs.js';

/** What reading a locale's figures needs. */
export interface ScanLocale {
  locale: string;
  group: string;
  decimal: string;
  scales: { word: string; factor: number }[];
  /** Printed sign or code → the data currencies printed with it. */
  signs: Map<string, string[]>;
  /** The data's units, lowercased ("barrels"). */
  units: string[];
  /** Groups of two above the thousands ("8,67,000" in en-IN). */
  indianGrouping: boolean;
  /** The locale writes a currency after the number ("4,2 Millionen FJD 5 …" is FJD's). */
  signAfter: boolean;
}

const SPACES = /[\s\u00a0\u2000-\u200b\u202f]/gu;

/** Numbers in each plural form a scale word takes (one, two–four, many, fractions). */
const SAMPLES = [1, 2, 3, 5, 1.5, 4.2, 21, 22, 25];

/** Every scale word the locale prints, with the factor it stands for. */
function scaleWords(locale: string): { word: string; factor: number }[] {
  const scales: { word: string; factor: number }[] = [];
  for (const factor of [1e3, 1e6, 1e9, 1e12])
    for (const display of ['long', 'short'] as const)
      for (const n of SAMPLES) {
        const f = new Intl.NumberFormat(locale, { notation: 'compact', compactDisplay: display });
        const printed = f.formatToParts(n * factor);
        const word = printed
          .filter((p) => p.type === 'compact')
          .map((p) => p.value)
          .join('')
          .trim();
        const digits = (type: string) =>
          printed
            .filter((p) => p.type === type)
            .map((p) => p.value)
            .join('');
        // The word's own factor: "万" is 10,000 though it first shows at a million ("100万").
        const shown = Number(`${digits('integer')}.${digits('fraction') || '0'}`);
        const own = Math.round((n * factor) / shown);
        if (word && Number.isFinite(own) && !scales.some((s) => s.word === word))
          scales.push({ word, factor: own });
      }
  return scales;
}

/** Reading rules for a locale and the data's currencies and units. */
export function scanLocale(locale: string, currencies: string[], units: string[]): ScanLocale {
  const parts = new Intl.NumberFormat(locale).formatToParts(12345.6);
  const group = (parts.find((p) => p.type === 'group')?.value ?? ',').replace(SPACES, ' ');
  const decimal = parts.find((p) => p.type === 'decimal')?.value ?? '.';
  const groups = new Intl.NumberFormat(locale)
    .formatToParts(1234567890)
    .filter((p) => p.type === 'integer');
  return {
    locale,
    group,
    decimal,
    indianGrouping: groups.some((p, i) => i > 0 && p.value.length === 2),
    scales: scaleWords(locale),
    signs: signTable(currencies, locale),
    units,
    signAfter: signAfter(locale),
  };
}
