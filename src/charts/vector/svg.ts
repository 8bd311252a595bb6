/**
 * The SVG writer behind the vector chart context: chart.js draws each chart file without
 * cairo (its SVG surface and serialisation were a third of a chart's cost). The file is drawn
 * at 1 px = 1 pt, like cairo's, with glyph outlines for text.
 */
import { type FaceOf, type Stroke, VectorContext } from './context.js';
import { fixed3, type Segment } from './path.js';

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

export class SvgChartContext extends VectorContext {
  private body: string[] = [];
  /** Groups opened by clips since each save: restore closes them. */
  private open: number[] = [0];
  private clips = 0;

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

  /** The finished file. */
  svg(): string {
    const { width, height } = this.canvas;
    const close = '</g>'.repeat(this.open.reduce((a, b) => a + b, 0));
    return (
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
      `<svg xmlns="http://www.w3.org/2000/svg" width="${width}pt" height="${height}pt" ` +
      `viewBox="0 0 ${width} ${height}" version="1.1">\n${this.body.join('\n')}${close}\n</svg>\n`
    );
  }
}
