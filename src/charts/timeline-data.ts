/**
 * Timeline data from the dataset: each partner's first dated step per measure, and events,
 * placed in days from the window's first day. Pure: no I/O, no clock.
 */
import type { Dataset } from '../dataset/schema.js';
import { mustParse, startOf } from '../dataset/dates.js';
import { measuresOf } from '../dataset/by-partner.js';
import { firstEvidence } from '../model/claims/index.js';
import { at, must } from '../checked.js';
import { partnersFor, type TimelineData, type TimelineGap } from './data.js';
import { specError, type LoadedSpecs, type TimelineSpec } from './spec.js';

const DAY = 86_400_000;
const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;

/**
 * Where a date sits in the window; month-precision dates sit mid-month and are marked approximate.
 */
function place(date: string, first: number): { x: number; approximate: boolean } | null {
  const p = mustParse(date);
  if (p.precision === 'day') return { x: dayOf(startOf(p)) - first, approximate: false };
  if (p.precision === 'month') return { x: dayOf(startOf(p)) + 14 - first, approximate: true };
  return null; // a year or a decade is too coarse to place on a months axis
}

/**
 * The months a timeline can place (day or month precision): each partner's first evidence of
 * each measure the spec plots, and the events. A window left open in the spec spans them.
 */
export function timelineMonths(d: Dataset, spec: TimelineSpec): string[] {
  const partners = partnersFor(d, spec.roles);
  const firsts = spec.firsts.flatMap((f) =>
    partners.flatMap((p) => {
      const hit = firstEvidence(measuresOf(d, p.id, f.measure));
      return hit ? [hit.date] : [];
    }),
  );
  const kinds = spec.events?.kinds;
  const events = spec.events
    ? d.events.filter((e) => !kinds || kinds.includes(e.kind)).map((e) => e.date)
    : [];
  return [...firsts, ...events]
    .filter((t) => ['day', 'month'].includes(mustParse(t).precision))
    .map((t) => t.slice(0, 7))
    .sort();
}

/**
 * Timeline data: each partner's first dated measure of each type, and the events it took part in.
 */
