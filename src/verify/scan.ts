/**
 * Finds the figures in printed text: money with its sign and scale word, plain numbers,
 * percentages, ordinals, small counts in words, dates and decades. The separators, scale
 * words, month names and currency signs come from Intl for the bulletin's locale, so the same
 * text the filters print is read back; glued ("FJD4.2 million") and spaced forms both read.
 */
import { at, must } from '../checked.js';
import type { PrintedFigure } from './types.js';
import { EN_WORDS, number, ordinal } from '../template/filters.js';
import { readDates } from './date-patterns.js';
import type { ScanLocale } from './locale.js';

export { signOf } from './signs.js';
export { scanLocale, type ScanLocale } from './locale.js';

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const SPACES = /[\s\u00a0\u2000-\u200b\u202f]/gu;

const ISO = new Set(Intl.supportedValuesOf('currency'));
// "one" is left out: too often a pronoun ("one of the partners") to read as a count.
const COUNT_WORDS = EN_WORDS.filter((w) => w !== 'one');
const WORD_VALUE = new Map(COUNT_WORDS.map((w) => [w, EN_WORDS.indexOf(w)]));
const HEDGE = /(?:about|around|approximately|roughly|nearly|almost|some|close to|~|≈)\s*$/i;

interface Regexes {
  decade: RegExp;
  figure: RegExp;
  words: RegExp;
}

const cache = new Map<ScanLocale, Regexes>();
function regexes(sl: ScanLocale): Regexes {
  const hit = cache.get(sl);
  if (hit) return hit;
  const g = esc(sl.group);
  const thousands = `\\d{1,3}(?:${g}\\d{3})+`;
  // An Indian locale groups by two above the thousands ("8,67,000"), but a chart label's
  // Excel format groups by three ("1,500,000"): read both.
  const grouped = sl.indianGrouping
    ? `${thousands}(?!${g}\\d)|\\d{1,3}(?:${g}\\d{2})*${g}\\d{3}`
    : thousands;
  const num = `${grouped}(?:${esc(sl.decimal)}\\d+)?|\\d+(?:${esc(sl.decimal)}\\d+)?`;
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
  const ords =
    ordinalSuffixes(sl.locale)
      .filter((x) => /\p{L}/u.test(x))
      .map(esc)
      .join('|') || 'a^';
  const r: Regexes = {
    decade: new RegExp(`(?:\\b(early|mid|late)[- ])?\\b(\\d{3}0)s\\b`, 'gu'),
    figure: new RegExp(
      `(?<![\\p{L}\\p{N}$€£¥.,])(?:(${sign}) ?)?(${num})(?:(${ords})(?![\\p{L}\\p{N}])|( ?%| ` +
        `percent\\b| per cent\\b)|(?: ` +
        `(${longScale || 'a^'})\\b|(${shortScale || 'a^'})(?![\\p{L}\\p{N}]))?(?: ` +
        `?(${known.join('|') || 'a^'})(?![\\p{L}])${sl.signAfter ? '' : '(?! ?\\d)'})?)(?![\\p{L}\\p{N}])`,
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
  for (const d of readDates(text, sl.locale)) {
    const span = { raw: d.raw, start: d.start, end: d.end };
    // A date is one figure per end of a range: its day (or its month when it has no day).
    for (const date of d.dates)
      out.push({ ...base, ...span, kind: 'date', value: date.day ?? date.month, date });
    masked = blank(masked, d.start, d.end);
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

/** What the ordinal filter writes after a number in this locale ("st", "nd"… or "."). */
const ordinalSuffixes = (locale: string): string[] => [
  ...new Set([1, 2, 3, 4, 11, 22].map((n) => ordinal(n, locale).slice(number(n, locale).length))),
];

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

/** A dash, or a word that makes two figures a range ("to", "bis", "à"). */
const RANGE = /^ ?(?:–|-|to|bis|à) ?$/u;
/** "between 10 and 30 million": "and" makes a range only after "between". */
const BETWEEN = /(?:between|zwischen|entre) $/iu;

/**
 * "$10–30 million", "between 10 and 30 million": the first figure takes the second's scale
 * (and, after a dash, the second its sign). A figure written in full ("NZ$100,000") or with a
 * sign of its own ("NZ$100,000 and $3 million", a list) keeps its own value.
 */
function shareRanges(text: string, figs: Working[], sl: ScanLocale): void {
  for (let i = 1; i < figs.length; i++) {
    const a = at(figs, i - 1, 'figure');
    const b = at(figs, i, 'figure');
    const between = text.slice(a.end, b.start);
    const lead = text.slice(Math.max(0, a.start - 30), a.start).replace(/\S*$/u, '');
    const range =
      RANGE.test(between) || (/^ ?(?:and|und|et) ?$/u.test(between) && BETWEEN.test(lead));
    if (!range) continue;
    // Only a dash or "to" makes a range of one kind: "FJD 4.2 million and 867,000 litres" is not.
    if (a.kind === 'money' && b.kind === 'number' && !b.unit && RANGE.test(between)) {
      b.kind = 'money';
      b.sign = must(a.sign, 'the sign of a money figure');
    }
    const writtenInFull = new RegExp(`${esc(sl.group)}\\d`, 'u').test(a.raw);
    const ownSign = a.sign !== undefined && a.sign !== b.sign;
    if (a.factor === 1 && b.factor > 1 && a.kind === b.kind && !writtenInFull && !ownSign) {
      a.value *= b.factor;
      a.step *= b.factor;
      a.factor = b.factor;
    }
  }
}

type Working = PrintedFigure & { factor: number };

/** Every figure printed in `text`, in order. */
export function scanFigures(input: string, sl: ScanLocale): PrintedFigure[] {
  // Swiss grouping prints either apostrophe (Intl "’", a chart's number format "'").
  const apostrophe = sl.group === "'" || sl.group === '’';
  const text = input.replace(SPACES, ' ').replace(apostrophe ? /['’]/gu : /^$/u, sl.group);
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
    // "der 3. Partner": where the ordinal filter writes "3.", a number before a full stop may be
    // a rank as well as a count (the stop may also end the sentence).
    if (f.kind === 'number' && text[end] === '.' && ordinalSuffixes(sl.locale).includes('.'))
      f.mayBeRank = true;
    const unit = f.kind === 'number' ? unitAfter(text, end, sl.units) : undefined;
    if (unit) f.unit = unit;
    numeric.push(f);
    masked = blank(masked, start, end);
  }
  shareRanges(text, numeric, sl);
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
