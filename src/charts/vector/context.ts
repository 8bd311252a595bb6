/**
 * A Canvas 2D context that writes vectors, so chart.js draws charts without cairo: the state,
 * transforms, paths and text of the part of the 2D API chart.js uses, and a writer behind it
 * (the PDF page, compose/pdf/chart-context.ts; an SVG file, svg.ts). Text becomes glyph
 * outlines of the theme's sans faces placed as node-canvas (pango) places them (text.ts).
 * Anything outside the subset throws an internal error rather than drawing something else.
 */
import type { Font } from 'fontkit';
import { InternalError } from '../../errors.js';
import {
  IDENTITY,
  apply,
  arcSegments,
  cssColor,
  lengthScale,
  multiply,
  drawable,
  quadToCubic,
  type Matrix,
  type Segment,
} from './path.js';
import type { FaceOf, Stroke } from './writer-types.js';
import { inkBox, parseFont, shaped, textOutline, type TextBox, type TextPlace } from './text.js';

type Run = ReturnType<Font['layout']>;
export type { FaceOf, Stroke } from './writer-types.js';

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
type State = Pick<VectorContext, (typeof STATE_KEYS)[number]>;

export abstract class VectorContext {
  readonly canvas: { width: number; height: number; style: object; getContext: () => unknown };
  // The 2D state, as plain fields: chart.js sets them directly.
  matrix: Matrix = IDENTITY;
  private fill_ = '#000000';
  private stroke_ = '#000000';
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

  // Canvas ignores a style that is not a colour string (chart.js hands a legend swatch the
  // array of per-point colours, for one): the previous style stays.
  get fillStyle(): string {
    return this.fill_;
  }
  set fillStyle(v: unknown) {
    if (typeof v === 'string') this.fill_ = v;
  }
  get strokeStyle(): string {
    return this.stroke_;
  }
  set strokeStyle(v: unknown) {
    if (typeof v === 'string') this.stroke_ = v;
  }
  private path: Segment[] = [];
  private painted = false;
  /**
   * Every string drawn, with its ink box, once `recordTexts` is set: what a test checks for
   * labels that print over each other.
   */
  readonly texts: TextBox[] = [];
  recordTexts = false;

  constructor(
    private readonly faceOf: FaceOf,
    width: number,
    height: number,
  ) {
    this.canvas = { width, height, style: {}, getContext: () => this };
  }

  /** Canvas save(): the writer keeps its own state (PDF q, an SVG group) alongside. */
  protected abstract pushState(): void;
  protected abstract popState(): void;
  /** Paints a drawable path (see `drawable`) in a colour with an opacity. */
  protected abstract fillPath(
    path: Segment[],
    color: string,
    alpha: number,
    evenOdd: boolean,
  ): void;
  protected abstract strokePath(path: Segment[], stroke: Stroke): void;
  protected abstract clipPath(path: Segment[], evenOdd: boolean): void;

  save(): void {
    const s = Object.fromEntries(STATE_KEYS.map((k) => [k, this[k]])) as State;
    this.stack.push({ ...s, dash: [...this.dash] });
    this.pushState();
  }
  restore(): void {
    const s = this.stack.pop();
    if (!s) return;
    Object.assign(this, s);
    this.popState();
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
    const path = drawable(this.path);
    if (path) this.clipPath(path, rule === 'evenodd');
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
    if (this.painted) throw new InternalError('the vector chart writer cannot erase what it drew');
  }
  /** Stops painting: chart.js clears the canvas again when the chart is destroyed. */
  finish(): void {
    this.painted = false;
    this.path = [];
  }

  private paintFill(path: Segment[], style: string, rule?: 'nonzero' | 'evenodd'): void {
    const { color, opacity } = cssColor(style);
    const alpha = opacity * this.globalAlpha;
    const shape = drawable(path);
    if (alpha <= 0 || !shape) return;
    this.fillPath(shape, color, alpha, rule === 'evenodd');
    this.painted = true;
  }

  private paintStroke(path: Segment[]): void {
    const { color, opacity } = cssColor(this.strokeStyle);
    const alpha = opacity * this.globalAlpha;
    const shape = drawable(path);
    if (alpha <= 0 || !shape) return;
    // Canvas scales line widths and dashes by the transform in force when stroking.
    const k = lengthScale(this.matrix);
    this.strokePath(shape, {
      color,
      alpha,
      width: this.lineWidth * k,
      cap: this.lineCap,
      join: this.lineJoin,
      miterLimit: this.miterLimit,
      dash: this.dash.map((v) => v * k),
      dashOffset: this.lineDashOffset * k,
    });
    this.painted = true;
  }

  // --- text --------------------------------------------------------------------------------
  private layout(text: string): { face: Font; size: number; run: Run } {
    const { size, bold, italic } = parseFont(this.font);
    const face = this.faceOf(bold, italic);
    return { face, size, run: shaped(face, text) };
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
    const drawn = this.fillRun(face, size, run, place);
    if (drawn) this.painted = true;
    if (drawn && !this.recordTexts) return;
    const outline = textOutline(face, size, run, place, this.matrix);
    if (!drawn) this.paintFill(outline, this.fillStyle);
    if (this.recordTexts && text.trim()) this.texts.push(inkBox(text, outline));
  }
  /** A writer that draws text its own way (the SVG's reused glyphs) does it here: true if so. */
  protected fillRun(_face: Font, _size: number, _run: Run, _place: TextPlace): boolean {
    return false;
  }
}
