/**
 * The fidelity check (`bulletin verify`): the seed build passes, and each kind of misprint it
 * exists to catch fails with where it was printed — data edited after the build, a stated
 * figure rounded away, an edited deck chart cache, a figure in the wrong currency.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { cli, dataWith, tempDir } from './helpers.js';
import { Dataset } from '../src/dataset/schema.js';
import { verifyPrinted, type VerifyResult } from '../src/verify/index.js';
import { scanFigures, scanLocale } from '../src/verify/scan.js';
import { readPrinted } from '../src/load/printed.js';

type Measure = Record<string, unknown>;

/** A small valid dataset in any currency, for checks that need no build. */
function tinyDataset(measures: Measure[]): Dataset {
  const cite = { source: 'report' };
  return Dataset.parse({
    bulletin: {
      series: 'Test Series',
      title: 'Island Pledges',
      authors: [{ name: 'A. Writer' }],
      publisher: { name: 'Test Institute' },
      issued: '2025-04',
    },
    sources: [{ id: 'report', title: 'Annual Report 2021' }],
    aidCategories: [{ id: 'relief', label: 'Relief' }],
    roles: [{ id: 'member', label: 'Member', deck: true }],
    partners: [
      { id: 'samoa', name: 'Sāmoa', role: 'member' },
      { id: 'fiji', name: 'Fiji', role: 'member' },
    ],
    measures: measures.map((m) => ({ cite, ...m })),
  });
}

const WST_AID = [
  {
    id: 'samoa-aid',
    type: 'aid',
    partner: 'samoa',
    date: '2025-03-18',
    category: 'relief',
    amount: 1150000,
    currency: 'WST',
  },
  {
    id: 'fiji-aid',
    type: 'aid',
    partner: 'fiji',
    date: '2025-04',
    category: 'relief',
    amount: 4200000,
    currency: 'FJD',
  },
  {
    id: 'fiji-oil',
    type: 'in-kind',
    partner: 'fiji',
    what: 'fuel',
    quantity: { value: 867000, unit: 'litres' },
  },
];

/** Checks a few sentences as if printed on page 1 of a PDF. */
function check(d: Dataset, ...sentences: string[]): VerifyResult {
  return verifyPrinted(d, {
    texts: sentences.map((text) => ({ file: 'bulletin.pdf', place: 'page 1', text })),
    chartValues: [],
    files: ['bulletin.pdf'],
  });
}

describe('reading printed figures', () => {
  const sl = scanLocale('en-US', ['$', 'AUD', 'FJD'], ['barrels', 'visas']);
  const read = (text: string) =>
    scanFigures(text, sl).map((f) => [f.kind, f.value, f.sign ?? f.unit ?? '']);

  it('reads money with its sign or code, glued or spaced, and its scale word', () => {
    expect(read('$300 million, A$48.3 million, FJD 4.2 million and FJD4.2 million')).toEqual([
      ['money', 300e6, '$'],
      ['money', 48.3e6, 'A$'],
      ['money', 4.2e6, 'FJD'],
      ['money', 4.2e6, 'FJD'],
    ]);
    // A no-break space between the number and its scale word, as the filters print it.
    expect(read('FJD\u00a04.2\u00a0million')).toEqual([['money', 4.2e6, 'FJD']]);
    // Two figures in a row: the second's code is not the first's suffix.
    expect(read('FJD 4.2 million FJD 4.2 million')).toEqual([
      ['money', 4.2e6, 'FJD'],
      ['money', 4.2e6, 'FJD'],
    ]);
  });

  it('reads quantities with their data unit, counts, shares and ranks', () => {
    expect(
      read('22.5 million barrels, over 6,000 visas, 867,000, 54%, the 2nd, four partners'),
    ).toEqual([
      ['number', 22.5e6, 'barrels'],
      ['number', 6000, 'visas'],
      ['number', 867000, ''],
      ['percent', 54, ''],
      ['ordinal', 2, ''],
      ['word', 4, ''],
    ]);
  });

  it('reads dates by their precision, and ranges', () => {
    const dates = scanFigures(
      'On April 19, 2022 and April 6–7, 2022; in December 2020, since 2005, in the early 1990s',
      sl,
    );
    expect(dates.map((f) => f.date ?? f.value)).toEqual([
      { year: 2022, month: 4, day: 19 },
      { year: 2022, month: 4, day: 6 },
      { year: 2022, month: 4, day: 7 },
      { year: 2020, month: 12 },
      2005,
      { year: 1990, part: 'early' },
    ]);
  });

  it('gives a range its scale word: "$10–30 million" is two amounts in millions', () => {
    expect(read('$10–30 million')).toEqual([
      ['money', 10e6, '$'],
      ['money', 30e6, '$'],
    ]);
  });
});

