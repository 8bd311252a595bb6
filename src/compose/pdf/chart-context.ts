/**
 * A Canvas 2D context that paints into the PDF, so chart.js draws the bulletin's charts
 * straight onto the page: no SVG drawn by cairo, serialised and parsed again by svg-to-pdfkit
 * (that round trip was ~0.4 s of a build). It implements the part of the 2D API chart.js
 * uses. Text becomes glyph outlines of the theme's sans faces, as in the SVG charts, placed
 * the way node-canvas (pango) places them: the same advances, and `middle` and `top`
 * baselines from the face's ascent and descent. Anything outside the subset throws an
 * internal error rather than drawing something else.
 */
import type { Font } from 'fontkit';
import { InternalError } from '../../errors.js';
import type { Doc } from './fonts.js';
import {
  IDENTITY,
  apply,
  arcSegments,
  cssColor,
  lengthScale,
  multiply,
  quadToCubic,
  type Matrix,
  type Segment,
} from './chart-path.js';
import { parseFont, textOutline } from './chart-text.js';

/** A number as pdfkit writes it into content (PDFObject.number). */
const pdfNum = (n: number): number => Math.round(n * 1e6) / 1e6;

/** The theme face for a weight and style (the chart fonts are the sans faces). */
export type FaceOf = (bold: boolean, italic: boolean) => Font;

/** What canvas's save() and restore() keep (the clip is PDF state: q and Q keep it). */
const STATE_KEYS = [
  'matrix',
  'fillStyle',
  'strokeStyle',
  'lineWidth',
  'lineCap',
  'lineJoin',
  'miterLimit',
  'dash',
  'lineDashOffset',
  'globalAlpha',
  'font',
  'textAlign',
  'textBaseline',
] as const;
type State = Pick<PdfChartContext, (typeof STATE_KEYS)[number]>;

export class PdfChartContext {
  readonly canvas: { width: number; height: number; style: object; getContext: () => unknown };
  // The 2D state, as plain fields: chart.js sets them directly.
  matrix: Matrix = IDENTITY;
  fillStyle = '#000000';
  strokeStyle = '#000000';
  lineWidth = 1;
  lineCap: 'butt' | 'round' | 'square' = 'butt';
  lineJoin: 'miter' | 'round' | 'bevel' = 'miter';
  miterLimit = 10;
  dash: number[] = [];
  lineDashOffset = 0;
  globalAlpha = 1;
  font = '10px sans-serif';
  textAlign = 'start';
  textBaseline = 'alphabetic';
  private stack: State[] = [];
  private path: Segment[] = [];
  private painted = false;
  private readonly runs = new Map<string, ReturnType<Font['layout']>>();

  constructor(
    private readonly doc: Doc,
    private readonly faceOf: FaceOf,
    width: number,
    height: number,
  ) {
    this.canvas = { width, height, style: {}, getContext: () => this };
  }

  save(): void {
    const s = Object.fromEntries(STATE_KEYS.map((k) => [k, this[k]])) as State;
    this.stack.push({ ...s, dash: [...this.dash] });
    this.doc.save();
  }
  restore(): void {
    const s = this.stack.pop();
    if (!s) return;
    Object.assign(this, s);
    this.doc.restore();
  }
  setLineDash(segments: number[]): void {
    this.dash = segments.length % 2 ? [...segments, ...segments] : [...segments];
  }
  getLineDash(): number[] {
    return [...this.dash];
  }

  // --- transforms --------------------------------------------------------------------------
  setTransform(a: number, b: number, c: number, d: number, e: number, f: number): void {
    this.matrix = [a, b, c, d, e, f];
  }
  resetTransform(): void {
    this.matrix = IDENTITY;
  }
  transform(a: number, b: number, c: number, d: number, e: number, f: number): void {
    this.matrix = multiply(this.matrix, [a, b, c, d, e, f]);
  }
  translate(x: number, y: number): void {
    this.transform(1, 0, 0, 1, x, y);
  }
  scale(x: number, y: number): void {
    this.transform(x, 0, 0, y, 0, 0);
  }
  rotate(angle: number): void {
    const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
    this.transform(cos, sin, -sin, cos, 0, 0);
  }

  // --- paths -------------------------------------------------------------------------------
  beginPath(): void {
    this.path = [];
  }
  moveTo(x: number, y: number): void {
    const [px, py] = apply(this.matrix, x, y);
    this.path.push({ op: 'M', x: px, y: py });
  }
  lineTo(x: number, y: number): void {
    if (!this.path.length) return this.moveTo(x, y);
    const [px, py] = apply(this.matrix, x, y);
    this.path.push({ op: 'L', x: px, y: py });
  }
  bezierCurveTo(x1: number, y1: number, x2: number, y2: number, x: number, y: number): void {
    const t = this.matrix;
    const [[a, b], [c, d], [e, f]] = [apply(t, x1, y1), apply(t, x2, y2), apply(t, x, y)];
    this.path.push({ op: 'C', x1: a, y1: b, x2: c, y2: d, x: e, y: f });
  }
  quadraticCurveTo(cx: number, cy: number, x: number, y: number): void {
    const t = this.matrix;
    const [q, end] = [apply(t, cx, cy), apply(t, x, y)];
    this.path.push(quadToCubic(this.currentPoint() ?? q, q, end));
  }
  closePath(): void {
    if (this.path.length) this.path.push({ op: 'Z' });
  }
  rect(x: number, y: number, w: number, h: number): void {
    this.moveTo(x, y);
    this.lineTo(x + w, y);
    this.lineTo(x + w, y + h);
    this.lineTo(x, y + h);
    this.closePath();
    this.moveTo(x, y);
  }
  arc(cx: number, cy: number, r: number, start: number, end: number, ccw = false): void {
    const { from, curves } = arcSegments(cx, cy, r, start, end, ccw);
    if (this.path.length) this.lineTo(...from);
    else this.moveTo(...from);
    for (const c of curves) this.bezierCurveTo(...c);
  }

