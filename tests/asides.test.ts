/**
 * No nested parentheses (issue 28, item 3): a figure's aside ("currency not stated", "≈ US$…
 * at the stated rate") reads "(about $300 million, currency not stated)" when the template
 * already put the figure in parentheses, never "(about $300 million (currency not stated))".
 * Checked on the rule itself and on what users build: the Green Climate Fund fixture (bare
 * "$" beside ISO currencies) and an init project given a bare sign and a stated rate.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { pdfReadingText, projectArgs, tempDir } from './helpers.js';
import { placeAsides, withAside } from '../src/template/asides.js';

const BIN = path.resolve('dist/cli/bin.js');
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ');
const NESTED = /\([^()]*\([^()]*\)[^()]*\)/;

/** Every text a build prints: PDF, web edition, and each deck's slides and notes. */
function printed(out: string): Record<string, string> {
  const texts: Record<string, string> = {
    pdf: plain(pdfReadingText(path.join(out, 'bulletin.pdf'))),
    html: plain(
      readFileSync(path.join(out, 'bulletin.html'), 'utf8')
        .replace(/<(style|script)[\s\S]*?<\/\1>/g, '')
        // A figure's link ends before its aside: no space where the tag was.
        .replace(/<\/?(a|span)\b[^>]*>/g, '')
        .replace(/<[^>]+>/g, ' '),
    ),
  };
  for (const deck of readdirSync(path.join(out, 'decks'))) {
    const parts = unzipSync(readFileSync(path.join(out, 'decks', deck)));
    texts[deck] = plain(
      Object.keys(parts)
        .filter((n) => /^ppt\/(slides|notesSlides)\/\w+\.xml$/.test(n))
        .map((n) => strFromU8(parts[n]!).replace(/<[^>]+>/g, ' '))
        .join(' '),
    );
  }
  return texts;
}

function build(dir: string): string {
  const out = path.join(dir, 'output');
  execFileSync('node', [BIN, 'build', '--jobs', '1', ...projectArgs(dir), '--out', out]);
  const verified = spawnSync('node', [BIN, 'verify', ...projectArgs(dir), '--out', out], {
    encoding: 'utf8',
  });
  expect(verified.stdout + verified.stderr).toMatch(/all trace to the data/);
  expect(verified.status).toBe(0);
  return out;
}

describe('placing an aside', () => {
  it('puts it in parentheses outside them, after a comma inside them', () => {
    const fig = withAside('$300 million', 'currency not stated');
    expect(placeAsides(`Norway gave ${fig}.`)).toBe(
      'Norway gave $300 million (currency not stated).',
    );
    expect(placeAsides(`Norway’s (${fig}) and`)).toBe(
      'Norway’s ($300 million, currency not stated) and',
    );
    // A paragraph's unclosed "(" or a list marker's ")" does not carry over.
    expect(placeAsides(`1) (see below\n\n${fig}`)).toBe(
      '1) (see below\n\n$300 million (currency not stated)',
    );
    expect(placeAsides('no figure (here)')).toBe('no figure (here)');
    // Parentheses the template opens right after the figure take the aside in.
    expect(placeAsides(`${fig} (5 October) and (x)`)).toBe(
      '$300 million (currency not stated; 5 October) and (x)',
    );
  });
});

describe('built bulletins print no nested parentheses', () => {
  let gcf: Record<string, string>;
  let init: Record<string, string>;
  beforeAll(() => {
    const g = tempDir('bulletin-asides-gcf-');
    cpSync('tests/fixtures/gcf', g, { recursive: true });
    gcf = printed(build(g));
    const dir = path.join(tempDir('bulletin-asides-init-'), 'proj');
    execFileSync('node', [BIN, 'init', dir]);
    const file = path.join(dir, 'data/bulletin.json');
    const data = JSON.parse(readFileSync(file, 'utf8'));
    for (const m of data.measures) {
      if (m.id === 'alder-bay-relief') Object.assign(m, { currency: '$', qualifier: 'about' });
      if (m.id === 'cedar-point-relief') m.currency = 'CAD';
    }
    const cite = { source: data.sources[0].id };
    data.rates = [{ from: 'CAD', to: 'USD', rate: 0.73, date: '2025-04', cite }];
    writeFileSync(file, JSON.stringify(data, null, 2));
    init = printed(build(dir));
  }, 240_000);

  it('the Green Climate Fund fixture: a hedge in parentheses keeps its marking flat', () => {
    expect(gcf.pdf).toContain('(about $300 million, currency not stated)');
    expect(gcf.html).toContain('(about $300 million, currency not stated)');
    for (const [file, text] of Object.entries(gcf))
      expect([file, text.match(NESTED)?.[0]]).toEqual([file, undefined]);
  });

  it('an init project with a bare sign and a stated rate', () => {
    expect(init.pdf).toContain('about $650,000 (currency not stated)');
    expect(init.pdf).toContain('CA$400,000 (≈ US$290,000 at the stated rate)');
    for (const [file, text] of Object.entries(init))
      expect([file, text.match(NESTED)?.[0]]).toEqual([file, undefined]);
  });
});