describe('tracing figures to the data', () => {
  const d = tinyDataset(WST_AID);

  it('accepts stated figures at the precision printed, in either spacing', () => {
    const r = check(
      d,
      'Sāmoa pledged WST 1.15 million (WST1,150,000), Fiji FJD 4.2 million and 867,000 litres.',
    );
    expect(r.problems).toEqual([]);
    expect(r.checked).toBe(4);
  });

  it('flags a stated 1,150,000 printed as "1.2 million": the digit the data states is dropped', () => {
    const r = check(d, 'Sāmoa pledged WST 1.2 million in March.');
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({
      file: 'bulletin.pdf',
      place: 'page 1',
      printed: 'WST 1.2 million',
    });
    expect(r.problems[0]!.reason).toMatch(/1,150,000.*drops a digit/);
    expect(r.problems[0]!.context).toContain('Sāmoa pledged WST 1.2 million');
  });

  it('allows a rounding only when the text says so ("about")', () => {
    expect(check(d, 'about WST 1.2 million').ok).toBe(true);
  });

  it('flags money in the wrong currency, or printed without one', () => {
    const wrong = check(d, 'Fiji pledged WST 4.2 million.');
    expect(wrong.problems[0]!.reason).toMatch(/the data has that amount in FJD/);
    const unknown = check(d, 'Fiji pledged $4.2 million.');
    expect(unknown.problems[0]!.reason).toMatch(/printed in "\$".*currencies are WST.*FJD/);
    const bare = check(d, 'Fiji pledged 4,200,000.');
    expect(bare.problems[0]!.reason).toMatch(/FJD amount .* without its currency/);
  });

  it('never sums, shares or ranks across currencies', () => {
    // 1,150,000 WST + 4,200,000 FJD is not a figure of anything.
    expect(check(d, 'together WST 5.35 million').ok).toBe(false);
    expect(check(d, 'Fiji gave 78% of the total').ok).toBe(false);
    const oneCurrency = tinyDataset([{ ...WST_AID[0], currency: 'FJD' }, WST_AID[1]!]);
    expect(
      check(oneCurrency, 'together FJD 5.35 million; Fiji gave 79% of the total, the 1st of 2').ok,
    ).toBe(true);
  });

  it('compares across currencies only at a rate the data states, and then as a rounding', () => {
    const withRate = {
      ...d,
      rates: [{ from: 'WST', to: 'FJD', rate: 0.8, date: '2025-03', cite: { source: 'report' } }],
    } as Dataset;
    // 1,150,000 WST × 0.8 = FJD 920,000; with Fiji's FJD 4.2 million, FJD 5.12 million.
    const r = check(
      withRate,
      'Sāmoa’s WST 1.15 million (about FJD 0.9 million); FJD 5.1 million in all.',
    );
    expect(r.problems).toEqual([]);
    expect(check(withRate, 'FJD 5.3 million in all').ok).toBe(false);
    expect(check(d, 'FJD 5.1 million in all').ok).toBe(false);
  });

  it('accepts a bar cap the chart specs declare, and no other unexplained count', () => {
    const note = 'The 8 largest of 2 partners are shown.';
    const capped = verifyPrinted(
      d,
      {
        texts: [{ file: 'bulletin.pdf', place: 'page 2', text: note }],
        chartValues: [],
        files: [],
      },
      { displayCaps: [8] },
    );
    expect(capped.ok).toBe(true);
    expect(check(d, note).problems.map((p) => p.printed)).toEqual(['8']);
  });

  it('allows a date no finer than the data states: no invented day', () => {
    expect(check(d, 'Issued in April 2025; Sāmoa pledged on March 18, 2025.').ok).toBe(true);
    const invented = check(d, 'Issued April 30, 2025.');
    expect(invented.problems[0]!.reason).toMatch(/must not print a day/);
  });

  it('accepts numbers quoted from the data’s own text, and page numbers in a footer', () => {
    expect(check(d, 'Source: Annual Report 2021.').ok).toBe(true);
    expect(check(d, 'A year out of nowhere: 2021.').ok).toBe(false);
    const footer = verifyPrinted(d, {
      texts: [
        {
          file: 'bulletin.pdf',
          place: 'page 1 header/footer',
          text: 'Island Pledges 1 of 2',
          pageNumbers: [1, 2],
        },
      ],
      chartValues: [],
      files: ['bulletin.pdf'],
    });
    expect(footer).toMatchObject({ ok: true, checked: 0, skipped: 2 });
  });

  it('checks a deck chart value and the label its number format prints', () => {
    const chart = (value: number, formatCode: string) =>
      verifyPrinted(d, {
        texts: [],
        chartValues: [
          { file: 'decks/samoa.pptx', place: 'slide 4, chart 1', value, formatCode, series: 'Aid' },
        ],
        files: ['decks/samoa.pptx'],
      });
    expect(chart(1150000, '"WST "#,##0.00,," million"').ok).toBe(true);
    const rounded = chart(1150000, '"WST "#,##0.0,," million"');
    expect(rounded.problems[0]!.reason).toMatch(/its label .*drops a digit/);
    const edited = chart(1150001, '"WST "#,##0.00,," million"');
    expect(edited.problems[0]!.reason).toMatch(/stores the value 1150001/);
  });
});

