/**
 * buildDeckModel: what one partner's deck says. The slide sequence and every word come from
 * the deck template (templates/deck/deck.json + Liquid); this file only decides which slides
 * the data can fill and renders their text. Pure: no I/O, no clock.
 */
import { parseMarkdown, plainText, type Block } from '../template/markdown.js';
import type { LoadedTemplates } from '../load/templates.js';
import type { TemplateEngine } from '../template/engine.js';
import { comparable } from '../template/filters.js';
import { InputError } from '../errors.js';
import type { Dataset } from '../dataset/schema.js';
import { aidSumQualifiers, evaluateClaim, makeClaim, type Claim } from './claims/index.js';
import type { ClaimQuestion } from './claims/index.js';
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
  /** The derived claims its title, body, aside or notes printed (ranks, the data's last date). */
  claims: Claim[];
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
export function deckScope(d: Dataset, scope: Rec, partnerId: string, date: string): Rec {
  const partners = scope.partners as Rec[];
  const p = partners.find((x) => x.id === partnerId);
  if (!p) throw new Error(`partner ${partnerId} is not in the scope`);
  const peers = partners.filter((x) => x.deck === true || x.id === partnerId);
  const sources = scope.sources as Rec[];
  // Aid is ranked only when every peer's stated total is in one currency: no rates, no rank.
  const aidComparable = comparable(peers, 'aid_total');
  return {
    ...scope,
    p,
    peers,
    others: peers.filter((x) => x.id !== partnerId),
    source: sourceTable(sources),
    cites: partnerCites(p, sources),
    deck_date: date,
    aid_comparable: aidComparable,
    aid_rank: rankResult(d, rankQuestion('aid', partnerId)),
    // What the compared sums and this partner's own sum add together (stages, loans, dates).
    aid_sum: aidSumQualifiers(peers),
    own_aid_sum: aidSumQualifiers([p]),
    oil_rank: rankResult(d, rankQuestion('oil-stock-release', partnerId)),
  };
}

/** A deck's rank claims: a partner's stated total among the partners with a deck. */
function rankQuestion(measure: 'aid' | 'oil-stock-release', subject: string): ClaimQuestion {
  const value = measure === 'aid' ? 'amount' : 'quantity';
  return { kind: 'rank', measure, value, among: 'deck-partners', subject };
}

/** Where a partner stands ({rank, of}), or null when the data cannot rank it. */
function rankResult(d: Dataset, q: ClaimQuestion): { rank: number; of: number } | null {
  const a = evaluateClaim(d, q);
  return a.ok ? { rank: Number(a.result.rank), of: Number(a.result.of) } : null;
}

/** The scope keys that print a derived claim, and the claim each asks. */
function claimQuestions(subject: string): Record<string, ClaimQuestion> {
  return {
    aid_rank: rankQuestion('aid', subject),
    oil_rank: rankQuestion('oil-stock-release', subject),
    figures_as_of: { kind: 'data-to' },
  };
}

/** The words a Markdown text prints, without its marks (a body's claims are found by them). */
function markdownWords(md: string): string {
  try {
    return parseMarkdown(md)
      .flatMap((b) => (b.kind === 'list' ? b.items : 'runs' in b ? [b.runs] : []))
      .map((runs) => plainText(runs))
      .join(' ');
  } catch {
    return md;
  }
}

/** The scope, watched: which of its top-level keys a template reads. */
function watchKeys(s: Rec): { scope: Rec; reads: Set<string> } {
  const reads = new Set<string>();
  const scope = new Proxy(s, {
    get(target, key, receiver) {
      if (typeof key === 'string') reads.add(key);
      return Reflect.get(target, key, receiver);
    },
  });
  return { scope, reads };
}

/** Renders one partner's deck; slides the data cannot fill are left out. */
export function buildDeckModel(
  d: Dataset,
  config: DeckConfig,
  templates: LoadedTemplates,
  engine: TemplateEngine,
  scope: Rec,
  partnerId: string,
  date: string,
): DeckModel {
  const s = deckScope(d, scope, partnerId, date);
  const watched = watchKeys(s);
  const questions = claimQuestions(partnerId);
  const p = s.p as { id: string; name: string };
  const file = `${templates.root}/${DECK_FILE}`;
  const slides: DeckSlide[] = [];
  config.slides.forEach((slide, at) => {
    if (slide.requires && !present(lookup(s, slide.requires))) return;
    const claims: Claim[] = [];
    // Each part's claims are recorded with its words: the slide or its notes, as printed.
    const text = (name: string | undefined, part: 'slide' | 'body' | 'notes' = 'slide') => {
      if (!name) return '';
      watched.reads.clear();
      // A body is Markdown in which data is text (template/data-marks.ts).
      const out = (
        part === 'body'
          ? engine.renderMarkdown(name, watched.scope)
          : engine.render(name, watched.scope)
      ).trim();
      const place = `slide ${slides.length + 1}${part === 'notes' ? ' notes' : ''}`;
      for (const [key, q] of Object.entries(questions))
        if (watched.reads.has(key) && present(s[key])) {
          const c = makeClaim(d, q, part === 'body' ? markdownWords(out) : out, place);
          if (c) claims.push(c);
        }
      return out;
    };
    const bodyText = text(slide.body, 'body');
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
      notes: text(slide.notes, 'notes'),
      ...(slide.chart ? { chart: slide.chart } : {}),
      claims,
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
