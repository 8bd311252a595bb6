/**
 * paintPlan: puts a finished page plan on paper, tagged. Every piece of content is marked
 * as part of its structure element; decoration and running heads are artifacts. With a
 * bleed, each page grows by the bleed and a slug for crop marks, and TrimBox/BleedBox say
 * where the sheet is cut.
 */
import type { Theme } from '../../model/theme.js';
import type { PagePlan } from './layout.js';
import { fontName, type Doc } from './fonts.js';
import { drawBlock, drawLine, drawLines, drawTracked, rule } from './draw.js';
import { runsOf } from './runs.js';
import { Tagger } from './tags.js';
import { at, must } from '../../checked.js';

/** Print options: bleed in points (0 for none). */
export interface PrintOptions {
  bleed: number;
  /** Crop marks, and the slug space outside the bleed they take (default: with any bleed). */
  marks?: boolean;
  /** The marks' colour (the print edition's is registration, a spot colour on every plate). */
  markColor?: string;
  /** A line of production facts set in the slug below each page's bleed. */
  slug?: (page: number) => string;
}

/** Space outside the bleed for crop marks. */
/**
 * Letter spacing of the masthead, in points. Firefox's pdf.js ignores /ActualText and splits
 * a word into letters once the gap passes about 0.85 pt at this size ("A S I A"), so the
 * masthead stays just under that and reads as words in every viewer.
 */
const MASTHEAD_TRACKING = 0.8;
const SLUG = 18;
const MARK = 12;

export function pageGeometry(plan: PagePlan, print: PrintOptions) {
  const [W, H] = plan.size;
  const marks = print.marks ?? print.bleed > 0;
  const offset = print.bleed > 0 ? print.bleed + (marks ? SLUG : 0) : 0;
  return { W, H, offset, media: [W + 2 * offset, H + 2 * offset] as [number, number] };
}

function setBoxes(doc: Doc, plan: PagePlan, print: PrintOptions): void {
  const { W, H, offset: o } = pageGeometry(plan, print);
  const data = (doc.page as unknown as { dictionary: { data: Record<string, unknown> } }).dictionary
    .data;
  data.TrimBox = [o, o, o + W, o + H];
  // PDF/UA-1 (7.18.3): with annotations on a page, the tab order follows the structure.
  data.Tabs = 'S';
  if (print.bleed > 0)
    data.BleedBox = [o - print.bleed, o - print.bleed, o + W + print.bleed, o + H + print.bleed];
}

function cropMarks(doc: Doc, plan: PagePlan, print: PrintOptions, tagger: Tagger): void {
  const { W, H } = pageGeometry(plan, print);
  const gap = print.bleed + 2;
  tagger.artifact('Layout', () => {
    doc
      .save()
      .lineWidth(0.25)
      .strokeColor(print.markColor ?? '#000000');
    for (const [x, y, sx, sy] of [
      [0, 0, -1, -1],
      [W, 0, 1, -1],
      [0, H, -1, 1],
      [W, H, 1, 1],
    ] as const) {
      doc
        .moveTo(x + sx * gap, y)
        .lineTo(x + sx * (gap + MARK), y)
        .stroke();
      doc
        .moveTo(x, y + sy * gap)
        .lineTo(x, y + sy * (gap + MARK))
        .stroke();
    }
    doc.restore();
  });
}

/** The slug line: set small in the marks' colour, below the bleed, clear of the crop marks. */
function slugLine(doc: Doc, plan: PagePlan, print: PrintOptions, text: string, t: Tagger): void {
  const { H } = pageGeometry(plan, print);
  t.artifact('Layout', () => {
    doc
      .font(fontName('sans'))
      .fontSize(6)
      .fillColor(print.markColor ?? '#000000');
    doc.text(text, MARK + 4, H + print.bleed + 5, { lineBreak: false });
  });
}