describe('bulletin verify on a build', () => {
  let out: string;
  beforeAll(async () => {
    out = path.join(tempDir('bulletin-verify-'), 'output');
    const r = await cli(['build', '--jobs', '1', '--quiet', '--out', out]);
    if (r.code !== 0) throw new Error(r.err);
  }, 240_000);

  const documents = () =>
    (
      JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as {
        artifacts: { kind: string }[];
      }
    ).artifacts.filter((a) => ['pdf', 'pptx', 'html'].includes(a.kind)).length;

  it('passes the seed build: exit 0 and a one-line summary', async () => {
    const r = await cli(['verify', '--out', out]);
    expect(r.code, r.err).toBe(0);
    expect(r.out.trim()).toMatch(
      new RegExp(
        `^\\d+ numbers and \\d+ claims checked in ${documents()} files, all trace to the data\\.$`,
      ),
    );
  });

  it('prints one JSON document with --json', async () => {
    const r = await cli(['verify', '--out', out, '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ ok: true, problems: [], dataChangedSinceBuild: false });
    expect(j.files).toHaveLength(documents());
    expect(j.traced.money).toBeGreaterThan(0);
    expect(j.traced.date).toBeGreaterThan(0);
    expect(j.traced['chart value'], 'native deck chart values are read').toBeGreaterThan(0);
    expect(j.exemptions.length).toBeGreaterThan(0);
  });

  it('fails the old build against data where a figure was scaled by ten, naming each place', async () => {
    const data = dataWith([['"amount": 141900000', '"amount": 1419000000']]);
    const r = await cli(['verify', '--out', out, '--data', data]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/note: this build was made from other data/);
    expect(r.err).toMatch(/bulletin\.pdf, page \d: "\$141\.9 million" does not trace to the data/);
    expect(r.err).toMatch(/figures? do(es)? not trace to/);
    const j = JSON.parse((await cli(['verify', '--out', out, '--data', data, '--json'])).out);
    expect(j.ok).toBe(false);
    expect(new Set(j.problems.map((p: { file: string }) => p.file))).toContain(
      'decks/australia.pptx',
    );
    // Figures as before; a derived claim the change breaks (Australia now ranks 1st) names it.
    for (const p of j.problems)
      expect(Object.keys(p).sort()).toEqual(
        p.claim
          ? ['claim', 'context', 'file', 'place', 'printed', 'reason']
          : ['context', 'file', 'place', 'printed', 'reason'],
      );
    expect(j.problems.some((p: { claim?: string }) => /rank claim/.test(p.claim ?? ''))).toBe(true);
  });

  /** Copies the build and rewrites one part of one deck. */
  function editDeck(deck: string, part: RegExp, edit: (xml: string) => string): string {
    const copy = path.join(tempDir('bulletin-verify-edit-'), 'output');
    cpSync(out, copy, { recursive: true });
    const file = path.join(copy, deck);
    const files = unzipSync(readFileSync(file));
    // The first part (in name order) the edit changes.
    const names = Object.keys(files)
      .filter((n) => part.test(n))
      .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    const name = names.find((n) => edit(strFromU8(files[n]!)) !== strFromU8(files[n]!));
    expect(name, `a part of ${deck} the edit applies to`).toBeDefined();
    files[name!] = strToU8(edit(strFromU8(files[name!]!)));
    writeFileSync(file, zipSync(files));
    recordInManifest(copy, deck);
    return copy;
  }

  /**
   * Records an edited file's hash in the copy's manifest, as a build that printed it so would
   * have: verify refuses a file that differs from its manifest before reading its figures.
   */
  function recordInManifest(dir: string, rel: string): void {
    const file = path.join(dir, 'manifest.json');
    const m = JSON.parse(readFileSync(file, 'utf8'));
    const bytes = readFileSync(path.join(dir, rel));
    const entry = m.artifacts.find((a: { path: string }) => a.path === rel);
    entry.sha256 = createHash('sha256').update(bytes).digest('hex');
    entry.bytes = bytes.length;
    writeFileSync(file, JSON.stringify(m, null, 2));
  }

  it('fails when a deck chart cache value is changed in the PPTX XML', async () => {
    let changed = '';
    // A bar chart's value (the timeline's values are dates, checked as such).
    const copy = editDeck('decks/australia.pptx', /^ppt\/charts\/chart\d+\.xml$/, (xml) =>
      !xml.includes('<c:barChart>')
        ? xml
        : xml.replace(/(<c:numCache>[\s\S]*?<c:v>)([\d.]+)(<\/c:v>)/, (_all, a, v, b) => {
            changed = String(Number(v) + 1);
            return `${a}${changed}${b}`;
          }),
    );
    const r = await cli(['verify', '--out', copy, '--json']);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j.problems).toHaveLength(1);
    expect(j.problems[0]).toMatchObject({ file: 'decks/australia.pptx', printed: changed });
    expect(j.problems[0].place).toMatch(/^slide \d+, chart \d+$/);
  });

  it('fails when a money figure on a slide carries the wrong currency sign', async () => {
    const copy = editDeck('decks/japan.pptx', /^ppt\/slides\/slide\d+\.xml$/, (xml) =>
      xml.replace(/(<a:t>[^<]*?)\$(?=\d)/, '$1A$$'),
    );
    const r = await cli(['verify', '--out', copy]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /decks\/japan\.pptx, slide \d+: "A\$[\d.,]+[^"]*" does not trace to the data: it is printed in "A\$"/,
    );
  });

  it('reads the web edition too, and fails when a figure in it is misprinted', async () => {
    const ok = await cli(['verify', '--out', out, '--json']);
    const files = (JSON.parse(ok.out) as { files: string[] }).files;
    expect(files).toContain('bulletin.html');
    const copy = path.join(tempDir('bulletin-verify-html-'), 'output');
    cpSync(out, copy, { recursive: true });
    const file = path.join(copy, 'bulletin.html');
    const html = readFileSync(file, 'utf8');
    // Japan's loans, $300 million in the data, printed as $310 million in the page's text.
    const edited = html.replace(/\$300(&nbsp;|\u00a0| )million/, '$$310$1million');
    expect(edited).not.toBe(html);
    writeFileSync(file, edited);
    recordInManifest(copy, 'bulletin.html');
    const r = await cli(['verify', '--out', copy]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/bulletin\.html, web edition: "\$310[^"]*million" does not trace/);
  });

  it('says when there is no build to check (exit 1, no stack)', async () => {
    const r = await cli(['verify', '--out', tempDir()]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /manifest\.json: no build found in this folder; run "bulletin build" first/,
    );
    expect(r.err).not.toMatch(/\bat .*\.js:\d+/);
  });
});

