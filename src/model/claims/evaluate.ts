/**
 * evaluateClaim: one function from a claim's question (kind, rule inputs) to its answer on some
 * data — the result, the facts used and the qualifiers the data gives it — or the reason the
 * data cannot support it. The build asks it to make a claim; verify asks it again of the
 * current data and compares. Pure.
 */
import type { Dataset } from '../../dataset/schema.js';
import {
  comparableTotals,
  comparedPartners,
  categorySplit,
  edgesHold,
  figuresAsOf,
  firstQualifiers,
  firstStep,
  largestOf,
  placedFirsts,
  rankAmong,
  rowTotalsIn,
  statedTotals,
  sumQualifiers,
  type StatedTotal,
} from './derive.js';
import type { Claim } from './schema.js';
import { flat, mixOf, unsaid } from './wording.js';
import { memoOn } from '../../dataset/memo.js';
import { measuresOf } from '../../dataset/by-partner.js';

/** What a claim asks: everything of a claim but its answer, wording and place. */
export type ClaimQuestion = Pick<
  Claim,
  'kind' | 'measure' | 'value' | 'subject' | 'among' | 'roles' | 'split' | 'unit' | 'byStage'
>;

/** A claim's answer on some data, or why the data does not support it. */
export type ClaimAnswer =
  | { ok: true; result: Claim['result']; facts: string[]; qualifiers: Claim['qualifiers'] }
  | { ok: false; reason: string };

const refuse = (reason: string): ClaimAnswer => ({ ok: false, reason });

/** The rule each kind of claim follows, in words (recorded with the claim). */
export function ruleOf(q: ClaimQuestion): string {
  const what = q.value === 'quantity' ? 'stated quantities' : 'stated amounts';
  const among =
    q.among === 'deck-partners'
      ? 'the partners with a deck'
      : `every partner${q.roles ? ` with role ${q.roles.join(' or ')}` : ''}`;
  switch (q.kind) {
    case 'rank':
      return `sum of each partner's ${what} of ${q.measure}, ranked largest first among ${among}`;
    case 'largest':
      return (
        `sum of each partner's ${what} of ${q.measure}` +
        (q.unit ? ` in ${q.unit}${q.byStage ? ', per stage' : ''}` : '') +
        `, the largest among ${among}` +
        (q.split ? "; its largest aid category and that category's share of its total" : '')
      );
    case 'first':
      return (
        `earliest dated evidence of ${q.measure}; "by" when an undated or as-of fact may ` +
        'precede it'
      );
    case 'earliest':
    case 'latest':
      return (
        `the ${q.kind} first ${q.measure} among ${among} whose first is dated to the day or ` +
        'month (a month-only date counts as mid-month, as the timeline places it)'
      );
    case 'data-to':
      return 'the latest date of any measure, event or quote';
    case 'not-stated':
      return `the data states no ${q.measure} of the partner: "not stated", never "none"`;
  }
}

/**
 * Answers a claim's question on the data. Every deck asks the same questions of the same data
 * ("the largest", "the data runs to"): each answer is kept for the dataset, so a build with many
 * partners does not pay for each once per deck. Answers are frozen, as they are shared.
 */
export function evaluateClaim(d: Dataset, q: ClaimQuestion): ClaimAnswer {
  const key = JSON.stringify([
    q.kind,
    q.measure,
    q.value,
    q.subject,
    q.among,
    q.roles,
    q.split,
    q.unit,
    q.byStage,
  ]);
  return memoOn(d, `claim:${key}`, () => {
    const a = answer(d, q);
    if (a.ok) Object.freeze(a.result), Object.freeze(a.facts), Object.freeze(a.qualifiers);
    return Object.freeze(a);
  });
}

