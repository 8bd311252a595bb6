/**
 * Warnings about what the pages and decks show: a chart with too few values, and a chart or
 * slide that drops out for lack of data. Only charts something shows are judged — the Pacific
 * build printed thirteen "has only one value" warnings for charts no page or deck used — and a
 * chart or slide that vanished did so without a word (issue 28, item 7).
 */
import type { BuildContext } from '../compose/types.js';
import { planIndex } from '../charts/plan.js';
import { deckModels } from '../compose/pptx/index.js';
import { deckChartKey } from '../compose/pptx/chart-key.js';
import { deckSetup } from '../compose/pptx/template/choose.js';
import { DECK_FILE } from '../model/deck-config.js';
import type { BuildWarning } from './strict.js';

/** "a", "a and b", "a, b and c". */
const listed = (xs: string[]) =>
  xs.length < 2 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`;

/** Who shows each chart, by plan key: the bulletin (PDF and web) and each deck. */
function chartUsers(
  ctx: BuildContext,
  decks: boolean,
): Map<string, { chart: string; users: string[] }> {
  const used = new Map<string, { chart: string; users: string[] }>();
  const add = (key: string, chart: string, user: string) => {
    const u = used.get(key) ?? { chart, users: [] };
    if (!u.users.includes(user)) u.users.push(user);
    used.set(key, u);
  };
  for (const f of ctx.bulletin.figures) add(f.chart, f.chart, 'the bulletin');
  for (const [partner, deck] of decks ? deckModels(ctx) : [])
    for (const s of deck.slides)
      if (s.chart !== undefined)
        add(deckChartKey(ctx, s.chart, partner), s.chart, `the ${partner} deck`);
  return used;
}

/**
 * Charts something shows that have fewer than two values (one warning each), or none to draw
 * at all (one warning per chart spec, naming everything that leaves it out).
 */
export function chartWarnings(ctx: BuildContext, decks = true): BuildWarning[] {
  const plan = planIndex(ctx);
  const out: BuildWarning[] = [];
  const dropped = new Map<string, string[]>();
  for (const [key, { chart, users }] of chartUsers(ctx, decks)) {
    const c = plan.get(key);
    if (!c) {
      dropped.set(chart, [...(dropped.get(chart) ?? []), ...users]);
      continue;
    }
    const n =
      c.data.kind === 'bar'
        ? c.data.labels.length
        : c.data.series.reduce((s, x) => s + x.points.length, 0);
    if (n < 2)
      out.push({
        code: 'W_CHART_VALUES',
        message: `chart "${c.key}" has ${n === 0 ? 'no values' : 'only one value'}`,
        where: `charts/${c.key}`,
      });
  }
  for (const [chart, users] of dropped)
    out.push({
      code: 'W_CHART_DROPPED',
      message:
        `chart "${chart}" has nothing to draw in this data (its spec in charts/charts.json ` +
        `selects nothing), so ${listed(users)} ${users.length === 1 ? 'leaves' : 'leave'} it out`,
      where: `charts/${chart}`,
    });
  return out;
}

/**
 * Slides of deck.json that every deck leaves out for lack of data (the slide's `requires` finds
 * nothing, or its body template writes nothing): one warning per slide. A slide some partners
 * have and others lack is what `requires` asks for (no oil release, no energy slide), so only
 * a slide no deck shows is worth a warning.
 */
export function slideWarnings(ctx: BuildContext): BuildWarning[] {
  const decks = [...deckModels(ctx).values()];
  if (decks.length === 0) return [];
  const { config } = deckSetup(ctx.templates);
  return config.slides.flatMap((slide, at): BuildWarning[] => {
    if (decks.some((d) => d.slides.some((s) => s.at === at))) return [];
    const why = slide.requires
      ? `the data has nothing for "${slide.requires}"`
      : 'its body template wrote nothing';
    return [
      {
        code: 'W_SLIDE_DROPPED',
        message: `deck slide "${slide.kind}" is left out of every deck (${decks.length}): ${why}`,
        where: `${DECK_FILE} slides[${at}]`,
      },
    ];
  });
}
