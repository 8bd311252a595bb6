/**
 * buildBulletinModel: what the bulletin says, as blocks of styled text — rendered from the
 * templates, parsed from Markdown, and split into sections. Pure: no I/O, no clock.
 */
import { z } from 'zod';
import type { Dataset } from '../dataset/schema.js';
import { parseConfig } from '../dataset/validate.js';
import { InputError } from '../errors.js';
import type { LoadedTemplates } from '../load/templates.js';
import type { TemplateEngine } from '../template/engine.js';
import { parseMarkdown, plainText, type Block, type Run } from '../template/markdown.js';

export const BulletinLayout = z.strictObject({
  blocks: z.strictObject({
    standfirst: z.string(), body: z.string(), conclusion: z.string(), keyFigures: z.string().optional(), about: z.string(), disclaimer: z.string(),
  }),
  pullQuote: z.string().optional(),
  conclusionHeading: z.string(),
});
export type BulletinLayout = z.infer<typeof BulletinLayout>;

export interface Section {
  heading: string;
  blocks: Block[];
}

/** Everything the bulletin shows, ready for any renderer. */
export interface BulletinModel {
  meta: {
    series: string; number?: string; title: string; subtitle?: string; locale: string;
    authors: { name: string; role?: string; affiliation?: string }[]; publisher: string; issued?: string; topic?: string;
  };
  standfirst: Run[];
  intro: Block[];
  sections: Section[];
  conclusion: Section;
  keyFigures: Run[][];
  pullQuote?: { text: string; attribution: string };
  about: Block[];
  disclaimer: Block[];
  sources: { id: string; title: string; author?: string; publisher?: string; url?: string }[];
}

export const LAYOUT_FILE = 'bulletin/bulletin.json';

function renderBlocks(engine: TemplateEngine, name: string, scope: Record<string, unknown>, root: string): Block[] {
  const text = engine.render(name, scope);
  try {
    return parseMarkdown(text);
  } catch (err) {
    throw new InputError('E_MARKDOWN', [{ file: `${root}/${name}`, message: `Markdown problem in the rendered text: ${(err as Error).message}` }]);
  }
}

/** Splits blocks at level-2 headings: the blocks before the first heading are the intro. */
function splitSections(blocks: Block[]): { intro: Block[]; sections: Section[] } {
  const intro: Block[] = [];
  const sections: Section[] = [];
  for (const b of blocks) {
    if (b.kind === 'heading' && b.level <= 2) sections.push({ heading: plainText(b.runs), blocks: [] });
    else (sections[sections.length - 1]?.blocks ?? intro).push(b);
  }
  return { intro, sections };
}

export function buildBulletinModel(d: Dataset, templates: LoadedTemplates, engine: TemplateEngine, scope: Record<string, unknown>): BulletinModel {
  const layoutJson = templates.json[LAYOUT_FILE];
  if (!layoutJson) throw new InputError('E_LAYOUT', [{ file: `${templates.root}/${LAYOUT_FILE}`, message: 'the bulletin layout is missing' }]);
  const layout = parseConfig(BulletinLayout, layoutJson, 'E_LAYOUT');
  const render = (name: string) => renderBlocks(engine, name, scope, templates.root);
  const standfirst = render(layout.blocks.standfirst).flatMap((b) => (b.kind === 'paragraph' ? b.runs : []));
  const { intro, sections } = splitSections(render(layout.blocks.body));
  const keyFigures = layout.blocks.keyFigures ? render(layout.blocks.keyFigures).flatMap((b) => (b.kind === 'list' ? b.items : [])) : [];
  let pullQuote: BulletinModel['pullQuote'];
  if (layout.pullQuote) {
    const q = d.quotes.find((x) => x.id === layout.pullQuote);
    if (!q) throw new InputError('E_LAYOUT', [{ file: layoutJson.file, ...layoutJson.locate(['pullQuote']), path: 'pullQuote', message: `no quote with id "${layout.pullQuote}" in the data` }]);
    const who = [...d.people, ...d.actors].find((x) => x.id === q.speaker);
    pullQuote = { text: q.text, attribution: who?.name ?? q.speaker };
  }
  const b = d.bulletin;
  return {
    meta: {
      series: b.series, title: b.title, locale: b.locale, authors: b.authors, publisher: b.publisher.name,
      ...(b.number ? { number: b.number } : {}), ...(b.subtitle ? { subtitle: b.subtitle } : {}),
      ...(b.issued ? { issued: b.issued } : {}), ...(b.topic ? { topic: b.topic } : {}),
    },
    standfirst,
    intro,
    sections,
    conclusion: { heading: layout.conclusionHeading, blocks: render(layout.blocks.conclusion) },
    keyFigures,
    ...(pullQuote ? { pullQuote } : {}),
    about: render(layout.blocks.about),
    disclaimer: render(layout.blocks.disclaimer),
    sources: d.sources.map((s) => ({ id: s.id, title: s.title, ...(s.author ? { author: s.author } : {}), ...(s.publisher ? { publisher: s.publisher } : {}), ...(s.url ? { url: s.url } : {}) })),
  };
}
