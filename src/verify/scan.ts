/**
 * Finds the figures in printed text: money with its sign and scale word, plain numbers,
 * percentages, ordinals, small counts in words, dates and decades. The separators, scale
 * words, month names and currency signs come from Intl for the bulletin's locale, so the same
 * text the filters print is read back; glued ("FJD4.2 million") and spaced forms both read.
 */
import { at, must } from '../checked.js';
import type { PrintedFigure } from './types.js';
import { currencySign, EN_WORDS } from '../template/filters.js';

/** What reading a locale's figures needs. */
export interface ScanLocale {
  locale: string;
  months: string[];
  group: string;
  decimal: string;
  scales: { word: string; factor: number }[];
  /** Printed sign or code → the data currencies printed with it. */
  signs: Map<string, string[]>;
  /** The data's units, lowercased ("barrels"). */
  units: string[];
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const SPACES = /[\s\u00a0\u2000-\u200b\u202f]/gu;

/**
 * The sign the money filter prints for a currency in a locale ("A$" for AUD in en-US, "US$" for
 * USD): read back from the same function that prints it, so the two never drift apart.
 */
export function signOf(currency: string, locale: string): string {
  return currencySign(currency, locale);
}

/** Reading rules for a locale and the data's currencies and units. */
export function scanLocale(locale: string, currencies: string[], units: string[]): ScanLocale {
  const month = new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' });
  const months = Array.from({ length: 12 }, (_, i) => month.format(Date.UTC(2000, i, 15)));
  const parts = new Intl.NumberFormat(locale).formatToParts(12345.6);
  const group = (parts.find((p) => p.type === 'group')?.value ?? ',').replace(SPACES, ' ');
  const decimal = parts.find((p) => p.type === 'decimal')?.value ?? '.';
  const scales: { word: string; factor: number }[] = [];
  for (const factor of [1e3, 1e6, 1e9, 1e12])
    for (const display of ['long', 'short'] as const)
      for (const n of [1, 2]) {
        const f = new Intl.NumberFormat(locale, { notation: 'compact', compactDisplay: display });
        const word = f
          .format(n * factor)
          .replace(/[\d.,]/g, '')
          .replace(SPACES, ' ')
          .trim();
        if (word && !scales.some((s) => s.word === word)) scales.push({ word, factor });
      }
  const signs = new Map<string, string[]>();
  const add = (sign: string, c: string) => signs.set(sign, [...(signs.get(sign) ?? []), c]);
  for (const c of currencies) {
    add(c, c);
    const sign = signOf(c, locale);
    if (sign !== c) add(sign, c);
  }
  return { locale, months, group, decimal, scales, signs, units };
}

const ISO = new Set(Intl.supportedValuesOf('currency'));
// "one" is left out: too often a pronoun ("one of the partners") to read as a count.
const COUNT_WORDS = EN_WORDS.filter((w) => w !== 'one');
const WORD_VALUE = new Map(COUNT_WORDS.map((w) => [w, EN_WORDS.indexOf(w)]));
const HEDGE = /(?:about|around|approximately|roughly|nearly|almost|some|close to|~|≈)\s*$/i;

interface Regexes {
  date: RegExp;
  dayFirst: RegExp;
  decade: RegExp;
  figure: RegExp;
  words: RegExp;
}

const cache = new Map<ScanLocale, Regexes>();
function regexes(sl: ScanLocale): Regexes {
  const hit = cache.get(sl);
  if (hit) return hit;
  const months = sl.months.map(esc).join('|');
  const num = `\\d{1,3}(?:${esc(sl.group)}\\d{3})+(?:${esc(sl.decimal)}\\d+)?|\\d+(?:${esc(sl.decimal)}\\d+)?`;
  const known = [...sl.signs.keys()].sort((a, b) => b.length - a.length).map(esc);
  const sign = [...known, '[A-Z]{1,3}\\$', '[$€£¥₹₩₽₪₫₱฿₦₴]', '[A-Z]{3}'].join('|');
  const scales = [...sl.scales].sort((a, b) => b.word.length - a.word.length);
  // Headings print in capitals ("22.5 MILLION BARRELS"): accept the upper-case scale word too.
  const longScale = scales
    .filter((s) => s.word.length > 2)
    .flatMap((s) => [esc(s.word), esc(s.word.toUpperCase())])
    .join('|');
  const shortScale = scales
    .filter((s) => s.word.length <= 2)
    .map((s) => esc(s.word))
    .join('|');
  const r: Regexes = {
    date: new RegExp(
      `(?:\\b(early|mid|late)[- ])?\\b(${months})(?: (\\d{1,2})(?: ?[–-] ` +
        `?(\\d{1,2}))?(?!\\d|${esc(sl.group)}\\d))?(?:,? (\\d{4})\\b)?`,
      'gu',
    ),
    dayFirst: new RegExp(`\\b(\\d{1,2}) (${months})(?: (\\d{4})\\b)?`, 'gu'),
    decade: new RegExp(`(?:\\b(early|mid|late)[- ])?\\b(\\d{3}0)s\\b`, 'gu'),
    figure: new RegExp(
      `(?<![\\p{L}\\p{N}$€£¥.,])(?:(${sign}) ?)?(${num})(?:(st|nd|rd|th)(?![\\p{L}\\p{N}])|( ?%| ` +
        `percent\\b| per cent\\b)|(?: ` +
        `(${longScale || 'a^'})\\b|(${shortScale || 'a^'})(?![\\p{L}\\p{N}]))?(?: ` +
        `?(${known.join('|') || 'a^'})(?![\\p{L}])(?! ?\\d))?)(?![\\p{L}\\p{N}])`,
      'gu',
    ),
    words: new RegExp(`\\b(${COUNT_WORDS.join('|')})\\b`, 'giu'),
  };
  cache.set(sl, r);
  return r;
}

function blank(s: string, start: number, end: number): string {
  return s.slice(0, start) + ' '.repeat(end - start) + s.slice(end);
}

const decimals = (n: string, sl: ScanLocale) => {
  const i = n.indexOf(sl.decimal);
  return i < 0 ? 0 : n.length - i - 1;
};
const toNumber = (n: string, sl: ScanLocale) =>
  Number(n.split(sl.group).join('').replace(sl.decimal, '.'));

function dates(text: string, sl: ScanLocale, out: PrintedFigure[]): string {
  const r = regexes(sl);
  let masked = text;
  const base = { step: 1, hedged: false, grouped: false };
  for (const m of text.matchAll(r.date)) {
    const [raw, part, monthName, d1, d2, y] = m;
    if (d1 === undefined && y === undefined) continue;
    const month = sl.months.indexOf(must(monthName, 'month name')) + 1;
    const year = y === undefined ? {} : { year: Number(y) };
    const start = m.index;
    for (const day of [d1, d2].filter((x) => x !== undefined))
      out.push({
        ...base,
        kind: 'date',
        value: Number(day),
        raw,
        start,
        end: start + raw.length,
        date: { ...year, month, day: Number(day), ...(part ? { part } : {}) },
      });
    if (d1 === undefined)
      out.push({
        ...base,
        kind: 'date',
        value: month,
        raw,
        start,
        end: start + raw.length,
        date: { ...year, month, ...(part ? { part } : {}) },
      });
    masked = blank(masked, start, start + raw.length);
  }
  for (const m of masked.matchAll(r.dayFirst)) {
    const [raw, day, monthName, y] = m;
    const date = {
      month: sl.months.indexOf(must(monthName, 'month name')) + 1,
      day: Number(day),
      ...(y ? { year: Number(y) } : {}),
    };
    out.push({
      ...base,
      kind: 'date',
      value: Number(day),
      raw,
      start: m.index,
      end: m.index + raw.length,
      date,
    });
    masked = blank(masked, m.index, m.index + raw.length);
  }
  for (const m of masked.matchAll(r.decade)) {
    const [raw, part, decade] = m;
    out.push({
      ...base,
      kind: 'decade',
      value: Number(decade),
      raw,
      start: m.index,
      end: m.index + raw.length,
      date: { year: Number(decade), ...(part ? { part } : {}) },
    });
    masked = blank(masked, m.index, m.index + raw.length);
  }
  return masked;
}

/** A data unit printed right after a figure ("barrels"), if any. */
function unitAfter(text: string, end: number, units: string[]): string | undefined {
  const word = /^ ?([\p{L}][\p{L}-]*)/u.exec(text.slice(end, end + 40))?.[1]?.toLowerCase();
  if (!word) return undefined;
  return units.find((u) => u === word || u === `${word}s` || `${u}s` === word);
}

/** Whether an uppercase three-letter word is part of an all-caps heading, not a currency code. */
function inCapsRun(text: string, start: number): boolean {
  const before = /([\p{L}]+)\s+$/u.exec(text.slice(Math.max(0, start - 30), start))?.[1];
  return before !== undefined && before === before.toUpperCase() && before.length > 1;
}

/** "$10–30 million", "10 to 30 million": the first figure takes the second's scale and sign. */
function shareRanges(text: string, figs: Working[]): void {
  for (let i = 1; i < figs.length; i++) {
    const a = at(figs, i - 1, 'figure');
    const b = at(figs, i, 'figure');
    const between = text.slice(a.end, b.start);
    if (!/^ ?(?:–|-|to|and) ?$/.test(between)) continue;
    // Only a dash or "to" makes a range of one kind: "FJD 4.2 million and 867,000 litres" is not.
    if (a.kind === 'money' && b.kind === 'number' && !b.unit && /^ ?(?:–|-|to) ?$/.test(between)) {
      b.kind = 'money';
      b.sign = must(a.sign, 'the sign of a money figure');
    }
    if (a.factor === 1 && b.factor > 1 && a.kind === b.kind) {
      a.value *= b.factor;
      a.step *= b.factor;
      a.factor = b.factor;
    }
  }
}

type Working = PrintedFigure & { factor: number };

/** Every figure printed in `text`, in order. */
export function scanFigures(input: string, sl: ScanLocale): PrintedFigure[] {
  const text = input.replace(SPACES, ' ');
  const out: PrintedFigure[] = [];
  let masked = dates(text, sl, out);
  const r = regexes(sl);
  const numeric: Working[] = [];
  for (const m of masked.matchAll(r.figure)) {
    let [raw, sign, digits, ord, pct, longScale, shortScale, suffix] = m;
    const n = must(digits, 'figure digits');
    let start = m.index;
    if (
      sign &&
      /^[A-Z]{3}$/.test(sign) &&
      !sl.signs.has(sign) &&
      (!ISO.has(sign) || inCapsRun(text, start))
    ) {
      // An all-caps word before a number ("ALL 4") is not a currency code.
      start += raw.indexOf(n, sign.length);
      raw = raw.slice(raw.indexOf(n, sign.length));
      sign = undefined;
    }
    const dec = decimals(n, sl);
    const scaleWord = longScale ?? shortScale;
    const factor =
      sl.scales.find((s) => s.word === scaleWord || s.word.toUpperCase() === scaleWord)?.factor ??
      1;
    const end = start + raw.length;
    const printedSign = sign ?? suffix;
    const f: Working = {
      kind: printedSign ? 'money' : pct ? 'percent' : ord ? 'ordinal' : 'number',
      value: toNumber(n, sl) * factor,
      step: 10 ** -dec * factor,
      hedged: HEDGE.test(text.slice(Math.max(0, start - 25), start)),
      grouped: n.includes(sl.group) || factor > 1 || printedSign !== undefined,
      raw,
      start,
      end,
      factor,
      ...(printedSign ? { sign: printedSign } : {}),
    };
    const unit = f.kind === 'number' ? unitAfter(text, end, sl.units) : undefined;
    if (unit) f.unit = unit;
    numeric.push(f);
    masked = blank(masked, start, end);
  }
  shareRanges(text, numeric);
  out.push(...numeric.map(({ factor: _f, ...f }) => f));
  if (sl.locale.startsWith('en'))
    for (const m of masked.matchAll(r.words)) {
      const value = must(WORD_VALUE.get(m[0].toLowerCase()), `the value of "${m[0]}"`);
      out.push({
        kind: 'word',
        value,
        step: 1,
        hedged: false,
        grouped: false,
        raw: m[0],
        start: m.index,
        end: m.index + m[0].length,
      });
    }
  return out.sort((a, b) => a.start - b.start);
}