export function paintPlan(
  doc: Doc,
  plan: PagePlan,
  theme: Theme,
  lang: string,
  print: PrintOptions,
): void {
  const { W, offset } = pageGeometry(plan, print);
  const m = theme.page.margins;
  const c = theme.colors;
  const h = plan.header;
  const t = new Tagger(doc, lang);
  // The structure tree, in reading order, before any drawing.
  const title = t.element('H1');
  const subtitle = h.subtitle ? t.element('P') : undefined;
  const byline = t.element('P');
  const standfirst = t.element('P');
  const keyFigures = plan.boxes.some((b) => b.content.kind === 'key-figures')
    ? t.element('Aside', { title: 'Key figures' })
    : undefined;
  t.openSections(plan.sectionTitles);
  const quote = plan.boxes.some((b) => b.content.kind === 'pull-quote')
    ? t.element('BlockQuote')
    : undefined;
  // Boxes top to bottom within each column, so tags and content follow what the eye sees.
  const boxes = [...plan.boxes].sort((p, q) => p.page - q.page || p.x - q.x || p.y - q.y);
  const figures = new Map(
    boxes.flatMap((b) =>
      b.content.kind === 'chart' ? [[b.id, t.element('Sect', { title: b.id })]] : [],
    ),
  );
  const back = t.element('Sect', { title: 'About this bulletin' });

  for (let page = 0; page < 2; page++) {
    // Every page at the plan's size: pdfkit's addPage() alone falls back to US Letter.
    if (page > 0) doc.addPage({ size: pageGeometry(plan, print).media, margin: 0 });
    setBoxes(doc, plan, print);
    if (offset > 0) doc.translate(offset, offset);
    if (offset > 0 && (print.marks ?? true)) {
      cropMarks(doc, plan, print, t);
      const slug = print.slug?.(page);
      if (slug) slugLine(doc, plan, print, slug, t);
    }
    if (page === 0) {
      t.artifact('Pagination', () => {
        doc.font(fontName('sans', true)).fontSize(theme.type.masthead.size).fillColor(c.accent);
        drawTracked(doc, h.series.toUpperCase(), m.left, m.top, MASTHEAD_TRACKING);
        doc.font(fontName('sans')).fontSize(theme.type.masthead.size).fillColor(c.muted);
        doc.text(h.publisher, W - m.right - doc.widthOfString(h.publisher), m.top, {
          lineBreak: false,
        });
        rule(doc, m.left, W - m.right, h.ruleY, c.accent, 2);
      });
      t.mark(title, 'H1', (s) => drawBlock(doc, h.title, s));
      const sub = h.subtitle;
      if (subtitle && sub) t.mark(subtitle, 'P', (s) => drawBlock(doc, sub, s));
      t.mark(byline, 'P', (s) => drawBlock(doc, h.byline, s));
      t.mark(standfirst, 'P', (s) => drawBlock(doc, h.standfirst, s));
      t.artifact('Layout', () => rule(doc, m.left, W - m.right, h.bottomRuleY, c.rule, 0.75));
    }
    // Column text, one marked sequence per block and frame.
    const lines = plan.flow.placed.filter(
      (p) => at(plan.columns.frames, p.frame, 'column frame').page === page,
    );
    const runs = runsOf(lines, (a, b) => a.block === b.block && a.frame === b.frame);
    for (const { first, items: run } of runs) {
      const info = at(plan.blocks, first.block, 'text block');
      const el = t.block(first.block, info.kind, info.section);
      t.mark(el, info.kind === 'heading' ? 'H2' : 'P', (s) =>
        run.forEach((p) => drawLine(doc, p.line, p.x, p.y, p.width, info.kind === 'para', s)),
      );
    }
    for (const b of boxes.filter((x) => x.page === page)) {
      const content = b.content;
      if (content.kind === 'key-figures' && keyFigures) {
        t.artifact('Layout', () => {
          doc
            .save()
            .rect(b.x, b.y, b.width, b.height - 12)
            .fill(c.accentLight)
            .restore();
          rule(doc, b.x, b.x + b.width, b.y, c.accent, 2);
        });
        // H2: the first heading after the title, so heading levels never skip.
        t.mark(t.element('H2', {}, keyFigures), 'H2', () => {
          doc
            .font(fontName('sans', true))
            .fontSize(theme.type.caption.size + 0.5)
            .fillColor(c.accent);
          drawTracked(doc, content.title.toUpperCase(), b.x + content.pad, b.y + content.pad, 0.8);
        });
        let y = b.y + content.pad + 16;
        for (const item of content.items) {
          const yy = y;
          t.mark(t.element('P', {}, keyFigures), 'P', (s) =>
            drawLines(
              doc,
              item.lines,
              b.x + content.pad,
              yy,
              content.leading,
              b.width - content.pad * 2,
              false,
              s,
            ),
          );
          y += item.lines.length * content.leading + 4;
        }
      } else if (content.kind === 'pull-quote' && quote) {
        t.artifact('Layout', () => rule(doc, b.x, b.x + 40, b.y + 4, c.accent, 2));
        const y = b.y + 12;
        t.mark(quote, 'BlockQuote', (s) => {
          const after = drawLines(doc, content.lines, b.x, y, content.leading, b.width, false, s);
          drawLines(
            doc,
            content.attribution,
            b.x,
            after + 4,
            content.attrLeading,
            b.width,
            false,
            s,
          );
        });
      } else if (content.kind === 'chart') {
        const sect = must(figures.get(b.id), `the tag of figure ${b.id}`);
        let y = b.y + content.top;
        const yTitle = y;
        t.mark(t.element('Caption', {}, sect), 'Caption', (s) =>
          drawLines(doc, content.title, b.x, yTitle, content.titleLeading, b.width, false, s),
        );
        y += content.title.length * content.titleLeading + 3;
        const yChart = y;
        // chart.js paints the chart as vector paths: no bitmap in the PDF.
        const figure = t.element('Figure', { alt: content.alt }, sect);
        t.bbox(figure, { x: b.x, y: yChart, w: content.chartW, h: content.chartH });
        t.mark(figure, 'Figure', () => {
          const scale = content.chartW / content.pixels.width;
          // Clipped to its box, as a canvas clips to its edges.
          doc.save().rect(b.x, yChart, content.chartW, content.chartH).clip();
          doc.transform(scale, 0, 0, scale, b.x, yChart);
          content.paint(doc);
          doc.restore();
        });
        y += content.chartH + 3;
        const yNote = y;
        if (content.notes.length)
          t.mark(t.element('P', {}, sect), 'P', (s) =>
            drawLines(doc, content.notes, b.x, yNote, content.noteLeading, b.width, false, s),
          );
      }
    }
    if (page === 1) {
      t.artifact('Layout', () =>
        rule(doc, m.left, W - m.right, plan.backMatter.ruleY, c.rule, 0.75),
      );
      for (const b of plan.backMatter.blocks)
        t.mark(t.element('P', {}, back), 'P', (s) => drawBlock(doc, b, s));
    }
    t.artifact('Pagination', () => {
      const n = theme.type.note;
      doc.font(fontName('sans')).fontSize(n.size).fillColor(c.muted);
      doc.text(
        `${h.series}  ·  ` +
          `${h.title.lines.map((l) => l.pieces.map((p) => p.text).join(' ')).join(' ')}`,
        m.left,
        plan.footerY,
        { lineBreak: false },
      );
      const label = `${page + 1} of 2`;
      doc.text(label, W - m.right - doc.widthOfString(label), plan.footerY, { lineBreak: false });
    });
  }
  t.end();
}
