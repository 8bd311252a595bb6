/**
 * The third fixture (issue 28, item 9): pledges to the Green Climate Fund's second
 * replenishment, from published reports (see `sources` in its data), in four currencies and a
 * bare "$", with "up to" and "about" on amounts and names that need an article. Built through
 * the CLI in en-GB (its own locale) and en-US; every amount must print in its own currency
 * with its qualifier, and the generic templates must read right (item 6).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import JSZip from 'jszip';
import { pdfReadingText, tempDir } from './helpers.js';
import { hedgedMoney, possessive, quantity } from '../src/template/filters.js';
import { Dataset } from '../src/dataset/schema.js';

const FIXTURE = 'tests/fixtures/gcf';
const BIN = path.resolve('dist/cli/bin.js');
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

interface Built {
  dir: string;
  out: string;
  locale: string;
  data: Dataset;
  pdf: string;
  build: { status: number | null; stderr: string };
}

function build(locale: string): Built {
  const dir = tempDir(`bulletin-gcf-${locale}-`);
  cpSync(FIXTURE, dir, { recursive: true });
  const file = path.join(dir, 'data/bulletin.json');
  writeFileSync(
    file,
    readFileSync(file, 'utf8').replace('"locale": "en-GB"', `"locale": "${locale}"`),
  );
  const out = path.join(dir, 'output');
  const args = ['--data', file, '--templates', path.join(dir, 'templates'), '--out', out];
  const r = spawnSync('node', [BIN, 'build', '--jobs', '1', ...args], { encoding: 'utf8' });
  const data = Dataset.parse(JSON.parse(readFileSync(file, 'utf8')));
  const pdf = r.status === 0 ? plain(pdfReadingText(path.join(out, 'bulletin.pdf'))) : '';
  return { dir, out, locale, data, pdf, build: { status: r.status, stderr: r.stderr } };
}

const verify = (b: Built) =>
  spawnSync(
    'node',
    [
      BIN,
      'verify',
      '--data',
      path.join(b.dir, 'data/bulletin.json'),
      '--templates',
      path.join(b.dir, 'templates'),
      '--out',
      b.out,
    ],
    { encoding: 'utf8' },
  );

async function deckText(b: Built, partner: string): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(path.join(b.out, 'decks', `${partner}.pptx`)));
  const parts = Object.keys(zip.files).filter((f) =>
    /^ppt\/(slides|charts|notesSlides)\/.*\.xml$/.test(f),
  );
  const xml = (await Promise.all(parts.map((f) => zip.file(f)!.async('string')))).join(' ');
  return plain(xml.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&'));
}

/** The slide and notes text of a deck, notes included: where a name sits mid-sentence. */
async function deckWithNotes(b: Built, partner: string): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(path.join(b.out, 'decks', `${partner}.pptx`)));
  const parts = Object.keys(zip.files).filter((f) =>
    /^ppt\/(slides|notesSlides)\/[^/]*\.xml$/.test(f),
  );
  const xml = (await Promise.all(parts.map((f) => zip.file(f)!.async('string')))).join(' ');
  return plain(xml.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&'));
}

/**
 * Each pledge as both locales print it, written by hand from the fixture's data (issue 31:
 * computed with the code's own hedgedMoney, a wrong sign or a lost hedge passed). "$" stays
 * bare (currency not stated); USD and JPY take the signs no other currency shares.
 */
const PRINTED: Record<string, string> = {
  'cz-gcf2': '€4 million',
  'at-gcf2': '€160 million',
  'de-gcf2': '€2 billion',
  'uk-gcf2': '£1.62 billion',
  'jp-gcf2': 'up to JP¥165 billion',
  'no-gcf2': 'about $300 million',
  'us-earlier': '$2 billion',
  'us-gcf2': 'US$3 billion',
};
const YEN = PRINTED['jp-gcf2']!;

const builds: Record<string, Built> = {};
beforeAll(() => {
  for (const locale of ['en-GB', 'en-US']) builds[locale] = build(locale);
}, 300_000);

