/**
 * The bulletin's layout file (templates/bulletin/bulletin.json): which templates fill which
 * blocks, the pull quote, how many partners are featured, and the charts set into the columns.
 */
import { z } from 'zod';

export const LAYOUT_FILE = 'bulletin/bulletin.json';

export const BulletinLayout = z.strictObject({
  blocks: z.strictObject({
    standfirst: z.string(),
    body: z.string(),
    conclusion: z.string(),
    keyFigures: z.string().optional(),
    byline: z
      .string()
      .optional()
      .meta({
        description:
          'Template for the line under the title: whose analysis this is and who produced the ' +
          'edition. Default: the authors, role and affiliation.',
      }),
    credit: z
      .string()
      .optional()
      .meta({
        description:
          'Template for the author field of the PDF and deck metadata (plain text). Default: the ' +
          'authors’ names.',
      }),
    about: z.string(),
    disclaimer: z.string(),
  }),
  pullQuote: z.string().optional(),
  conclusionHeading: z.string(),
  featured: z
    .number()
    .int()
    .min(0)
    .default(6)
    .meta({
      description:
        'How many partner sections the body writes in full (templates see it as ' +
        'layout.featured); the rest are summarised.',
    }),
  /** Charts set into the columns; page and column count from 0, like the boxes. */
  figures: z
    .array(
      z.strictObject({
        chart: z
          .string()
          .meta({ description: 'Id of a bulletin-wide chart in charts/charts.json.' }),
        page: z.number().int().min(0).max(1),
        column: z.number().int().min(0).max(2),
        position: z.enum(['top', 'bottom']),
        cutPriority: z
          .number()
          .default(3)
          .meta({
            description:
              'Lower is cut first when the text does not fit (pull quote 1, key figures 2); ' +
              'charts default to 3.',
          }),
      }),
    )
    .default([]),
});
export type BulletinLayout = z.infer<typeof BulletinLayout>;
