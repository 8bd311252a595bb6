/** The bulletin PDF, checked with real consumers: poppler (pdfinfo, pdffonts, pdfimages, pdftotext, pdfdetach) and qpdf. */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cli, dataWith, pdfInfo, pdfReadingText, tempDir, templatesWith } from './helpers.js';

let out: string;
let pdf: string;
const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8' });

beforeAll(async () => {
  out = tempDir();
  const r = await cli(['build', '--out', out, '--only', 'pdf']);
  expect(r.code, r.err).toBe(0);
  pdf = path.join(out, 'bulletin.pdf');
}, 60_000);

describe('standards', () => {
  it('two tagged US Letter pages, PDF 1.7', () => {
    const info = pdfInfo(pdf);
    expect(info).toMatchObject({ Pages: '2', Tagged: 'yes', 'PDF version': '1.7' });
    expect(info['Page size']).toMatch(/^612 x 792 pts/);
    expect(info.Title).toBe('NATO’s Asia-Pacific Partners & Their Ukraine Response');
  });
  it('embeds every font with a ToUnicode map', () => {
    const rows = run('pdffonts', [pdf]).trim().split('\n').slice(2);
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (const row of rows) expect(row).toMatch(/\s+yes\s+yes\s+yes\s+\d+\s+\d+$/);
  });
  it('passes qpdf --check', () => {
    const r = spawnSync('qpdf', ['--check', pdf], { encoding: 'utf8' });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/No syntax or stream encoding errors found/);
  });
  it('identifies itself as PDF/A-3a and PDF/UA-1 in well-formed XMP with an escaped title', () => {
    const xmp = run('pdfinfo', ['-meta', pdf]);
    expect(xmp).toMatch(
      /<pdfaid:part>3<\/pdfaid:part>\s*<pdfaid:conformance>A<\/pdfaid:conformance>/,
    );
    expect(xmp).toMatch(/<pdfuaid:part>1<\/pdfuaid:part>/);
    expect(xmp).toContain('Partners &amp; Their Ukraine Response');
    expect(xmp).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;|#)/);
    expect(xmp).toMatch(/<xmp:ModifyDate>2022-05-05T00:00:00Z<\/xmp:ModifyDate>/);
  });
  it('draws charts as vectors: no images at all', () => {
    expect(run('pdfimages', ['-list', pdf]).trim().split('\n')).toHaveLength(2);
  });
  it('has a structure tree with the language, headings, figures with alt text, and artifacts', () => {
    const raw = readFileSync(pdf).toString('latin1');
    expect(raw).toMatch(/\/StructTreeRoot/);
    expect(raw).toMatch(/\/Lang \(en-US\)/);
    expect(raw).toMatch(/\/DisplayDocTitle true/);
    for (const tag of ['/H1', '/H2', '/P', '/Figure', '/Caption', '/BlockQuote', '/Aside', '/Sect'])
      expect(raw).toContain(`/S ${tag}`);
    expect((raw.match(/\/S \/Figure/g) ?? []).length).toBe(3);
    expect(raw).toMatch(/\/Alt \(/);
  });
  it('puts a TrimBox on every page', () => {
    const boxes = run('pdfinfo', ['-box', '-f', '1', '-l', '2', pdf]);
    expect((boxes.match(/TrimBox:\s+0\.00\s+0\.00\s+612\.00\s+792\.00/g) ?? []).length).toBe(2);
  });
  it('embeds the facts it printed, with their citations, as an associated file', () => {
    expect(run('pdfdetach', ['-list', pdf])).toMatch(/1: bulletin-sources\.json/);
    const file = path.join(out, 'sources.json');
    run('pdfdetach', ['-save', '1', '-o', file, pdf]);
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    const loans = doc.facts.find((f: { id: string }) => f.id === 'japan-loans');
    expect(loans).toMatchObject({
      collection: 'measures',
      values: { amount: 300000000, previousAmount: 100000000, currency: '$' },
      cite: { source: 'apb', locator: 'Japan, ¶2' },
    });
    expect(doc.charts.map((c: { id: string }) => c.id).sort()).toEqual([
      'aid-by-partner',
      'first-measures',
      'oil-releases',
    ]);
  });
});

