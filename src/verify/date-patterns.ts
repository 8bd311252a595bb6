/**
 * How a locale prints dates, learnt from the formatter the build prints them with
 * (template/date-text.ts): each style `formatDate` and `formatDateRange` use is formatted once
 * to parts, and the parts become a pattern, so "14 February 2025", "February 14, 2025",
 * "14. Februar 2025" and "18–19 March 2025" are read back as dates in the locale that prints
 * them, never as a number beside a month. No second hand-written date grammar to drift, and
 * tests/verify-locales.test.ts reads back what formatDate and formatDateRange print.
 */
import { dateFormat } from '../template/intl.js';

/** A date read from printed text; a range gives one per end. */
export interface ReadDate {
  raw: string;
  start: number;
  end: number;
  dates: { year?: number; month: number; day?: number; part?: string }[];
}

type Field = 'day' | 'month' | 'year';
type Side = 0 | 1;
interface Slot {
  field: Field;
  /** Which end of a range the part belongs to; shared parts belong to both. */
  sides: Side[];
}
interface Shape {
  source: string;
  slots: Slot[];
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Any run of white space (the build prints no-break and thin spaces) matches any other. */
const literal = (s: string) =>
  s
    .split(/[\s\u00a0\u2000-\u200b\u202f]+/u)
    .map(esc)
    .join('\\s*');

const YEAR = 2033;
const dayOf = (month: number, day: number, year = YEAR) => new Date(Date.UTC(year, month, day));

/** The month names a style prints (some languages decline a month beside its day). */
function monthNames(locale: string, o: Intl.DateTimeFormatOptions): string[] {
  const f = dateFormat(locale, { timeZone: 'UTC', ...o });
  return Array.from(
    { length: 12 },
    (_, m) => f.formatToParts(dayOf(m, 22)).find((p) => p.type === 'month')?.value ?? '',
  );
}

type Part = { type: string; value: string; source?: string };

function shapeOf(parts: Part[], months: string[]): Shape {
  const slots: Slot[] = [];
  let source = '';
  for (const p of parts) {
    const sides: Side[] = p.source === 'startRange' ? [0] : p.source === 'endRange' ? [1] : [0, 1];
    if (p.type === 'day' || p.type === 'month' || p.type === 'year') {
      slots.push({ field: p.type, sides });
      // Some locales print a range's month as a number ("2025/03/18～2025/03/19" in ja-JP).
      const numeric = p.type === 'day' || /^\d+$/.test(p.value);
      source += p.type === 'year' ? '(\\d{4})' : numeric ? '(\\d{1,2})' : `(${months.join('|')})`;
    } else source += literal(p.value);
  }
  return { source, slots };
}

/** Every date shape the build prints in `locale`, longest (ranges) first. */
function shapes(locale: string): { shapes: Shape[]; months: string[][] } {
  const full = { year: 'numeric', month: 'long', day: 'numeric' } as const;
  const styles: Intl.DateTimeFormatOptions[] = [
    full,
    { month: 'long', day: 'numeric' },
    { year: 'numeric', month: 'long' },
  ];
  const out: Shape[] = [];
  const names: string[][] = [];
  const range = dateFormat(locale, { timeZone: 'UTC', ...full });
  const fullMonths = monthNames(locale, full);
  names.push(fullMonths);
  // formatDateRange: a range in one month, across months, across years.
  for (const [a, b] of [
    [dayOf(1, 22), dayOf(1, 23)],
    [dayOf(1, 22), dayOf(2, 23)],
    [dayOf(1, 22), dayOf(2, 23, YEAR + 1)],
  ] as const)
    out.push(shapeOf(range.formatRangeToParts(a, b), fullMonths));
  for (const o of styles) {
    const months = monthNames(locale, o);
    names.push(months);
    out.push(
      shapeOf(dateFormat(locale, { timeZone: 'UTC', ...o }).formatToParts(dayOf(1, 22)), months),
    );
  }
  return { shapes: out, months: names };
}

interface Reader {
  regex: RegExp;
  shapes: Shape[];
  /** Each shape's first capture group (after the "early/mid/late" one). */
  offsets: number[];
  months: string[][];
}

const readers = new Map<string, Reader>();
function readerFor(locale: string): Reader {
  const hit = readers.get(locale);
  if (hit) return hit;
  const { shapes: all, months } = shapes(locale);
  const offsets: number[] = [];
  let next = 2;
  for (const s of all) {
    offsets.push(next);
    next += s.slots.length;
  }
  const body = all.map((s) => `(?:${s.source})`).join('|');
  const regex = new RegExp(
    `(?<![\\p{L}\\p{N}])(?:(early|mid|late)[- ])?(?:${body})(?![\\p{L}\\p{N}])`,
    'giu',
  );
  const r = { regex, shapes: all, offsets, months };
  readers.set(locale, r);
  return r;
}

const lower = (s: string) => s.toLocaleLowerCase();

/** Every date `text` prints in the way `locale` prints dates, in order. */
export function readDates(text: string, locale: string): ReadDate[] {
  const r = readerFor(locale);
  const out: ReadDate[] = [];
  for (const m of text.matchAll(r.regex)) {
    // The shape that matched is the one whose first group took part.
    const i = r.offsets.findIndex((o) => m[o] !== undefined);
    const shape = r.shapes[i];
    const offset = r.offsets[i];
    if (!shape || offset === undefined) continue;
    const ends: { year?: number; month?: number; day?: number }[] = [{}, {}];
    shape.slots.forEach((slot, k) => {
      const v = m[offset + k] ?? '';
      const n =
        slot.field === 'month' && !/^\d+$/.test(v)
          ? 1 + Math.max(...r.months.map((names) => names.map(lower).indexOf(lower(v))))
          : Number(v);
      for (const side of slot.sides) {
        const e = ends[side];
        if (e) e[slot.field] = n;
      }
    });
    const part = m[1] ? { part: m[1].toLowerCase() } : {};
    const isRange = shape.slots.some((s) => s.sides.length === 1);
    const dates = (isRange ? ends : ends.slice(0, 1)).flatMap((e) =>
      e.month === undefined ? [] : [{ ...e, month: e.month, ...part }],
    );
    out.push({ raw: m[0], start: m.index, end: m.index + m[0].length, dates });
  }
  return out;
}