function answer(d: Dataset, q: ClaimQuestion): ClaimAnswer {
  if (q.kind === 'data-to') {
    const date = figuresAsOf(d);
    return date ? { ok: true, result: { date }, facts: [], qualifiers: [] } : refuse('no dates');
  }
  if (q.kind === 'not-stated') {
    if (!q.subject || !q.measure) return refuse('"not stated" needs a partner and what it lacks');
    const { subject, measure } = q;
    const stated =
      measure === 'events'
        ? d.events.some((e) => e.participants.includes(subject))
        : measuresOf(d, subject, measure).length > 0;
    if (stated) return refuse(`the data now states ${measure} of ${subject}`);
    return { ok: true, result: { stated: false }, facts: [], qualifiers: [] };
  }
  if (q.kind === 'first') {
    if (!q.subject || !q.measure) return refuse('a "first" needs a partner and a measure');
    const step = firstStep(d, q.subject, q.measure);
    if (!step) return refuse(`the data has no ${q.measure} of ${q.subject} with a date`);
    return {
      ok: true,
      result: { date: step.date, onOrBefore: step.onOrBefore },
      facts: step.facts,
      qualifiers: firstQualifiers(step),
    };
  }
  if (q.kind === 'earliest' || q.kind === 'latest') return earliestOrLatest(d, q);
  if (!q.measure || !q.value || !q.among)
    return refuse('a comparison needs a measure and partners');
  if (q.kind === 'largest' && q.unit !== undefined) return largestIn(d, { ...q, unit: q.unit });
  const { measure, value } = q;
  const partners = comparedPartners(d, q.among, q.subject, q.roles);
  // Every deck's rank compares the same partners: their totals are summed once.
  const { totals, facts, qualifiers } = memoOn(
    d,
    `totals:${JSON.stringify([partners, measure, value])}`,
    () => {
      const totals = statedTotals(d, partners, measure, value);
      const facts = totals.totals.flatMap((t) => t.facts);
      const unit = totals.totals[0]?.unit;
      const sum = value === 'amount' && unit !== undefined ? sumQualifiers(d, facts, unit) : [];
      return { totals, facts, qualifiers: sum };
    },
  );
  if (!comparableTotals(totals))
    return refuse('the totals are in several currencies or units, which cannot be ranked');
  const [first] = totals.totals;
  if (!first) return refuse(`no partner compared states a figure of ${q.measure}`);
  if (q.kind === 'rank') {
    if (!q.subject) return refuse('a rank needs a partner');
    const r = rankAmong(totals.totals, q.subject);
    if (!r) return refuse(`${q.subject} states no figure of ${q.measure}`);
    return {
      ok: true,
      result: { ...r, unit: first.unit },
      facts: neighbourFacts(totals.totals, q.subject),
      qualifiers,
    };
  }
  const top = largestOf(totals.totals);
  if (!top) return refuse(`no partner compared states a figure of ${q.measure}`);
  return {
    ok: true,
    result: {
      top: top.partner,
      total: top.total,
      unit: top.unit,
      of: totals.totals.length,
      // "More than the others combined" is part of what a takeaway may say of the largest.
      moreThanRest: top.total > sumOthers(totals.totals, top),
      ...(q.split ? splitResult(d, top.facts) : {}),
    },
    facts,
    qualifiers,
  };
}

/**
 * Who moved first (every partner placed on the earliest day, in partner order) or last (the
 * last placed, the later in partner order on a tie), as a timeline's takeaway says it.
 */
function earliestOrLatest(d: Dataset, q: ClaimQuestion): ClaimAnswer {
  if (!q.measure) return refuse(`"${q.kind}" needs a measure`);
  const placed = placedFirsts(
    d,
    comparedPartners(d, 'all-partners', undefined, q.roles),
    q.measure,
  );
  if (placed.length < 2) return refuse(`fewer than two partners have a dated ${q.measure}`);
  const byTime = [...placed].sort((a, b) => a.at - b.at);
  const edge = q.kind === 'earliest' ? byTime[0] : byTime.at(-1);
  if (!edge) return refuse(`no partner has a dated ${q.measure}`);
  const holds = edgesHold(placed);
  if (!(q.kind === 'earliest' ? holds.earliest : holds.latest))
    return refuse(`a date known only as an upper bound leaves the ${q.kind} ${q.measure} unknown`);
  const same = q.kind === 'earliest' ? placed.filter((p) => p.date === edge.date) : [edge];
  // Worded by the step the timeline sorts first (or last): "by" when that one is a bound.
  const step = { date: edge.date, onOrBefore: edge.onOrBefore };
  return {
    ok: true,
    result: { partners: same.map((p) => p.partner).join(', '), ...step },
    facts: same.flatMap((p) => p.facts),
    qualifiers: firstQualifiers(step),
  };
}

