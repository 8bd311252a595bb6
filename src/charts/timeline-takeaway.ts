/**
 * A timeline's takeaway: who moved first and who came last, said only where the data makes it
 * known. A first dated to no day or month cannot be placed, and one known only by an upper
 * bound (an as-of total) may have come at any earlier time; the claims module's `edgesHold`
 * says which ends of the order still hold, and the sentence names only those. Pure.
 */
import { list, upfirst, words } from '../template/filters.js';
import { edgesHold, firstWording as when } from '../model/claims/index.js';
import { at } from '../checked.js';
import type { TimelineData } from './data.js';
import { fillSentence } from './fill-sentence.js';

/** Slots for timelines, from the first series: who moved first, and who came last. */
function timelineSlots(d: TimelineData, locale: string): Record<string, string> {
  const pts = [...(d.series[0]?.points ?? [])].sort((a, b) => a.x - b.x);
  const [first] = pts;
  const last = pts.at(-1);
  if (!first || !last) return {};
  const partner = (p: { row: number }) => at(d.rows, p.row, 'timeline row');
  const firsts = pts.filter((p) => p.date === first.date).map(partner);
  return {
    firstPartners: list(firsts, locale),
    firstWhen: when(first, locale),
    firstWhat: first.what.toLowerCase(),
    firstLabel: first.what,
    lastPartner: partner(last),
    lastWhen: when(last, locale),
    count: words(d.rows.length, locale),
  };
}

/**
 * A timeline's takeaway when some partner's first is dated to no day or month: who came
 * "first" is not known, so only the earliest and latest dated are named (issue 28, item 6).
 * The series label leads as given ("First sanctions", "Earliest dated aid"), so no label
 * doubles a word of the sentence ("the earliest dated earliest dated aid").
 */
const UNDATED_FIRST =
  '{firstLabel}, where a day or month is given: earliest {firstPartners}, {firstWhen}; latest ' +
  '{lastPartner}, {lastWhen}. {undated}: no day or month stated.';

/**
 * What a timeline says when a step known only by an upper bound leaves the first or the last
 * unknown: the end that holds, then the bounded steps by name, and why the order stops there.
 */
function boundedSentence(d: TimelineData, locale: string, holds: Record<string, boolean>): string {
  const s = timelineSlots(d, locale);
  const pts = d.series[0]?.points ?? [];
  const partner = (p: { row: number }) => at(d.rows, p.row, 'timeline row');
  const bounded = pts.filter((p) => p.onOrBefore).map((p) => `${partner(p)} (${when(p, locale)})`);
  const ends = [
    ...(holds.earliest ? [`earliest ${s.firstPartners}, ${s.firstWhen}`] : []),
    ...(holds.latest ? [`latest ${s.lastPartner}, ${s.lastWhen}`] : []),
  ];
  const unknown = holds.earliest ? 'last' : holds.latest ? 'first' : 'first or last';
  const where = d.undatedFirst?.length ? ', where a day or month is given' : '';
  const known = `known only as an upper bound for ${list(bounded, locale)}`;
  const body = ends.length ? `${ends.join('; ')}. ${upfirst(known)}` : known;
  const undated = d.undatedFirst?.length
    ? ` ${list(d.undatedFirst, locale)}: no day or month stated.`
    : '';
  return upfirst(
    `${s.firstLabel}${where}: ${body}, so who came ${unknown} is not known.${undated}`,
  );
}

/** The takeaway of a timeline: the spec's sentence where it holds, else one that does. */
export function timelineTakeaway(
  sentence: string,
  d: TimelineData,
  locale: string,
): { text: string; missing: string[] } {
  const steps = (d.series[0]?.points ?? []).map((p) => ({ ...p, at: p.x }));
  const holds = edgesHold(steps);
  if (steps.length >= 2 && (!holds.earliest || !holds.latest))
    return { text: boundedSentence(d, locale, holds), missing: [] };
  if (d.undatedFirst?.length)
    return fillSentence(UNDATED_FIRST, {
      ...timelineSlots(d, locale),
      undated: list(d.undatedFirst, locale),
    });
  return fillSentence(sentence, timelineSlots(d, locale));
}
