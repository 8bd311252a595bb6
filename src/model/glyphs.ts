/**
 * Every character of the data must be in the theme's fonts, checked once when the theme is
 * known, whatever formats are built: a deck-only build used to skip the check the PDF makes
 * while setting type, and a deck shows a missing glyph as a box or another font. Both
 * families' regular faces are asked, since any text may be set in either (headings in sans,
 * body in serif); their other faces share the regular face's character set.
 */
import { InputError, type Problem } from '../errors.js';
import { formatPath } from '../dataset/validate.js';
import { parseLocatedJson } from '../load/json.js';
import type { ResolvedTheme } from './theme.js';
import { openFace } from './faces.js';

type GlyphFont = { hasGlyphForCodePoint(cp: number): boolean };
/** Spaces and breaks the renderers handle themselves, never as glyphs. */
const NOT_DRAWN = new Set([0x09, 0x0a, 0x0d, 0x20, 0xa0, 0xad, 0x200b]);

/** Every string in a value with its JSON path. */
function* strings(
  value: unknown,
  path: (string | number)[] = [],
): Generator<[string, (string | number)[]]> {
  if (typeof value === 'string') yield [value, path];
  else if (Array.isArray(value))
    for (const [i, v] of value.entries()) yield* strings(v, [...path, i]);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) yield* strings(v, [...path, k]);
}

/** Throws one problem per missing character (with the first place it is used). */
export function checkDataGlyphs(
  data: unknown,
  theme: ResolvedTheme,
  source: { file: string; text: string },
): void {
  // The faces the PDF sets type with (opened once per process): their character maps are read
  // here first, not a second time.
  const fonts = (['serif-regular', 'sans-regular'] as const).flatMap((name) => {
    const bytes = theme.fonts[name];
    return bytes ? [{ name, font: openFace(bytes) as unknown as GlyphFont, has: new Map() }] : [];
  });
  const missing: { ch: string; font: string; path: (string | number)[] }[] = [];
  for (const [text, path] of strings(data))
    for (const ch of text) {
      const cp = ch.codePointAt(0) ?? 0;
      if (NOT_DRAWN.has(cp)) continue;
      // Each character asked once per font; a missing one is told where it is first used.
      for (const { name, font, has } of fonts) {
        if (has.has(cp)) continue;
        const found = font.hasGlyphForCodePoint(cp);
        has.set(cp, found);
        if (!found) missing.push({ ch, font: name, path });
      }
    }
  if (!missing.length) return;
  const located = parseLocatedJson(source.file, source.text);
  const problems: Problem[] = missing.map(({ ch, font, path }) => ({
    file: source.file,
    ...(Array.isArray(located) ? {} : located.locate(path)),
    path: formatPath(path),
    message:
      `the character "${ch}" ` +
      `(U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}) is not in the ` +
      `font ${font} (${theme.fontFiles[font]}); replace the character or choose a font that has ` +
      `it`,
  }));
  throw new InputError('E_GLYPH', problems);
}
