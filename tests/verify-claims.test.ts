/**
 * `bulletin verify` reads claims, not only numbers (issue 29, item 4), through the built CLI a
 * user runs: honest builds of the seed, the Pacific fixture and the Green Climate Fund fixture
 * verify, each recording the ranks, "largest" and "first" claims it prints; and four planted
 * mutations each fail with a line naming the claim — a stage qualifier dropped from a slide,
 * an as-of date turned into an event date (in the data, and in the printed text), a partner
 * added that breaks a "largest", and a sanction removed that a "first sanctions" claim used.
 */
import { execFile } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { dataWith, SEED_DATA, tempDir } from './helpers.js';
import { plantInHtml, recordInManifest } from './misprint.js';
import { Dataset } from '../src/dataset/schema.js';
import { readPrinted } from '../src/load/printed.js';
import { verifyPrinted } from '../src/verify/index.js';
import { evaluateClaim, firstWording, type ClaimQuestion } from '../src/model/claims/index.js';

const BIN = path.resolve('dist/cli/bin.js');
const run = promisify(execFile);

/** Runs the built CLI; its exit code and output, whatever the code. */
async function bulletin(args: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const r = await run(process.execPath, [BIN, ...args], { maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, out: r.stdout, err: r.stderr };
  } catch (e) {
    const x = e as { code?: number; stdout?: string; stderr?: string };
    return {
      code: typeof x.code === 'number' ? x.code : -1,
      out: x.stdout ?? '',
      err: x.stderr ?? '',
    };
  }
}

interface Project {
  name: string;
  data: string;
  templates: string;
}

const PROJECTS: Project[] = [
  { name: 'seed', data: SEED_DATA, templates: 'templates' },
  ...['pacific', 'gcf'].map((f) => ({
    name: f,
    data: `tests/fixtures/${f}/data/bulletin.json`,
    templates: `tests/fixtures/${f}/templates`,
  })),
];

const outs = new Map<string, string>();

async function build(p: Project): Promise<string> {
  const out = path.join(tempDir(`bulletin-claims-${p.name}-`), 'out');
  const r = await bulletin([
    'build',
    '--quiet',
    '--jobs',
    '1',
    '--out',
    out,
    '--data',
    p.data,
    '--templates',
    p.templates,
  ]);
  expect(r.code, `${p.name} did not build:\n${r.err}`).toBe(0);
  return out;
}

const verify = (out: string, data = SEED_DATA, templates = 'templates') =>
  bulletin(['verify', '--out', out, '--data', data, '--templates', templates]);

/** A copy of a build, to plant a misprint in. */
function copyOf(out: string): string {
  const copy = path.join(tempDir('bulletin-claims-copy-'), 'out');
  cpSync(out, copy, { recursive: true });
  return copy;
}

/** Rewrites one slide's XML in a deck of a build. */
function editSlide(out: string, deck: string, slide: number, from: string, to: string): void {
  const file = path.join(out, 'decks', deck);
  const parts = unzipSync(readFileSync(file));
  const name = `ppt/slides/slide${slide}.xml`;
  const xml = strFromU8(parts[name]!);
  expect(xml, `${deck} slide ${slide} prints "${from}"`).toContain(from);
  parts[name] = strToU8(xml.replace(from, to));
  writeFileSync(file, zipSync(parts));
  recordInManifest(out, `decks/${deck}`);
}

/** The claims a deck records in docProps/custom.xml. */
function deckClaims(out: string, deck: string): { kind: string; wording: string }[] {
  const parts = unzipSync(readFileSync(path.join(out, 'decks', deck)));
  const xml = strFromU8(parts['docProps/custom.xml']!);
  const json = /<vt:lpwstr>([^<]*)<\/vt:lpwstr>/.exec(xml)![1]!;
  return JSON.parse(
    json
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&'),
  );
}

beforeAll(async () => {
  for (const p of PROJECTS) outs.set(p.name, await build(p));
}, 300_000);

