/**
 * The deck template's config, templates/deck/deck.json: its schema (the slide sequence, the
 * Liquid templates each slide renders, type sizes, an organisation's PowerPoint template) and
 * the check that every template and chart it names exists. Pure: reads only loaded templates.
 */
import { z } from 'zod';
import { parseConfig } from '../dataset/validate.js';
import { InputError } from '../errors.js';
import type { LoadedTemplates } from '../load/templates.js';
import type { LocatedJson } from '../load/json.js';
import { CHARTS_FILE, loadChartSpecs } from '../charts/spec.js';

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
  // The footer too: it was found missing only when the first deck was rendered.
  if (!templates.liquid.files[config.footer])
    missing.unshift({
      file: json.file,
      ...json.locate(['footer']),
      path: 'footer',
      message: `template "${config.footer}" not found in ${templates.root}`,
    });
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