describe('a stated WST 1,150,000 through a real build', () => {
  /**
   * Expectation, stated plainly: the build must print 1,150,000 as stated, and the check must
   * pass exactly when it does. While the money filter rounds to one decimal it prints
   * "WST1.2 million", so this build fails the check and the test asserts that the check names
   * that figure; once the filter prints stated precision ("WST 1.15 million") the check passes.
   */
  it('the check flags the figure if and only if the build rounded it', async () => {
    const dir = path.join(tempDir('bulletin-verify-wst-'), 'project');
    expect((await cli(['init', dir])).code).toBe(0);
    // The project's own sample data (which the scaffold templates are written for), in WST,
    // with one amount of 1,150,000.
    const data = path.join(dir, 'data', 'bulletin.json');
    const sample = readFileSync(data, 'utf8');
    expect(sample).toContain('"amount": 650000');
    const d = sample.replace(/"USD"/g, '"WST"').replace('"amount": 650000', '"amount": 1150000');
    writeFileSync(data, d);
    const out = path.join(dir, 'output');
    const built = await cli([
      'build',
      '--jobs',
      '1',
      '--quiet',
      '--data',
      data,
      '--templates',
      path.join(dir, 'templates'),
      '--out',
      out,
    ]);
    expect(built.code, built.err).toBe(0);
    const { printed } = await readPrinted(out);
    const all = printed.texts.map((t) => t.text.replace(/\s/g, ' ')).join('\n');
    const rounded = /WST ?1\.2 million/.test(all);
    expect(rounded || /WST ?1\.15 million|WST ?1,150,000/.test(all), 'the amount is printed').toBe(
      true,
    );
    const r = await cli(['verify', '--out', out, '--data', data, '--json']);
    const j = JSON.parse(r.out);
    const flagged = j.problems.filter((p: { printed: string }) => /1\.2 million/.test(p.printed));
    expect(flagged.length > 0).toBe(rounded);
    if (rounded) expect(r.code).toBe(1);
    // Whatever else fails here is a rounding of a stated or summed amount, not a misreading.
    for (const p of j.problems) expect(p.reason).toMatch(/drops a digit the data states/);
  }, 240_000);
});
