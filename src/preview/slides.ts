/**
 * Slide previews, drawn by our own renderer: the deck's masters and layouts run against a
 * recorder (recorder.ts) and the recorded boxes are painted on a node-canvas in the theme
 * fonts. We do not rasterise the PPTX: that needs LibreOffice or a browser at run time, and
 * no well-kept npm library renders PPTX without one. Native charts are shown as the same
 * chart's PNG from getChart, fitted into the chart's box.
 */
import { must } from '../checked.js';
import { createCanvas, loadImage } from 'canvas';
import type { BuildContext } from '../compose/types.js';
import type { DeckModel, DeckSlide } from '../model/deck.js';
import { defineMasters, colors, GRID, SERIF } from '../compose/pptx/master.js';
import { addSlide } from '../compose/pptx/slides.js';
import { fontMeasure } from '../compose/pptx/fit.js';
import { chartsFor } from '../compose/pptx/render.js';
import { houseFrame } from '../compose/pptx/frame.js';
import { RecordingDeck, type RecBox, type RecOp, type RecRun } from './recorder.js';
import { cssFont, faceKey, type Ctx2D } from './canvas-text.js';

/** Pixels per inch: 120 gives 1600 × 900 slides, legible when the contact sheet is zoomed. */
export const SLIDE_PPI = 120;
const PX_PER_PT = SLIDE_PPI / 72;

type Para = {
  runs: RecRun[];
  size: number;
  spacing: number;
  after: number;
  indent: number;
  bullet: boolean;
};

/**
 * Splits recorded runs into paragraphs the way pptxgenjs does: at breakLine, and at a run that
 * carries a bullet.
 */
function paragraphs(runs: RecRun[], defaults: Record<string, unknown>): Para[] {
  const out: Para[] = [];
  let cur: Para | null = null;
  for (const r of runs) {
    const o = { ...defaults, ...r.options } as Record<string, unknown>;
    const bullet = o.bullet as { indent?: number } | undefined;
    if (!cur || bullet) {
      const size = Number(o.fontSize ?? 18);
      cur = {
        runs: [],
        size,
        spacing: Number(o.lineSpacing ?? size * 1.2),
        after: Number(o.paraSpaceAfter ?? 0),
        indent: bullet ? Number(bullet.indent ?? size) : 0,
        bullet: Boolean(bullet),
      };
      out.push(cur);
    }
    cur.runs.push({ text: r.text, options: o });
    if (o.breakLine) cur = null;
  }
  return out;
}

const fontOf = (o: Record<string, unknown>, px: number) =>
  cssFont(faceKey(o.fontFace === SERIF ? 'serif' : 'sans', Boolean(o.bold), Boolean(o.italic)), px);

type Word = { text: string; font: string; color: string; width: number; space: boolean };
/**
 * Greedy word wrap with canvas widths (the layouts fitted with a 5% reserve, so lines break where
 * PowerPoint breaks them).
 */
function wrap(g: Ctx2D, p: Para, width: number): Word[][] {
  let line: Word[] = [];
  const lines = [line];
  let x = 0;
  for (const r of p.runs) {
    const font = fontOf(r.options, p.size * PX_PER_PT);
    g.font = font;
    const color = `#${String(r.options.color ?? '000000')}`;
    for (const part of r.text.split(/(\n| +)/)) {
      if (part === '') continue;
      if (part === '\n') {
        line = [];
        lines.push(line);
        x = 0;
        continue;
      }
      if (/^ +$/.test(part)) {
        const last = line.at(-1);
        if (last) last.space = true;
        continue;
      }
      const w = g.measureText(part).width;
      const prev = line[line.length - 1];
      const gap = prev?.space ? g.measureText(' ').width : 0;
      if (line.length && x + gap + w > width) {
        line = [{ text: part, font, color, width: w, space: false }];
        lines.push(line);
        x = w;
      } else {
        line.push({ text: part, font, color, width: w, space: false });
        x += gap + w;
      }
    }
  }
  return lines;
}

