/**
 * buildDeckModel: what one partner's deck says. The slide sequence and every word come from
 * the deck template (templates/deck/deck.json + Liquid); this file only decides which slides
 * the data can fill and renders their text. Pure: no I/O, no clock.
 */
import { parseMarkdown, type Block } from '../template/markdown.js';
import type { LoadedTemplates } from '../load/templates.js';
import type { TemplateEngine } from '../template/engine.js';
import { comparable } from '../template/filters.js';
import { InputError } from '../errors.js';
import { aidSumQualifiers } from './aid-sum.js';
import { DECK_FILE, type DeckConfig, type SlideKind } from './deck-config.js';

/** One slide's words, ready to lay out. `at` is its index in deck.json (for messages). */
export interface DeckSlide {
  kind: SlideKind;
  at: number;
  title: string;
  body: Block[];
  aside: string;
  notes: string;
  /** The chart spec id the slide shows, if any. */
  chart?: string;
}

/** One partner's deck. */
export interface DeckModel {
  partner: { id: string; name: string };
  /** Where the deck template lives, for error messages. */
  file: string;
  footer: string;
  type: DeckConfig['type'];
  slides: DeckSlide[];
}

/** Follows a dotted path through plain objects. */
function lookup(scope: Record<string, unknown>, dotted: string): unknown {
  return dotted
    .split('.')
    .reduce<unknown>(
      (v, k) =>
        v && typeof v === 'object' && Object.prototype.hasOwnProperty.call(v, k)
          ? (v as Record<string, unknown>)[k]
          : undefined,
      scope,
    );
}

function present(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  return true;
}

type Rec = Record<string, unknown>;
type Cite = { source: string; locator?: string };

/** Every citation behind a partner's facts, grouped by source, in first-use order. */
export function partnerCites(
  p: Rec,
  sources: readonly Rec[],
): { id: string; title: unknown; publisher: unknown; locators: string[] }[] {
  const cites: Cite[] = [];
  const add = (x: unknown) => {
    const c = x && typeof x === 'object' ? (x as { cite?: Cite }).cite : undefined;
    if (c) cites.push(c);
  };
  add(p.partnerSince);
  for (const key of ['measures', 'quotes', 'events'] as const)
    for (const x of (p[key] as unknown[]) ?? []) add(x);
  const out = new Map<
    string,
    { id: string; title: unknown; publisher: unknown; locators: string[] }
  >();
  for (const c of cites) {
    const s = sources.find((x) => x.id === c.source);
    const entry = out.get(c.source) ?? {
      id: c.source,
      title: s?.title ?? c.source,
      publisher: s?.publisher ?? '',
      locators: [],
    };
    for (const loc of (c.locator ?? '').split(/;\s*/))
      if (loc && !entry.locators.includes(loc)) entry.locators.push(loc);
    out.set(c.source, entry);
  }
  return [...out.values()];
}

/**
 * Sources by id, one table per dataset: every deck's scope shares it, so a partial given
 * `source` is the same call in every deck (templates remember those, see partials.ts).
 */
const sourceTables = new WeakMap<readonly Rec[], Rec>();
function sourceTable(sources: readonly Rec[]): Rec {
  const known = sourceTables.get(sources);
  if (known) return known;
  const table: Rec = Object.fromEntries(sources.map((s) => [s.id, s]));
  sourceTables.set(sources, table);
  return table;
}

/**
 * The scope a deck template sees: the bulletin scope plus `p` (this partner), `peers` and `cites`.
 */
export function deckScope(scope: Rec, partnerId: string, date: string): Rec {
  const partners = scope.partners as Rec[];
  const p = partners.find((x) => x.id === partnerId);
  if (!p) throw new Error(`partner ${partnerId} is not in the scope`);
  const peers = partners.filter((x) => x.deck === true || x.id === partnerId);
  const sources = scope.sources as Rec[];
  const aid = (x: Rec) => (x.aid_total as { amount: number } | null)?.amount;
  // Aid is ranked only when every peer's stated total is in one currency: no rates, no rank.
  const aidComparable = comparable(peers, 'aid_total');
  // Quantities rank only in one unit: barrels and tons do not compare.
  const oilUnits = new Set(
    peers.flatMap(
      (x) => ((x.oil as Rec | null)?.quantity as { unit: string } | undefined)?.unit ?? [],
    ),
  );
  const oil = (x: Rec) => ((x.oil as Rec | null)?.quantity as { value: number } | undefined)?.value;
  return {
    ...scope,
    p,
    peers,
    others: peers.filter((x) => x.id !== partnerId),
    source: sourceTable(sources),
    cites: partnerCites(p, sources),
    deck_date: date,
    aid_comparable: aidComparable,
    aid_rank: aidComparable ? rankOf(peers, p, aid) : null,
    // What the compared sums and this partner's own sum add together (stages, loans, dates).
    aid_sum: aidSumQualifiers(peers),
    own_aid_sum: aidSumQualifiers([p]),
    oil_rank: oilUnits.size <= 1 ? rankOf(peers, p, oil) : null,
  };
}

/** Where p stands among peers by a figure (1 = largest), or null when p has none. */
function rankOf(
  peers: Rec[],
  p: Rec,
  value: (x: Rec) => number | undefined,
): { rank: number; of: number } | null {
  const mine = value(p);
  if (mine === undefined) return null;
  const known = peers.map(value).filter((v): v is number => v !== undefined);
  return { rank: 1 + known.filter((v) => v > mine).length, of: known.length };
}

/** Renders one partner's deck; slides the data cannot fill are left out. */
export function buildDeckModel(
  config: DeckConfig,
  templates: LoadedTemplates,
  engine: TemplateEngine,
  scope: Rec,
  partnerId: string,
  date: string,
): DeckModel {
  const s = deckScope(scope, partnerId, date);
  const p = s.p as { id: string; name: string };
  const file = `${templates.root}/${DECK_FILE}`;
  const slides: DeckSlide[] = [];
  config.slides.forEach((slide, at) => {
    if (slide.requires && !present(lookup(s, slide.requires))) return;
    const text = (name: string | undefined) => (name ? engine.render(name, s).trim() : '');
    const bodyText = slide.body ? engine.renderMarkdown(slide.body, s).trim() : '';
    // A slide whose body template renders nothing has nothing to show: leave it out.
    if (slide.body && bodyText === '') return;
    let body: Block[];
    try {
      body = parseMarkdown(bodyText);
    } catch (err) {
      throw new InputError('E_TEMPLATE', [
        {
          file: `${templates.root}/${slide.body}`,
          message: err instanceof Error ? err.message : String(err),
        },
      ]);
    }
    slides.push({
      kind: slide.kind,
      at,
      title: text(slide.title).replace(/\s+/g, ' '),
      body,
      aside: text(slide.aside).replace(/\s+/g, ' '),
      notes: text(slide.notes),
      ...(slide.chart ? { chart: slide.chart } : {}),
    });
  });
  return {
    partner: { id: p.id, name: p.name },
    file,
    footer: engine.render(config.footer, s).trim().replace(/\s+/g, ' '),
    type: config.type,
    slides,
  };
}
