/**
 * Fonts for the PDF: the theme's TTF/OTF files registered under stable names, and a glyph
 * check so that a character the fonts lack is a build error naming the character and where
 * it came from — never a silent box in print.
 */
import { must } from '../../checked.js';
import type PDFDocument from 'pdfkit';
import { InputError, type Problem } from '../../errors.js';
import type { ResolvedTheme } from '../../model/theme.js';
import { openFace } from '../../model/faces.js';

export type Family = 'serif' | 'sans';

/** Font name for a family and style, as registered with pdfkit. */
export function fontName(family: Family, bold?: boolean, italic?: boolean): string {
  const face = bold && italic ? 'boldItalic' : bold ? 'bold' : italic ? 'italic' : 'regular';
  return `${family}-${face}`;
}

/**
 * Registers every theme font with the document, as the shared parsed face (pdfkit takes a fontkit
 * font).
 */
export function registerFonts(doc: PDFKit.PDFDocument, theme: ResolvedTheme): void {
  for (const [name, bytes] of Object.entries(theme.fonts))
    doc.registerFont(name, openFace(bytes) as unknown as Buffer);
}

/** Where a character was typed: the first template or data file that contains it. */
export type Origin = (ch: string) => { file: string; line?: number; column?: number } | undefined;

/** Finds a character in named texts (templates, then data) and gives its line and column. */
export function originIn(texts: [file: string, text: string][]): Origin {
  return (ch) => {
    for (const [file, text] of texts) {
      const at = text.indexOf(ch);
      if (at < 0) continue;
      const before = text.slice(0, at);
      return { file, line: before.split('\n').length, column: at - before.lastIndexOf('\n') };
    }
    return undefined;
  };
}

/** Collects text to be checked against a font, with where it came from. */
export class GlyphChecker {
  private problems: Problem[] = [];
  private seen = new Set<string>();
  constructor(
    private theme: ResolvedTheme,
    private file: string,
    private origin: Origin = () => undefined,
  ) {}

  check(text: string, font: string, where: string): void {
    const bytes = this.theme.fonts[font];
    if (!bytes) return;
    const f = openFace(bytes);
    for (const ch of text) {
      const cp = must(ch.codePointAt(0), 'a code point');
      if (cp === 0x20 || cp === 0x0a || cp === 0xa0 || cp === 0xad) continue;
      if (!f.hasGlyphForCodePoint(cp)) {
        const key = `${font}:${cp}`;
        if (this.seen.has(key)) continue;
        this.seen.add(key);
        const hex = cp.toString(16).toUpperCase().padStart(4, '0');
        const from = this.origin(ch) ?? { file: this.file };
        this.problems.push({
          ...from,
          path: where,
          message:
            `the character "${ch}" (U+${hex}) is not in the font ${font} ` +
            `(${this.theme.fontFiles[font]}); replace the character or choose a font that has it`,
        });
      }
    }
  }

  /** Throws every missing glyph at once. */
  finish(): void {
    if (this.problems.length) throw new InputError('E_GLYPH', this.problems);
  }
}

export type Doc = InstanceType<typeof PDFDocument>;
