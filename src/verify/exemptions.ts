/**
 * What the check does not treat as a figure. Kept narrow and listed here so a reader can see
 * every hole at once; each is a number the build prints that is not a fact.
 */
import type { PrintedText } from './types.js';

/** The exemptions, in words (printed by `bulletin verify --json` and the README). */
export const EXEMPTIONS = [
  'page numbers in a PDF page’s running header or footer band (the page’s own number and the ' +
    'page count)',
  'slide-number fields in decks',
  'the tool version string',
  'chart axis ticks: PDF charts are vector art with no text, and a deck chart’s ticks are ' +
    'computed by PowerPoint when shown (its cache holds no ticks); the values and data labels ' +
    'are checked',
  'numbers quoted from the data’s own text (a source title’s year, a locator such as “¶2”), when ' +
    'printed with a neighbouring word of that text',
] as const;

/** Spans of `t.text` to skip: the tool version wherever it is printed. */
export function versionSpans(t: PrintedText, toolVersion: string | undefined): PrintedText['skip'] {
  const out: NonNullable<PrintedText['skip']> = [];
  if (!toolVersion) return out;
  for (let i = t.text.indexOf(toolVersion); i >= 0; i = t.text.indexOf(toolVersion, i + 1))
    out.push({ start: i, end: i + toolVersion.length, why: 'tool version' });
  return out;
}

/** Whether a figure falls in a skipped span. */
export function skipped(
  spans: PrintedText['skip'],
  start: number,
  end: number,
): string | undefined {
  return spans?.find((s) => start < s.end && end > s.start)?.why;
}
