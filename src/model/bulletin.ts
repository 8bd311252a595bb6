/**
 * buildBulletinModel: what the bulletin says, as blocks of styled text — rendered from the
 * templates, parsed from Markdown, and split into sections. Pure: no I/O, no clock.
 */
import type { Dataset } from '../dataset/schema.js';
import { parseConfig } from '../dataset/validate.js';
import { InputError } from '../errors.js';
import type { LoadedTemplates } from '../load/templates.js';
import type { TemplateEngine } from '../template/engine.js';
import { parseMarkdown, plainText, type Block, type Run } from '../template/markdown.js';
import { trackReads, usedFacts, type Usage, type UsedFact } from './usage.js';
import { formatDate } from '../template/filters.js';
import type { LocatedJson } from '../load/json.js';
import { CHARTS_FILE, isPerPartner, loadChartSpecs } from '../charts/spec.js';

import { BulletinLayout, LAYOUT_FILE } from './bulletin-layout.js';

export { BulletinLayout, LAYOUT_FILE } from './bulletin-layout.js';

export interface Section {
  heading: string;
  blocks: Block[];
}

/** Everything the bulletin shows, ready for any renderer. */
export interface BulletinModel {
  meta: {
    series: string;
    number?: string;
    title: string;
    subtitle?: string;
    locale: string;
    authors: { name: string; role?: string; affiliation?: string }[];
    publisher: string;
    issued?: string;
    topic?: string;
    /** The rendered byline, when the layout names a template for it. */
    byline?: Run[];
    /** The author metadata of every document, when the layout names a template for it. */
    credit?: string;
  };
  standfirst: Run[];
  intro: Block[];
  sections: Section[];
  conclusion: Section;
  keyFigures: Run[][];
  pullQuote?: { text: string; attribution: string };
  /** Charts to set into the columns, by chart id, in the layout's order. */
  figures: BulletinLayout['figures'];
  about: Block[];
  disclaimer: Block[];
  sources: { id: string; title: string; author?: string; publisher?: string; url?: string }[];
  /**
   * The facts the text printed, with their citations (embedded in the PDF, and what a rebuild
   * depends on).
   */
  provenance: UsedFact[];
  /** Partners with a deck whose own section the body did not write: summarised, or left out. */
  summarised: string[];
}

function renderBlocks(
  engine: TemplateEngine,
  name: string,
  scope: Record<string, unknown>,
  root: string,
): Block[] {
  const text = engine.renderMarkdown(name, scope);
  try {
    return parseMarkdown(text);
  } catch (err) {
    throw new InputError('E_MARKDOWN', [
      {
        file: `${root}/${name}`,
        message: `Markdown problem in the rendered text: ${(err as Error).message}`,
      },
    ]);
  }
}

/** Splits blocks at level-2 headings: the blocks before the first heading are the intro. */
function splitSections(blocks: Block[]): { intro: Block[]; sections: Section[] } {
  const intro: Block[] = [];
  const sections: Section[] = [];
  for (const b of blocks) {
    if (b.kind === 'heading' && b.level <= 2)
      sections.push({ heading: plainText(b.runs), blocks: [] });
    else (sections[sections.length - 1]?.blocks ?? intro).push(b);
  }
  return { intro, sections };
}

/**
 * Every figure must name a bulletin-wide chart (not a per-partner one) that charts.json defines.
 */
function checkFigures(layout: BulletinLayout, json: LocatedJson, templates: LoadedTemplates): void {
  if (layout.figures.length === 0) return;
  const specs = loadChartSpecs(templates).specs;
  const problems = layout.figures.flatMap((f, i) => {
    const spec = specs.find((s) => s.id === f.chart);
    if (spec && !isPerPartner(spec)) return [];
    const known = specs
      .filter((s) => !isPerPartner(s))
      .map((s) => s.id)
      .join(', ');
    const message = spec
      ? `chart "${f.chart}" is drawn once per partner and cannot go in the bulletin; use one of ` +
        `${known}`
      : `no chart "${f.chart}" in ${CHARTS_FILE}; known: ${known}`;
    return [
      {
        file: json.file,
        ...json.locate(['figures', i, 'chart']),
        path: `figures[${i}].chart`,
        message,
      },
    ];
  });
  if (problems.length) throw new InputError('E_LAYOUT', problems);
}

/**
 * The sources the printed facts cite (all when none is cited): a source per summarised partner
 * would fill page 2.
 */
function citedSources(d: Dataset, facts: UsedFact[]): Dataset['sources'] {
  // A fact read only to rank or count (no stored value printed) cites nothing on the page.
  const cited = new Set(
    facts
      .filter((f) => Object.keys(f.values).length > 0)
      .flatMap((f) =>
        f.cite && typeof f.cite === 'object' && 'source' in f.cite
          ? [String((f.cite as { source: unknown }).source)]
          : [],
      ),
  );
  const list = d.sources.filter((s) => cited.has(s.id));
  return list.length ? list : d.sources;
}

