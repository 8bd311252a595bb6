/**
 * What a screen reader and PowerPoint's accessibility checker see in the decks: a title
 * placeholder on every slide, the title first in reading order, decorative shapes marked,
 * and house fonts described so a viewer without them substitutes a look-alike.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import JSZip from 'jszip';
import { prepare } from '../src/index.js';
import { decksRenderer } from '../src/compose/pptx/index.js';
import { markDecorative } from '../src/compose/pptx/a11y.js';

const OPTS = { data: 'data/bulletin.json', templates: 'templates', out: '/tmp/decks-a11y-test' };
const zips = new Map<string, JSZip>();

beforeAll(async () => {
  const ctx = await prepare(OPTS);
  for (const d of await decksRenderer.render(ctx, decksRenderer.units(ctx)))
    zips.set(d.partner!, await JSZip.loadAsync(d.bytes));
}, 300_000);

const parts = (z: JSZip, re: RegExp) =>
  Object.keys(z.files)
    .filter((n) => re.test(n))
    .sort((a, b) => Number(/(\d+)\.xml$/.exec(a)![1]) - Number(/(\d+)\.xml$/.exec(b)![1]));
const shapes = (xml: string) => [...xml.matchAll(/<p:(sp|graphicFrame|pic)>[\s\S]*?<\/p:\1>/g)];

describe('deck accessibility', () => {
  it('puts every slide title in a title placeholder, first in reading order', async () => {
    let slides = 0;
    for (const [id, z] of zips) {
      for (const name of parts(z, /^ppt\/slides\/slide\d+\.xml$/)) {
        slides++;
        const all = shapes(await z.file(name)!.async('string'));
        const titles = all.filter((m) => /<p:ph\b[^>]*type="title"/.test(m[0]));
        expect(titles.length, `${id} ${name}`).toBe(1);
        expect(titles[0]![0], `${id} ${name}`).toMatch(/<a:t>[^<]+<\/a:t>/);
        expect(all[0]![0], `${id} ${name}: title is the first shape`).toBe(titles[0]![0]);
        // Written as PowerPoint writes it: one line, matched to its layout by type, no idx.
        expect(titles[0]![0], `${id} ${name}`).toContain('<p:ph type="title"/>');
      }
    }
    expect(slides).toBeGreaterThan(20);
  });

  it('marks every textless shape decorative, in slides, layouts and masters', async () => {
    let marked = 0;
    for (const z of zips.values()) {
      for (const name of parts(z, /^ppt\/(slides|slideLayouts|slideMasters)\/\w+\d+\.xml$/)) {
        for (const [shape] of shapes(await z.file(name)!.async('string'))) {
          if (!shape.startsWith('<p:sp>') || /<p:ph\b/.test(shape)) continue;
          const decorative = shape.includes('<adec:decorative ');
          expect(decorative, `${name}: ${shape.slice(0, 120)}`).toBe(!/<a:t>[^<]/.test(shape));
          if (decorative) marked++;
        }
      }
    }
    expect(marked).toBeGreaterThan(10);
  });

  it('leaves text shapes and placeholders alone when marking', () => {
    const line = '<p:sp><p:nvSpPr><p:cNvPr id="3" name="Shape 1"></p:cNvPr></p:nvSpPr></p:sp>';
    const text = '<p:sp><p:nvSpPr><p:cNvPr id="4" name="T"/></p:nvSpPr><a:t>Hi</a:t></p:sp>';
    const ph =
      '<p:sp><p:nvSpPr><p:cNvPr id="5" name="P"/><p:nvPr><p:ph type="body"/></p:nvPr></p:nvSpPr></p:sp>';
    expect(markDecorative(line)).toContain('<adec:decorative ');
    expect(markDecorative(text + ph)).toBe(text + ph);
    expect(markDecorative(markDecorative(line))).toBe(markDecorative(line));
  });

  it('describes the house fonts with PANOSE and a serif or sans pitch family', async () => {
    const z = zips.get('japan')!;
    const theme = await z.file('ppt/theme/theme1.xml')!.async('string');
    expect(theme).toMatch(
      /<a:latin typeface="Source Serif 4" panose="0204[0-9A-F]{16}" pitchFamily="18"/,
    );
    expect(theme).toMatch(
      /<a:latin typeface="Source Sans 3" panose="020B[0-9A-F]{16}" pitchFamily="34"/,
    );
  });
});
