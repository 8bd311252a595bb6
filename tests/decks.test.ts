/**
 * The partner decks, read back as what they are: zip parts, XML, chart caches and notes.
 * Builds in memory (prepare + the decks renderer); nothing is written.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import JSZip from 'jszip';
import { createHash } from 'node:crypto';
import { prepare, InputError } from '../src/index.js';
import { decksRenderer } from '../src/compose/pptx/index.js';
import { parseLocatedJson, type LocatedJson } from '../src/load/json.js';
import { createEngine } from '../src/template/engine.js';
import type { Artifact, BuildContext } from '../src/compose/types.js';
import { countLines, fontMeasure } from '../src/compose/pptx/fit.js';
import fc from 'fast-check';

const OPTS = { data: 'data/bulletin.json', templates: 'templates', out: '/tmp/decks-test' };
type Rec = Record<string, unknown>;

let ctx: BuildContext;
let decks: Artifact[];
const zips = new Map<string, JSZip>();

beforeAll(async () => {
  ctx = await prepare(OPTS);
  decks = await renderDecks(ctx);
  for (const d of decks) zips.set(d.partner!, await JSZip.loadAsync(d.bytes));
});

const names = (z: JSZip) => Object.keys(z.files).filter((n) => !z.files[n]!.dir);
const read = (z: JSZip, n: string) => z.file(n)!.async('string');
const slideNames = (z: JSZip) =>
  names(z)
    .filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n))
    .sort((a, b) => num(a) - num(b));
const num = (n: string) => Number(/(\d+)\.xml$/.exec(n)![1]);
const texts = (xml: string) =>
  [...xml.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => m[1]!.replace(/&amp;/g, '&')).join(' ');

async function slideTexts(z: JSZip): Promise<string[]> {
  return Promise.all(slideNames(z).map(async (n) => texts(await read(z, n))));
}

/** Values cached in each bar chart part, by chart file (the timeline holds dates). */
async function chartValues(z: JSZip): Promise<number[][]> {
  const charts = names(z)
    .filter((n) => /^ppt\/charts\/chart\d+\.xml$/.test(n))
    .sort((a, b) => num(a) - num(b));
  const xmls = await Promise.all(charts.map((n) => read(z, n)));
  return Promise.all(
    xmls
      .filter((xml) => xml.includes('<c:barChart>'))
      .map(async (xml) => {
        const val = /<c:val>([\s\S]*?)<\/c:val>/.exec(xml)![1]!;
        return [...val.matchAll(/<c:v>([^<]*)<\/c:v>/g)].map((m) => Number(m[1]));
      }),
  );
}

const partner = (id: string) => (ctx.scope.partners as Rec[]).find((p) => p.id === id)!;
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

/** Renders every deck of a context, as a build does. */
async function renderDecks(ctx: BuildContext) {
  return decksRenderer.render(ctx, decksRenderer.units(ctx));
}

