/**
 * Searchable text (issue 28, item 8): poppler-based viewers (Evince, Okular, pdftotext) find
 * the masthead and every heading as words, in both of pdftotext's modes, even where the
 * capitals are letter-spaced. Checked on the seed, the Pacific fixture and an `init` project.
 * Firefox's pdf.js ignores /ActualText, so there the tracking itself must stay small enough.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { cli, pdfText, tempDir } from './helpers.js';

interface Project {
  name: string;
  data: string;
  templates: string;
}
interface Built {
  pdf: string;
  series: string;
  headings: string[];
}

const PACIFIC = 'tests/fixtures/pacific';
const built = new Map<string, Built>();

/** Heading texts (H1, H2) from the tagged structure: what the page says, read by pikepdf. */
function headingsOf(pdf: string): string[] {
  const s = JSON.parse(
    execFileSync('/usr/bin/python3', ['tests/pdf/structure.py', pdf], {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    }),
  ) as { elements: { type: string; text: string }[] };
  return s.elements.filter((e) => /^H\d$/.test(e.type)).map((e) => words(e.text));
}

/** Text with line-break hyphens joined and every run of white space one space. */
const words = (text: string) =>
  text
    .replace(/[-\u00ad]\n/g, '')
    .replace(/\u00ad/g, '')
    .replace(/\s+/g, ' ')
    .trim();

beforeAll(async () => {
  const init = path.join(tempDir(), 'project');
  expect((await cli(['init', init])).code).toBe(0);
  const projects: Project[] = [
    { name: 'seed', data: 'data/bulletin.json', templates: 'templates' },
    {
      name: 'pacific',
      data: `${PACIFIC}/data/bulletin.json`,
      templates: `${PACIFIC}/templates`,
    },
    { name: 'init', data: `${init}/data/bulletin.json`, templates: `${init}/templates` },
  ];
  for (const p of projects) {
    const out = tempDir();
    const args = ['build', '--only', 'pdf', '--quiet', '--out', out];
    const r = await cli([...args, '--data', p.data, '--templates', p.templates]);
    expect(r.code, r.err).toBe(0);
    const pdf = path.join(out, 'bulletin.pdf');
    const series = JSON.parse(readFileSync(p.data, 'utf8')).bulletin.series as string;
    built.set(p.name, { pdf, series, headings: headingsOf(pdf) });
  }
}, 240_000);

describe.each(['seed', 'pacific', 'init'])('pdftotext finds words in the %s PDF', (name) => {
  const get = () => built.get(name) as Built;
  it.each(['raw', 'physical'] as const)('%s mode: the masthead and every heading', (mode) => {
    const { pdf, series, headings } = get();
    const text = words(pdfText(pdf, mode));
    expect(text).toContain(series.toUpperCase());
    expect(headings).toContain('KEY FIGURES');
    expect(headings.length).toBeGreaterThan(3);
    for (const h of headings) expect(text).toContain(h);
    // No capitals spread into letters anywhere ("K E Y F IG U R E S").
    expect(text).not.toMatch(/\b\p{Lu}(?: \p{Lu}){2,}\b/u);
  });
});

/** Page 1's text as Firefox's pdf.js extracts it (it ignores /ActualText). */
async function pdfjsText(pdf: string): Promise<string> {
  const data = new Uint8Array(readFileSync(pdf));
  const doc = await getDocument({ data, verbosity: 0 }).promise;
  const content = await (await doc.getPage(1)).getTextContent();
  const items = content.items as { str?: string; hasEOL?: boolean }[];
  return words(items.map((i) => `${i.str ?? ''}${i.hasEOL ? '\n' : ''}`).join(''));
}

describe.each(['seed', 'pacific', 'init'])('pdf.js finds words in the %s PDF', (name) => {
  it('the masthead and the key-figures heading', async () => {
    const { pdf, series } = built.get(name) as Built;
    const text = await pdfjsText(pdf);
    expect(text).toContain(series.toUpperCase());
    expect(text).toContain('KEY FIGURES');
    expect(text).not.toMatch(/\b\p{Lu}(?: \p{Lu}){2,}\b/u);
  });
});
