/** The house style: one theme in templates/ that the PDF, the charts and the decks all read. */
import { z } from 'zod';
import { parseConfig } from '../dataset/validate.js';
import { InputError } from '../errors.js';
import type { LoadedTemplates } from '../load/templates.js';
import { CONDITIONS } from '../load/icc.js';

const Color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour written #rrggbb');
const TypeStyle = z.strictObject({
  family: z.enum(['serif', 'sans']),
  size: z.number().min(4).max(72),
  leading: z.number().min(4).max(90),
});
const FontFamily = z.strictObject({
  regular: z.string(),
  italic: z.string(),
  bold: z.string(),
  boldItalic: z.string(),
});

/** A CMYK colour in per cent, as a print shop writes it: [cyan, magenta, yellow, black]. */
const Cmyk = z.tuple([
  z.number().min(0).max(100),
  z.number().min(0).max(100),
  z.number().min(0).max(100),
  z.number().min(0).max(100),
]);

/** Printing conditions bulletin carries a CMYK profile for (src/resources/icc/README.md). */
export const PRINT_CONDITIONS = ['FOGRA39'] as const;

/**
 * The print edition (issue 34): the printing condition its CMYK is for, and exact CMYK values
 * that win over converting a colour. Keys are colour names of `colors` ("ink", "accent") or
 * colours written #rrggbb (a palette colour, say).
 */
const PrintStyle = z.strictObject({
  condition: z.enum(PRINT_CONDITIONS).optional(),
  cmyk: z
    .record(
      z
        .string()
        .regex(
          /^(#[0-9a-fA-F]{6}|ink|accent|accentLight|muted|rule|paper)$/,
          'must be a colour name of "colors" or a colour written #rrggbb',
        ),
      Cmyk,
    )
    .optional(),
});

export const ThemeSchema = z.strictObject({
  name: z.string(),
  page: z.strictObject({
    size: z.enum(['LETTER', 'A4']),
    margins: z.strictObject({
      top: z.number(),
      bottom: z.number(),
      left: z.number(),
      right: z.number(),
    }),
    columns: z.number().int().min(1).max(3),
    gutter: z.number().min(0),
  }),
  fonts: z.strictObject({ serif: FontFamily, sans: FontFamily }),
  type: z.strictObject({
    masthead: TypeStyle,
    title: TypeStyle,
    subtitle: TypeStyle,
    byline: TypeStyle,
    standfirst: TypeStyle,
    heading: TypeStyle,
    body: TypeStyle,
    caption: TypeStyle,
    note: TypeStyle,
    quote: TypeStyle,
  }),
  fit: z.strictObject({
    steps: z.array(z.strictObject({ body: z.number(), leading: z.number() })).min(1),
  }),
  colors: z.strictObject({
    ink: Color,
    accent: Color,
    accentLight: Color,
    muted: Color,
    rule: Color,
    paper: Color,
  }),
  palette: z
    .array(Color)
    .min(4, 'needs at least four colours so charts never fall back to random ones'),
  print: PrintStyle.optional(),
});

/** A validated theme. */
export type Theme = z.infer<typeof ThemeSchema>;
export type FontFace = 'regular' | 'italic' | 'bold' | 'boldItalic';

/** The theme plus its font files as bytes, keyed like "serif-regular". */
export interface ResolvedTheme {
  theme: Theme;
  fonts: Record<string, Buffer>;
  /** Relative paths of the font files, keyed like fonts (for provenance hashes). */
  fontFiles: Record<string, string>;
}

export const THEME_FILE = 'theme/theme.json';

/**
 * An exact CMYK colour must stay under its printing condition's total ink limit, as every
 * converted colour does: more ink than the press allows smears and dries badly.
 */
function checkInkLimit(theme: Theme, json: NonNullable<LoadedTemplates['json'][string]>): void {
  const condition = CONDITIONS[theme.print?.condition ?? 'FOGRA39'];
  const problems = Object.entries(theme.print?.cmyk ?? {}).flatMap(([key, cmyk]) => {
    const total = cmyk.reduce((a, b) => a + b, 0);
    return total > condition.inkLimit
      ? [
          {
            file: json.file,
            ...json.locate(['print', 'cmyk', key]),
            path: `print.cmyk.${key}`,
            message:
              `${cmyk.join(', ')} is ${total}% ink, over the ${condition.inkLimit}% ` +
              `${condition.identifier} allows; lower the cyan, magenta or yellow`,
          },
        ]
      : [];
  });
  if (problems.length) throw new InputError('E_THEME', problems);
}

/** Validates the theme and checks that every font file it names exists. */
export function resolveTheme(templates: LoadedTemplates): ResolvedTheme {
  const json = templates.json[THEME_FILE];
  if (!json)
    throw new InputError('E_THEME', [
      {
        file: `${templates.root}/${THEME_FILE}`,
        message: 'the theme is missing; every template set needs theme/theme.json',
      },
    ]);
  const theme = parseConfig(ThemeSchema, json, 'E_THEME');
  checkInkLimit(theme, json);
  const fonts: Record<string, Buffer> = {};
  const fontFiles: Record<string, string> = {};
  const problems = [];
  for (const family of ['serif', 'sans'] as const) {
    for (const face of ['regular', 'italic', 'bold', 'boldItalic'] as const) {
      const rel = `theme/${theme.fonts[family][face]}`.replace(/\/\.\//g, '/');
      const bytes = templates.assets[rel];
      if (!bytes) {
        problems.push({
          file: json.file,
          ...json.locate(['fonts', family, face]),
          path: `fonts.${family}.${face}`,
          message:
            `font file "${rel}" not found in ${templates.root}; add it or fix the path (TTF or ` +
            `OTF)`,
        });
        continue;
      }
      fonts[`${family}-${face}`] = bytes;
      fontFiles[`${family}-${face}`] = rel;
    }
  }
  if (problems.length) throw new InputError('E_FONT', problems);
  return { theme, fonts, fontFiles };
}
