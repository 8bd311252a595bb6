/**
 * The dataset schema: the single source of the dataset's types and of the committed JSON
 * Schema (data/bulletin.schema.json). Objects are strict so that a typo such as `ammount`
 * is reported instead of silently ignored.
 */
import { z } from 'zod';
import { WebUrl } from './links.js';
import { Aid, Measure } from './measures.js';
import { Amount, Citation, Currency, DateText, Qualifier, Slug, text } from './fields.js';

export { Aid, Measure };
export { InKind, NOT_STATED_LABEL, QuantityMeasure, Sanctions, Support } from './measures.js';
export {
  Citation,
  Currency,
  DateText,
  MAX_AMOUNT,
  Qualifier,
  Quantity,
  Slug,
  STATED_SYMBOLS,
} from './fields.js';

const Author = z.strictObject({
  name: text(120),
  role: text(120).optional(),
  affiliation: text(160).optional(),
});

export const Bulletin = z.strictObject({
  series: text(120),
  number: text(40).optional(),
  title: text(200),
  subtitle: text(200).optional(),
  authors: z.array(Author).min(1, 'needs at least one author'),
  publisher: z.strictObject({ name: text(160), url: WebUrl.optional() }),
  format: text(40).optional(),
  pages: z.number().int().min(1).max(100).optional(),
  issued: DateText.optional().meta({
    description: 'Publication date. Also the default build clock.',
  }),
  locale: z
    .string()
    .regex(/^[a-z]{2,3}(?:-[A-Z]{2})?$/, 'must be a locale such as "en-US"')
    .default('en-US'),
  handling: text(160)
    .optional()
    .meta({ description: 'Classification or handling line for decks.' }),
  topic: text(160).optional(),
  basedOn: Slug.optional().meta({
    description:
      'Id of the source whose analysis this bulletin restates in its own words. When set, ' +
      '`authors` are credited as the analysts it is based on, not as the writers of its ' +
      'sentences.',
  }),
  producedBy: text(160)
    .optional()
    .meta({ description: 'Who produced this edition (a person, team or organisation).' }),
  disclaimer: text(600)
    .optional()
    .meta({
      description:
        "The publisher's own disclaimer, as the source or the publisher states it. Templates " +
        'print no disclaimer, "first appeared in" or sentence about the author that is not in ' +
        'the data.',
    }),
});

export const Source = z.strictObject({
  id: Slug,
  title: text(300),
  author: text(200).optional(),
  publisher: text(200).optional(),
  format: text(40).optional(),
  url: WebUrl.optional(),
});

export const Role = z.strictObject({
  id: Slug,
  label: text(80),
  deck: z
    .boolean()
    .default(false)
    .meta({ description: 'Whether partners with this role get a deck.' }),
});

export const Partner = z.strictObject({
  id: Slug,
  name: text(80),
  formalName: text(160).optional(),
  adjective: text(80).optional(),
  inSentence: text(120)
    .optional()
    .meta({
      description:
        'The name as it reads inside a sentence, with its article: "the United States", ' +
        '"the United Kingdom". Templates use it (as `sentence_name`, and `possessive`) in ' +
        'prose; `name` stays the label of charts and slides.',
    }),
  role: Slug,
  deck: z.boolean().optional().meta({ description: "Overrides the role's deck setting." }),
  partnerSince: z
    .strictObject({ date: DateText, framework: text(120).optional(), cite: Citation })
    .optional(),
});

export const Actor = z.strictObject({ id: Slug, name: text(120), fullName: text(200).optional() });

export const Person = z.strictObject({
  id: Slug,
  name: text(120),
  title: text(160).optional(),
  affiliation: Slug.optional().meta({ description: 'Id of a partner or actor.' }),
});

export const AidCategory = z.strictObject({ id: Slug, label: text(80), group: Slug.optional() });

export const Event = z.strictObject({
  id: Slug,
  date: DateText,
  endDate: DateText.optional(),
  kind: Slug,
  name: text(200),
  place: text(120).optional(),
  organiser: Slug.optional(),
  participants: z.array(Slug).default([]),
  firstOfItsKind: z.boolean().optional().meta({
    description: 'The event itself was the first of its kind (e.g. the first of a series).',
  }),
  firstParticipation: z
    .boolean()
    .optional()
    .meta({
      description:
        'The participants took part in an event of this kind for the first time; the event ' +
        'itself need not be new.',
    }),
  firstInRegion: text(80)
    .optional()
    .meta({
      description:
        'The participant was the first from this region to do this ("the first in Asia to join" ' +
        '→ "Asia").',
    }),
  topics: z.array(text(120)).optional(),
  cite: Citation,
});

export const Quote = z.strictObject({
  id: Slug,
  text: text(600),
  speaker: Slug.meta({ description: 'Id of a person or actor.' }),
  kind: z.enum(['statement', 'fragment']),
  about: Slug.optional(),
  event: Slug.optional(),
  date: DateText.optional(),
  cite: Citation,
});

export const Figure = z.strictObject({
  id: Slug,
  label: text(160),
  value: Amount,
  unit: text(40).optional(),
  qualifier: Qualifier.optional(),
  members: z.array(Slug).optional(),
  cite: Citation,
});

export const CooperationArea = z.strictObject({
  id: Slug,
  label: text(80),
  agreedAt: Slug.optional(),
  cite: Citation,
});

/**
 * An exchange rate the source states: 1 `from` = `rate` `to`, as of `date`. Amounts in
 * different currencies are compared (charts on one axis, sums, shares) only through these.
 */
export const Rate = z.strictObject({
  from: Currency,
  to: Currency,
  rate: z.number().positive('must be more than zero'),
  date: DateText.meta({ description: 'The day (or month) the rate is taken at.' }),
  cite: Citation,
});

export const Dataset = z.strictObject({
  $schema: z.string().optional(),
  bulletin: Bulletin,
  sources: z.array(Source).min(1, 'needs at least one source'),
  roles: z.array(Role).min(1),
  partners: z.array(Partner).min(1, 'needs at least one partner'),
  actors: z.array(Actor).default([]),
  people: z.array(Person).default([]),
  aidCategories: z.array(AidCategory).default([]),
  events: z.array(Event).default([]),
  measures: z.array(Measure).default([]),
  quotes: z.array(Quote).default([]),
  figures: z.array(Figure).default([]),
  cooperationAreas: z.array(CooperationArea).default([]),
  rates: z.array(Rate).default([]).meta({
    description: 'Exchange rates the source states; without them currencies are never mixed.',
  }),
});

/** A validated dataset. */
export type Dataset = z.infer<typeof Dataset>;
export type Partner = z.infer<typeof Partner>;
export type Measure = z.infer<typeof Measure>;
export type Aid = z.infer<typeof Aid>;
export type Event = z.infer<typeof Event>;
export type Quote = z.infer<typeof Quote>;
export type Citation = z.infer<typeof Citation>;
export type Rate = z.infer<typeof Rate>;
