/**
 * buildScope: the one view of the dataset that every template sees. Pure: derived values
 * (a partner's measures in date order, totals, first measure) are computed here once, so
 * templates select and phrase, and never compute.
 */
import type { Qualifier } from '../dataset/fields.js';
import type { Aid, Dataset, Measure } from '../dataset/schema.js';
import { NOT_STATED_LABEL } from '../dataset/schema.js';
import { compareDates } from '../dataset/dates.js';
import { list, possessive } from '../template/filters.js';
import { tagNameTable, tagOrigin } from './usage.js';
import { figuresAsOf, firstEvidence } from './claims/index.js';

type Rec = Record<string, unknown>;

const byId = <T extends { id: string }>(items: readonly T[]): Record<string, T> =>
  Object.fromEntries(items.map((x) => [x.id, x]));

/** Date order, undated facts last, data order on ties (the sort is stable). */
export function sortByDate<T extends { date?: string | undefined; asOf?: string | undefined }>(
  items: readonly T[],
): T[] {
  const key = (x: T) => x.date ?? x.asOf;
  return [...items].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka && kb) return compareDates(ka, kb);
    return ka ? -1 : kb ? 1 : 0;
  });
}

/** Sum of aid amounts when they share one currency; null when there are none or they differ. */
export function aidTotal(
  measures: readonly Measure[],
): { amount: number; currency: string; qualifier?: Qualifier } | null {
  const [total, other] = aidTotals(measures);
  if (!total || other) return null;
  // The sum keeps its parts' hedge ("up to", "about"), as aid_totals does; count is not its own.
  const { count: _, ...sum } = total;
  return sum;
}

/** Aid amounts summed per currency, in first-seen order: a partner may give in several. */
export function aidTotals(
  measures: readonly Measure[],
): { amount: number; currency: string; count: number; qualifier?: Qualifier }[] {
  type Total = { amount: number; currency: string; count: number; qualifier?: Qualifier };
  const out = new Map<string, Total>();
  for (const m of measures) {
    if (m.type !== 'aid' || m.amount === undefined || !m.currency) continue;
    const t = out.get(m.currency) ?? { amount: 0, currency: m.currency, count: 0 };
    const qualifier = sumQualifier(t.qualifier, m.qualifier);
    out.set(m.currency, {
      amount: t.amount + m.amount,
      currency: m.currency,
      count: t.count + 1,
      ...(qualifier ? { qualifier } : {}),
    });
  }
  return [...out.values()];
}

/**
 * The hedge a sum keeps: "up to ¥165 billion" plus an exact amount is still "up to" their sum,
 * "about" plus exact is "about". Two different hedges bound nothing exactly, so the sum is
 * only "about" (never printed as if exact).
 */
function sumQualifier(a: Qualifier | undefined, b: Qualifier | undefined): Qualifier | undefined {
  if (!a || !b || a === b) return a ?? b;
  return 'about';
}

export { figuresAsOf } from './claims/index.js';

/**
 * The categories an aid amount is in: each component's, then the package's own category
 * for what the components leave over (undefined: not stated). A package with humanitarian
 * and loan parts is both, not its top-level category alone.
 */
export function aidCategoryIds(m: Aid): (string | undefined)[] {
  const parts = m.components ?? [];
  if (parts.length === 0) return [m.category];
  const rest = (m.amount ?? 0) - parts.reduce((s, c) => s + c.amount, 0);
  return [...new Set([...parts.map((c) => c.category), ...(rest > 0 ? [m.category] : [])])];
}

/** The part of a package's amount its components leave over; null without both. */
function componentsRest(m: Aid): number | null {
  if (m.amount === undefined || !m.components?.length) return null;
  const rest = m.amount - m.components.reduce((s, c) => s + c.amount, 0);
  return rest > 0 ? rest : null;
}