describe('partner decks', () => {
  it('builds one deck per deck partner, named by id', () => {
    expect(decks.map((d) => d.path)).toEqual(ctx.partners.map((id) => `decks/${id}.pptx`));
    expect(decks.length).toBeGreaterThanOrEqual(4);
    for (const d of decks) expect(d.kind).toBe('pptx');
  });

  it('has a real master, 16:9, and every content type and relationship points at a part', async () => {
    for (const [id, z] of zips) {
      const all = new Set(names(z));
      expect(names(z)[0], id).toBe('[Content_Types].xml');
      expect(all.has('ppt/slideMasters/slideMaster1.xml')).toBe(true);
      const layouts = await Promise.all(
        names(z)
          .filter((n) => /slideLayouts\/slideLayout\d+\.xml$/.test(n))
          .map((n) => read(z, n)),
      );
      expect(layouts.some((x) => /<p:cSld name="CONTENT"/.test(x))).toBe(true);
      const pres = await read(z, 'ppt/presentation.xml');
      expect(pres).toMatch(/<p:sldSz cx="12192000" cy="6858000"/);
      const ct = await read(z, '[Content_Types].xml');
      for (const m of ct.matchAll(/PartName="\/([^"]+)"/g))
        expect(all.has(m[1]!), `${id}: ${m[1]}`).toBe(true);
      expect(await read(z, '_rels/.rels')).toMatch(/Target="ppt\/presentation\.xml"/);
      const deck = decks.find((d) => d.partner === id)!;
      expect(slideNames(z).length).toBe(deck.slides);
    }
  });

  it('uses the house fonts and palette in the theme', async () => {
    const theme = await read(zips.get('japan')!, 'ppt/theme/theme1.xml');
    expect(theme).toContain('typeface="Source Serif 4"');
    expect(theme).toContain('typeface="Source Sans 3"');
    expect(theme).toContain(
      `<a:accent1><a:srgbClr val="${ctx.theme.theme.palette[0]!.slice(1).toUpperCase()}"/>`,
    );
  });

  it('puts the partner and its figures on the slides', async () => {
    const t = await slideTexts(zips.get('japan')!);
    expect(t[0]).toContain('Japan');
    expect(t[0]).toContain(ctx.dataset.bulletin.title);
    expect(t.join(' ')).toContain('22.5 million barrels');
    expect(t.join(' ')).toContain('$300 million');
  });

  it('has speaker notes with sources on every slide', async () => {
    for (const [id, z] of zips) {
      for (const s of slideNames(z)) {
        const rels = await read(z, s.replace('slides/', 'slides/_rels/') + '.rels');
        const note = /Target="\.\.\/notesSlides\/(notesSlide\d+\.xml)"/.exec(rels);
        expect(note, `${id} ${s}`).not.toBeNull();
        const text = texts(await read(z, `ppt/notesSlides/${note![1]}`));
        expect(text.length, `${id} ${s}`).toBeGreaterThan(40);
        expect(text, `${id} ${s}`).toMatch(/Source|NATO’s Asia-Pacific Partners/);
      }
    }
  });

  it('gives every chart and picture a meaningful alt text', async () => {
    let charts = 0;
    for (const z of zips.values()) {
      for (const s of slideNames(z)) {
        const xml = await read(z, s);
        for (const m of xml.matchAll(/<p:(pic|graphicFrame)>[\s\S]*?<\/p:\1>/g)) {
          charts++;
          const descr = /<p:cNvPr [^>]*descr="([^"]*)"/.exec(m[0])?.[1] ?? '';
          expect(descr.length).toBeGreaterThanOrEqual(15);
          expect(descr).toMatch(/^(Bar chart|Timeline)\b.+\.$/);
        }
      }
    }
    expect(charts).toBeGreaterThan(4);
  });

  it('charts the dataset figures', async () => {
    const [aid, comparison] = await chartValues(zips.get('australia')!);
    const au = partner('australia');
    expect(sorted(aid!)).toEqual(sorted((au.aid as Rec[]).map((m) => m.amount as number)));
    const totals = (ctx.scope.partners as Rec[])
      .filter((p) => p.deck)
      .map((p) => (p.aid_total as { amount: number }).amount);
    expect(sorted(comparison!)).toEqual(sorted(totals));
    const japan = await chartValues(zips.get('japan')!);
    const oil = ctx.dataset.measures
      .filter((m) => m.type === 'oil-stock-release')
      .map((m) => (m as { quantity: { value: number } }).quantity.value);
    expect(japan.some((v) => JSON.stringify(sorted(v)) === JSON.stringify(sorted(oil)))).toBe(true);
    expect(oil).toContain(22_500_000);
  });

  it('is byte-identical for identical inputs', async () => {
    const again = await renderDecks(await prepare(OPTS));
    const hash = (d: Artifact) => createHash('sha256').update(d.bytes).digest('hex');
    expect(again.map(hash)).toEqual(decks.map(hash));
    const core = await read(zips.get('japan')!, 'docProps/core.xml');
    expect(core).toContain(
      `<dcterms:created xsi:type="dcterms:W3CDTF">${ctx.clock.toISOString().replace(/\.\d{3}Z$/, 'Z')}</dcterms:created>`,
    );
    expect(core).toContain('Partners &amp; Their');
  });

  it('leaves out slides a partner with little data cannot fill', async () => {
    const small = await prepare({ ...OPTS, partners: ['singapore'] });
    const [deck] = await renderDecks(small);
    const japan = decks.find((d) => d.partner === 'japan')!;
    expect(deck!.slides).toBeLessThan(japan.slides!);
    const t = await slideTexts(await JSZip.loadAsync(deck!.bytes));
    expect(t.length).toBe(deck!.slides);
    for (const s of t.slice(1)) expect(s.replace(/\d+$/, '').trim().length).toBeGreaterThan(60);
    expect(t.join(' ')).not.toMatch(/emergency oil|described Singapore/);
  });
});

/** A context whose deck template or templates are replaced. */
function withDeck(
  base: BuildContext,
  deckJson?: string,
  liquid: Record<string, string> = {},
): BuildContext {
  const json: Record<string, LocatedJson> = { ...base.templates.json };
  if (deckJson !== undefined)
    json['deck/deck.json'] = parseLocatedJson('templates/deck/deck.json', deckJson) as LocatedJson;
  const set = { root: base.templates.root, files: { ...base.templates.liquid.files, ...liquid } };
  return {
    ...base,
    templates: { ...base.templates, json, liquid: set },
    engine: createEngine(set, base.dataset.bulletin.locale),
  };
}

