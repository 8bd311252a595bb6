/**
 * A rate the data states has a visible effect in text (issue 28, item 3): the Pacific fixture
 * with rates FJD → AUD and VUV → AUD prints "FJD 4.2 million (≈ A$2.9 million at the stated
 * rate)" in the PDF, the web edition and Fiji's deck, rounded to the rate's two significant
 * digits; `verify` traces the converted figure to amount × rate and fails a misprinted one.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { cli, pdfReadingText, projectArgs, tempDir } from './helpers.js';
import { plantInDeck, plantInHtml, plantInPdf } from './misprint.js';

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ');
const FIJI = 'FJD 4.2 million (≈ A$2.9 million at the stated rate)';
const VANUATU = 'VUV 95 million (≈ A$1.21 million at the stated rate)';

let dir: string;
let out: string;

beforeAll(async () => {
  dir = tempDir('bulletin-rate-');
  cpSync('tests/fixtures/pacific', dir, { recursive: true });
  const file = path.join(dir, 'data/bulletin.json');
  const data = JSON.parse(readFileSync(file, 'utf8'));
  const cite = { source: data.sources[0].id };
  data.rates = [
    { from: 'FJD', to: 'AUD', rate: 0.68, date: '2025-03', cite },
    { from: 'VUV', to: 'AUD', rate: 0.0127, date: '2025-03', cite },
  ];
  writeFileSync(file, JSON.stringify(data, null, 2));
  out = path.join(dir, 'output');
  const r = await cli(['build', '--jobs', '1', ...projectArgs(dir), '--out', out]);
  expect(r.code).toBe(0);
}, 240_000);

function deckText(partner: string): string {
  const parts = unzipSync(readFileSync(path.join(out, 'decks', `${partner}.pptx`)));
  return Object.keys(parts)
    .filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n))
    .map((n) => strFromU8(parts[n]!).replace(/<[^>]+>/g, ''))
    .join(' ');
}

const verify = (folder: string) => cli(['verify', ...projectArgs(dir), '--out', folder]);

function copyOut(): string {
  const copy = path.join(tempDir('bulletin-rate-misprint-'), 'output');
  cpSync(out, copy, { recursive: true });
  return copy;
}

describe('an amount in a currency the data gives a rate from', () => {
  it('prints the converted figure beside the stated one in the PDF, web edition and deck', () => {
    const pdf = plain(pdfReadingText(path.join(out, 'bulletin.pdf')));
    expect(pdf).toContain(FIJI);
    expect(pdf).toContain(VANUATU);
    const html = plain(
      readFileSync(path.join(out, 'bulletin.html'), 'utf8').replace(/<[^>]+>/g, ''),
    );
    expect(html).toContain(FIJI);
    expect(plain(deckText('fiji'))).toContain(FIJI);
    // No rate from these currencies: their amounts print alone.
    expect(pdf).not.toMatch(/WST 1\.15 million \(≈/);
    // The fixture's own prose no longer says the register gives no rates.
    expect(pdf).not.toMatch(/no (stated )?exchange rates/);
    expect(pdf).toContain('Where the register states an exchange rate');
  });

  it('passes verify, and fails it when a converted figure is misprinted', async () => {
    const ok = await verify(out);
    expect(ok.err).toBe('');
    expect(ok.code).toBe(0);
    const swap = { from: 'A$2.9 million', to: 'A$3.9 million' };
    const inHtml = copyOut();
    expect(plantInHtml(inHtml, swap)).toBe(true);
    expect((await verify(inHtml)).code).toBe(1);
    const inDeck = copyOut();
    expect(plantInDeck(inDeck, swap)).toBeDefined();
    expect((await verify(inDeck)).code).toBe(1);
    const inPdf = copyOut();
    expect(plantInPdf(path.join(inPdf, 'bulletin.pdf'), swap)).toBe(true);
    const r = await verify(inPdf);
    expect(r.code).toBe(1);
    expect(plain(r.err)).toMatch(/"A\$3\.9 million" does not trace/);
  });
});