describe('reading order', () => {
  it('title, author, then every section in order, then the back matter', () => {
    const text = pdfReadingText(pdf);
    const order = [
      'NATO’s Asia-Pacific Partners & Their Ukraine Response',
      'Kimery Lynch',
      'The North Atlantic Treaty Organization',
      'JAPAN',
      'SOUTH KOREA',
      'AUSTRALIA',
      'NEW ZEALAND',
      'CONCLUSION',
      'is a Projects Coordinator',
    ];
    const at = order.map((s) => text.indexOf(s));
    expect(
      at.every((i) => i >= 0),
      JSON.stringify(at),
    ).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });
});

describe('print options', () => {
  it('--paper a4 --bleed adds 3 mm bleed, BleedBox, TrimBox and crop marks', async () => {
    const dir = tempDir();
    expect(
      (await cli(['build', '--out', dir, '--only', 'pdf', '--paper', 'a4', '--bleed'])).code,
    ).toBe(0);
    const boxes = run('pdfinfo', ['-box', path.join(dir, 'bulletin.pdf')]);
    expect(boxes).toMatch(/Page size:\s+648\.2\d+ x 894\.8\d+ pts/);
    // Page 2 too (pdfkit's addPage() without a size would make it US Letter).
    const both = run('pdfinfo', ['-f', '1', '-l', '2', path.join(dir, 'bulletin.pdf')]);
    expect(both.match(/Page\s+\d size:\s+648\.2\d+ x 894\.8\d+ pts/g)).toHaveLength(2);
    expect(boxes).toMatch(/BleedBox:\s+18\.00\s+18\.00\s+630\.29\s+876\.90/);
    expect(boxes).toMatch(/TrimBox:\s+26\.50\s+26\.50\s+621\.78\s+868\.39/);
    expect(pdfInfo(path.join(dir, 'bulletin.pdf')).Pages).toBe('2');
  }, 30_000);
  it('the masthead shows the issue number and date when the data gives them', async () => {
    const dir = tempDir();
    const data = dataWith([
      [
        '"topic": "Russia’s war on Ukraine, 2022"',
        '"topic": "Russia’s war on Ukraine, 2022", "number": "560", "issued": "2022-05"',
      ],
    ]);
    expect((await cli(['build', '--out', dir, '--only', 'pdf', '--data', data])).code).toBe(0);
    expect(pdfReadingText(path.join(dir, 'bulletin.pdf'))).toMatch(
      /^ASIA PACIFIC BULLETIN No\. 560 · May 2022 · East-West Center/,
    );
  }, 30_000);
  it('source links are real link annotations', async () => {
    const dir = tempDir();
    const data = dataWith([
      [
        '"publisher": "East-West Center",\n      "format"',
        '"publisher": "East-West Center",\n      "url": "https://www.eastwestcenter.org/",\n      "format"',
      ],
    ]);
    expect((await cli(['build', '--out', dir, '--only', 'pdf', '--data', data])).code).toBe(0);
    const raw = readFileSync(path.join(dir, 'bulletin.pdf')).toString('latin1');
    expect(raw).toMatch(/\/Subtype \/Link/);
    expect(raw).toContain('/URI (https://www.eastwestcenter.org/)');
  }, 30_000);
});

/** About eight lines of prose. */
const MORE_PROSE =
  'The record of those months shows how a small state far from the war could still make a difference. Wellington worked with partners on intelligence, logistics and diplomacy, and its officials kept in close touch with their counterparts in Europe, in Washington and across the Pacific throughout those weeks. '.repeat(
    2,
  );