async function thrown(p: Promise<unknown>): Promise<InputError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(InputError);
  return err as InputError;
}

describe('deck template errors', () => {
  it('names the file, line and JSON path of an unknown slide kind', async () => {
    const base = await prepare({ ...OPTS, partners: ['japan'] });
    const text = JSON.stringify(base.templates.json['deck/deck.json']!.value, null, 2).replace(
      '"kind": "timeline"',
      '"kind": "timelines"',
    );
    const err = await thrown(renderDecks(withDeck(base, text)));
    expect(err.problems[0]).toMatchObject({
      file: 'templates/deck/deck.json',
      path: 'slides[2].kind',
    });
    expect(err.problems[0]!.line).toBeGreaterThan(1);
    expect(err.message).toMatch(/must be one of .*"timeline"/);
  });

  it('fails a slide whose text cannot fit at the minimum size, naming template and slide', async () => {
    const base = await prepare({ ...OPTS, partners: ['japan'] });
    const long = Array.from({ length: 60 }, () => 'A very long headline that keeps going').join(
      ' ',
    );
    const err = await thrown(
      renderDecks(withDeck(base, undefined, { 'deck/takeaways-title.liquid': long })),
    );
    expect(err.code).toBe('E_DECK_FIT');
    expect(err.problems[0]).toMatchObject({ file: 'templates/deck/deck.json', path: 'slides[1]' });
    expect(err.message).toMatch(/title of the "takeaways" slide for Japan/);
  });

  it('fits a long partner name and a long quote by stepping the size down', async () => {
    const base = await prepare({ ...OPTS, partners: ['south-korea'] });
    const longName =
      'The Most Serene and Exceptionally Long-Named Republic of the Southern Pacific Islands';
    const quote = Array.from(
      { length: 5 },
      () => 'we stand with Ukraine in word and in deed, today and for as long as it takes',
    ).join(', ');
    const ctx2 = withDeck(base, undefined, {
      'deck/title.liquid': longName,
      'deck/quotes.md.liquid': `> “${quote}.”\n\nA speaker`,
    });
    const [deck] = await renderDecks(ctx2);
    const z = await JSZip.loadAsync(deck!.bytes);
    const cover = await read(z, 'ppt/slides/slide1.xml');
    const size = Number(
      /<a:rPr[^>]*sz="(\d+)"[^>]*>(?:(?!<\/a:r>)[\s\S])*?<a:t>The Most Serene/.exec(cover)![1],
    );
    expect(size).toBeLessThan(6000); // stepped down from the cover's 60pt
    expect(size).toBeGreaterThanOrEqual(3600);
  });
});

describe('handling line and document properties', () => {
  it('shows a handling line from the data on the cover and escapes it and the title', async () => {
    const base = await prepare({ ...OPTS, partners: ['japan'] });
    const scope = {
      ...base.scope,
      bulletin: { ...(base.scope.bulletin as Rec), handling: 'OFFICIAL & "SENSITIVE" <draft>' },
    };
    const [deck] = await renderDecks({ ...base, scope });
    const z = await JSZip.loadAsync(deck!.bytes);
    const cover = await read(z, 'ppt/slides/slide1.xml');
    expect(cover).toContain('OFFICIAL &amp; &quot;SENSITIVE&quot; &lt;draft&gt;');
    expect(await read(z, 'docProps/core.xml')).toMatch(
      /<dc:title>NATO’s Asia-Pacific Partners &amp; Their Ukraine Response: Japan<\/dc:title>/,
    );
  });
});

describe('text measurement', () => {
  it('never needs more lines in a wider box', async () => {
    const measure = fontMeasure((await prepare(OPTS)).theme);
    const style = { family: 'sans' as const, size: 20, min: 14, leading: 1.2 };
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom(
            'aid',
            'sanctions',
            'emergency',
            'oil',
            'partner',
            'NATO',
            '$300 million',
          ),
          { minLength: 1, maxLength: 40 },
        ),
        fc.integer({ min: 100, max: 500 }),
        (words, w) => {
          const runs = [{ text: words.join(' ') }];
          return (
            countLines(runs, w + 100, style, 20, measure) <= countLines(runs, w, style, 20, measure)
          );
        },
      ),
      { numRuns: 200, seed: 226 },
    );
  });
});