const seedOut = () => outs.get('seed')!;

/** A pattern from parts, for messages longer than a line of code. */
const re = (...parts: RegExp[]) => new RegExp(parts.map((p) => p.source).join(''));

/** Writes a changed copy of the data where verify can read it. */
function dataFile(doc: unknown): string {
  const file = path.join(tempDir('bulletin-claims-data-'), 'bulletin.json');
  writeFileSync(file, JSON.stringify(doc, null, 2));
  return file;
}

describe('verify reads the claims a build records', () => {
  it.each(PROJECTS.map((p) => [p.name, p] as const))(
    '%s: an honest build verifies',
    async (_n, p) => {
      const r = await verify(outs.get(p.name)!, p.data, p.templates);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toMatch(
        /\d+ numbers and \d+ claims checked in \d+ files, all trace to the data/,
      );
    },
  );

  it('the seed records its ranks, largest and firsts in the PDF, web edition and decks', () => {
    const claims = deckClaims(seedOut(), 'japan.pptx');
    expect(claims.map((c) => c.kind)).toEqual(expect.arrayContaining(['rank', 'first', 'data-to']));
    expect(claims.map((c) => c.wording)).toContain(
      'Japan has the largest sum of stated aid in “$” of the four partners compared, ' +
        'whatever its stage',
    );
    const html = readFileSync(path.join(seedOut(), 'bulletin.html'), 'utf8');
    expect(html).toMatch(/"kind": "largest"[\s\S]*"wording": "Japan has the largest stated total/);
    expect(html).toContain('"wording": "earliest dated aid by March 21, 2022"');
  });

  it('(a) fails when a printed rank drops its stage qualifier', async () => {
    const copy = copyOf(seedOut());
    editSlide(copy, 'japan.pptx', 5, ', whatever its stage</a:t>', '</a:t>');
    const r = await verify(copy);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      re(
        /decks\/japan\.pptx, slide 5: rank claim "Japan has the largest sum of stated aid/,
        /[^\n]*\(japan, aid\) fails: the printed text drops its qualifier "whatever its stage"/,
      ),
    );
  });

  it('(b) fails when an as-of date becomes an event date, in the data or in print', async () => {
    const data = dataWith([['"asOf": "2022-03-21"', '"date": "2022-03-21"']]);
    const r = await verify(seedOut(), data);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      re(
        /bulletin\.pdf, chart first-measures: first claim "earliest dated aid by March 21, 2022" /,
        /\(new-zealand, aid\) fails: it no longer holds on the current data /,
        /\(onOrBefore true → false\)/,
      ),
    );
    const copy = copyOf(seedOut());
    expect(
      plantInHtml(copy, {
        from: 'earliest dated aid by March 21',
        to: 'earliest dated aid on March 21',
      }),
    ).toBe(true);
    const printed = await verify(copy);
    expect(printed.code).toBe(1);
    expect(printed.err).toMatch(
      re(
        /bulletin\.html, chart first-measures: first claim "earliest dated aid by March 21, 2022" /,
        /\(new-zealand, aid\) fails: the printed text says "on" where the claim says "by"/,
      ),
    );
  });

  it('(c) fails when a partner added to the data breaks a "largest" and the ranks', async () => {
    const fiji = {
      id: 'fiji',
      name: 'Fiji',
      role: 'asia-pacific-partner',
    };
    const aid = {
      id: 'fiji-aid',
      partner: 'fiji',
      type: 'aid',
      amount: 500_000_000,
      currency: '$',
      stage: 'provided',
      date: '2022-03-01',
      cite: { source: 'apb', locator: 'introduction, ¶1' },
    };
    const doc = JSON.parse(readFileSync(SEED_DATA, 'utf8'));
    doc.partners.push(fiji);
    doc.measures.push(aid);
    const data = dataFile(doc);
    const r = await verify(seedOut(), data);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      re(
        /bulletin\.pdf, chart aid-by-partner: largest claim "Japan has the largest stated /,
        /total[^\n]* fails: it no longer holds on the current data \(top japan → fiji/,
      ),
    );
    expect(r.err).toMatch(
      re(
        /decks\/japan\.pptx, slide 5: rank claim "Japan has the largest sum[^\n]* fails: /,
        /it no longer holds on the current data \(rank 1 → 2; of 4 → 5\)/,
      ),
    );
  });

  it('(c2) fails when the largest total is no longer "all as loans"', async () => {
    // Japan stays the largest; a sixth of its total becomes humanitarian aid.
    const doc = JSON.parse(readFileSync(SEED_DATA, 'utf8'));
    const loans = doc.measures.find((m: { id: string }) => m.id === 'japan-loans');
    loans.components = [{ category: 'humanitarian', amount: 50_000_000 }];
    const r = await verify(seedOut(), dataFile(doc));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      re(
        /bulletin\.pdf, chart aid-by-partner: largest claim "Japan has the largest stated /,
        /total[^\n]* fails: it no longer holds on the current data \(mix all as loans → /,
        /mostly as loans\)/,
      ),
    );
  });

  it('(c3) fails when a donor added in euros overtakes "the largest in each currency"', async () => {
    const gcf = PROJECTS.find((p) => p.name === 'gcf')!;
    const doc = JSON.parse(readFileSync(gcf.data, 'utf8'));
    const de = doc.measures.find((m: { id: string }) => m.id === 'de-gcf2');
    doc.partners.push({ id: 'france', name: 'France', role: 'donor' });
    doc.measures.push({ ...de, id: 'fr-gcf2', partner: 'france', amount: 2_500_000_000 });
    const r = await verify(outs.get('gcf')!, dataFile(doc), gcf.templates);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      re(
        /bulletin\.pdf, chart aid-by-partner: largest claim "The largest amount in each /,
        /currency[^\n]* fails: it no longer holds on the current data \(top germany → france; /,
        /row Germany → France; total 2000000000 → 2500000000; of 3 → 4\)/,
      ),
    );
  });

  it('(c4) fails when a partner added with earlier sanctions breaks "earliest"', async () => {
    const doc = JSON.parse(readFileSync(SEED_DATA, 'utf8'));
    const jp = doc.measures.find((m: { id: string }) => m.id === 'japan-sanctions');
    doc.partners.push({ id: 'fiji', name: 'Fiji', role: 'asia-pacific-partner' });
    doc.measures.push({ ...jp, id: 'fiji-sanctions', partner: 'fiji', date: '2022-01-20' });
    const r = await verify(seedOut(), dataFile(doc));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      re(
        /bulletin\.pdf, chart first-measures: earliest claim "First sanctions, where a day /,
        /[^\n]* fails: it no longer holds on the current data \(partners japan, south-korea, /,
        /australia → fiji; date 2022-02 → 2022-01-20\)/,
      ),
    );
  });

  it('(d) fails when a sanction that a "first sanctions" claim used leaves the data', async () => {
    const doc = JSON.parse(readFileSync(SEED_DATA, 'utf8'));
    doc.measures = doc.measures.filter((m: { id: string }) => m.id !== 'japan-sanctions');
    const data = dataFile(doc);
    const r = await verify(seedOut(), data);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      re(
        /bulletin\.pdf, chart first-measures: first claim "first sanctions in February 2022" /,
        /\(japan, sanctions\) fails: it no longer holds: the data has no sanctions of japan /,
        /with a date/,
      ),
    );
  });

  it('(e) fails when the web table prints "none" where the data is silent', async () => {
    const copy = copyOf(seedOut());
    const file = path.join(copy, 'bulletin.html');
    const html = readFileSync(file, 'utf8');
    // Singapore's row: no meeting is stated, and the last cell says so.
    const row = /<tr><th scope="row">Singapore<\/th>[\s\S]*?<\/tr>/.exec(html)![0];
    expect(row).toContain('<td>not stated</td>');
    writeFileSync(
      file,
      html.replace(row, row.replace('<td>not stated</td>', '<td>none in this period</td>')),
    );
    recordInManifest(copy, 'bulletin.html');
    const r = await verify(copy);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      re(
        /bulletin\.html, web edition: not-stated claim "Singapore [^\n]*\(singapore, events\) /,
        /fails: the printed text says "none in this period" where the data is silent/,
      ),
    );
  });

  it('(f) fails when a chart takeaway drops a qualifier the data holds, note or not', async () => {
    const data = Dataset.parse(JSON.parse(readFileSync(SEED_DATA, 'utf8')));
    const { printed } = await readPrinted(seedOut());
    expect(verifyPrinted(data, printed).ok).toBe(true);
    // The takeaway without its stage words, as recorded and as printed; the note beside the
    // chart still says the sums mix stages, but a takeaway travels alone (figcaption, desc).
    const drop = (t: string) => t.replace(', whatever its stage:', ':');
    const texts = printed.texts.map((t) =>
      t.file === 'bulletin.pdf' ? { ...t, text: drop(t.text) } : t,
    );
    const claims = (printed.claims ?? []).map((r) =>
      r.file === 'bulletin.pdf'
        ? { ...r, claims: r.claims.map((c) => ({ ...c, wording: drop(c.wording) })) }
        : r,
    );
    const problems = verifyPrinted(data, { ...printed, texts, claims }).problems.filter(
      (p) => p.claim,
    );
    expect(problems.map((p) => `${p.file}: ${p.claim}: ${p.reason}`)).toEqual([
      expect.stringMatching(
        re(
          /^bulletin\.pdf: largest claim "Japan has the largest stated total: .*: /,
          /the text it is printed in does not say that it adds amounts at different stages/,
        ),
      ),
    ]);
  });
});

