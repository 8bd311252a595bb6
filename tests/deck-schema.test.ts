/**
 * Decks are valid against the ECMA-376 transitional schemas (issue 32, item 1), checked by
 * libxml2 over the published XSDs (tests/pptx/schema.py, tests/pptx/xsd). pptxgenjs 4.0.1
 * writes an <a:pPr> before every run of a paragraph, chart and presentation children out of
 * order and a third axis id on 2-D charts; PowerPoint is reported to offer a repair on such
 * files. The seed's, the Pacific fixture's and the init scaffold's decks, built by the CLI,
 * are checked part by part, and parts planted with a misplaced or unknown element fail the check.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { execFileSync } from 'node:child_process';
import { projectArgs, tempDir } from './helpers.js';
import { deckSchemaProblems, deckSchemaReport } from './pptx-schema.js';
import { onePPrPerParagraph } from '../src/compose/pptx/package.js';
import { inSchemaOrder } from '../src/compose/pptx/schema-order.js';

const decksIn = (out: string) =>
  readdirSync(path.join(out, 'decks'))
    .filter((f) => f.endsWith('.pptx'))
    .map((f) => path.join(out, 'decks', f));

/** A copy of `deck` with `part` rewritten by `edit` (which must change it). */
function planted(deck: string, part: string, edit: (xml: string) => string): string {
  const parts = unzipSync(readFileSync(deck));
  const xml = new TextDecoder().decode(parts[part]);
  const changed = edit(xml);
  expect(changed).not.toBe(xml);
  parts[part] = new TextEncoder().encode(changed);
  const file = path.join(tempDir('deck-schema-planted-'), path.basename(deck));
  writeFileSync(file, zipSync(parts));
  return file;
}

/** Puts `shape` (XML) at the end of slide 2's shape tree, declaring `ns` on its root. */
const inSpTree =
  (shape: string, ns = '') =>
  (xml: string) =>
    xml.replace(/<p:sld /, `<p:sld ${ns} `).replace('</p:spTree>', `${shape}</p:spTree>`);

const MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"';
const P14 = 'xmlns:p14="http://schemas.microsoft.com/office/powerpoint/2010/main"';

