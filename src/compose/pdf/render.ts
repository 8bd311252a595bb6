/**
 * Draws the bulletin: model → fitted page plan → pdfkit bytes. Loaded only when the PDF is
 * rebuilt.
 */
import { at } from '../../checked.js';
import { requireCjs } from '../../cjs.js';
import type { Artifact, BuildContext, Unit } from '../types.js';
import { infoOf } from './info.js';
import { provenanceJson, PROVENANCE_FILE } from './provenance.js';
import { registerFonts, GlyphChecker, originIn, type Doc } from './fonts.js';
import { bulletinPlan } from './plan.js';
import type { PagePlan } from './page-plan.js';
import { paintPlan, pageGeometry } from './paint.js';
import { attachSourceData, escapeXmp, fixBaseSpec } from './standards.js';
import { getChart } from '../../charts/render.js';

const PDFDocument = requireCjs('pdfkit') as typeof import('pdfkit');

function collect(doc: Doc): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

/** The layout's charts, then the spares the composer added (box ids are "chart <key>"). */
function printedCharts(ctx: BuildContext, plan: PagePlan): string[] {
  const keys = ctx.bulletin.figures.map((f) => f.chart);
  for (const b of plan.boxes)
    if (b.content.kind === 'chart' && !keys.includes(b.id.slice('chart '.length)))
      keys.push(b.id.slice('chart '.length));
  return keys;
}

/** 3 mm of bleed, in points. */
const BLEED_PT = (3 / 25.4) * 72;

/** Renders the bulletin unit (when asked for) to bulletin.pdf. */
export async function renderPdf(ctx: BuildContext, units: Unit[]): Promise<Artifact[]> {
  if (units.length === 0) return [];
  const theme = ctx.theme.theme;
  const model = ctx.bulletin;
  // The file ID is derived from `info`, so fixed dates here make the bytes reproducible
  // (pdfkit#1183).
  const doc: Doc = new PDFDocument({
    autoFirstPage: false,
    margin: 0,
    pdfVersion: '1.7',
    subset: 'PDF/A-3a',
    tagged: true,
    lang: model.meta.locale,
    displayTitle: true,
    info: infoOf(ctx),
  } as PDFKit.PDFDocumentOptions);
  escapeXmp(doc);
  fixBaseSpec(doc);
  registerFonts(doc, ctx.theme);
  const plan = bulletinPlan(ctx, doc);
  const texts = Object.entries(ctx.templates.liquid.files).map(([name, text]): [string, string] => [
    `${ctx.templates.root}/${name}`,
    text,
  ]);
  const glyphs = new GlyphChecker(
    ctx.theme,
    `${ctx.templates.root}/bulletin`,
    originIn([...texts, [ctx.data.file, ctx.data.text]]),
  );
  const check = (lines: { pieces: { text: string; font: string }[] }[], where: string) =>
    lines.forEach((l) => l.pieces.forEach((p) => glyphs.check(p.text, p.font, where)));
  for (const b of [
    plan.header.title,
    plan.header.subtitle,
    plan.header.byline,
    plan.header.standfirst,
  ])
    if (b) check(b.lines, 'the bulletin header');
  plan.flow.placed.forEach((p) => check([p.line], p.where));
  plan.backMatter.blocks.forEach((b) => check(b.lines, 'the back matter'));
  glyphs.finish();
  const print = { bleed: ctx.print.bleed ? BLEED_PT : 0 };
  const done = collect(doc);
  doc.addPage({ size: pageGeometry(plan, print).media, margin: 0 });
  attachSourceData(
    doc,
    PROVENANCE_FILE,
    provenanceJson(
      model,
      printedCharts(ctx, plan).flatMap((key) => getChart(ctx, key) ?? []),
    ),
    ctx.clock,
  );
  paintPlan(doc, plan, theme, model.meta.locale, print);
  doc.end();
  const step = at(plan.steps, plan.step, 'type step');
  const slack = Math.round(Math.max(0, ...plan.gaps));
  const fit = {
    step: plan.step,
    steps: plan.stepCount,
    bodySize: step.body,
    cut: plan.cut,
    slack,
    // Whole lines of body text the last page could still take.
    emptyLines: Math.floor(plan.gaps.reduce((s, g) => s + g, 0) / step.leading),
  };
  return [{ path: 'bulletin.pdf', kind: 'pdf', bytes: await done, pages: 2, fit }];
}
