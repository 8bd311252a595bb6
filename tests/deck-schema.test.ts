/**
 * Decks keep to ECMA-376's content models for text (issue 32, item 1): pptxgenjs 4.0.1 writes
 * an <a:pPr> before every run of a paragraph, and PowerPoint is reported to offer a repair on
 * such files. The seed's and the Pacific fixture's decks, built by the CLI, are checked part
 * by part, and a paragraph with a planted second <a:pPr> fails the check.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { execFileSync } from 'node:child_process';
import { projectArgs, tempDir } from './helpers.js';
import { deckSchemaProblems } from './pptx-schema.js';
import { onePPrPerParagraph } from '../src/compose/pptx/package.js';

const decksIn = (out: string) =>
  readdirSync(path.join(out, 'decks'))
    .filter((f) => f.endsWith('.pptx'))
    .map((f) => path.join(out, 'decks', f));

describe('deck XML against the schema', () => {
  const seed = tempDir('deck-schema-seed-');
  const pacific = tempDir('deck-schema-pacific-');
  // The built CLI, as users run it.
  const build = (args: string[]) =>
    execFileSync(process.execPath, ['dist/cli/bin.js', 'build', '--quiet', ...args], {
      stdio: 'pipe',
    });
  beforeAll(() => {
    build(['--out', seed]);
    build([...projectArgs('tests/fixtures/pacific'), '--out', pacific]);
  }, 240_000);

  it('has every paragraph of the seed decks in schema order', () => {
    const decks = decksIn(seed);
    expect(decks.length).toBeGreaterThan(0);
    expect(deckSchemaProblems(decks)).toEqual([]);
  });

  it('has every paragraph of the Pacific decks in schema order', () => {
    const decks = decksIn(pacific);
    expect(decks.length).toBeGreaterThan(1);
    expect(deckSchemaProblems(decks)).toEqual([]);
  });

  it('fails a deck with a second <a:pPr> planted between runs', () => {
    const deck = decksIn(seed)[0]!;
    const parts = unzipSync(readFileSync(deck));
    const name = 'ppt/slides/slide2.xml';
    const xml = new TextDecoder().decode(parts[name]);
    const planted = xml.replace(
      /(<a:p>(?:<a:pPr\b[^]*?<\/a:pPr>)?<a:r>[^]*?<\/a:r>)/,
      '$1<a:pPr/>',
    );
    expect(planted).not.toBe(xml);
    parts[name] = new TextEncoder().encode(planted);
    const bad = path.join(tempDir('deck-schema-bad-'), 'planted.pptx');
    writeFileSync(bad, zipSync(parts));
    expect(deckSchemaProblems([bad])).toEqual([
      expect.stringMatching(/slide2\.xml: paragraph \d+: <a:pPr> after <a:r>/),
    ]);
  });
});

describe('onePPrPerParagraph', () => {
  it("keeps a paragraph's first properties, first, and drops those repeated per run", () => {
    const xml =
      '<a:p><a:pPr marL="9"><a:buChar char="•"/></a:pPr><a:r><a:t>March</a:t></a:r>' +
      '<a:pPr indent="0"><a:buNone/></a:pPr><a:r><a:t> text</a:t></a:r><a:endParaRPr/></a:p>' +
      '<a:p><a:r><a:t>x</a:t></a:r><a:pPr algn="r"/><a:r><a:t>y</a:t></a:r></a:p>';
    expect(onePPrPerParagraph(xml)).toBe(
      '<a:p><a:pPr marL="9"><a:buChar char="•"/></a:pPr><a:r><a:t>March</a:t></a:r>' +
        '<a:r><a:t> text</a:t></a:r><a:endParaRPr/></a:p>' +
        '<a:p><a:pPr algn="r"/><a:r><a:t>x</a:t></a:r><a:r><a:t>y</a:t></a:r></a:p>',
    );
  });
});
