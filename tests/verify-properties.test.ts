/**
 * `bulletin verify` as a property, through the CLI a user runs: an honest build passes in every
 * locale, and a misprint planted in what it printed fails. Per locale, four builds: two
 * generated datasets with the templates `bulletin init` writes, the seed with the house
 * templates (they name its facts, so other data does not fit them), and the Pacific fixture
 * with its own. Then a digit of a printed amount (in the PDF, a deck, the web edition) and the
 * day of a printed date (in the PDF, a deck) are changed, each in a copy of one build, and
 * verify must fail on each. The seeds are fixed, so a failure reproduces; it names its data.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseFuzzyDate } from '../src/dataset/dates.js';
import { Dataset } from '../src/dataset/schema.js';
import { formatDate, money, scaled } from '../src/template/filters.js';
import { verifyPrinted } from '../src/verify/index.js';
import { datasetArb } from './generate-dataset.js';
import { cli, seedText, tempDir } from './helpers.js';
import { plantInDeck, plantInHtml, plantInPdf, type Swap } from './misprint.js';

const LOCALES = ['en-US', 'en-GB', 'en-NZ', 'de-DE', 'fr-FR'];
const SEED = 2804;

type Json = Record<string, unknown>;
type Measure = { amount?: number; currency?: string; date?: string; asOf?: string };

const PACIFIC = 'tests/fixtures/pacific';
const PACIFIC_TEMPLATES = path.join(PACIFIC, 'templates');
const seedDoc = () => JSON.parse(seedText()) as Json;
const pacificDoc = () =>
  JSON.parse(readFileSync(path.join(PACIFIC, 'data/bulletin.json'), 'utf8')) as Json;

function withLocale(doc: Json, locale: string): Json {
  (doc.bulletin as Json).locale = locale;
  return doc;
}

/** A build of one dataset with one set of templates. */
interface Built {
  name: string;
  doc: Json;
  data: string;
  templates: string;
  out: string;
}

async function build(name: string, doc: Json, templates: string): Promise<Built> {
  const dir = tempDir('bulletin-verify-prop-');
  const data = path.join(dir, 'data.json');
  writeFileSync(data, JSON.stringify(doc, null, 2));
  const out = path.join(dir, 'out');
  // One partner's deck keeps the run short; the PDF and web edition print every partner.
  const first = (doc.partners as { id: string }[])[0]!.id;
  const args = ['build', '--out', out, '--data', data, '--templates', templates];
  const r = await cli([...args, '--partner', first, '--jobs', '1', '--quiet']);
  expect(r.code, `${name} (${data}) did not build:\n${r.err}`).toBe(0);
  return { name, doc, data, templates, out };
}

const verify = (b: Built, out = b.out) =>
  cli(['verify', '--out', out, '--data', b.data, '--templates', b.templates]);

/**
 * Whether the data lets a build print this text: a changed digit may land on another amount or
 * sum the data allows, which is no misprint. (Only a filter: the test's verdict is the CLI's.)
 */
function allowed(doc: Json, text: string): boolean {
  const d = Dataset.parse(doc);
  const r = verifyPrinted(d, {
    texts: [{ file: 'x', place: 'x', text }],
    chartValues: [],
    files: [],
  });
  return r.ok;
}

/** The amount with its leading digit changed (4,200,000 → 5,200,000; 9 → 8). */
function bump(amount: number): number {
  const place = 10 ** Math.floor(Math.log10(amount));
  const lead = Math.floor(amount / place);
  return amount + (lead === 9 ? -place : place);
}

/** Each stated amount printed with a changed digit, where the data allows no such amount. */
function amountSwaps(doc: Json, locale: string): Swap[] {
  return (doc.measures as Measure[]).flatMap((m) => {
    if (m.amount === undefined || !m.currency) return [];
    const wrong = bump(m.amount);
    const swap = { from: scaled(m.amount, locale), to: scaled(wrong, locale) };
    const oneDigit = swap.from.length === swap.to.length;
    return oneDigit && !allowed(doc, money(wrong, m.currency, locale)) ? [swap] : [];
  });
}

