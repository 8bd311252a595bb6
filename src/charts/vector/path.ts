/**
 * The geometry half of the PDF chart context (chart-context.ts): a 2D affine matrix, the
 * current path kept in chart space (canvas applies the transform when a point is added, PDF
 * when the path is painted, so points are transformed here and painted untransformed), and
 * the CSS colours chart.js hands over.
 */
import { InternalError } from '../../errors.js';

/** [a, b, c, d, e, f]: x' = a·x + c·y + e, y' = b·x + d·y + f (as canvas and PDF define it). */
export type Matrix = [number, number, number, number, number, number];

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** m · n: n applied first, then m (canvas's transform() post-multiplies). */
export function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}

export function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** How much the matrix scales lengths (line widths, dashes); exact for uniform scales. */
export function lengthScale(m: Matrix): number {
  return Math.sqrt(Math.abs(m[0] * m[3] - m[1] * m[2]));
}

/** One segment of a path, in chart space. */
export type Segment =
  | { op: 'M' | 'L'; x: number; y: number }
  | { op: 'C'; x1: number; y1: number; x2: number; y2: number; x: number; y: number }
  | { op: 'Z' };

/**
 * The path without the lone moveTo canvas's rect() leaves after each rectangle; undefined
 * when nothing in it would draw.
 */
export function drawable(path: Segment[]): Segment[] | undefined {
  if (!path.some((s) => s.op !== 'M' && s.op !== 'Z')) return undefined;
  return path.filter((s, i) => s.op !== 'M' || (i < path.length - 1 && path[i + 1]?.op !== 'M'));
}

/** A quadratic Bézier as the cubic PDF draws (exact: the controls at 2/3 towards q). */
export function quadToCubic(
  [sx, sy]: [number, number],
  [qx, qy]: [number, number],
  [x, y]: [number, number],
): Segment {
  const k = 2 / 3;
  return {
    op: 'C',
    x1: sx + k * (qx - sx),
    y1: sy + k * (qy - sy),
    x2: x + k * (qx - x),
    y2: y + k * (qy - y),
    x,
    y,
  };
}

/** The points of a circular arc as cubic Béziers (at most 90° each), in user space. */
export function arcSegments(
  cx: number,
  cy: number,
  r: number,
  start: number,
  end: number,
  anticlockwise: boolean,
): { from: [number, number]; curves: [number, number, number, number, number, number][] } {
  let sweep = end - start;
  const full = 2 * Math.PI;
  if (!anticlockwise && sweep < 0) sweep = sweep <= -full ? full : (sweep % full) + full;
  if (anticlockwise && sweep > 0) sweep = sweep >= full ? -full : (sweep % full) - full;
  if (Math.abs(sweep) > full) sweep = Math.sign(sweep) * full;
  const n = Math.max(1, Math.ceil(Math.abs(sweep) / (Math.PI / 2) - 1e-9));
  const step = sweep / n;
  const k = (4 / 3) * Math.tan(step / 4);
  const curves: [number, number, number, number, number, number][] = [];
  let a = start;
  for (let i = 0; i < n; i++) {
    const b = a + step;
    const [ca, sa, cb, sb] = [Math.cos(a), Math.sin(a), Math.cos(b), Math.sin(b)];
    curves.push([
      cx + r * (ca - k * sa),
      cy + r * (sa + k * ca),
      cx + r * (cb + k * sb),
      cy + r * (sb - k * cb),
      cx + r * cb,
      cy + r * sb,
    ]);
    a = b;
  }
  return { from: [cx + r * Math.cos(start), cy + r * Math.sin(start)], curves };
}

/** A CSS colour as pdfkit takes it (hex) and its opacity; chart.js passes hex and rgb(a). */
export function cssColor(css: string): { color: string; opacity: number } {
  const s = css.trim().toLowerCase();
  if (s === 'transparent') return { color: '#000000', opacity: 0 };
  if (s === 'black') return { color: '#000000', opacity: 1 };
  if (s === 'white') return { color: '#ffffff', opacity: 1 };
  const hex = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/.exec(s)?.[1];
  if (hex) {
    const full = hex.length <= 4 ? [...hex].map((ch) => ch + ch).join('') : hex;
    const alpha = full.length === 8 ? Number.parseInt(full.slice(6), 16) / 255 : 1;
    return { color: `#${full.slice(0, 6)}`, opacity: alpha };
  }
  const rgb = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+([\d.]+%?))?\s*\)$/.exec(s);
  if (rgb) {
    const [r, g, b] = [rgb[1], rgb[2], rgb[3]].map((v) => Math.round(Number(v)));
    const a = rgb[4] === undefined ? 1 : rgb[4].endsWith('%') ? parseFloat(rgb[4]) / 100 : +rgb[4];
    const two = (v: number | undefined) => (v ?? 0).toString(16).padStart(2, '0');
    return { color: `#${two(r)}${two(g)}${two(b)}`, opacity: a };
  }
  // A colour the charts never use today: fail loudly rather than print a wrong one.
  throw new InternalError(`the PDF chart painter cannot read the colour "${css}"`);
}

const POW10 = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000];

/**
 * `String(Math.round(v * 10 ** digits) / 10 ** digits)`, the way pdfkit writes numbers, built
 * from integers: turning a fraction into its shortest decimal is V8's slow path, and a chart
 * writes thousands of coordinates (it was a quarter of drawing an SVG chart). Exact for
 * |v| < 1e9, far beyond any page; outside that range it falls back to the plain form.
 */
export function fixed(v: number, digits: number): string {
  if (digits === 3) return fixed3(v);
  const scale = POW10[digits] ?? 10 ** digits;
  const r = Math.round(v * scale);
  if (r % scale === 0 || !(Math.abs(v) < 1e9)) return String(r / scale);
  const a = r < 0 ? -r : r;
  const whole = Math.floor(a / scale);
  let frac = String(a - whole * scale).padStart(digits, '0');
  let end = frac.length;
  while (frac.charCodeAt(end - 1) === 48) end--;
  frac = frac.slice(0, end);
  return `${r < 0 ? '-' : ''}${whole}.${frac}`;
}

/** The digits after the point of 0–999 thousandths, trailing zeros dropped. */
const THOUSANDTHS = Array.from({ length: 1000 }, (_, i) =>
  String(i).padStart(3, '0').replace(/0+$/, ''),
);

/**
 * fixed(v, 3), the SVG charts' coordinates, with the fraction from a table: a chart file
 * writes tens of thousands of them (glyph outlines), and building each fraction string was
 * most of writing one.
 */
export function fixed3(v: number): string {
  const r = Math.round(v * 1000);
  if (r % 1000 === 0 || !(Math.abs(v) < 1e9)) return String(r / 1000);
  const a = r < 0 ? -r : r;
  const whole = Math.floor(a / 1000);
  return `${r < 0 ? '-' : ''}${whole}.${THOUSANDTHS[a - whole * 1000]}`;
}