describe('the claims module answers from the data, or refuses', () => {
  const seed = () => JSON.parse(readFileSync(SEED_DATA, 'utf8'));
  const ask = (doc: unknown, q: ClaimQuestion) => evaluateClaim(Dataset.parse(doc), q);
  const aidRank = (subject: string): ClaimQuestion => ({
    kind: 'rank',
    measure: 'aid',
    value: 'amount',
    among: 'deck-partners',
    subject,
  });

  it('ranks stated aid sums among the deck partners, with the qualifiers the sums carry', () => {
    const a = ask(seed(), aidRank('new-zealand'));
    expect(a).toMatchObject({
      ok: true,
      result: { rank: 4, of: 4, unit: '$' },
      qualifiers: ['stages-mixed', 'currency-not-stated'],
    });
  });

  it('refuses a rank across currencies', () => {
    const doc = seed();
    doc.measures.find((m: { id: string }) => m.id === 'japan-loans').currency = 'JPY';
    const a = ask(doc, aidRank('australia'));
    expect(a).toEqual({ ok: false, reason: expect.stringMatching(/several currencies/) });
  });

  it('says "by" a first known from an as-of total, and keeps a month-only date coarse', () => {
    const nz = ask(seed(), { kind: 'first', measure: 'aid', subject: 'new-zealand' });
    expect(nz).toMatchObject({ result: { date: '2022-03-21', onOrBefore: true } });
    expect(nz.ok && nz.qualifiers).toEqual(['on-or-before']);
    const jp = ask(seed(), { kind: 'first', measure: 'sanctions', subject: 'japan' });
    expect(jp.ok && jp.qualifiers).toEqual(['month-precision']);
    expect(firstWording({ date: '2022-02' }, 'en-US').replace(/\s/gu, ' ')).toBe(
      'in February 2022',
    );
  });

  it('says "not stated" only while the data is silent', () => {
    const q: ClaimQuestion = { kind: 'not-stated', measure: 'events', subject: 'singapore' };
    expect(ask(seed(), q).ok).toBe(true);
    const doc = seed();
    doc.events[0].participants.push('singapore');
    expect(ask(doc, q)).toEqual({ ok: false, reason: expect.stringMatching(/now states events/) });
  });
});