describe('always two pages', () => {
  const fitOf = (dir: string) =>
    JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')).artifacts[0].fit;
  it('more prose: a tighter setting, still two pages', async () => {
    // Half the passage, about four lines: the seed now fills its pages at its own setting
    // (its qualified wording is longer), so eight lines more already cost the pull quote.
    const half = MORE_PROSE.slice(0, MORE_PROSE.length / 2);
    const templates = templatesWith('bulletin/partners/new-zealand.md.liquid', [
      ['Direct aid was not its only help.', `Direct aid was not its only help. ${half}`],
    ]);
    const dir = tempDir();
    expect(
      (await cli(['build', '--out', dir, '--only', 'pdf', '--templates', templates])).code,
    ).toBe(0);
    expect(pdfInfo(path.join(dir, 'bulletin.pdf')).Pages).toBe('2');
    expect(fitOf(dir).step).toBeGreaterThan(fitOf(out).step);
  }, 30_000);
  /** Copies templates/ with every partner section's paragraphs repeated `times` times. */
  function proseTimes(times: number): string {
    let templates = '';
    for (const id of ['japan', 'south-korea', 'australia', 'new-zealand']) {
      const file = `bulletin/partners/${id}.md.liquid`;
      const text = readFileSync(`templates/${file}`, 'utf8').trimEnd();
      const body = text.slice(text.indexOf('\n\n', text.indexOf('## ')));
      templates = templatesWith(file, [[body, body.repeat(times)]], templates || undefined);
    }
    return templates;
  }
  it('twice the prose: the smallest type step and optional boxes cut, still two pages', async () => {
    const dir = tempDir();
    // Twice each partner's prose, and a little more: the seed prints no disclaimer of its own.
    const templates = templatesWith(
      'bulletin/partners/new-zealand.md.liquid',
      [['Direct aid was not its only help.', `Direct aid was not its only help. ${MORE_PROSE}`]],
      proseTimes(2),
    );
    expect(
      (await cli(['build', '--out', dir, '--only', 'pdf', '--templates', templates])).code,
    ).toBe(0);
    expect(pdfInfo(path.join(dir, 'bulletin.pdf')).Pages).toBe('2');
    const fit = fitOf(dir);
    expect(fit.step).toBe(fit.steps - 1);
    expect(fit.cut.slice(0, 2)).toEqual(['pull-quote', 'key-figures']);
  }, 30_000);
  it('three times the prose: a clear overflow error, never a third page', async () => {
    const dir = tempDir();
    const r = await cli(['build', '--out', dir, '--only', 'pdf', '--templates', proseTimes(3)]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /does not fit on 2 pages: even at the smallest type step \(8\.75 pt\) and without key-figures and pull-quote and chart/,
    );
    expect(r.err).toMatch(
      /about \d+ pt \(\d+ lines\) is left over\. The longest parts are section "[^"]+" \(\d+ lines\)/,
    );
  }, 30_000);
  it('half the prose: larger type, above the theme steps if need be, and grown charts fill both pages', async () => {
    const dir = tempDir();
    let templates = '';
    for (const id of ['japan', 'south-korea', 'australia', 'new-zealand']) {
      const file = `bulletin/partners/${id}.md.liquid`;
      const text = readFileSync(path.join(templates || 'templates', file), 'utf8').trimEnd();
      const cut = text.slice(text.lastIndexOf('\n\n'));
      templates = templatesWith(file, [[cut, '\n']], templates || undefined);
    }
    expect(
      (await cli(['build', '--out', dir, '--only', 'pdf', '--templates', templates])).code,
    ).toBe(0);
    expect(pdfInfo(path.join(dir, 'bulletin.pdf')).Pages).toBe('2');
    const fit = fitOf(dir);
    expect(fit.bodySize).toBeGreaterThanOrEqual(10.5);
    // The last page ends within a few lines of its foot in every column.
    expect(fit.emptyLines).toBeLessThanOrEqual(4);
    expect(fit.slack).toBeLessThan(4 * 14);
  }, 30_000);
});