/** Each stated day printed as another day of its month that no fact of the data is dated. */
function dateSwaps(doc: Json, locale: string): Swap[] {
  const days = (doc.measures as Measure[]).flatMap((m) => [m.date, m.asOf]);
  return days.flatMap((text) => {
    const d = text === undefined ? undefined : parseFuzzyDate(text);
    if (!text || typeof d !== 'object' || d.precision !== 'day' || d.day === undefined) return [];
    // Another day with as many digits, so the line keeps its length.
    const day = d.day === 9 || d.day >= 28 ? d.day - 1 : d.day + 1;
    const wrong = `${text.slice(0, 8)}${String(day).padStart(2, '0')}`;
    const swap = { from: formatDate(text, locale), to: formatDate(wrong, locale) };
    // No fact of the data is dated that day (nor is the build, which runs years later).
    return JSON.stringify(doc).includes(`"${wrong}"`) ? [] : [swap];
  });
}

/** A copy of the build with the first swap that can be planted in it; undefined if none. */
function planted(b: Built, where: 'pdf' | 'deck' | 'html', swaps: Swap[]): string | undefined {
  for (const swap of swaps) {
    const copy = path.join(tempDir('bulletin-verify-misprint-'), 'out');
    mkdirSync(copy, { recursive: true });
    cpSync(b.out, copy, { recursive: true });
    const ok =
      where === 'pdf'
        ? plantInPdf(path.join(copy, 'bulletin.pdf'), swap)
        : where === 'html'
          ? plantInHtml(copy, swap)
          : plantInDeck(copy, swap) !== undefined;
    if (ok) return copy;
  }
  return undefined;
}

describe('bulletin verify on generated data in every locale', () => {
  let scaffold = '';
  beforeAll(async () => {
    scaffold = path.join(tempDir('bulletin-verify-prop-init-'), 'project');
    expect((await cli(['init', scaffold])).code).toBe(0);
  }, 60_000);

  LOCALES.forEach((locale, i) => {
    it(`${locale}: honest builds pass, and each planted misprint fails`, async () => {
      const generated = [SEED + i, SEED + 100 + i].map((seed) => {
        const [doc] = fc.sample(datasetArb({ min: 2, max: 6 }), { seed, numRuns: 1 });
        return withLocale(doc!, locale);
      });
      const init = path.join(scaffold, 'templates');
      const builds = [
        ...(await Promise.all(
          generated.map((doc, k) =>
            build(`generated data ${k + 1}, init templates, ${locale}`, doc, init),
          ),
        )),
        await build(
          `seed data, house templates, ${locale}`,
          withLocale(seedDoc(), locale),
          'templates',
        ),
        await build(
          `the Pacific fixture, ${locale}`,
          withLocale(pacificDoc(), locale),
          PACIFIC_TEMPLATES,
        ),
      ];
      for (const b of builds) {
        const r = await verify(b);
        expect(r.code, `${b.name} (${b.data}) should pass:\n${r.err}`).toBe(0);
      }
      const kinds = [
        ['a digit of an amount in the PDF', 'pdf', amountSwaps, 'bulletin.pdf'],
        ['a digit of an amount on a slide', 'deck', amountSwaps, 'decks/'],
        ['the day of a date in the PDF', 'pdf', dateSwaps, 'bulletin.pdf'],
        ['the day of a date on a slide', 'deck', dateSwaps, 'decks/'],
        ['a digit of an amount in the web edition', 'html', amountSwaps, 'bulletin.html'],
      ] as const;
      for (const [k, [what, where, swaps, file]] of kinds.entries()) {
        let plantedOnce = false;
        // Each kind starts at another build, so the misprints fall in every kind of build.
        const order = builds.map((_, j) => builds[(j + k + i) % builds.length]!);
        for (const b of order) {
          const copy = planted(b, where, swaps(b.doc, locale));
          if (!copy) continue;
          plantedOnce = true;
          const r = await verify(b, copy);
          expect(r.code, `${b.name}: ${what} changed (${copy}), verify should fail`).toBe(1);
          expect(r.err).toContain(file);
          break;
        }
        expect(plantedOnce, `${what}: no build printed one to change`).toBe(true);
      }
    }, 120_000);
  });
});
