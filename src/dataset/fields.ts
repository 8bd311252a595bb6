/**
 * The field types every dataset record is built from: printable text of a bounded length,
 * slugs, dates with their precision, citations, amounts, currencies and quantities.
 */
import { z } from 'zod';
import { FUZZY_DATE_PATTERN, parseFuzzyDate } from './dates.js';

/**
 * Characters no output can carry: XML 1.0 (every PPTX part) forbids most control characters,
 * U+FFFE/U+FFFF and lone surrogates, and no page can show them. Checked here, once, so the
 * error is the same whichever formats a build makes. Tab and newline are fine.
 */
const UNPRINTABLE =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .superRefine((value, ctx) => {
      const m = UNPRINTABLE.exec(value);
      if (!m) return;
      const hex = (m[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
      ctx.addIssue({
        code: 'custom',
        message:
          `holds the control character U+${hex} at character ${m.index + 1}, which a PDF or PPTX ` +
          `cannot carry; remove it (it often comes from copying text out of another program)`,
      });
    });

/** Names Windows reserves for devices: a file called "con.pptx" cannot be created there. */
const RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/;

/** An id: lowercase letters, digits and single hyphens; safe as a file name on every system. */
export const Slug = z
  .string()
  .max(64, 'ids must be at most 64 characters')
  .regex(
    /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
    'must be an id of lowercase letters, digits and single hyphens, such as "my-partner"',
  )
  .refine((id) => !RESERVED.test(id), {
    message: 'is a name Windows reserves for devices (con, nul, com1…); choose another id',
  });

/** A date with its precision: 2022-04-19, 2022-02, 2005, 1990s or early-1990s. */
export const DateText = z
  .string()
  .regex(
    new RegExp(FUZZY_DATE_PATTERN),
    'must be a date written YYYY-MM-DD, YYYY-MM, YYYY, 1990s or early-/mid-/late-1990s',
  )
  .superRefine((value, ctx) => {
    const parsed = parseFuzzyDate(value);
    if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', message: parsed });
  })
  .meta({
    description:
      'A date with its precision: 2022-04-19 (day), 2022-02 (month), 2005 (year), 1990s or ' +
      'early-1990s (decade).',
  });

/** Where a fact comes from: a source id and, optionally, where in it. */
export const Citation = z.strictObject({
  source: Slug.meta({ description: 'Id of an entry in `sources`.' }),
  locator: text(200)
    .optional()
    .meta({ description: 'Where in the source, e.g. a section or paragraph.' }),
});

/** Largest amount accepted: ten trillion in any currency; beyond it is a typo. */
export const MAX_AMOUNT = 1e13;
export const Amount = z
  .number()
  .nonnegative('must not be negative')
  .max(MAX_AMOUNT, 'is implausibly large (over ten trillion); check the number of zeros');

/** Bare symbols accepted where the source states a currency only by its sign. */
export const STATED_SYMBOLS = ['$', '€', '£', '¥'] as const;
const isoCurrencies = new Set(Intl.supportedValuesOf('currency'));
export const Currency = z
  .string()
  .refine((c) => isoCurrencies.has(c) || (STATED_SYMBOLS as readonly string[]).includes(c), {
    message:
      `must be an ISO 4217 code such as "USD" or "AUD", or a bare sign ` +
      `(${STATED_SYMBOLS.join(' ')}) when the source does not say which currency`,
  })
  .meta({
    description: 'ISO 4217 code, or a bare sign such as "$" when the source gives only the sign.',
  });

/**
 * How the source hedges a figure: "more than 80 per cent", "about $300 million", "up to
 * ¥165 billion". Printed before the figure wherever it appears; a figure without one is exact.
 */
export const Qualifier = z.enum(['over', 'more-than', 'about', 'up-to', 'at-least']).meta({
  description:
    "The source's hedge on the figure, printed before it: over, more-than, about, up-to, " +
    'at-least ("up to 165 billion yen" → "up-to").',
});
export type Qualifier = z.infer<typeof Qualifier>;

export const Quantity = z.strictObject({
  value: Amount,
  unit: text(40).meta({ description: 'Plural unit, e.g. "barrels", "tons", "visas".' }),
  qualifier: Qualifier.optional(),
});