  private currentPoint(): [number, number] | undefined {
    for (let i = this.path.length - 1; i >= 0; i--) {
      const s = this.path[i];
      if (s && s.op !== 'Z') return [s.x, s.y];
    }
    return undefined;
  }

  // --- painting ----------------------------------------------------------------------------
  fill(rule?: 'nonzero' | 'evenodd'): void {
    this.paintFill(this.path, this.fillStyle, rule);
  }
  stroke(): void {
    this.paintStroke(this.path);
  }
  clip(rule?: 'nonzero' | 'evenodd'): void {
    if (!this.emit(this.path)) return;
    this.doc.clip(rule === 'evenodd' ? 'even-odd' : 'non-zero');
  }
  fillRect(x: number, y: number, w: number, h: number): void {
    const keep = this.path;
    this.path = [];
    this.rect(x, y, w, h);
    this.paintFill(this.path, this.fillStyle);
    this.path = keep;
  }
  strokeRect(x: number, y: number, w: number, h: number): void {
    const keep = this.path;
    this.path = [];
    this.rect(x, y, w, h);
    this.paintStroke(this.path);
    this.path = keep;
  }
  /** chart.js clears a fresh canvas before drawing; the page under a chart is already blank. */
  clearRect(): void {
    if (this.painted) throw new InternalError('the PDF chart painter cannot erase what it drew');
  }
  /** Stops painting: chart.js clears the canvas again when the chart is destroyed. */
  finish(): void {
    this.painted = false;
    this.path = [];
  }

  /**
   * Writes the path's operators in one piece (a glyph outline is hundreds of them; pdfkit's
   * moveTo and friends turn each into its own buffer), numbers rounded as pdfkit rounds them.
   */
  private emit(path: Segment[]): boolean {
    if (!path.some((s) => s.op !== 'M' && s.op !== 'Z')) return false;
    const ops: string[] = [];
    path.forEach((s, i) => {
      // canvas's rect() leaves an open subpath of one point after the rectangle: PDF does
      // not need it.
      if (s.op === 'M' && (i === path.length - 1 || path[i + 1]?.op === 'M')) return;
      if (s.op === 'M' || s.op === 'L')
        ops.push(`${pdfNum(s.x)} ${pdfNum(s.y)} ${s.op.toLowerCase()}`);
      else if (s.op === 'C')
        ops.push(
          `${pdfNum(s.x1)} ${pdfNum(s.y1)} ${pdfNum(s.x2)} ${pdfNum(s.y2)} ` +
            `${pdfNum(s.x)} ${pdfNum(s.y)} c`,
        );
      else ops.push('h');
    });
    this.doc.addContent(ops.join('\n'));
    return true;
  }

  private paintFill(path: Segment[], style: string, rule?: 'nonzero' | 'evenodd'): void {
    const { color, opacity } = cssColor(style);
    const alpha = opacity * this.globalAlpha;
    if (alpha <= 0) return;
    this.doc.save();
    if (alpha < 1) this.doc.fillOpacity(alpha);
    if (this.emit(path)) {
      this.doc.fill(color, rule === 'evenodd' ? 'even-odd' : 'non-zero');
      this.painted = true;
    }
    this.doc.restore();
  }

  private paintStroke(path: Segment[]): void {
    const { color, opacity } = cssColor(this.strokeStyle);
    const alpha = opacity * this.globalAlpha;
    if (alpha <= 0) return;
    const s = this;
    const k = lengthScale(s.matrix);
    const d = this.doc;
    d.save();
    if (alpha < 1) d.strokeOpacity(alpha);
    d.lineWidth(s.lineWidth * k)
      .lineCap(s.lineCap)
      .lineJoin(s.lineJoin)
      .miterLimit(s.miterLimit);
    if (s.dash.length) {
      // pdfkit's dash() refuses zero-length dashes (dots with round caps); canvas allows them.
      const num = (v: number) => String(Math.round(v * k * 1000) / 1000);
      d.addContent(`[${s.dash.map(num).join(' ')}] ${num(s.lineDashOffset)} d`);
    }
    if (this.emit(path)) {
      d.stroke(color);
      this.painted = true;
    }
    d.restore();
  }

  // --- text --------------------------------------------------------------------------------
  private layout(text: string): { face: Font; size: number; run: ReturnType<Font['layout']> } {
    const { size, bold, italic } = parseFont(this.font);
    const face = this.faceOf(bold, italic);
    const key = `${bold ? 'b' : ''}${italic ? 'i' : ''}\u0000${text}`;
    let run = this.runs.get(key);
    if (!run) this.runs.set(key, (run = face.layout(text)));
    return { face, size, run };
  }

  measureText(text: string): { width: number } & Record<string, number> {
    const { face, size, run } = this.layout(text);
    const k = size / face.unitsPerEm;
    return {
      width: run.advanceWidth * k,
      actualBoundingBoxLeft: 0,
      actualBoundingBoxRight: run.advanceWidth * k,
      actualBoundingBoxAscent: face.ascent * k,
      actualBoundingBoxDescent: -face.descent * k,
    };
  }

  fillText(text: string, x: number, y: number, maxWidth?: number): void {
    const { face, size, run } = this.layout(text);
    const place = { x, y, align: this.textAlign, baseline: this.textBaseline, maxWidth };
    this.paintFill(textOutline(face, size, run, place, this.matrix), this.fillStyle);
  }
}
