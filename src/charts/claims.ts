/**
 * The derived claims a chart's words make, for the documents that show it to record: the
 * "largest" of a bar chart's takeaway, a partner's rank in a comparison's takeaway, and each
 * "first" a timeline's alt text names ("first aid by March 21, 2022"). Made by the claims
 * module's rules, so `bulletin verify` can ask the same question of the current data. Pure.
 */
import type { Dataset } from '../dataset/schema.js';
import { firstWording, makeClaim, type Claim } from '../model/claims/index.js';
import { at } from '../checked.js';
import type { BarData, ChartData, TimelineData } from './data.js';
import type { TimelineSpec } from './spec.js';
import { defaultMixed } from './takeaway.js';
import { timelineRows } from './timeline-cells.js';
import type { Instance } from './plan.js';

/** Whether a takeaway sentence prints a slot. */
const uses = (sentence: string, ...slots: string[]) =>
  slots.some((s) => sentence.includes(`{${s}}`));

/** The claims of one chart; `takeaway` is its sentence as printed, `place` names the chart. */
export function chartClaims(
  d: Dataset,
  inst: Instance,
  data: ChartData,
  takeaway: string,
  place: string,
): Claim[] {
  const spec = inst.spec;
  const roles = spec.roles ? { roles: spec.roles } : {};
  if (data.kind === 'bar') {
    if (spec.kind === 'partner-breakdown' || spec.kind === 'timeline') return [];
    // A chart whose values are not on one scale ranks nothing across them; its mixedTakeaway
    // may name the largest in each currency, a claim per currency.
    if (data.mixed)
      return spec.kind === 'bar' &&
        spec.value === 'amount' &&
        uses(spec.mixedTakeaway ?? defaultMixed(data), 'leaders')
        ? leaderClaims(d, data, { measure: spec.measure, ...roles }, takeaway, place)
        : [];
    const base = { measure: spec.measure, value: spec.value, among: 'all-partners' as const };
    if (spec.kind === 'bar' && uses(spec.takeaway, 'top', 'topValue')) {
      // The split is a partner's only where each bar is one partner (not one stage of one).
      const names = new Set(d.partners.map((p) => p.name));
      const perPartner = data.labels.every((l) => names.has(l));
      const split =
        uses(spec.takeaway, 'topMix') && perPartner ? { split: 'category' as const } : {};
      const q = { kind: 'largest' as const, ...base, ...roles, ...split };
      return [makeClaim(d, q, takeaway, place)].flatMap((c) => c ?? []);
    }
    if (spec.kind === 'partner-compare' && inst.partner && uses(spec.takeaway, 'rank', 'leader'))
      return [
        makeClaim(d, { kind: 'rank', ...base, ...roles, subject: inst.partner }, takeaway, place),
      ].flatMap((c) => c ?? []);
    return [];
  }
  if (spec.kind !== 'timeline') return [];
  const idOf = new Map(d.partners.map((p) => [p.name, p.id]));
  return [
    ...edgeClaims(d, spec, takeaway, place),
    ...firstClaims(d, spec, data, place, idOf),
    ...notStatedClaims(d, spec, data, place, idOf),
  ];
}

/**
 * The largest in each currency's panel, as {leaders} names them: over each partner's amounts
 * in that currency, or each partner's of one stage where the panel labels its bars by stage.
 */
function leaderClaims(
  d: Dataset,
  data: BarData,
  base: { measure: string; roles?: string[] },
  takeaway: string,
  place: string,
): Claim[] {
  const names = new Set(d.partners.map((p) => p.name));
  let start = 0;
  return data.panels.flatMap((panel) => {
    const labels = data.labels.slice(start, (start += panel.rows));
    if (panel.unit.kind !== 'money' || panel.unit.converted) return [];
    const byStage = labels.some((l) => !names.has(l));
    const q = {
      kind: 'largest' as const,
      value: 'amount' as const,
      among: 'all-partners' as const,
      ...base,
      unit: panel.unit.currency,
      ...(byStage ? { byStage } : {}),
    };
    const c = makeClaim(d, q, takeaway, place);
    return c ? [c] : [];
  });
}

/** Who moved first and who last, where the takeaway says so ({firstPartners}, {lastPartner}). */
function edgeClaims(d: Dataset, spec: TimelineSpec, takeaway: string, place: string): Claim[] {
  const [series] = spec.firsts;
  if (!series) return [];
  const base = { measure: series.measure, ...(spec.roles ? { roles: spec.roles } : {}) };
  const asked = [
    ...(uses(spec.takeaway, 'firstPartners') ? (['earliest'] as const) : []),
    ...(uses(spec.takeaway, 'lastPartner') ? (['latest'] as const) : []),
  ];
  return asked.flatMap((kind) => makeClaim(d, { kind, ...base }, takeaway, place) ?? []);
}

/** Each "first" the timeline names, as its alt text words it. */
function firstClaims(
  d: Dataset,
  spec: TimelineSpec,
  data: TimelineData,
  place: string,
  idOf: Map<string, string>,
): Claim[] {
  const locale = d.bulletin.locale;
  return spec.firsts.flatMap((f, fi) =>
    (data.series[fi]?.points ?? []).flatMap((p) => {
      const subject = idOf.get(at(data.rows, p.row, 'timeline row'));
      if (!subject) return [];
      const wording = `${p.what} ${firstWording(p, locale)}`;
      const c = makeClaim(d, { kind: 'first', measure: f.measure, subject }, wording, place);
      return c ? [c] : [];
    }),
  );
}

/**
 * Each cell of the web edition's timeline table the data is silent on, recorded with its row
 * as printed, so a "none" printed there fails verify. A series limited to some event kinds is
 * left out: the data may state events of other kinds.
 */
function notStatedClaims(
  d: Dataset,
  spec: TimelineSpec,
  data: TimelineData,
  place: string,
  idOf: Map<string, string>,
): Claim[] {
  const measures = [...spec.firsts.map((f) => f.measure), ...(spec.events ? ['events'] : [])];
  return timelineRows(data, d.bulletin.locale).flatMap((row) => {
    const subject = idOf.get(row.name);
    const wording = [row.name, ...row.cells.map((c) => c.text)].join(' ');
    return row.cells.flatMap((cell, si) => {
      const measure = measures[si];
      if (!subject || cell.gap !== 'silent' || !measure) return [];
      if (measure === 'events' && spec.events?.kinds) return [];
      const c = makeClaim(d, { kind: 'not-stated', subject, measure }, wording, place);
      return c ? [{ ...c, place: 'web edition', format: 'html' as const }] : [];
    });
  });
}
