/**
 * Beyond the seed's en-US and single "$": the seed's facts with each partner's aid in its own
 * currency, built in German and checked in French. Expected strings come from Intl for the
 * locale, never typed in, so the test follows CLDR rather than freezing today's wording.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { cli, pdfReadingText, seedText, STACK_FRAME, tempDir } from './helpers.js';

const CURRENCY: Record<string, string> = {
  japan: 'JPY',
  'south-korea': 'KRW',
  australia: 'AUD',
  'new-zealand': 'NZD',
  singapore: 'SGD',
};

interface Doc {
  bulletin: { locale: string };
  measures: { type: string; partner: string; amount?: number; currency?: string }[];
}

/** The seed in `locale`, every stated aid amount in its partner's own currency. */
function multiCurrency(locale: string): { file: string; doc: Doc } {
  const doc = JSON.parse(seedText()) as Doc;
  doc.bulletin.locale = locale;
  for (const m of doc.measures) if (m.currency) m.currency = CURRENCY[m.partner]!;
  const file = path.join(tempDir(), 'bulletin.json');
  writeFileSync(file, JSON.stringify(doc, null, 2));
  return { file, doc };
}

const symbolOf = (currency: string, locale: string) =>
  new Intl.NumberFormat(locale, { style: 'currency', currency })
    .formatToParts(1)
    .find((p) => p.type === 'currency')!.value;

describe('a multi-currency bulletin in German', () => {
  const { file, doc } = multiCurrency('de-DE');
  const out = tempDir();
  let built: Promise<{ code: number; err: string }> | undefined;
  const build = () =>
    (built ??= cli([
      'build',
      '--data',
      file,
      '--out',
      out,
      '--only',
      'pdf',
      '--only',
      'decks',
      '--partner',
      'japan',
      '--jobs',
      '1',
    ]));

  it('builds, and prints numbers and currencies as the locale writes them', async () => {
    const r = await build();
    expect(r.code, r.err).toBe(0);
    const text = pdfReadingText(path.join(out, 'bulletin.pdf')).replace(/\u00a0|\u202f/g, ' ');
    const long = (n: number) =>
      new Intl.NumberFormat('de-DE', {
        notation: 'compact',
        compactDisplay: 'long',
        maximumSignificantDigits: 3,
      })
        .format(n)
        .replace(/\u00a0/g, ' ');
    // Japan's oil (22,500,000 barrels) in German: a decimal comma and "Millionen".
    expect(text).toContain(long(22_500_000));
    expect(text).not.toMatch(/\d\.\d million/);
    // Every currency with a stated amount shows up in its German form.
    const used = new Set(doc.measures.flatMap((m) => (m.amount && m.currency ? [m.currency] : [])));
    expect(used.size).toBeGreaterThanOrEqual(4);
    for (const c of used) expect(text, c).toContain(symbolOf(c, 'de-DE'));
    const deck = await JSZip.loadAsync(readFileSync(path.join(out, 'decks', 'japan.pptx')));
    const slides = await Promise.all(
      Object.keys(deck.files)
        .filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n))
        .map((n) => deck.file(n)!.async('string')),
    );
    expect(slides.join(' ')).toContain(symbolOf('JPY', 'de-DE'));
  }, 180_000);

  // Issue 12 item 1 (the `money` helper's work): a money chart must not put amounts of several
  // currencies on one axis. Today aid-by-partner plots JPY, KRW, AUD, NZD and SGD under "JPY".
  it('never plots amounts of several currencies on one money axis', async () => {
    expect((await build()).code).toBe(0);
    const att = path.join(out, 'attached.json');
    execFileSync('pdfdetach', ['-save', '1', '-o', att, path.join(out, 'bulletin.pdf')]);
    const { charts } = JSON.parse(readFileSync(att, 'utf8')) as {
      charts: {
        id: string;
        data: { unit?: { kind: string; currency?: string }; labels?: string[] };
      }[];
    };
    const partnerOf = new Map(
      (JSON.parse(seedText()) as { partners: { id: string; name: string }[] }).partners.map((p) => [
        p.name,
        p.id,
      ]),
    );
    for (const c of charts) {
      if (c.data.unit?.kind !== 'money') continue;
      for (const label of c.data.labels ?? [])
        expect([c.id, label, CURRENCY[partnerOf.get(label)!]]).toEqual([
          c.id,
          label,
          c.data.unit.currency,
        ]);
    }
  }, 180_000);
});

describe('bad input in French, with several currencies', () => {
  const cases: [string, (t: string) => string, RegExp][] = [
    [
      'an unknown currency',
      (t) => t.replace('"currency": "AUD"', '"currency": "DOLLARS"'),
      /currency: must be an ISO 4217 code/,
    ],
    [
      'an amount with no currency',
      (t) => t.replace(/,\s*"currency": "NZD"/, ''),
      /an amount needs a currency/,
    ],
    [
      'a date that does not exist',
      (t) => t.replace('"2022-02-27"', '"2022-02-30"'),
      /is not a real date/,
    ],
    [
      'a negative amount',
      (t) =>
        t.replace(/"amount": (\d+),(\s*)"currency": "KRW"/, '"amount": -$1,$2"currency": "KRW"'),
      /must not be negative/,
    ],
  ];
  it.each(cases)('%s: exit 1, file:line:col and path, no stack trace', async (_, edit, message) => {
    const { file } = multiCurrency('fr-FR');
    const text = readFileSync(file, 'utf8');
    const edited = edit(text);
    expect(edited).not.toBe(text);
    writeFileSync(file, edited);
    const r = await cli(['validate', '--data', file]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(message);
    const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    expect(r.err).toMatch(new RegExp(`${escaped}:\\d+:\\d+: [\\w$\\[\\].-]+: `));
    expect(r.err).not.toMatch(STACK_FRAME);
  });
});
