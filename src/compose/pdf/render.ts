/** Draws the bulletin: model → fitted page plan → pdfkit bytes. Loaded only when the PDF is rebuilt. */
import PDFDocument from 'pdfkit';
import type { Artifact, BuildContext, Unit } from '../types.js';
import { infoOf } from './index.js';
import { provenanceJson, PROVENANCE_FILE } from './provenance.js';
import { registerFonts, GlyphChecker, originIn, type Doc } from './fonts.js';
import { layoutBulletin } from './layout.js';
import { paintPlan, pageGeometry } from './paint.js';
import { attachSourceData, escapeXmp } from './standards.js';
import type { ChartFigure } from './boxes.js';
import { getChart } from '../../charts/render.js';

/** The layout's figures joined with their rendered charts (rendered once, shared with other formats). */
function chartFigures(ctx: BuildContext): ChartFigure[] {
  const figs = ctx.bulletin.figures;
  if (figs.length === 0) return [];
  const sources = ctx.bulletin.sources.map((s) => [s.author, s.publisher].filter(Boolean).join(', ') || s.title).join('; ');
  return figs.flatMap((f) => {
    // Only the charts the page shows are drawn here; the rest wait for whoever needs them.
    const c = getChart(ctx, f.chart);
    if (!c || c.partner !== undefined) return [];
    const note = [...c.notes, `Source: ${sources}.`].join(' ');
    return [{ id: c.id, page: f.page, column: f.column, position: f.position, cutPriority: f.cutPriority, title: c.title, svg: c.svg, width: c.width, height: c.height, note, alt: `${c.alt} ${c.takeaway}` }];
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

/** 3 mm of bleed, in points. */
const BLEED_PT = (3 / 25.4) * 72;

/** Renders the bulletin unit (when asked for) to bulletin.pdf. */
export async function renderPdf(ctx: BuildContext, units: Unit[]): Promise<Artifact[]> {
  if (units.length === 0) return [];
  const theme = ctx.theme.theme;
  const model = ctx.bulletin;
  const info = infoOf(ctx);
  // The file ID is derived from `info`, so fixed dates here make the bytes reproducible (pdfkit#1183).
  const doc: Doc = new PDFDocument({
    autoFirstPage: false, margin: 0, pdfVersion: '1.7', subset: 'PDF/A-3b', tagged: true, lang: model.meta.locale, displayTitle: true, info,
  } as PDFKit.PDFDocumentOptions);
  escapeXmp(doc);
  registerFonts(doc, ctx.theme);
  const measure = (text: string, font: string, size: number) => doc.font(font).fontSize(size).widthOfString(text);
  const paper = ctx.print.paper ?? theme.page.size;
  const plan = layoutBulletin(model, theme, measure, ctx.templates.root, paper, chartFigures(ctx));
  const texts = Object.entries(ctx.templates.liquid.files).map(([name, text]): [string, string] => [`${ctx.templates.root}/${name}`, text]);
  const glyphs = new GlyphChecker(ctx.theme, `${ctx.templates.root}/bulletin`, originIn([...texts, [ctx.data.file, ctx.data.text]]));
  const check = (lines: { pieces: { text: string; font: string }[] }[], where: string) => lines.forEach((l) => l.pieces.forEach((p) => glyphs.check(p.text, p.font, where)));
  for (const b of [plan.header.title, plan.header.subtitle, plan.header.byline, plan.header.standfirst]) if (b) check(b.lines, 'the bulletin header');
  plan.flow.placed.forEach((p) => check([p.line], p.where));
  plan.backMatter.blocks.forEach((b) => check(b.lines, 'the back matter'));
  glyphs.finish();
  const print = { bleed: ctx.print.bleed ? BLEED_PT : 0 };
  const done = collect(doc);
  doc.addPage({ size: pageGeometry(plan, print).media, margin: 0 });
  attachSourceData(doc, PROVENANCE_FILE, provenanceJson(model, ctx.bulletin.figures.flatMap((f) => getChart(ctx, f.chart) ?? [])), ctx.clock);
  paintPlan(doc, plan, theme, model.meta.locale, print);
  doc.end();
  return [{ path: 'bulletin.pdf', kind: 'pdf', bytes: await done, pages: 2 }];
}