/** The template scope for a dataset. */
export function buildScope(
  d: Dataset,
  templateExists: (name: string) => boolean = () => false,
): Rec {
  const roles = byId(d.roles);
  const categories = byId(d.aidCategories);
  const names: Record<string, string> = Object.fromEntries(
    [...d.partners, ...d.actors, ...d.people].map((x) => [x.id, x.name]),
  );
  const collectionOf = Object.fromEntries([
    ...d.partners.map((x) => [x.id, 'partners']),
    ...d.actors.map((x) => [x.id, 'actors']),
    ...d.people.map((x) => [x.id, 'people']),
  ]);
  const labelOf = (id: string | undefined) =>
    id === undefined ? NOT_STATED_LABEL : (categories[id]?.label ?? id);
  const measures = d.measures.map((m) => {
    const labels = m.type === 'aid' ? aidCategoryIds(m).map(labelOf) : [];
    return tagOrigin(
      {
        ...m,
        partner_name: names[m.partner] ?? m.partner,
        category_stated: m.type === 'aid' ? m.category !== undefined : null,
        category_labels: m.type === 'aid' ? labels : null,
        category_label: m.type === 'aid' ? list(labels, d.bulletin.locale) : null,
        // What a package's parts leave over, in the package's own category (or none stated).
        components_rest: m.type === 'aid' ? componentsRest(m) : null,
        when: m.date ?? m.asOf ?? null,
        // `when` is only an upper bound: the source gives a total "as of" it, not the day.
        on_or_before: !m.date && m.asOf !== undefined,
      },
      'measures',
      m.id,
    );
  });
  // Copies, tagged with where they come from, so a document's reads can be traced to facts.
  const tagAll = <T extends { id: string }>(items: readonly T[], collection: string) =>
    items.map((x) => tagOrigin({ ...x }, collection, x.id));
  const events = tagAll(sortByDate(d.events), 'events');
  const quotes = tagAll(d.quotes, 'quotes');
  const partners = d.partners.map((p, index) => {
    const own = sortByDate(measures.filter((m) => m.partner === p.id));
    const first = firstEvidence(own);
    const firstAid = firstEvidence(own.filter((m) => m.type === 'aid'));
    const partnerTemplate = `bulletin/partners/${p.id}.md.liquid`;
    return tagOrigin(
      {
        ...p,
        index,
        // The name inside a sentence ("the United States") and its possessive.
        sentence_name: p.inSentence ?? p.name,
        possessive: possessive(p.inSentence ?? p.name),
        role_label: roles[p.role]?.label ?? p.role,
        deck: p.deck ?? roles[p.role]?.deck ?? false,
        template: templateExists(partnerTemplate)
          ? partnerTemplate
          : 'bulletin/partners/_default.md.liquid',
        measures: own,
        sanctions: own.filter((m) => m.type === 'sanctions'),
        aid: own.filter((m) => m.type === 'aid'),
        oil: own.find((m) => m.type === 'oil-stock-release') ?? null,
        support: own.filter(
          (m) => m.type === 'support' || m.type === 'in-kind' || m.type === 'visas',
        ),
        first_measure: first?.measure ?? null,
        first_date: first?.date ?? null,
        first_on_or_before: first?.onOrBefore ?? false,
        first_aid: firstAid
          ? { date: firstAid.date, on_or_before: firstAid.onOrBefore, measure: firstAid.measure }
          : null,
        aid_total: aidTotal(own),
        aid_totals: aidTotals(own),
        quotes: quotes.filter((q) => q.about === p.id),
        events: events.filter((e) => e.participants.includes(p.id)),
      },
      'partners',
      p.id,
    );
  });
  const groups = Object.fromEntries(
    d.roles.map((r) => [r.id.replace(/-/g, '_'), partners.filter((p) => p.role === r.id)]),
  );
  return {
    bulletin: { ...d.bulletin, author: d.bulletin.authors[0] },
    figures_as_of: figuresAsOf(d),
    sources: tagAll(d.sources, 'sources'),
    partners,
    partners_by_role: groups,
    partner: byId(partners),
    measure: byId(measures),
    event: byId(events),
    events,
    quote: byId(quotes),
    quotes,
    figure: byId(tagAll(d.figures, 'figures')),
    person: byId(tagAll(d.people, 'people')),
    actor: byId(tagAll(d.actors, 'actors')),
    name: tagNameTable({ ...names }, collectionOf),
    cooperation_areas: tagAll(d.cooperationAreas, 'cooperationAreas'),
    aid_categories: d.aidCategories,
    // Templates say whether amounts are converted ("the register gives no exchange rates").
    rates: d.rates,
  };
}
