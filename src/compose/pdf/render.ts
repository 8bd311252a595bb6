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
import { paintPlan, pageGeometry, type PrintOptions } from './paint.js';
import { makePdfx } from './pdfx.js';
import { cmykConverter } from './cmyk.js';
import { attachSourceData, escapeXmp, fixBaseSpec } from './standards.js';
import { deflateStreams } from './deflate.js';
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

/** The print edition's unit key and file (issue 34). */
export const PRINT_UNIT = 'bulletin-print';
export const PRINT_FILE = 'bulletin-print.pdf';

/** Renders the units asked for: the screen edition, the print edition, or both. */
export async function renderPdf(ctx: BuildContext, units: Unit[]): Promise<Artifact[]> {
  const out: Artifact[] = [];
  for (const unit of units)
    out.push(await renderEdition(ctx, unit.key === PRINT_UNIT ? 'print' : 'screen'));
  return out;
}

/**
 * A new document for an edition. The screen edition is PDF/A-3a and PDF/UA-1; the print
 * edition PDF/X-4, whose base is PDF 1.6, in CMYK. Both are tagged, from the same plan.
 */
async function openDoc(ctx: BuildContext, edition: 'screen' | 'print'): Promise<Doc> {
  const model = ctx.bulletin;
  const print = edition === 'print' ? ctx.editions.print : undefined;
  // The file ID is derived from `info`, so fixed dates here make the bytes reproducible
  // (pdfkit#1183).
  const doc: Doc = new PDFDocument({
    autoFirstPage: false,
    margin: 0,
    pdfVersion: print ? '1.6' : '1.7',
    ...(print ? {} : { subset: 'PDF/A-3a' }),
    tagged: true,
    lang: model.meta.locale,
    displayTitle: true,
    info: infoOf(ctx),
  } as PDFKit.PDFDocumentOptions);
  if (print) makePdfx(doc, print.profile, await cmykConverter(print.profile, ctx.theme.theme));
  else escapeXmp(doc);
  fixBaseSpec(doc);
  deflateStreams(doc);
  registerFonts(doc, ctx.theme);
  return doc;
}

/** The print edition's paper: 3 mm bleed always; marks and a slug line when asked for. */
function printPaper(ctx: BuildContext, doc: Doc, edition: 'screen' | 'print'): PrintOptions {
  const print = edition === 'print' ? ctx.editions.print : undefined;
  if (!print) return { bleed: ctx.print.bleed ? BLEED_PT : 0 };
  if (!print.marks) return { bleed: BLEED_PT, marks: false };
  // Registration ("All"): the marks print on every plate, so each plate can be trimmed by them.
  (
    doc as unknown as { addSpotColor(n: string, c: number, m: number, y: number, k: number): void }
  ).addSpotColor('All', 100, 100, 100, 100);
  const meta = ctx.bulletin.meta;
  return {
    bleed: BLEED_PT,
    marks: true,
    markColor: 'All',
    slug: (page) =>
      `${meta.series} · ${meta.title} · ${PRINT_FILE} · ${print.profile.identifier} · ` +
      `trim ${ctx.print.paper ?? ctx.theme.theme.page.size}, bleed 3 mm · page ${page + 1} of 2`,
  };
}

/** Renders one edition of the bulletin. */
async function renderEdition(ctx: BuildContext, edition: 'screen' | 'print'): Promise<Artifact> {
  const theme = ctx.theme.theme;
  const model = ctx.bulletin;
  const doc = await openDoc(ctx, edition);
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
  const print = printPaper(ctx, doc, edition);
  const done = collect(doc);
  doc.addPage({ size: pageGeometry(plan, print).media, margin: 0 });
  // The screen edition carries the data it prints (PDF/A-3 associated file); a print shop's
  // file carries print only.
  if (edition === 'screen')
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
  const file = edition === 'print' ? PRINT_FILE : 'bulletin.pdf';
  return { path: file, kind: 'pdf', bytes: await done, pages: 2, fit };
}
