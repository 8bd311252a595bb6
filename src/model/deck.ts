/**
 * buildDeckModel: what one partner's deck says. The slide sequence and every word come from
 * the deck template (templates/deck/deck.json + Liquid); this file only decides which slides
 * the data can fill and renders their text. Pure: no I/O, no clock.
 */
import { z } from 'zod';
import { parseConfig } from '../dataset/validate.js';
import { InputError } from '../errors.js';
import { parseMarkdown, type Block } from '../template/markdown.js';
import type { LoadedTemplates } from '../load/templates.js';
import type { TemplateEngine } from '../template/engine.js';
import type { LocatedJson } from '../load/json.js';
import { CHARTS_FILE, loadChartSpecs } from '../charts/spec.js';
import { comparable } from '../template/filters.js';

/** Slide kinds the pptx renderer knows how to lay out. */
export const SLIDE_KINDS = [
  'title',
  'takeaways',
  'timeline',
  'aid',
  'comparison',
  'energy',
  'quotes',
  'background',
  'sources',
] as const;
export type SlideKind = (typeof SLIDE_KINDS)[number];

const Template = z
  .string()
  .regex(
    /^deck\/[\w./-]+\.liquid$/,
    'must name a Liquid template under deck/, like "deck/title.liquid"',
  );
const TypeSize = z.strictObject({
  size: z.number().min(8).max(72),
  min: z.number().min(8).max(72),
});

const SlideSchema = z.strictObject({
  kind: z.enum(SLIDE_KINDS),
  /**
   * Dotted path in the deck scope; the slide is left out when it is missing, false, null or empty.
   */
  requires: z
    .string()
    .regex(/^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*$/, 'must be a dotted path such as "p.oil"')
    .optional(),
  title: Template,
  body: Template.optional(),
  /** A short extra line (the handling line on the title slide). */
  aside: Template.optional(),
  notes: Template,
  /**
   * The id of a chart spec in charts/charts.json the slide shows (per-partner ones: this
   * partner's).
   */
  chart: z.string().optional(),
});

export const DeckSchema = z.strictObject({
  /**
   * The organisation's PowerPoint template, a .pptx or .potx next to deck.json. Unset: the one
   * such file found there, or the house masters when there is none.
   */
  template: z
    .string()
    .regex(/^[^/\\]+\.p[po]t[xm]?$/i, 'must name a .pptx or .potx file in templates/deck/')
    .optional(),
  /** A template layout, by its name in PowerPoint's layout gallery, for a kind of slide. */
  layouts: z.partialRecord(z.enum(SLIDE_KINDS), z.string().min(1)).optional(),
  footer: Template,
  type: z.strictObject({ title: TypeSize, body: TypeSize, quote: TypeSize, cover: TypeSize }),
  slides: z.array(SlideSchema).min(1),
});

/** A validated deck template. */
export type DeckConfig = z.infer<typeof DeckSchema>;
export const DECK_FILE = 'deck/deck.json';

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

/**
 * Reads and checks templates/deck/deck.json (unknown kinds → InputError with file:line:col and
 * path).
 */
export function parseDeckConfig(templates: LoadedTemplates): DeckConfig {
  const json = templates.json[DECK_FILE];
  if (!json)
    throw new InputError('E_DECK', [
      {
        file: `${templates.root}/${DECK_FILE}`,
        message: 'the deck template is missing; decks need deck/deck.json listing their slides',
      },
    ]);
  const config = parseConfig(DeckSchema, json, 'E_DECK');
  const missing = config.slides.flatMap((s, i) =>
    (['title', 'body', 'aside', 'notes'] as const)
      .filter((k) => {
        const file = s[k];
        return file !== undefined && !templates.liquid.files[file];
      })
      .map((k) => ({
        file: json.file,
        ...json.locate(['slides', i, k]),
        path: `slides[${i}].${k}`,
        message: `template "${s[k]}" not found in ${templates.root}`,
      })),
  );
  if (missing.length) throw new InputError('E_DECK', missing);
  checkCharts(config, json, templates);
  return config;
}

/**
 * Every slide chart must be a spec charts.json defines (per-partner ones are drawn for the deck's
 * partner).
 */
function checkCharts(config: DeckConfig, json: LocatedJson, templates: LoadedTemplates): void {
  if (!config.slides.some((s) => s.chart !== undefined)) return;
  const specs = loadChartSpecs(templates).specs;
  const known = specs.map((s) => s.id).join(', ');
  const problems = config.slides.flatMap((slide, i) =>
    slide.chart === undefined || specs.some((s) => s.id === slide.chart)
      ? []
      : [
          {
            file: json.file,
            ...json.locate(['slides', i, 'chart']),
            path: `slides[${i}].chart`,
            message: `no chart "${slide.chart}" in ${CHARTS_FILE}; charts: ${known}`,
          },
        ],
  );
  if (problems.length) throw new InputError('E_DECK', problems);
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
    source: Object.fromEntries(sources.map((s) => [s.id, s])),
    cites: partnerCites(p, sources),
    deck_date: date,
    aid_comparable: aidComparable,
    aid_rank: aidComparable ? rankOf(peers, p, aid) : null,
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
    const bodyText = text(slide.body);
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