export function selectTimelineData(
  d: Dataset,
  spec: TimelineSpec,
  loaded: LoadedSpecs,
  index: number,
): TimelineData {
  const span = timelineMonths(d, spec);
  const from = spec.from ?? span[0];
  const to = spec.to ?? span[span.length - 1];
  if (from === undefined || to === undefined)
    throw specError(loaded, index, 'firsts', 'no measure or event has a day or month to place');
  const first = dayOf(`${from}-01`);
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  const end = dayOf(new Date(Date.UTC(ty, tm, 1)).toISOString().slice(0, 10));
  if (end <= first)
    throw specError(loaded, index, 'to', `"to" (${to}) must come after "from" (${from})`);
  const months: TimelineData['months'] = [];
  for (let t = first; t < end; ) {
    const iso = new Date(t * DAY).toISOString().slice(0, 10);
    months.push({ x: t - first, date: iso.slice(0, 7) });
    const [y, m] = iso.split('-').map(Number) as [number, number];
    t = dayOf(new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10));
  }
  const inWindow = (x: number) => x >= 0 && x < end - first;
  const partners = partnersFor(d, spec.roles);
  const rowOf = new Map(partners.map((p, i) => [p.id, i]));
  const gapsOf: Map<number, TimelineGap>[] = [];
  const series = spec.firsts.map((f, fi) => {
    const gaps = new Map<number, TimelineGap>();
    gapsOf[fi] = gaps;
    const points = partners.flatMap((p, row) => {
      // A total known "as of" a date is evidence of a first measure on or before it (issue 20).
      const own = measuresOf(d, p.id, f.measure);
      const hit = firstEvidence(own);
      const spot = hit ? place(hit.date, first) : null;
      if (!spot || !inWindow(spot.x))
        gaps.set(row, own.length === 0 ? 'silent' : spot ? 'outside' : 'undated');
      return hit && spot && inWindow(spot.x)
        ? [
            {
              row,
              x: spot.x,
              date: hit.date,
              approximate: spot.approximate,
              ...(hit.onOrBefore ? { onOrBefore: true } : {}),
              what: f.label.toLowerCase(),
            },
          ]
        : [];
    });
    return { name: f.label, points };
  });
  if (spec.events) {
    const ev = spec.events;
    const points = d.events
      .filter((e) => !ev.kinds || ev.kinds.includes(e.kind))
      .flatMap((e) => {
        const spot = place(e.date, first);
        if (!spot || !inWindow(spot.x)) return [];
        return e.participants.flatMap((id) => {
          const row = rowOf.get(id);
          if (row === undefined) return [];
          const end = e.endDate ? { endDate: e.endDate } : {};
          return [
            { row, x: spot.x, date: e.date, approximate: spot.approximate, what: e.name, ...end },
          ];
        });
      });
    series.push({ name: ev.label, points });
  }
  if (series.every((s) => s.points.length === 0))
    throw specError(
      loaded,
      index,
      'firsts',
      `no dated measure or event falls between ${from} and ${to}`,
    );
  // Keep only partners with at least one dot, in data order, and renumber rows.
  const used = [...new Set(series.flatMap((s) => s.points.map((p) => p.row)))].sort(
    (a, b) => a - b,
  );
  const renumber = new Map(used.map((r, i) => [r, i]));
  const points = series.flatMap((s) => s.points);
  const monthOnly = points.some((p) => p.approximate);
  const byDate = points.some((p) => p.onOrBefore);
  const notes =
    monthOnly || byDate
      ? [
          `Hollow dots: ${[
            monthOnly ? 'the source gives only the month (placed mid-month)' : '',
            byDate
              ? 'the first step came on or before that date (the source gives a total as of it, ' +
                'or an amount raised from an earlier one)'
              : '',
          ]
            .filter(Boolean)
            .join('; or ')}.`,
        ]
      : [];
  const unplaced = unplacedNotes(spec, gapsOf, partners);
  notes.push(...unplaced);
  // Who has a first of the first series with no day or month: a "first" read from the dated
  // ones would not hold against them (the takeaway says so instead).
  const undatedFirst = [...(gapsOf[0] ?? new Map<number, TimelineGap>())]
    .filter(([, g]) => g === 'undated')
    .map(([row]) => at(partners, row, 'timeline partner').name);
  return {
    kind: 'timeline',
    rows: used.map((r) => at(partners, r, 'timeline partner').name),
    series: series.map((s, si) => ({
      name: s.name,
      points: s.points.map((p) => ({ ...p, row: must(renumber.get(p.row), 'timeline row') })),
      // An event series knows no gaps but silence: the data lists who took part, not who did not.
      gaps: Object.fromEntries(used.map((r, i) => [i, gapsOf[si]?.get(r) ?? 'silent'] as const)),
    })),
    days: end - first,
    months,
    notes,
    ...(unplaced.length ? { unplaced } : {}),
    ...(undatedFirst.length ? { undatedFirst } : {}),
  };
}

/**
 * Says who has a first of a series that the timeline cannot place and so has no row at all: a
 * year-only date ("in 2022") has no spot on a months axis, and a date outside the window is
 * cut. Without this a partner that pledged first, in a year-only date, silently vanished and a
 * takeaway could name a later one first (issue 28). A partner with a row from another series
 * is named too: its row shows no dot for this one, and the PDF caption, with no web table
 * beside it, must still say why (a partner whose sanctions or pledge have no day or month).
 */
function unplacedNotes(
  spec: TimelineSpec,
  gapsOf: Map<number, TimelineGap>[],
  partners: readonly { name: string }[],
): string[] {
  return spec.firsts.flatMap((f, fi) => {
    const named = (kind: TimelineGap) =>
      [...(gapsOf[fi] ?? new Map<number, TimelineGap>())]
        .filter(([, g]) => g === kind)
        .map(([row]) => at(partners, row, 'timeline partner').name);
    const coarse = named('undated');
    const outside = named('outside');
    const what = f.label.toLowerCase();
    return [
      ...(coarse.length
        ? [`Not placed (${what} with no day or month stated): ${coarse.join(', ')}.`]
        : []),
      ...(outside.length
        ? [`Not shown (${what} outside these months): ${outside.join(', ')}.`]
        : []),
    ];
  });
}
