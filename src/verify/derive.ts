/**
 * The one place that declares which values a build may print. Each is computed from the
 * dataset alone — never from the renderer's intermediate values — so a renderer bug shows up
 * as a printed figure with no source. Allowed:
 * - stated values: aid amounts (with previous amounts and components) in their own currency,
 *   quantities with their unit, figures, dates;
 * - sums within one currency (or one unit): per partner, per category, per partner scope
 *   (all partners, each role, partners with decks), and differences: a rise over a previous
 *   amount, the part of a package not broken down, a total less one partner ("the others");
 * - shares of a one-currency (one-unit) total, and ranks within such a group;
 * - counts of dataset items (partners, measures, events, participants, items…).
 */
import { FUZZY_DATE_PATTERN, parseFuzzyDate } from '../dataset/dates.js';
import type { Dataset } from '../dataset/schema.js';
import { convertedCandidates } from './convert.js';
import { compare, group, scopes, type AidPart } from './groups.js';
import { figureCandidates } from './figures.js';
import { makePools } from './pool.js';
import type { Candidate, Candidates, DateCandidate } from './types.js';

/** Aid split into its parts: each component, and the remainder under the measure's category. */
function aidParts(d: Dataset, out: Candidate[]): AidPart[] {
  const parts: AidPart[] = [];
  for (const m of d.measures) {
    if (m.type !== 'aid' || m.amount === undefined || !m.currency) continue;
    const currency = m.currency;
    const money = (value: number, how: string) => out.push({ kind: 'money', value, currency, how });
    money(m.amount, `the amount of ${m.id}`);
    if (m.previousAmount !== undefined) {
      money(m.previousAmount, `the previous amount of ${m.id}`);
      money(m.amount - m.previousAmount, `the rise of ${m.id} over its previous amount`);
    }
    const comps = m.components ?? [];
    for (const c of comps) money(c.amount, `a component of ${m.id}`);
    const rest = m.amount - comps.reduce((s, c) => s + c.amount, 0);
    if (comps.length > 0) money(rest, `the part of ${m.id} not broken down`);
    compare(
      [
        ...comps.map((c) => ({ key: c.category, value: c.amount })),
        { key: 'the rest', value: rest },
      ],
      `${m.id}`,
      out,
    );
    const base = { partner: m.partner, currency: m.currency };
    for (const c of comps) parts.push({ ...base, category: c.category, value: c.amount });
    // A category may be left unstated (an optional field): such parts group together.
    const own: string = m.category ?? 'category not stated';
    if (rest > 0) parts.push({ ...base, category: own, value: rest });
  }
  return parts;
}

function moneyCandidates(d: Dataset, out: Candidate[]): AidPart[] {
  const parts = aidParts(d, out);
  const currencies = [...new Set(parts.map((p) => p.currency))];
  for (const cur of currencies) {
    const inCur = parts.filter((p) => p.currency === cur);
    const make = (value: number, how: string): Candidate => ({
      kind: 'money',
      value,
      currency: cur,
      how,
    });
    for (const p of new Set(inCur.map((x) => x.partner)))
      group(
        inCur.filter((x) => x.partner === p).map((x) => ({ key: x.category, value: x.value })),
        `${p}'s aid in ${cur} by category`,
        make,
        out,
      );
    for (const s of scopes(d)) {
      const scoped = inCur.filter((x) => s.ids.has(x.partner));
      group(
        scoped.map((x) => ({ key: x.partner, value: x.value })),
        `aid in ${cur} of ${s.name}`,
        make,
        out,
      );
      group(
        scoped.map((x) => ({ key: x.category, value: x.value })),
        `aid in ${cur} of ${s.name} by category`,
        make,
        out,
      );
    }
  }
  return parts;
}

function quantityCandidates(d: Dataset, out: Candidate[]): void {
  // In-kind aid without a count states no number to trace.
  const qs = d.measures.flatMap((m) =>
    'quantity' in m && m.quantity ? [{ m, q: m.quantity }] : [],
  );
  for (const { m, q } of qs)
    out.push({
      kind: 'quantity',
      value: q.value,
      unit: q.unit.toLowerCase(),
      how: `the quantity of ${m.id}`,
    });
  for (const unit of new Set(qs.map((x) => x.q.unit.toLowerCase()))) {
    const make = (value: number, how: string): Candidate => ({
      kind: 'quantity',
      value,
      unit,
      how,
    });
    for (const s of scopes(d)) {
      const scoped = qs.filter((x) => x.q.unit.toLowerCase() === unit && s.ids.has(x.m.partner));
      group(
        scoped.map((x) => ({ key: x.m.partner, value: x.q.value })),
        `${unit} of ${s.name}`,
        make,
        out,
      );
      for (const type of new Set(scoped.map((x) => x.m.type)))
        group(
          scoped
            .filter((x) => x.m.type === type)
            .map((x) => ({ key: x.m.partner, value: x.q.value })),
          `${type} ${unit} of ${s.name}`,
          make,
          out,
        );
    }
  }
  figureCandidates(d, out);
}

