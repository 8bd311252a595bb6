/**
 * Chart labels never print over each other (issue 28): read back from the built PDF (chart
 * text is glyph outlines there, so each string is one filled path in the ink colour, and
 * pdf.js gives its box), from the chart files (the boxes the vector context places, by the
 * face's own metrics) and from the web edition's SVG (boxes by the estimate its layout uses).
 * On the seed, the Pacific fixture and the Pacific fixture with long names and currencies
 * (en-US and en-NZ).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { chartTextBoxes, columnWidth, planCharts } from '../src/charts/render.js';
import { prepare } from '../src/index.js';
import { FONT, SMALL, textWidth } from '../src/compose/html/svg.js';
import { tempDir } from './helpers.js';
import { multiply, type Matrix } from '../src/charts/vector/path.js';

interface Box {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** The pairs of boxes that overlap by more than `slack` points both ways. */
function overlaps(boxes: Box[], slack = 0.25): string[] {
  const out: string[] = [];
  boxes.forEach((a, i) => {
    for (const b of boxes.slice(i + 1))
      if (
        Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > slack &&
        Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0) > slack
      )
        out.push(`"${a.text}" and "${b.text}"`);
  });
  return out;
}

/**
 * The Pacific fixture with longer names, a currency whose heading wraps, and prose long enough
 * that the PDF draws its charts at their own height (grown charts hid the collisions).
 */
function longNames(dir: string, locale: string): void {
  const more =
    '\nRecovery work continues across the region, and the register will be updated as ' +
    'members confirm what they pledged, what they delivered and when; until then the ' +
    'figures above are the pledges as stated, each in its own currency.\n';
  const conclusion = path.join(dir, 'templates/bulletin/conclusion.md.liquid');
  writeFileSync(conclusion, readFileSync(conclusion, 'utf8') + more.repeat(6));
  const file = path.join(dir, 'data/bulletin.json');
  const d = JSON.parse(readFileSync(file, 'utf8'));
  const rename: Record<string, string> = {
    vanuatu: 'Solomon Islands',
    tonga: 'Saint Vincent and the Grenadines',
    tuvalu: 'Commonwealth of the Northern Mariana Islands',
  };
  for (const p of d.partners) p.name = rename[p.id] ?? p.name;
  d.bulletin.locale = locale;
  for (const m of d.measures) if (m.currency === 'VUV') m.currency = 'SBD';
  writeFileSync(file, JSON.stringify(d, null, 2));
}

const PROJECTS = {
  seed: { data: 'data/bulletin.json', templates: 'templates' },
  pacific: {
    data: 'tests/fixtures/pacific/data/bulletin.json',
    templates: 'tests/fixtures/pacific/templates',
  },
  'long names': { data: '', templates: '' },
  'long names, en-NZ': { data: '', templates: '' },
};
type Name = keyof typeof PROJECTS;

const built: Partial<Record<Name, string>> = {};

beforeAll(() => {
  for (const [name, locale] of [
    ['long names', 'en-US'],
    ['long names, en-NZ', 'en-NZ'],
  ] as const) {
    const dir = tempDir('bulletin-long-names-');
    cpSync('tests/fixtures/pacific', dir, { recursive: true });
    longNames(dir, locale);
    PROJECTS[name] = {
      data: path.join(dir, 'data/bulletin.json'),
      templates: path.join(dir, 'templates'),
    };
  }
  // The built CLI, as users run it.
  for (const name of Object.keys(PROJECTS) as Name[]) {
    const out = tempDir(`bulletin-labels-${name.replace(/\W+/g, '-')}-`);
    const p = PROJECTS[name];
    execFileSync(
      'node',
      ['dist/cli/bin.js', 'build', '--data', p.data, '--templates', p.templates, '--out', out],
      { stdio: 'pipe' },
    );
    built[name] = out;
  }
}, 120_000);