describe.each(['en-GB', 'en-US'])('the Green Climate Fund fixture in %s', (locale) => {
  it('builds with exit 0 into two pages', () => {
    const b = builds[locale]!;
    expect(b.build.stderr).not.toMatch(/error/i);
    expect(b.build.status).toBe(0);
    const info = execFileSync('pdfinfo', [path.join(b.out, 'bulletin.pdf')], { encoding: 'utf8' });
    expect(info).toMatch(/^Pages:\s+2$/m);
  });

  it('prints every amount in its own currency, after its qualifier', () => {
    const b = builds[locale]!;
    const aid = b.data.measures.flatMap((m) =>
      m.type === 'aid' && m.amount !== undefined && m.currency ? [m] : [],
    );
    expect(new Set(aid.map((m) => m.currency)).size).toBeGreaterThanOrEqual(4);
    expect(aid.map((m) => m.id).sort()).toEqual(Object.keys(PRINTED).sort());
    for (const m of aid) expect(b.pdf, m.id).toContain(PRINTED[m.id]);
    // Never the bare figure of a hedged amount, as if exact.
    expect(b.pdf).not.toMatch(/pledged (?:JP)?¥165 billion/);
    expect(b.pdf).not.toMatch(/pledged \$300 million/);
  });

  it('keeps the qualifier on chart labels, alt text and deck charts', async () => {
    const b = builds[locale]!;
    const svg = plain(readFileSync(path.join(b.out, 'charts/aid-by-partner.svg'), 'utf8'));
    const yen = YEN;
    expect(svg).toContain(`Japan: ${yen}`);
    // Norway's pledge shares the "$" panel with money the United States provided: its bar
    // carries its stage.
    expect(svg).toContain(`Norway – pledged: ${PRINTED['no-gcf2']}`);
    expect(b.pdf).toContain(yen); // the PDF chart's value label
    const html = plain(readFileSync(path.join(b.out, 'bulletin.html'), 'utf8'));
    expect(html).toContain(yen);
    // The web edition's table keeps the hedge too, not only the chart.
    expect(html).toMatch(new RegExp(`<th scope="row">Japan</th><td>${yen}</td>`));
    expect(await deckText(b, 'japan')).toContain(yen);
  });

  it('keeps hedges and "currency not stated" in every chart text, no "our sum" of one', async () => {
    const b = builds[locale]!;
    const desc = (f: string) =>
      plain(/<desc[^>]*>([^<]*)</.exec(readFileSync(path.join(b.out, 'charts', f), 'utf8'))![1]!);
    const yen = YEN;
    const nok = `${PRINTED['no-gcf2']} (currency not stated)`;
    expect(desc('partner-aid-japan.svg')).toContain(`Japan (highlighted): ${yen}`);
    expect(desc('partner-aid-japan.svg').endsWith(`Japan: ${yen}.`)).toBe(true);
    expect(desc('partner-aid-norway.svg').endsWith(`Norway – pledged: ${nok}.`)).toBe(true);
    for (const [who, v] of [
      ['japan', yen],
      ['norway', nok],
    ] as const) {
      const own = `${who[0]!.toUpperCase()}${who.slice(1)}: ${v} in aid with a stated amount: `;
      expect(desc(`partner-aid-breakdown-${who}.svg`)).toContain(own);
      const deck = await deckText(b, who);
      expect(deck).toContain(own);
      expect(deck).not.toContain('(our sum)');
    }
  });

  it('says a panel mixes stages and a bare "$" leader is of a currency not stated', () => {
    const b = builds[locale]!;
    const usd = PRINTED['us-earlier'];
    const said =
      'The largest amount in each currency, whatever its stage: ' +
      `Germany (${PRINTED['de-gcf2']})`;
    const leader = `United States – provided (${usd}, currency not stated)`;
    const svg = plain(readFileSync(path.join(b.out, 'charts/aid-by-partner.svg'), 'utf8'));
    const html = plain(readFileSync(path.join(b.out, 'bulletin.html'), 'utf8'));
    for (const text of [svg, html]) {
      expect(text).toContain(said);
      expect(text).toContain(leader);
    }
  });

  it('prints an event over several days as its span, in the web table and the SVG', () => {
    const b = builds[locale]!;
    const html = plain(readFileSync(path.join(b.out, 'bulletin.html'), 'utf8'));
    const svg = plain(readFileSync(path.join(b.out, 'charts/first-aid.svg'), 'utf8'));
    const may = locale === 'en-US' ? 'May 2–3, 2023' : '2–3 May 2023';
    const sep = locale === 'en-US' ? 'September 9–10, 2023' : '9–10 September 2023';
    expect(html).toContain(`Petersberg Climate Dialogue, ${may}`);
    expect(html).toContain(`G20 summit, ${sep}`);
    expect(svg).toContain(`Petersberg Climate Dialogue on ${may}`);
    expect(svg).toContain(`G20 summit on ${sep}`);
  });

  it('says who the timeline cannot place (a year-only pledge), never drops it silently', () => {
    const b = builds[locale]!;
    // Its label leads the takeaway as given, so no phrase doubles.
    const page = plain(readFileSync(path.join(b.out, 'bulletin.html'), 'utf8'))
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ');
    // The United States' first is known only "by" a date, so who came first is not said.
    expect(page).toContain(
      'Earliest dated aid, where a day or month is given: known only as an upper bound for ' +
        'United States',
    );
    expect(page).toContain('Czech Republic: no day or month stated.');
    for (const text of [page, b.pdf]) expect(text).not.toMatch(/\b(\w+ \w+) \1\b/i);
    expect(b.pdf).toMatch(/Not placed \([^)]*no day or month stated\): Czech Republic\./);
    const svg = readFileSync(path.join(b.out, 'charts/first-aid.svg'), 'utf8');
    expect(svg).toContain('Czech Republic');
  });

  it('reads right: stage verbs, articles, possessives, no "sent", no false "first"', () => {
    const { pdf } = builds[locale]!;
    expect(pdf).toContain('The United Kingdom pledged');
    expect(pdf).toContain('The United States pledged');
    expect(pdf).toContain('The United States provided');
    expect(pdf).toContain('the Czech Republic, Austria');
    expect(pdf).not.toMatch(
      /(?<!the )(?<!The )United (?:States|Kingdom) (?:pledged|provided|took)/,
    );
    expect(pdf).not.toMatch(/\bsent\b|’s’s|s’s\b|\bfirst aid\b|aid first/i);
    expect(pdf).not.toMatch(/\. [A-Z][\w ]+ also /);
    expect(pdf).toContain('the source gives no date for it');
  });

  it('names a partner in its sentence form in deck notes, and claims no rank it omits', async () => {
    // Review: "points to leave with the room about United Kingdom", "brief on United States",
    // and "totals and ranks are ours" on decks whose comparison slide (the rank) is left out.
    const b = builds[locale]!;
    const uk = await deckWithNotes(b, 'united-kingdom');
    const us = await deckWithNotes(b, 'united-states');
    expect(uk).toContain('leave with the room about the United Kingdom');
    expect(us).toContain('brief on the United States');
    for (const text of [uk, us]) {
      expect(text).not.toMatch(/(?:about|on|for|,) United (?:States|Kingdom)/);
      expect(text).not.toMatch(/ranks are ours|Totals and ranks/);
      expect(text).toContain('totals are ours');
    }
  });

  it('prints no claim about the fund that no cited source in the data supports', async () => {
    // Review: what the fund finances, what the replenishment pays for, "the schedule the
    // donors set", and a 2024–2027 title over a US amount the data ties to no period.
    const b = builds[locale]!;
    const html = plain(readFileSync(path.join(b.out, 'bulletin.html'), 'utf8'));
    const decks = await deckWithNotes(b, 'united-states');
    for (const text of [b.pdf.replace(/\u00ad\s*/g, ''), html, decks]) {
      expect(text).not.toMatch(/finances projects|meant to pay|schedule the donors set/);
      expect(text).not.toMatch(/2024.2027|not yet pledged/);
    }
    expect(b.pdf).toContain('Donors stated their amounts for the Green Climate Fund');
  });

  it('verify finds no misprint (exit 0, or only day numbers of dates, see below)', () => {
    const r = verify(builds[locale]!);
    if (r.status === 0) return;
    // verify still reads the days of day-first dates ("9–10 September 2023") as numbers;
    // another branch fixes that (issue 28, item 4). Anything else is a real failure.
    const flagged = [...`${r.stdout}${r.stderr}`.matchAll(/"([\d.,]+)" does not trace/g)];
    expect(flagged.length).toBeGreaterThan(0);
    for (const [, n] of flagged) expect(Number(n!.replace(/,/g, '')), n).toBeLessThanOrEqual(31);
  });
});