describe('deck XML against the ECMA-376 schemas', () => {
  const seed = tempDir('deck-schema-seed-');
  const pacific = tempDir('deck-schema-pacific-');
  // The built CLI, as users run it.
  const build = (args: string[]) =>
    execFileSync(process.execPath, ['dist/cli/bin.js', 'build', '--quiet', ...args], {
      stdio: 'pipe',
    });
  const scaffold = path.join(tempDir('deck-schema-init-'), 'project');
  beforeAll(() => {
    build(['--out', seed, '--only', 'decks']);
    build([...projectArgs('tests/fixtures/pacific'), '--out', pacific, '--only', 'decks']);
    execFileSync(process.execPath, ['dist/cli/bin.js', 'init', scaffold], { stdio: 'pipe' });
    build([...projectArgs(scaffold), '--out', path.join(scaffold, 'out'), '--only', 'decks']);
  }, 240_000);

  it('finds every part of the seed decks valid', () => {
    const decks = decksIn(seed);
    expect(decks.length).toBeGreaterThan(0);
    expect(deckSchemaProblems(decks)).toEqual([]);
  });

  it('finds every part of the Pacific decks valid', () => {
    const decks = decksIn(pacific);
    expect(decks.length).toBeGreaterThan(1);
    expect(deckSchemaProblems(decks)).toEqual([]);
  });

  it("finds every part of the decks of `bulletin init`'s project valid", () => {
    const decks = decksIn(path.join(scaffold, 'out'));
    expect(decks.length).toBeGreaterThan(1);
    expect(deckSchemaProblems(decks)).toEqual([]);
  });

  it('fails a deck with a second <a:pPr> planted between runs', () => {
    const bad = planted(decksIn(seed)[0]!, 'ppt/slides/slide2.xml', (xml) =>
      xml.replace(/(<a:p>(?:<a:pPr\b[^]*?<\/a:pPr>)?<a:r>[^]*?<\/a:r>)/, '$1<a:pPr/>'),
    );
    expect(deckSchemaProblems([bad])).toEqual([
      expect.stringMatching(
        /slide2\.xml: line \d+: \/p:sld\/.*\/a:p(\[\d+\])?\/a:pPr\[2\]: Element 'a:pPr': This element is not expected/,
      ),
    ]);
  });

  it('fails a deck with an unknown element in a shape tree, a chart or a package part', () => {
    const deck = decksIn(seed)[0]!;
    const slide = planted(deck, 'ppt/slides/slide2.xml', inSpTree('<p:shape/>'));
    expect(deckSchemaProblems([slide])).toEqual([
      expect.stringMatching(/slide2\.xml: .*Element 'p:shape': This element is not expected/),
    ]);
    const chart = planted(deck, 'ppt/charts/chart1.xml', (xml) =>
      xml.replace(/(<c:grouping [^>]*\/>)(<c:varyColors [^>]*\/>)/, '$2$1'),
    );
    expect(deckSchemaProblems([chart])).toEqual([
      expect.stringMatching(/chart1\.xml: .*Element 'c:varyColors': This element is not expected/),
    ]);
    // The package's own parts: the claims we carry in docProps/custom.xml (claims-part.ts).
    const custom = planted(deck, 'docProps/custom.xml', (xml) =>
      xml.replace('<property ', '<property bogus="1" '),
    );
    expect(deckSchemaProblems([custom])).toEqual([
      expect.stringMatching(/custom\.xml: .*'cp:property', attribute 'bogus'/),
    ]);
  });

  it("tells an error a template's own layout carries in from ours", () => {
    // One of our decks as the organisation's template, a layout planted with a bad anchor.
    const org = planted(decksIn(seed)[0]!, 'ppt/slideLayouts/slideLayout2.xml', (xml) =>
      xml.replace('<a:bodyPr wrap="square" rtlCol="0">', '<a:bodyPr anchor="middle">'),
    );
    const templates = path.join(tempDir('deck-schema-org-'), 'templates');
    cpSync('templates', templates, { recursive: true });
    cpSync(org, path.join(templates, 'deck', 'Organisation.pptx'));
    const out = tempDir('deck-schema-org-out-');
    build(['--templates', templates, '--out', out, '--only', 'decks', '--partner', 'japan']);
    const decks = decksIn(out);
    const report = deckSchemaReport(decks, org);
    expect(report.ours).toEqual([]);
    expect(report.template).toEqual([
      expect.stringMatching(/slideLayout\d+\.xml: .*The value 'middle' is not an element/),
    ]);
    expect(deckSchemaProblems(decks)).toEqual(report.template);
  }, 120_000);

  // ECMA-376 Part 3: a consumer of the base schemas reads the Fallback of a Choice it does not
  // understand, and ignores what an mc:Ignorable namespace adds; anything else must fail.
  it('reads Markup Compatibility as a base-schema consumer does', () => {
    const deck = decksIn(seed)[0]!;
    const slide = 'ppt/slides/slide2.xml';
    const transition = (choice: string) =>
      '<mc:AlternateContent>' +
      `<mc:Choice Requires="${choice}"><p:transition spd="slow" p14:dur="2000"/></mc:Choice>` +
      '<mc:Fallback><p:transition spd="slow"/></mc:Fallback></mc:AlternateContent>';
    const afterTree = (part: string) => (xml: string) =>
      xml
        .replace(/<p:sld /, `<p:sld ${MC} ${P14} `)
        .replace('</p:clrMapOvr></p:sld>', `</p:clrMapOvr>${part}</p:sld>`);
    const fallback = planted(deck, slide, afterTree(transition('p14')));
    expect(deckSchemaProblems([fallback])).toEqual([]);
    // A Choice of understood namespaces is taken, and its p14:dur is then an error.
    const taken = planted(deck, slide, afterTree(transition('p')));
    expect(deckSchemaProblems([taken])).toEqual([
      expect.stringMatching(/2010\/main}dur' is not allowed/),
    ]);
    const mark = '<p:sp><p:nvSpPr><p:cNvPr id="99" name="x" p14:mark="1"/><p:cNvSpPr/><p:nvPr/>';
    const shape = `${mark}</p:nvSpPr><p:spPr/></p:sp>`;
    const ignorable = planted(deck, slide, inSpTree(shape, `${MC} ${P14} mc:Ignorable="p14"`));
    expect(deckSchemaProblems([ignorable])).toEqual([]);
    const notIgnorable = planted(deck, slide, inSpTree(shape, `${MC} ${P14}`));
    expect(deckSchemaProblems([notIgnorable])).toEqual([
      expect.stringMatching(/2010\/main}mark' is not allowed/),
    ]);
    // A namespace the part says must be understood, and is not, fails the part.
    const must = planted(deck, slide, inSpTree('', `${MC} ${P14} mc:MustUnderstand="p14"`));
    expect(deckSchemaProblems([must])).toEqual([
      expect.stringMatching(/slide2\.xml: line \d+: \/p:sld: mc:MustUnderstand names .*2010\/main/),
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

describe('inSchemaOrder', () => {
  it("puts pptxgenjs's chart children in the schema's order and count", () => {
    const xml =
      '<?xml version="1.0"?><c:plotArea><c:lineChart><c:varyColors val="0"/>' +
      '<c:ser><c:idx val="0"/><c:order val="0"/><c:invertIfNegative val="0"/></c:ser>' +
      '<c:axId val="1"/><c:axId val="2"/><c:axId val="3"/></c:lineChart>' +
      '<c:barChart><c:barDir val="bar"/><c:ser><c:idx val="0"/><c:dLbls/> <c:dPt/></c:ser>' +
      '</c:barChart><c:catAx><c:noMultiLvlLbl val="1"/><c:tickLblSkip val="1"/></c:catAx>' +
      '<c:other><c:b/><c:a/></c:other></c:plotArea>';
    expect(inSchemaOrder(xml)).toBe(
      '<?xml version="1.0"?><c:plotArea><c:lineChart><c:grouping val="standard"/>' +
        '<c:varyColors val="0"/><c:ser><c:idx val="0"/><c:order val="0"/></c:ser>' +
        '<c:axId val="1"/><c:axId val="2"/></c:lineChart>' +
        '<c:barChart><c:barDir val="bar"/><c:ser><c:idx val="0"/><c:dPt/><c:dLbls/></c:ser>' +
        '</c:barChart><c:catAx><c:tickLblSkip val="1"/><c:noMultiLvlLbl val="1"/></c:catAx>' +
        '<c:other><c:b/><c:a/></c:other></c:plotArea>',
    );
  });

  it('leaves alone an element holding a child it does not know', () => {
    const xml = '<c:catAx><c:noMultiLvlLbl/><c:unknown/><c:tickLblSkip/></c:catAx>';
    expect(inSchemaOrder(xml)).toBe(xml);
  });
});
