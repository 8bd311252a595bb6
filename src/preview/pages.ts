/**
 * PDF page previews: the page plan the PDF was painted from, drawn again on a node-canvas in
 * the same fonts. We chose this over rasterising the PDF because the one npm rasteriser
 * (pdfjs-dist) now wants a different canvas package and a DOM shim, and poppler is a system
 * tool; the plan already holds every position, so drawing it is short and dependable. It is
 * a preview: hinting and kerning differ slightly from a PDF viewer, positions do not.
 */
import { at, must } from '../checked.js';
import { createCanvas, loadImage, type Image } from 'canvas';
import type { BuildContext } from '../compose/types.js';
import type { PagePlan, TextBlock } from '../compose/pdf/layout.js';
import type { Line } from '../compose/pdf/lines.js';
import { cssFont, textAt, type Ctx2D } from './canvas-text.js';

/** Pixels per point: 2 gives 144 ppi, sharp on a high-density screen, ~0.3 s a page. */
export const PAGE_SCALE = 2;

function drawLine(
  g: Ctx2D,
  ctx: BuildContext,
  line: Line,
  x: number,
  y: number,
  width: number,
  justify: boolean,
): void {
  // The same spacing rule as pdf/draw.ts: justified lines stretch their word spaces.
  const spaces = line.pieces.filter((p, i) => i > 0 && p.spaceBefore).length;
  const stretch = justify && !line.last && spaces > 0 ? (width - line.width) / spaces : 0;
  let cx = x;
  line.pieces.forEach((p, i) => {
    if (i > 0 && p.spaceBefore) cx += line.space + stretch;
    textAt(g, ctx, p.text, p.font, p.size, p.color, cx, y);
    if (p.link) g.fillRect(cx, y + p.size * 1.05, p.width, Math.max(0.4, p.size / 16));
    cx += p.width;
  });
}

function drawLines(
  g: Ctx2D,
  ctx: BuildContext,
  lines: Line[],
  x: number,
  y: number,
  leading: number,
  width: number,
  justify = false,
): number {
  lines.forEach((l, i) => drawLine(g, ctx, l, x, y + i * leading, width, justify));
  return y + lines.length * leading;
}

const drawBlock = (g: Ctx2D, ctx: BuildContext, b: TextBlock) =>
  drawLines(g, ctx, b.lines, b.x, b.y, b.leading, b.width, b.justify);

function rule(g: Ctx2D, x1: number, x2: number, y: number, color: string, width: number): void {
  g.strokeStyle = color;
  g.lineWidth = width;
  g.beginPath();
  g.moveTo(x1, y);
  g.lineTo(x2, y);
  g.stroke();
}

/** The chart SVGs, decoded once (librsvg, through canvas) and kept as vectors until drawn. */
async function chartImages(plan: PagePlan): Promise<Map<string, Image>> {
  const out = new Map<string, Image>();
  for (const b of plan.boxes) {
    if (b.content.kind !== 'chart') continue;
    const svg = b.content.svg();
    out.set(b.id, await loadImage(Buffer.from(svg, 'utf8')));
  }
  return out;
}

/**
 * Every page of the plan as a PNG, drawn in the order paint.ts paints (the structure tagging left
 * out).
 */
export async function renderPages(ctx: BuildContext, plan: PagePlan): Promise<Buffer[]> {
  const theme = ctx.theme.theme;
  const [W, H] = plan.size;
  const m = theme.page.margins;
  const c = theme.colors;
  const h = plan.header;
  const images = await chartImages(plan);
  const pages: Buffer[] = [];
  for (let page = 0; page < 2; page++) {
    const canvas = createCanvas(Math.round(W * PAGE_SCALE), Math.round(H * PAGE_SCALE));
    const g = canvas.getContext('2d');
    g.fillStyle = c.paper;
    g.fillRect(0, 0, canvas.width, canvas.height);
    g.scale(PAGE_SCALE, PAGE_SCALE);
    if (page === 0) {
      const ms = theme.type.masthead.size;
      textAt(g, ctx, h.series.toUpperCase(), 'sans-bold', ms, c.accent, m.left, m.top, 1.2);
      textAt(
        g,
        ctx,
        h.publisher,
        'sans-regular',
        ms,
        c.muted,
        W - m.right - widthOf(g, h.publisher, ms),
        m.top,
      );
      rule(g, m.left, W - m.right, h.ruleY, c.accent, 2);
      for (const b of [h.title, h.subtitle, h.byline, h.standfirst]) if (b) drawBlock(g, ctx, b);
      rule(g, m.left, W - m.right, h.bottomRuleY, c.rule, 0.75);
    }
    for (const p of plan.flow.placed) {
      if (at(plan.columns.frames, p.frame, 'column frame').page !== page) continue;
      const para = at(plan.blocks, p.block, 'text block').kind === 'para';
      drawLine(g, ctx, p.line, p.x, p.y, p.width, para);
    }
    for (const b of plan.boxes.filter((x) => x.page === page)) {
      const k = b.content;
      if (k.kind === 'key-figures') {
        g.fillStyle = c.accentLight;
        g.fillRect(b.x, b.y, b.width, b.height - 12);
        rule(g, b.x, b.x + b.width, b.y, c.accent, 2);
        textAt(
          g,
          ctx,
          k.title.toUpperCase(),
          'sans-bold',
          theme.type.caption.size + 0.5,
          c.accent,
          b.x + k.pad,
          b.y + k.pad,
          0.8,
        );
        let y = b.y + k.pad + 16;
        for (const item of k.items)
          y = drawLines(g, ctx, item.lines, b.x + k.pad, y, k.leading, b.width - k.pad * 2) + 4;
      } else if (k.kind === 'pull-quote') {
        rule(g, b.x, b.x + 40, b.y + 4, c.accent, 2);
        const after = drawLines(g, ctx, k.lines, b.x, b.y + 12, k.leading, b.width);
        drawLines(g, ctx, k.attribution, b.x, after + 4, k.attrLeading, b.width);
      } else {
        let y = drawLines(g, ctx, k.title, b.x, b.y + k.top, k.titleLeading, b.width) + 3;
        g.drawImage(
          must(images.get(b.id), `the picture of chart ${b.id}`),
          b.x,
          y,
          k.chartW,
          k.chartH,
        );
        y += k.chartH + 3;
        drawLines(g, ctx, k.notes, b.x, y, k.noteLeading, b.width);
      }
    }
    if (page === 1) {
      rule(g, m.left, W - m.right, plan.backMatter.ruleY, c.rule, 0.75);
      for (const b of plan.backMatter.blocks) drawBlock(g, ctx, b);
    }
    const n = theme.type.note;
    textAt(
      g,
      ctx,
      `${h.series}  ·  ` +
        `${h.title.lines.map((l) => l.pieces.map((p) => p.text).join(' ')).join(' ')}`,
      'sans-regular',
      n.size,
      c.muted,
      m.left,
      plan.footerY,
    );
    const label = `${page + 1} of 2`;
    textAt(
      g,
      ctx,
      label,
      'sans-regular',
      n.size,
      c.muted,
      W - m.right - widthOf(g, label, n.size),
      plan.footerY,
    );
    pages.push(canvas.toBuffer('image/png'));
  }
  return pages;
}

/** Width of regular sans text at a size (right-aligned labels). */
function widthOf(g: Ctx2D, text: string, size: number): number {
  g.font = cssFont('sans-regular', size);
  return g.measureText(text).width;
}
