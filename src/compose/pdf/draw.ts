/** drawPlan: puts a finished page plan on paper with pdfkit. It decides nothing. */
import type { Theme } from '../../model/theme.js';
import type { Line } from './lines.js';
import type { PagePlan, TextBlock } from './layout.js';
import { fontName, type Doc } from './fonts.js';
import SVGtoPDF from 'svg-to-pdfkit';

/** Draws one line; justified lines stretch their spaces. */
export function drawLine(doc: Doc, line: Line, x: number, y: number, width: number, justify: boolean): void {
  const spaces = line.pieces.filter((p, i) => i > 0 && p.spaceBefore).length;
  const stretch = justify && !line.last && spaces > 0 ? (width - line.width) / spaces : 0;
  let cx = x;
  line.pieces.forEach((p, i) => {
    if (i > 0 && p.spaceBefore) cx += line.space + stretch;
    doc.font(p.font).fontSize(p.size).fillColor(p.color);
    doc.text(p.text, cx, y, { lineBreak: false, ...(p.link ? { link: p.link, underline: false } : {}) });
    cx += p.width;
  });
}

function drawBlock(doc: Doc, b: TextBlock): void {
  b.lines.forEach((l, i) => drawLine(doc, l, b.x, b.y + i * b.leading, b.width, b.justify));
}

function rule(doc: Doc, x1: number, x2: number, y: number, color: string, width: number): void {
  doc.save().moveTo(x1, y).lineTo(x2, y).lineWidth(width).strokeColor(color).stroke().restore();
}

export function drawPlan(doc: Doc, plan: PagePlan, theme: Theme): void {
  const [W] = plan.size;
  const m = theme.page.margins;
  const c = theme.colors;
  for (let page = 0; page < 2; page++) {
    if (page > 0) doc.addPage();
    if (page === 0) {
      const h = plan.header;
      doc.font(fontName('sans', true)).fontSize(theme.type.masthead.size).fillColor(c.accent)
        .text(h.series.toUpperCase(), m.left, m.top, { lineBreak: false, characterSpacing: 1.2 });
      doc.font(fontName('sans')).fontSize(theme.type.masthead.size).fillColor(c.muted);
      const pubW = doc.widthOfString(h.publisher);
      doc.text(h.publisher, W - m.right - pubW, m.top, { lineBreak: false });
      rule(doc, m.left, W - m.right, h.ruleY, c.accent, 2);
      for (const b of [h.title, h.subtitle, h.byline, h.standfirst]) if (b) drawBlock(doc, b);
      rule(doc, m.left, W - m.right, h.bottomRuleY, c.rule, 0.75);
    }
    // Column text.
    for (const p of plan.flow.placed) {
      const f = plan.columns.frames[p.frame]!;
      if (f.page !== page) continue;
      drawLine(doc, p.line, p.x, p.y, p.width, p.line.pieces[0]?.font.startsWith('serif') ?? false);
    }
    for (const b of plan.boxes.filter((x) => x.page === page)) drawBox(doc, b, theme);
    if (page === 1) {
      rule(doc, m.left, W - m.right, plan.backMatter.ruleY, c.rule, 0.75);
      for (const b of plan.backMatter.blocks) drawBlock(doc, b);
    }
    // Running footer.
    const n = theme.type.note;
    doc.font(fontName('sans')).fontSize(n.size).fillColor(c.muted);
    doc.text(`${plan.header.series}  ·  ${plan.header.title.lines.map((l) => l.pieces.map((p) => p.text).join(' ')).join(' ')}`, m.left, plan.footerY, { lineBreak: false, width: W - m.left - m.right - 60, ellipsis: true });
    const label = `${page + 1} of 2`;
    doc.text(label, W - m.right - doc.widthOfString(label), plan.footerY, { lineBreak: false });
  }
}

function drawBox(doc: Doc, b: PagePlan['boxes'][number], theme: Theme): void {
  const c = theme.colors;
  const content = b.content;
  if (content.kind === 'key-figures') {
    const boxH = b.height - 12;
    doc.save().rect(b.x, b.y, b.width, boxH).fill(c.accentLight).restore();
    rule(doc, b.x, b.x + b.width, b.y, c.accent, 2);
    doc.font(fontName('sans', true)).fontSize(theme.type.caption.size + 0.5).fillColor(c.accent)
      .text(content.title.toUpperCase(), b.x + content.pad, b.y + content.pad, { lineBreak: false, characterSpacing: 0.8 });
    let y = b.y + content.pad + 16;
    for (const item of content.items) {
      for (const l of item.lines) {
        drawLine(doc, l, b.x + content.pad, y, b.width - content.pad * 2, false);
        y += content.leading;
      }
      y += 4;
    }
  } else if (content.kind === 'chart') {
    let y = b.y + content.top;
    for (const l of content.title) {
      drawLine(doc, l, b.x, y, b.width, false);
      y += content.titleLeading;
    }
    y += 3;
    // svg-to-pdfkit keeps the chart as vector paths: no bitmap in the PDF.
    SVGtoPDF(doc, content.svg, b.x, y, { width: content.chartW, height: content.chartH });
    y += content.chartH + 3;
    for (const l of content.notes) {
      drawLine(doc, l, b.x, y, b.width, false);
      y += content.noteLeading;
    }
  } else {
    rule(doc, b.x, b.x + 40, b.y + 4, c.accent, 2);
    let y = b.y + 12;
    for (const l of content.lines) {
      drawLine(doc, l, b.x, y, b.width, false);
      y += content.leading;
    }
    y += 4;
    for (const l of content.attribution) {
      drawLine(doc, l, b.x, y, b.width, false);
      y += content.attrLeading;
    }
  }
}
