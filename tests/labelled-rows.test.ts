/**
 * A slide list whose every item opens in bold is laid out as label and text in two columns.
 * The text column starts at the text, never at the punctuation that followed the label
 * (review: the Pacific sources slide showed ", “Cyclone Lola…” beside its publisher).
 */
import { describe, expect, it } from 'vitest';
import { labelledRows } from '../src/compose/pptx/text.js';
import { parseMarkdown } from '../src/template/markdown.js';

const rowsOf = (md: string) =>
  labelledRows(parseMarkdown(md))?.map((r) => ({
    label: r.label,
    text: r.runs.map((x) => x.text).join(''),
  }));

describe('labelled rows', () => {
  it('drop the comma, colon or dash between a bold label and its text', () => {
    expect(rowsOf('- **Publisher**, “Title”. Cited: p. 8.\n- **Fiji**: FJD 4.2 million')).toEqual([
      { label: 'Publisher', text: '“Title”. Cited: p. 8.' },
      { label: 'Fiji', text: 'FJD 4.2 million' },
    ]);
  });

  it('are no rows when an item does not open in bold', () => {
    expect(rowsOf('- **Publisher**, “Title”.\n- “Other title”.')).toBeUndefined();
  });
});
