/**
 * Data text is text (issue 31): a partner named "[Name](https://evil.example/login)" must
 * print those characters, not become a link in the web page and the PDF. While a prose
 * template renders, every `{{ … }}` output is wrapped in two private-use marks; the Markdown
 * reader then gets each marked span with its punctuation backslash-escaped (CommonMark undoes
 * an escape of any ASCII punctuation, so the text prints as it was), while the template's own
 * Markdown around it keeps working. Plain-text renders carry no marks.
 */
// Private-use characters, not those template/asides.ts uses (U+E000, U+E001).
const OPEN = '\uE010';
const CLOSE = '\uE011';
const MARKS = /[\uE010\uE011]/g;

/** A template output value as text marked as data (marks inside the data are dropped). */
export function markData(value: unknown): string {
  const text =
    value === null || value === undefined
      ? ''
      : Array.isArray(value)
        ? value.join('')
        : String(value);
  return `${OPEN}${text.replace(MARKS, '')}${CLOSE}`;
}

/** Markdown with every marked data span escaped, and no marks left. */
export function escapeMarkedData(text: string): string {
  return text
    .replace(/\uE010([^\uE010\uE011]*)\uE011/g, (_, data: string) =>
      // Every ASCII punctuation character: links, emphasis, autolinks (":" and "@" and "."
      // break http://, www. and e-mail autolinks), headings, lists, entities and HTML.
      data.replace(/[!-/:-@[-`{-~]/g, '\\$&'),
    )
    .replace(MARKS, '');
}

/** Text without data marks. */
export const withoutMarks = (text: string): string => text.replace(MARKS, '');

type LiquidModule = typeof import('liquidjs');

/**
 * `{% capture %}` keeps plain text: a captured value is data a template computes with (a count
 * it compares or spells out), not prose, so it carries no marks.
 */
export function plainCaptures(lib: LiquidModule, liquid: import('liquidjs').Liquid): void {
  class PlainCapture extends lib.CaptureTag {
    override *render(ctx: import('liquidjs').Context): Generator<unknown, void, unknown> {
      yield* super.render(ctx) as Generator<unknown, void, unknown>;
      const scope = ctx.bottom() as Record<string, unknown>;
      const value = scope[this.variable];
      if (typeof value === 'string') scope[this.variable] = withoutMarks(value);
    }
  }
  liquid.registerTag('capture', PlainCapture);
}