/**
 * The largest amount in one currency: each partner's amounts in it (of one stage each, where
 * the question keeps stages apart), as a chart in several currencies names its leaders.
 */
function largestIn(d: Dataset, q: ClaimQuestion & { unit: string }): ClaimAnswer {
  if (!q.measure || !q.among) return refuse('a comparison needs a measure and partners');
  const partners = comparedPartners(d, q.among, q.subject, q.roles);
  const rows = rowTotalsIn(d, partners, q.measure, q.unit, q.byStage === true);
  const top = rows.reduce<(typeof rows)[number] | null>(
    (b, r) => (b === null || r.total > b.total ? r : b),
    null,
  );
  if (!top) return refuse(`no partner compared states an amount of ${q.measure} in ${q.unit}`);
  const name = d.partners.find((p) => p.id === top.partner)?.name ?? top.partner;
  const row = q.byStage ? `${name} – ${top.stage || 'stage not stated'}` : name;
  const facts = rows.flatMap((r) => r.facts);
  return {
    ok: true,
    result: { top: top.partner, row, total: top.total, unit: q.unit, of: rows.length },
    facts,
    qualifiers: sumQualifiers(d, top.facts, q.unit),
  };
}

/** How a total splits by category, in the words a takeaway prints: "all as loans". */
function splitResult(d: Dataset, facts: readonly string[]): Claim['result'] {
  const top = categorySplit(d, facts);
  if (!top) return {};
  return { mix: mixOf(top.share, top.label.toLowerCase(), d.bulletin.locale) };
}

/** The sum of every total but the largest. */
function sumOthers(totals: readonly { total: number }[], top: { total: number }): number {
  return totals.reduce((s, t) => s + t.total, 0) - top.total;
}

/** A claim made on the data with its wording and place, or null when the data refuses it. */
export function makeClaim(
  d: Dataset,
  q: ClaimQuestion,
  wording: string,
  place: string,
): Claim | null {
  const a = evaluateClaim(d, q);
  if (!a.ok) return null;
  // A takeaway that words the split otherwise still makes its "largest".
  if (q.split && typeof a.result.mix === 'string' && !flat(wording).includes(flat(a.result.mix))) {
    const { split: _split, ...rest } = q;
    return makeClaim(d, rest, wording, place);
  }
  // A rank or "largest" among one is no comparison: a template reading it prints none.
  if ((q.kind === 'rank' || q.kind === 'largest') && Number(a.result.of) < 2) return null;
  const claim = {
    ...q,
    rule: ruleOf(q),
    facts: a.facts,
    result: a.result,
    qualifiers: a.qualifiers,
    wording: wording.replace(/\s+/g, ' ').trim(),
    place,
  };
  // Recorded only where its words say it: a template may read a rank only to decide whether
  // to print a comparison at all, and a text that does not name the rank makes no claim.
  const names = memoOn(d, 'partner-names', () => new Map(d.partners.map((p) => [p.id, p.name])));
  return unsaid(claim, names, d.bulletin.locale) === null ? claim : null;
}

/**
 * The facts that decide a rank: the subject's own and those of the totals just above and just
 * below it. Recording every partner's facts made each deck's record grow with the partners, and
 * a build's with their square; verify recomputes a rank from its rule, not from this list.
 */
function neighbourFacts(totals: readonly StatedTotal[], subject: string): string[] {
  const mine = totals.find((t) => t.partner === subject);
  if (!mine) return [];
  const above = totals
    .filter((t) => t.total > mine.total)
    .reduce<StatedTotal | null>((b, t) => (b === null || t.total < b.total ? t : b), null);
  const below = totals
    .filter((t) => t.total <= mine.total && t !== mine)
    .reduce<StatedTotal | null>((b, t) => (b === null || t.total > b.total ? t : b), null);
  return [above, mine, below].flatMap((t) => (t ? t.facts : []));
}
