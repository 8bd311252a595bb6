/**
 * Balanced pages whatever the shape of the content, not only its volume (issue 28): short
 * prose under a long quote, many partners with one line each, no quote, no charts, the
 * Pacific fixture and an `init` project. Each is built with the CLI and measured from its
 * PDF (tests/page-gaps.ts): two pages, and no column holds a blank taller than six lines.
 */
import { describe, expect, it } from 'vitest';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cli, pdfInfo, pdfText, projectArgs, tempDir } from './helpers.js';
import { largestBlanks } from './page-gaps.js';

const PACIFIC = 'tests/fixtures/pacific';
/** Six lines of the theme's body text (10 pt on 13.25 pt). */
const SIX_LINES = 6 * 13.25;

const edit = (file: string, change: (text: string) => string) =>
  writeFileSync(file, change(readFileSync(file, 'utf8')));

const editJson = (file: string, change: (json: Record<string, unknown>) => void) =>
  edit(file, (text) => {
    const json = JSON.parse(text) as Record<string, unknown>;
    change(json);
    return JSON.stringify(json, null, 2);
  });

/** A copy of the Pacific fixture, reshaped. */
function pacific(reshape: (dir: string) => void = () => {}): string {
  const dir = tempDir();
  cpSync(PACIFIC, dir, { recursive: true });
  reshape(dir);
  return dir;
}

const layoutFile = (dir: string) => path.join(dir, 'templates/bulletin/bulletin.json');
const LONG_QUOTE =
  'Every island that gave, in whatever currency, gave what it could. Some gave money, some ' +
  'gave tarpaulins and water, some gave the hands of their own people for weeks at a time, and ' +
  'some could only say that they stood beside us. The ledger is not a league table, and we ' +
  'will not read it as one; it is a record of who answered when the sea came in.';

/** Members added to the Pacific fixture's ten, with no measures: a heading and a line each. */
const MORE_MEMBERS = [
  'Cook Islands',
  'Niue',
  'Palau',
  'Marshall Islands',
  'Solomon Islands',
  'Tokelau',
  'New Caledonia',
  'French Polynesia',
];

const shapes: Record<string, () => Promise<string> | string> = {
  pacific: () => pacific(),
  'short prose, long quote': () =>
    pacific((dir) => {
      // Each partner in one sentence: its pledges, none of its other support.
      edit(path.join(dir, 'templates/bulletin/partners/_default.md.liquid'), (t) =>
        t.replace(/\{% for m in p\.support %\}.*\{% endfor %\}/, ''),
      );
      edit(path.join(dir, 'data/bulletin.json'), (t) =>
        t.replace(/"text": "Every island that gave[^"]*"/, `"text": "${LONG_QUOTE}"`),
      );
    }),
  'many partners, one line each': () =>
    pacific((dir) => {
      writeFileSync(
        path.join(dir, 'templates/bulletin/partners/_default.md.liquid'),
        '## {{ p.name }}\n\n{{ p.name }} is one of the members in this bulletin.\n',
      );
      editJson(path.join(dir, 'data/bulletin.json'), (j) => {
        const partners = j.partners as { id: string; name: string }[];
        for (const name of MORE_MEMBERS)
          partners.push({
            id: name.toLowerCase().replace(/ /g, '-'),
            name,
            role: 'member',
          } as never);
      });
    }),
  'no quote': () => pacific((dir) => editJson(layoutFile(dir), (j) => delete j.pullQuote)),
  'no charts': () =>
    pacific((dir) =>
      editJson(layoutFile(dir), (j) => {
        j.figures = [];
      }),
    ),
  'an init project': async () => {
    const dir = path.join(tempDir(), 'proj');
    const r = await cli(['init', dir]);
    expect(r.code, r.err).toBe(0);
    return dir;
  },
};

async function build(dir: string) {
  const out = path.join(dir, 'out');
  const r = await cli(['build', '--only', 'pdf', ...projectArgs(dir), '--out', out]);
  expect(r.code, r.err).toBe(0);
  const pdf = path.join(out, 'bulletin.pdf');
  const blanks = largestBlanks(pdf);
  const worst = blanks.reduce((a, b) => (b.blank > a.blank ? b : a));
  const fit = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')).artifacts[0].fit;
  return { r, pdf, blanks, worst, fit };
}

describe('pages balanced whatever the shape', () => {
  for (const [name, make] of Object.entries(shapes)) {
    it(`${name}: two pages, no blank over six lines in any column`, async () => {
      const { r, pdf, blanks, worst } = await build(await make());
      expect(pdfInfo(pdf).Pages).toBe('2');
      expect(worst.blank, `${name}: ${JSON.stringify(blanks)}`).toBeLessThanOrEqual(SIX_LINES);
      expect(r.err).not.toMatch(/too short to fill two pages/);
    }, 60_000);
  }

  it('no charts set: the charts the data supports join the short pages', async () => {
    const { pdf } = await build(await (shapes['no charts'] as () => string)());
    const text = pdfText(pdf);
    expect(text).toContain('First pledges and meetings');
    expect(text).toContain('Recovery pledges, by member and category');
  }, 60_000);

  it('too little to say: the build warns with the empty lines it measured', async () => {
    // Only the introduction and the conclusion: no partner sections at all.
    const dir = pacific((d) =>
      edit(path.join(d, 'templates/bulletin/body.md.liquid'), (t) => t.split('\n\n{%')[0] ?? t),
    );
    const { r, pdf, worst, fit } = await build(dir);
    expect(pdfInfo(pdf).Pages).toBe('2');
    expect(worst.blank).toBeGreaterThan(SIX_LINES);
    const warned =
      /too short to fill two pages: .* about (\d+) lines of text \(up to (\d+) pt/.exec(r.err);
    expect(warned, r.err).not.toBeNull();
    expect(Number(warned?.[1])).toBe(fit.emptyLines);
    // The count covers every column, so it is at least the largest blank the PDF shows.
    expect(fit.emptyLines * 15.5).toBeGreaterThanOrEqual(worst.blank - 15.5);
  }, 60_000);
});
