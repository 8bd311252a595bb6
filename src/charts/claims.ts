/**
 * The derived claims a chart's words make, for the documents that show it to record: the
 * "largest" of a bar chart's takeaway, a partner's rank in a comparison's takeaway, and each
 * "first" a timeline's alt text names ("first aid by March 21, 2022"). Made by the claims
 * module's rules, so `bulletin verify` can ask the same question of the current data. Pure.
 */
import type { Dataset } from '../dataset/schema.js';
import { firstWording, makeClaim, type Claim } from '../model/claims/index.js';
import { at } from '../checked.js';
import type { ChartData } from './data.js';
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
  const locale = d.bulletin.locale;
  const roles = spec.roles ? { roles: spec.roles } : {};
  if (data.kind === 'bar') {
    // A chart whose values are not on one scale says no "largest" and no rank (mixedTakeaway).
    if (data.mixed || spec.kind === 'partner-breakdown' || spec.kind === 'timeline') return [];
    const base = { measure: spec.measure, value: spec.value, among: 'all-partners' as const };
    if (spec.kind === 'bar' && uses(spec.takeaway, 'top', 'topValue'))
      return [makeClaim(d, { kind: 'largest', ...base, ...roles }, takeaway, place)].flatMap(
        (c) => c ?? [],
      );
    if (spec.kind === 'partner-compare' && inst.partner && uses(spec.takeaway, 'rank', 'leader'))
      return [
        makeClaim(d, { kind: 'rank', ...base, ...roles, subject: inst.partner }, takeaway, place),
      ].flatMap((c) => c ?? []);
    return [];
  }
  if (spec.kind !== 'timeline') return [];
  const idOf = new Map(d.partners.map((p) => [p.name, p.id]));
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
