/**
 * What partners did, by `type`: sanctions, aid (amounts in the currency the source states, with
 * its stage and hedge), quantities (oil, in-kind goods, visas) and other support.
 */
import { z } from 'zod';
import { Amount, Citation, Currency, DateText, Qualifier, Quantity, Slug, text } from './fields.js';

const measureBase = {
  id: Slug,
  partner: Slug,
  date: DateText.optional(),
  asOf: DateText.optional().meta({ description: 'The figure is a total as of this date.' }),
  event: Slug.optional(),
  announcedBy: Slug.optional(),
  recipient: Slug.optional().meta({
    description:
      'Id of the actor or partner the measure went (or is to go) to: "pledged … to the Green ' +
      'Climate Fund" → the fund\'s actor id.',
  }),
  cite: Citation,
};

export const Sanctions = z.strictObject({
  ...measureBase,
  type: z.literal('sanctions'),
  includes: z.array(text(160)).optional(),
  alongside: z.array(Slug).optional(),
});

/** The label printed for aid whose category the source does not state (`category` absent). */
export const NOT_STATED_LABEL = 'Category not stated';

export const Aid = z.strictObject({
  ...measureBase,
  type: z.literal('aid'),
  category: Slug.optional().meta({
    description:
      `Id of an entry in \`aidCategories\`. Leave it out when the source does not state the ` +
      `category: it is then labelled "${NOT_STATED_LABEL}". A package whose parts are in several ` +
      `categories states them in \`components\`.`,
  }),
  amount: Amount.optional(),
  currency: Currency.optional(),
  qualifier: Qualifier.optional(),
  total: Amount.optional().meta({
    description:
      'The amount is an increment: "an additional $2 million, bringing its total to $3 ' +
      'million" → amount 2000000, total 3000000 (in the same currency).',
  }),
  previousAmount: Amount.optional().meta({
    description:
      'The earlier amount this figure raised ("raised from … to …"); it stood on or before `date`.',
  }),
  stage: z
    .enum(['announced', 'pledged', 'provided'])
    .optional()
    .meta({
      description:
        'What the source says of the amount: announced, pledged, or provided (sent). Absent: the ' +
        'source only states it.',
    }),
  components: z
    .array(z.strictObject({ category: Slug, amount: Amount }))
    .optional()
    .meta({
      description:
        'Parts of the amount by category, in its currency. Parts may add up to less than the ' +
        "amount (the rest is in the package's own category), never to more.",
    }),
  items: z.array(text(120)).optional(),
  itemsAreExamples: z.boolean().optional().meta({
    description: 'The source gives `items` as examples ("such as", "including"), not a full list.',
  }),
  channel: text(160).optional(),
  transport: text(160).optional(),
  purpose: text(200)
    .optional()
    .meta({
      description:
        'What the amount is for, as the source words it ("to protect women, children, and the ' +
        'elderly"). Unlike `items`, it names no goods the amount bought.',
    }),
});

export const QuantityMeasure = z.strictObject({
  ...measureBase,
  type: z.enum(['oil-stock-release', 'visas']),
  what: text(120),
  quantity: Quantity,
  programme: text(200).optional(),
});

/**
 * Goods or services given in kind. A source often names them without a count ("life jackets",
 * "navy ships", issue 28, item 5): then `quantity` is left out and nothing prints a number.
 */
export const InKind = z.strictObject({
  ...measureBase,
  type: z.literal('in-kind'),
  what: text(120),
  quantity: Quantity.optional().meta({
    description:
      'How many, when the source counts them ("over 12,000 tarpaulins"); leave it out when it ' +
      'only names them ("life jackets").',
  }),
  programme: text(200).optional(),
});

export const Support = z.strictObject({
  ...measureBase,
  type: z.literal('support'),
  what: text(200),
});

export const Measure = z.discriminatedUnion('type', [
  Sanctions,
  Aid,
  QuantityMeasure,
  InKind,
  Support,
]);
