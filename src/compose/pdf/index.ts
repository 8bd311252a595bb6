/** The PDF renderer: model → fitted page plan → pdfkit bytes. */
import PDFDocument from 'pdfkit';
import type { Artifact, BuildContext, Renderer } from '../types.js';
import { registerFonts, GlyphChecker, originIn, type Doc } from './fonts.js';
import { layoutBulletin } from './layout.js';
import { drawPlan } from './draw.js';
import type { ChartFigure } from './boxes.js';
import { getCharts } from '../../charts/render.js';

/** The layout's figures joined with their rendered charts (rendered once, shared with other formats). */
function chartFigures(ctx: BuildContext): ChartFigure[] {
  const figs = ctx.bulletin.figures;
  if (figs.length === 0) return [];
  const charts = getCharts(ctx);
  const sources = ctx.bulletin.sources.map((s) => [s.author, s.publisher].filter(Boolean).join(', ') || s.title).join('; ');
  return figs.flatMap((f) => {
    const c = charts.find((x) => x.id === f.chart && x.partner === undefined);
    if (!c) return [];
    const note = [...c.notes, `Source: ${sources}.`].join(' ');
    return [{ id: c.id, page: f.page, column: f.column, position: f.position, cutPriority: f.cutPriority, title: c.title, svg: c.svg, width: c.width, height: c.height, note }];
  });
}

function collect(doc: Doc): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

export const pdfRenderer: Renderer = {
  name: 'pdf',
  async render(ctx: BuildContext): Promise<Artifact[]> {
    const theme = ctx.theme.theme;
    const model = ctx.bulletin;
    const doc: Doc = new PDFDocument({
      size: theme.page.size,
      margin: 0,
      autoFirstPage: true,
      pdfVersion: '1.7',
      lang: model.meta.locale,
      displayTitle: true,
      info: { Title: model.meta.title, Author: model.meta.authors.map((a) => a.name).join(', '), Subject: model.meta.topic ?? model.meta.series, Creator: 'bulletin', Producer: 'bulletin', CreationDate: ctx.clock, ModDate: ctx.clock },
    });
    registerFonts(doc, ctx.theme);
    const measure = (text: string, font: string, size: number) => doc.font(font).fontSize(size).widthOfString(text);
    const plan = layoutBulletin(model, theme, measure, ctx.templates.root, theme.page.size, chartFigures(ctx));
    const texts = Object.entries(ctx.templates.liquid.files).map(([name, text]): [string, string] => [`${ctx.templates.root}/${name}`, text]);
    const glyphs = new GlyphChecker(ctx.theme, `${ctx.templates.root}/bulletin`, originIn([...texts, [ctx.data.file, ctx.data.text]]));
    const check = (lines: { pieces: { text: string; font: string }[] }[], where: string) => lines.forEach((l) => l.pieces.forEach((p) => glyphs.check(p.text, p.font, where)));
    check(plan.header.title.lines, 'title');
    check(plan.header.standfirst.lines, 'standfirst');
    plan.flow.placed.forEach((p) => check([p.line], p.where));
    glyphs.finish();
    const done = collect(doc);
    drawPlan(doc, plan, theme);
    doc.end();
    return [{ path: 'bulletin.pdf', kind: 'pdf', bytes: await done, pages: 2 }];
  },
};
