/**
 * The SVG writer behind the vector chart context: chart.js draws each chart file without
 * cairo (its SVG surface and serialisation were a third of a chart's cost). The file is drawn
 * at 1 px = 1 pt, like cairo's, with glyph outlines for text: each glyph's outline is written
 * once, in <defs>, and every use of it points there. Writing every letter's outline where it
 * stood made a chart file ~90 KB, and turning those outlines into text was most of the cost of
 * drawing a chart file (issue 33).
 */
import type { Font } from 'fontkit';
import { type FaceOf, type Stroke, VectorContext } from './context.js';
import { cssColor, fixed, fixed3, type Matrix, type Segment } from './path.js';
import { glyphOutline, placedGlyphs, type TextPlace } from './text.js';

/** Coordinates to a thousandth of a point: far below anything print or screen resolves. */
const n = fixed3;

/** A path's `d`: chart files hold tens of thousands of segments. */
function pathData(path: Segment[]): string {
  return path
    .map((s) =>
      s.op === 'M' || s.op === 'L'
        ? `${s.op}${n(s.x)} ${n(s.y)}`
        : s.op === 'C'
          ? `C${n(s.x1)} ${n(s.y1)} ${n(s.x2)} ${n(s.y2)} ${n(s.x)} ${n(s.y)}`
          : 'Z',
    )
    .join('');
}

const opacity = (name: string, a: number) => (a < 1 ? ` ${name}="${n(a)}"` : '');

type Glyph = Parameters<typeof glyphOutline>[1];

/** Glyph outlines as path data, by face, glyph and size: every chart file draws the same few. */
const glyphPaths = new WeakMap<Font, Map<string, string>>();
function glyphPathData(face: Font, glyph: Glyph, size: number): string {
  let byGlyph = glyphPaths.get(face);
  if (!byGlyph) glyphPaths.set(face, (byGlyph = new Map()));
  const key = `${glyph.id}:${size}`;
  let d = byGlyph.get(key);
  if (d === undefined) byGlyph.set(key, (d = pathData(glyphOutline(face, glyph, size))));
  return d;
}

/** A transform as SVG writes it: a translation alone where that is all it is. */
function transformOf([a, b, c, d, e, f]: Matrix): string {
  if (a === 1 && b === 0 && c === 0 && d === 1) return `translate(${n(e)} ${n(f)})`;
  const m = (v: number) => fixed(v, 6);
  return `matrix(${m(a)} ${m(b)} ${m(c)} ${m(d)} ${n(e)} ${n(f)})`;
}

export class SvgChartContext extends VectorContext {
  private body: string[] = [];
  /** Groups opened by clips since each save: restore closes them. */
  private open: number[] = [0];
  private clips = 0;
  /** Each glyph outline written so far (face, glyph, size) → its id; empty ones have none. */
  private glyphIds = new Map<string, string | null>();
  private faceIds = new Map<Font, number>();
  private defs: string[] = [];

  constructor(faceOf: FaceOf, width: number, height: number) {
    super(faceOf, width, height);
  }

  protected pushState(): void {
    this.open.push(0);
  }
  protected popState(): void {
    const groups = this.open.pop() ?? 0;
    if (groups) this.body.push('</g>'.repeat(groups));
    if (this.open.length === 0) this.open.push(0);
  }
  protected clipPath(path: Segment[], evenOdd: boolean): void {
    const id = `clip${++this.clips}`;
    const rule = evenOdd ? ' clip-rule="evenodd"' : '';
    this.body.push(
      `<clipPath id="${id}"><path${rule} d="${pathData(path)}"/></clipPath>`,
      `<g clip-path="url(#${id})">`,
    );
    this.open[this.open.length - 1] = (this.open.at(-1) ?? 0) + 1;
  }
  protected fillPath(path: Segment[], color: string, alpha: number, evenOdd: boolean): void {
    const rule = evenOdd ? ' fill-rule="evenodd"' : '';
    this.body.push(
      `<path fill="${color}"${opacity('fill-opacity', alpha)}${rule} d="${pathData(path)}"/>`,
    );
  }
  protected strokePath(path: Segment[], s: Stroke): void {
    const attrs = [
      `fill="none" stroke="${s.color}"${opacity('stroke-opacity', s.alpha)}`,
      `stroke-width="${n(s.width)}"`,
      s.cap !== 'butt' ? `stroke-linecap="${s.cap}"` : '',
      s.join !== 'miter' ? `stroke-linejoin="${s.join}"` : `stroke-miterlimit="${n(s.miterLimit)}"`,
      s.dash.length
        ? `stroke-dasharray="${s.dash.map(n).join(' ')}" stroke-dashoffset="${n(s.dashOffset)}"`
        : '',
    ].filter(Boolean);
    this.body.push(`<path ${attrs.join(' ')} d="${pathData(path)}"/>`);
  }

  protected override fillRun(
    face: Font,
    size: number,
    run: Parameters<typeof placedGlyphs>[2],
    at: TextPlace,
  ): boolean {
    const { color, opacity: a } = cssColor(this.fillStyle);
    const alpha = a * this.globalAlpha;
    // Nothing to paint: the outline path, which paints nothing either, keeps canvas's rules.
    if (alpha <= 0) return false;
    const { origin, glyphs } = placedGlyphs(face, size, run, at, this.matrix);
    const uses = glyphs.flatMap(({ glyph, dx, dy }) => {
      const id = this.glyphId(face, glyph, size);
      const y = dy === 0 ? '' : ` y="${n(dy)}"`;
      return id ? [`<use xlink:href="#${id}" x="${n(dx)}"${y}/>`] : [];
    });
    if (uses.length)
      this.body.push(
        `<g fill="${color}"${opacity('fill-opacity', alpha)} transform="${transformOf(origin)}">` +
          `${uses.join('')}</g>`,
      );
    return true;
  }

  /** The id of a glyph's outline at a size, written into <defs> on first use. */
  private glyphId(face: Font, glyph: Glyph, size: number): string | null {
    let faceId = this.faceIds.get(face);
    if (faceId === undefined) this.faceIds.set(face, (faceId = this.faceIds.size));
    const key = `${faceId}:${glyph.id}:${size}`;
    let id = this.glyphIds.get(key);
    if (id === undefined) {
      const d = glyphPathData(face, glyph, size);
      id = d ? `g${this.glyphIds.size + 1}` : null;
      if (id) this.defs.push(`<path id="${id}" d="${d}"/>`);
      this.glyphIds.set(key, id);
    }
    return id;
  }

  /** The finished file. */
  svg(): string {
    const { width, height } = this.canvas;
    const close = '</g>'.repeat(this.open.reduce((a, b) => a + b, 0));
    return (
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" ' +
      `width="${width}pt" height="${height}pt" viewBox="0 0 ${width} ${height}" version="1.1">\n` +
      (this.defs.length ? `<defs>\n${this.defs.join('\n')}\n</defs>\n` : '') +
      `${this.body.join('\n')}${close}\n</svg>\n`
    );
  }
}