function drawText(g: Ctx2D, op: Extract<RecOp, { kind: 'text' }>, px: (b: RecBox) => RecBox): void {
  const box = px(op.box);
  const o = op.options;
  const paras = paragraphs(op.runs, o).map((p) => ({
    p,
    lines: wrap(g, p, box.w - p.indent * PX_PER_PT),
  }));
  const height = paras.reduce(
    (h, { p, lines }, i) =>
      h + lines.length * p.spacing * PX_PER_PT + (i < paras.length - 1 ? p.after * PX_PER_PT : 0),
    0,
  );
  let y =
    o.valign === 'bottom'
      ? box.y + box.h - height
      : o.valign === 'middle'
        ? box.y + (box.h - height) / 2
        : box.y;
  const spacing = Number(o.charSpacing ?? 0) * PX_PER_PT;
  for (const { p, lines } of paras) {
    const lh = p.spacing * PX_PER_PT;
    lines.forEach((line, li) => {
      // Baseline a little below the middle of the line box, as PowerPoint sets exact spacing.
      const base = y + lh * 0.8;
      const total = line.reduce(
        (s, w) => s + w.width + (w.space ? g.measureText(' ').width : 0),
        0,
      );
      let x = box.x + p.indent * PX_PER_PT + (o.align === 'right' ? box.w - total : 0);
      if (p.bullet && li === 0) {
        g.font = line[0]?.font ?? fontOf(o, p.size * PX_PER_PT);
        g.fillStyle = line[0]?.color ?? '#000';
        g.fillText('•', box.x, base);
      }
      for (const w of line) {
        g.font = w.font;
        g.fillStyle = w.color;
        if (spacing)
          for (const ch of w.text) {
            g.fillText(ch, x, base);
            x += g.measureText(ch).width + spacing;
          }
        else g.fillText(w.text, x, base);
        if (!spacing) x += w.width;
        if (w.space) x += g.measureText(' ').width;
      }
      y += lh;
    });
    y += p.after * PX_PER_PT;
  }
}

/** Draws one recorded slide (its master first) and returns the PNG. */
async function paintSlide(
  ops: RecOp[],
  number: number,
  paper: string,
  chartPng: Buffer | null,
): Promise<Buffer> {
  const canvas = createCanvas(
    Math.round(GRID.width * SLIDE_PPI),
    Math.round(GRID.height * SLIDE_PPI),
  );
  const g = canvas.getContext('2d');
  g.fillStyle = `#${paper}`;
  g.fillRect(0, 0, canvas.width, canvas.height);
  const px = (b: RecBox): RecBox => ({
    x: b.x * SLIDE_PPI,
    y: b.y * SLIDE_PPI,
    w: b.w * SLIDE_PPI,
    h: b.h * SLIDE_PPI,
  });
  for (const op of ops) {
    const b = px(op.box);
    if (op.kind === 'rect') {
      g.fillStyle = `#${op.color}`;
      g.fillRect(b.x, b.y, b.w, b.h);
    } else if (op.kind === 'line') {
      g.strokeStyle = `#${op.color}`;
      g.lineWidth = op.width * PX_PER_PT;
      g.beginPath();
      g.moveTo(b.x, b.y);
      g.lineTo(b.x + b.w, b.y + b.h);
      g.stroke();
    } else if (op.kind === 'text') drawText(g, op, px);
    else if (op.kind === 'number')
      drawText(
        g,
        {
          kind: 'text',
          runs: [{ text: String(number), options: op.options }],
          box: op.box,
          options: op.options,
        },
        px,
      );
    else if (op.kind === 'image' || (op.kind === 'chart' && chartPng)) {
      const bytes =
        op.kind === 'image'
          ? Buffer.from(op.data.replace(/^image\/\w+;base64,/, ''), 'base64')
          : must(chartPng, 'the chart picture');
      const img = await loadImage(bytes);
      // Fitted inside the box without distortion, top left, as the image mode places it.
      const scale = Math.min(b.w / img.width, b.h / img.height);
      g.drawImage(img, b.x, b.y, img.width * scale, img.height * scale);
    }
  }
  return canvas.toBuffer('image/png');
}

/** Every slide of a partner's deck as a PNG, through the deck's own layouts. */
export async function renderSlides(ctx: BuildContext, deck: DeckModel): Promise<Buffer[]> {
  const b = ctx.dataset.bulletin;
  const rec = new RecordingDeck();
  const theme = ctx.theme.theme;
  defineMasters(rec.asPptx(), theme, b.series, deck.footer);
  const chart = chartsFor(ctx, deck.partner.id);
  const env = {
    pptx: rec.asPptx(),
    deck,
    measure: fontMeasure(ctx.theme),
    c: colors(theme),
    chart,
    mode: ctx.deckCharts,
    // Previews show the house layouts; a deck on an organisation's template is checked in PowerPoint.
    frame: houseFrame,
  };
  const pngs: (Buffer | null)[] = [];
  deck.slides.forEach((s: DeckSlide) => {
    addSlide(env, s);
    pngs.push(s.chart !== undefined ? (chart(s)?.rendered.png ?? null) : null);
  });
  const out: Buffer[] = [];
  for (const [i, s] of rec.slides.entries()) {
    out.push(
      await paintSlide(
        [...(rec.masters.get(s.master) ?? []), ...s.ops],
        i + 1,
        colors(theme).paper,
        pngs[i] ?? null,
      ),
    );
  }
  return out;
}