function countCandidates(d: Dataset, out: Candidate[]): void {
  const first = out.length;
  const count = (value: number, how: string) => out.push({ kind: 'count', value, how });
  const collections = { ...d, authors: d.bulletin.authors } as Record<string, unknown>;
  for (const [k, v] of Object.entries(collections))
    if (Array.isArray(v)) count(v.length, `the number of ${k}`);
  count(
    new Set(d.measures.flatMap((m) => ('currency' in m && m.currency ? [m.currency] : []))).size,
    'the number of currencies',
  );
  for (const s of scopes(d)) {
    count(s.ids.size, `the number of ${s.name}`);
    const types = new Set(d.measures.map((m) => m.type));
    for (const t of types)
      count(
        new Set(
          d.measures.filter((m) => m.type === t && s.ids.has(m.partner)).map((m) => m.partner),
        ).size,
        `${s.name} with ${t} measures`,
      );
    count(
      new Set(d.measures.filter((m) => s.ids.has(m.partner)).map((m) => m.partner)).size,
      `${s.name} with measures`,
    );
    for (const e of d.events)
      count(e.participants.filter((p) => s.ids.has(p)).length, `${s.name} at ${e.id}`);
  }
  for (const p of d.partners) {
    const own = d.measures.filter((m) => m.partner === p.id);
    count(own.length, `${p.id}'s measures`);
    count(own.filter((m) => m.date ?? m.asOf).length, `${p.id}'s dated measures`);
    for (const t of new Set(own.map((m) => m.type)))
      count(own.filter((m) => m.type === t).length, `${p.id}'s ${t} measures`);
    count(
      d.events.filter((e) => e.participants.includes(p.id)).length,
      `events ${p.id} took part in`,
    );
    count(d.quotes.filter((q) => q.about === p.id).length, `quotes about ${p.id}`);
  }
  for (const e of d.events) count(e.participants.length, `participants of ${e.id}`);
  for (const kind of new Set(d.events.map((e) => e.kind)))
    count(d.events.filter((e) => e.kind === kind).length, `${kind} events`);
  for (const m of d.measures) {
    for (const key of ['items', 'includes', 'alongside', 'components'] as const) {
      const list = (m as Record<string, unknown>)[key];
      if (Array.isArray(list)) count(list.length, `${key} of ${m.id}`);
    }
  }
  // "A, B, C, and 96 others": a count less the few items a sentence names.
  for (const c of out.slice(first))
    for (let k = 1; k <= Math.min(NAMED_IN_A_SENTENCE, c.value); k++)
      out.push({ kind: 'count', value: c.value - k, how: `${c.how}, less ${k} named` });
}

/** How many items a sentence may name before "and N others". */
const NAMED_IN_A_SENTENCE = 10;

/** Every string in a value, at any depth. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === 'object')
    for (const v of Object.values(value)) strings(v, out);
  return out;
}

const WHOLE_DATE = new RegExp(FUZZY_DATE_PATTERN);

/** A stated date as a candidate, or nothing when the text is not a date. */
export function dateCandidate(text: string, how: string): DateCandidate | undefined {
  if (!WHOLE_DATE.test(text)) return undefined;
  const d = parseFuzzyDate(text);
  if (typeof d === 'string') return undefined;
  return {
    year: d.year,
    ...(d.month !== undefined ? { month: d.month } : {}),
    ...(d.day !== undefined ? { day: d.day } : {}),
    ...(d.precision === 'decade' ? { decade: true } : {}),
    ...(d.part ? { part: d.part } : {}),
    how,
  };
}

/**
 * What a stated date allows to be printed, as lookup keys: the same date or a coarser one,
 * never a finer one ("2025-04" allows "April 2025" and "2025", not "April 30, 2025").
 */
export function dateKeys(d: DateCandidate): string[] {
  if (d.decade) return [`decade:${d.year}`, `decade:${d.year}:${d.part ?? ''}`];
  const keys = [`year:${d.year}`, `decade:${d.year - (d.year % 10)}`, `yearin:${d.year}`];
  if (d.month === undefined) return keys;
  keys.push(`month:${d.year}-${d.month}`, `month:-${d.month}`);
  if (d.day !== undefined)
    keys.push(`day:${d.year}-${d.month}-${d.day}`, `day:-${d.month}-${d.day}`);
  return keys;
}

/** Lowercased, single-spaced text, as printed text is compared. */
export const normalise = (s: string): string =>
  s
    .normalize('NFC')
    .replace(/[\s\u00a0\u2000-\u200b\u202f]+/gu, ' ')
    .trim()
    .toLowerCase();

/**
 * Every value the data allows a build to print. `clockDates` are the build's own dates
 * (the build date a deck cover prints), given as YYYY-MM-DD.
 */
export function deriveCandidates(
  d: Dataset,
  clockDates: string[] = [],
  displayCaps: number[] = [],
): Candidates {
  const numbers: Candidate[] = [];
  // A chart capped at `show` bars draws `show` of them, or one fewer beside a highlighted one.
  for (const cap of displayCaps)
    for (const value of [cap, cap - 1])
      numbers.push({ kind: 'count', value, how: `a chart's bar cap (show: ${cap})` });
  convertedCandidates(d, moneyCandidates(d, numbers), numbers);
  quantityCandidates(d, numbers);
  countCandidates(d, numbers);
  const all = strings(d);
  const dates = new Map<string, string>();
  const stated = [
    ...all.flatMap((s) => dateCandidate(s, `the date ${s} in the data`) ?? []),
    ...clockDates.flatMap((s) => dateCandidate(s, `the build date ${s}`) ?? []),
  ];
  for (const d of stated) for (const k of dateKeys(d)) if (!dates.has(k)) dates.set(k, d.how);
  const currencies = [...new Set(numbers.flatMap((c) => (c.kind === 'money' ? [c.currency] : [])))];
  const units = [
    ...new Set(numbers.flatMap((c) => (c.kind === 'quantity' && c.unit ? [c.unit] : []))),
  ];
  return {
    pools: makePools(numbers),
    dates,
    quotedText: `\n${all.map(normalise).join('\n')}\n`,
    currencies,
    units,
  };
}