describe('names in a sentence', () => {
  it('writes possessives as English does', () => {
    expect(possessive('the United Kingdom')).toBe('the United Kingdom’s');
    expect(possessive('Solomon Islands')).toBe('Solomon Islands’');
    expect(possessive('the United States')).toBe('the United States’');
    expect(possessive('Cyprus')).toBe('Cyprus’s');
    expect(possessive('Japan')).toBe('Japan’s');
  });

  it('prints every qualifier before its figure', () => {
    const q = (qualifier: string) => quantity({ value: 80, unit: 'per cent', qualifier }, 'en-GB');
    expect(q('more-than')).toBe('more than 80 per cent');
    expect(q('at-least')).toBe('at least 80 per cent');
    expect(q('over')).toBe('over 80 per cent');
    expect(plain(hedgedMoney(2e6, 'USD', 'en-GB', 'up-to'))).toBe('up to US$2 million');
  });
});

/**
 * A variant of the fixture, NOT from the sources: it adds the shapes the reports lack (an
 * increment, an as-of date, no stage, a plural name, support after aid and alone) to check
 * that the init partner template words each of them right.
 */
describe('the init partner template on shapes the reports lack', () => {
  let pdf = '';
  beforeAll(() => {
    const dir = tempDir('bulletin-gcf-variant-');
    cpSync(FIXTURE, dir, { recursive: true });
    const file = path.join(dir, 'data/bulletin.json');
    const d = JSON.parse(readFileSync(file, 'utf8'));
    const cite = { source: 'gcw-momentum' };
    d.partners.push(
      {
        id: 'solomon-islands',
        name: 'Solomon Islands',
        inSentence: 'the Solomon Islands',
        role: 'donor',
      },
      { id: 'helpers', name: 'Helpers', role: 'donor' },
    );
    d.measures.push(
      {
        id: 'v-sb',
        type: 'aid',
        partner: 'solomon-islands',
        asOf: '2023-11',
        amount: 1e6,
        currency: 'SBD',
        cite,
      },
      {
        id: 'v-at',
        type: 'aid',
        partner: 'austria',
        date: '2023-11-15',
        amount: 1e6,
        total: 161e6,
        currency: 'EUR',
        stage: 'pledged',
        recipient: 'gcf',
        cite,
      },
      {
        id: 'v-no',
        type: 'support',
        partner: 'norway',
        date: '2023-11-20',
        what: 'technical advice',
        cite,
      },
      {
        id: 'v-help',
        type: 'support',
        partner: 'helpers',
        date: '2023-11-20',
        what: 'technical advice',
        cite,
      },
    );
    writeFileSync(file, JSON.stringify(d));
    const out = path.join(dir, 'output');
    const r = spawnSync(
      'node',
      [
        BIN,
        'build',
        '--only',
        'pdf',
        '--data',
        file,
        '--templates',
        path.join(dir, 'templates'),
        '--out',
        out,
      ],
      { encoding: 'utf8' },
    );
    expect(r.stderr).not.toMatch(/error/i);
    pdf = plain(pdfReadingText(path.join(out, 'bulletin.pdf')));
  }, 120_000);

  it('words increments, as-of dates, missing stages, plural names and "also"', () => {
    expect(pdf).toContain(
      'Austria pledged an additional €1 million to the Green Climate Fund on 15 November 2023, ' +
        'bringing the total to €161 million.',
    );
    expect(pdf).toContain('The Solomon Islands’ aid came to SBD 1 million by November 2023.');
    expect(pdf).not.toMatch(/Islands’s/);
    expect(pdf).toContain('Norway also gave support on 20 November 2023: technical advice.');
    expect(pdf).toContain('Helpers gave support on 20 November 2023: technical advice.');
  });
});