/**
 * Deck partners whose section template was never read: the body wrote them in brief, or not at all.
 */
function summarisedPartners(scope: Record<string, unknown>, usage: Usage): string[] {
  const partners = (scope.partners ?? []) as { id: string; deck: boolean }[];
  return partners
    .filter((p) => p.deck && !usage.get(`partners/${p.id}`)?.has('template'))
    .map((p) => p.id);
}

export function buildBulletinModel(
  d: Dataset,
  templates: LoadedTemplates,
  engine: TemplateEngine,
  scope: Record<string, unknown>,
): BulletinModel {
  const layoutJson = templates.json[LAYOUT_FILE];
  if (!layoutJson)
    throw new InputError('E_LAYOUT', [
      { file: `${templates.root}/${LAYOUT_FILE}`, message: 'the bulletin layout is missing' },
    ]);
  const layout = parseConfig(BulletinLayout, layoutJson, 'E_LAYOUT');
  const usage: Usage = new Map();
  const tracked = trackReads({ ...scope, layout: { featured: layout.featured } }, usage);
  const render = (name: string) => renderBlocks(engine, name, tracked, templates.root);
  const standfirst = render(layout.blocks.standfirst).flatMap((b) =>
    b.kind === 'paragraph' ? b.runs : [],
  );
  const { intro, sections } = splitSections(render(layout.blocks.body));
  const keyFigures = layout.blocks.keyFigures
    ? render(layout.blocks.keyFigures).flatMap((b) => (b.kind === 'list' ? b.items : []))
    : [];
  let pullQuote: BulletinModel['pullQuote'];
  if (layout.pullQuote) {
    const q = d.quotes.find((x) => x.id === layout.pullQuote);
    if (!q)
      throw new InputError('E_LAYOUT', [
        {
          file: layoutJson.file,
          ...layoutJson.locate(['pullQuote']),
          path: 'pullQuote',
          message: `no quote with id "${layout.pullQuote}" in the data`,
        },
      ]);
    const who = [...d.people, ...d.actors].find((x) => x.id === q.speaker);
    pullQuote = { text: q.text, attribution: who?.name ?? q.speaker };
    // The pull quote is chosen by the layout, not read by a template: record it by hand.
    const note = (key: string, ...props: string[]) =>
      usage.set(key, new Set([...(usage.get(key) ?? []), ...props]));
    note(`quotes/${q.id}`, 'text', 'speaker');
    if (who)
      note(`${d.people.some((x) => x.id === who.id) ? 'people' : 'actors'}/${who.id}`, 'name');
  }
  checkFigures(layout, layoutJson, templates);
  const b = d.bulletin;
  const about = render(layout.blocks.about);
  const disclaimer = render(layout.blocks.disclaimer);
  const conclusion = render(layout.blocks.conclusion);
  const byline = layout.blocks.byline
    ? render(layout.blocks.byline).flatMap((x) => (x.kind === 'paragraph' ? x.runs : []))
    : undefined;
  const credit = layout.blocks.credit
    ? render(layout.blocks.credit)
        .map((x) => (x.kind === 'paragraph' ? plainText(x.runs) : ''))
        .join(' ')
        .trim()
    : undefined;
  const provenance = usedFacts(d, usage);
  return {
    meta: {
      series: b.series,
      title: b.title,
      locale: b.locale,
      authors: b.authors,
      publisher: b.publisher.name,
      ...(b.number ? { number: b.number } : {}),
      ...(b.subtitle ? { subtitle: b.subtitle } : {}),
      ...(b.issued ? { issued: b.issued } : {}),
      ...(b.topic ? { topic: b.topic } : {}),
      ...(byline?.length ? { byline } : {}),
      ...(credit ? { credit } : {}),
    },
    standfirst,
    intro,
    sections,
    conclusion: { heading: layout.conclusionHeading, blocks: conclusion },
    keyFigures,
    ...(pullQuote ? { pullQuote } : {}),
    figures: layout.figures,
    about,
    disclaimer,
    sources: citedSources(d, provenance).map((s) => ({
      id: s.id,
      title: s.title,
      ...(s.author ? { author: s.author } : {}),
      ...(s.publisher ? { publisher: s.publisher } : {}),
      ...(s.url ? { url: s.url } : {}),
    })),
    provenance,
    summarised: summarisedPartners(scope, usage),
  };
}

/**
 * The masthead's right side, shared by the PDF and the web edition: the issue number and date
 * when the data gives them, then the publisher. Each format joins the parts its own way.
 */
export function mastheadParts(m: BulletinModel['meta']): string[] {
  return [
    m.number ? `No. ${m.number}` : '',
    m.issued ? formatDate(m.issued, m.locale) : '',
    m.publisher,
  ].filter(Boolean);
}
