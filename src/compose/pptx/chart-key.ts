/**
 * Which drawn chart a deck slide shows: a per-partner spec is drawn once per partner
 * ("partner-aid-<partner>"); a bulletin-wide one (the timeline of all partners) is shared.
 */
import type { BuildContext } from '../types.js';
import { planIndex } from '../../charts/plan.js';

export function deckChartKey(ctx: BuildContext, chartId: string, partnerId: string): string {
  const own = `${chartId}-${partnerId}`;
  const plan = planIndex(ctx);
  return plan.get(own)?.inst.partner === partnerId ? own : chartId;
}