/** Boxes of the paths a page fills in `ink`: in the charts, each is one drawn string. */
async function inkBoxes(file: string, ink: string): Promise<Box[][]> {
  const doc = await getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0 }).promise;
  const pages: Box[][] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const ops = await (await doc.getPage(n)).getOperatorList();
    let ctm: Matrix = [1, 0, 0, 1, 0, 0];
    let fill = '';
    let clip: Box | undefined;
    // pdf.js lists a clip before the path it clips to.
    let clipNext = false;
    const stack: [Matrix, string, Box | undefined][] = [];
    const boxes: Box[] = [];
    const onPage = ([a, b, c, d]: number[]): Box => {
      const p = [
        [a!, b!],
        [c!, d!],
      ].map(([x, y]) => [ctm[0] * x! + ctm[2] * y! + ctm[4], ctm[1] * x! + ctm[3] * y! + ctm[5]]);
      const xs = p.map((q) => q[0]!);
      const ys = p.map((q) => q[1]!);
      const [x0, y0] = [Math.min(...xs), Math.min(...ys)];
      const text = `page ${n}: ink at ${Math.round(x0)},${Math.round(y0)}`;
      return { text, x0, y0, x1: Math.max(...xs), y1: Math.max(...ys) };
    };
    ops.fnArray.forEach((fn, i) => {
      const args = ops.argsArray[i];
      if (fn === OPS.save) stack.push([ctm, fill, clip]);
      else if (fn === OPS.restore) [ctm, fill, clip] = stack.pop() ?? [ctm, fill, clip];
      else if (fn === OPS.transform) ctm = multiply(ctm, args as Matrix);
      else if (fn === OPS.setFillRGBColor) fill = String(args[0]).toLowerCase();
      else if (fn === OPS.clip) clipNext = true;
      else if (fn === OPS.constructPath) {
        const path = onPage(args[2] as number[]);
        if (clipNext) [clip, clipNext] = [path, false];
        if (args[0] !== OPS.fill || fill !== ink) return;
        // A string that a clip cuts is not fully printed: that fails too.
        const cut = clip && (path.x0 < clip.x0 - 0.5 || path.x1 > clip.x1 + 0.5);
        boxes.push(cut ? { ...path, text: `${path.text}, cut by a clip`, x0: -1e6 } : path);
      }
    });
    pages.push(boxes);
  }
  await doc.destroy();
  return pages;
}

describe.each(Object.keys(PROJECTS) as Name[])('chart labels: %s', (name) => {
  it('no two strings of a chart in the PDF overlap', async () => {
    const p = PROJECTS[name];
    const theme = JSON.parse(readFileSync(path.join(p.templates, 'theme/theme.json'), 'utf8'));
    const pages = await inkBoxes(path.join(built[name]!, 'bulletin.pdf'), theme.colors.ink);
    // The charts' strings are there to be checked (legend, labels, figures).
    expect(pages.flat().length).toBeGreaterThan(20);
    for (const boxes of pages) {
      expect(boxes.filter((b) => b.x0 === -1e6).map((b) => b.text)).toEqual([]);
      expect(overlaps(boxes)).toEqual([]);
    }
  });

  it('no two labels of a chart file overlap, at its height and grown', async () => {
    const p = PROJECTS[name];
    const ctx = await prepare({ data: p.data, templates: p.templates, out: tempDir() });
    for (const c of planCharts(ctx))
      for (const grow of [1, 1.5]) {
        const boxes = chartTextBoxes(ctx, c.key, Math.round(c.inst.spec.height * grow));
        expect(boxes.length).toBeGreaterThan(0);
        expect(overlaps(boxes), `${c.key} at ${grow}×`).toEqual([]);
        // Nothing is cut at the chart's edges.
        const width = Math.round(columnWidth(ctx.theme.theme));
        expect(Math.min(...boxes.map((b) => b.x0)), c.key).toBeGreaterThanOrEqual(0);
        expect(Math.max(...boxes.map((b) => b.x1)), c.key).toBeLessThanOrEqual(width + 0.5);
      }
  });

  it("no two labels of the web edition's charts overlap", () => {
    const html = readFileSync(path.join(built[name]!, 'bulletin.html'), 'utf8');
    const svgs = [...html.matchAll(/<svg class="chart-svg"[\s\S]*?<\/svg>/g)].map((m) => m[0]);
    expect(svgs.length).toBeGreaterThan(0);
    for (const svg of svgs) {
      const boxes = [...svg.matchAll(/<text([^>]*)>([^<]*)<\/text>/g)].map((m) => {
        const attrs = m[1]!;
        const num = (k: string) => Number(new RegExp(`\\b${k}="([\\d.-]+)"`).exec(attrs)?.[1]);
        const size = attrs.includes('class="small"') ? SMALL : FONT;
        const text = m[2]!.replace(/&[a-z]+;|&#\d+;/g, 'x');
        const w = textWidth(text, size);
        const x = num('x');
        const x0 = attrs.includes('text-anchor="end"') ? x - w : x;
        // Ascent and descent of a sans at 0.8 and 0.2 em.
        return { text, x0, x1: x0 + w, y0: num('y') - size * 0.8, y1: num('y') + size * 0.2 };
      });
      expect(overlaps(boxes), svg.slice(0, 200)).toEqual([]);
    }
  });
});
