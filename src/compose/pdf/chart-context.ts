/**
 * The PDF writer behind the vector chart context (charts/vector/context.ts): chart.js paints
 * the bulletin's charts straight onto the page, with no SVG drawn by cairo and parsed again
 * (that round trip was ~0.4 s of a build).
 */
import { type FaceOf, type Stroke, VectorContext } from '../../charts/vector/context.js';
import { fixed, type Segment } from '../../charts/vector/path.js';
import type { Doc } from './fonts.js';

/** A number as pdfkit writes it into content (PDFObject.number), the same characters. */
const pdfNum = (n: number): string => fixed(n, 6);

/**
 * A path's operators in one piece (a glyph outline is hundreds of them; pdfkit's moveTo and
 * friends turn each into its own buffer), numbers rounded as pdfkit rounds them.
 */
function pathOps(path: Segment[]): string {
  return path
    .map((s) =>
      s.op === 'M' || s.op === 'L'
        ? `${pdfNum(s.x)} ${pdfNum(s.y)} ${s.op.toLowerCase()}`
        : s.op === 'C'
          ? `${pdfNum(s.x1)} ${pdfNum(s.y1)} ${pdfNum(s.x2)} ${pdfNum(s.y2)} ` +
            `${pdfNum(s.x)} ${pdfNum(s.y)} c`
          : 'h',
    )
    .join('\n');
}

export class PdfChartContext extends VectorContext {
  constructor(
    private readonly doc: Doc,
    faceOf: FaceOf,
    width: number,
    height: number,
  ) {
    super(faceOf, width, height);
  }

  protected pushState(): void {
    this.doc.save();
  }
  protected popState(): void {
    this.doc.restore();
  }
  protected clipPath(path: Segment[], evenOdd: boolean): void {
    this.doc.addContent(pathOps(path));
    this.doc.clip(evenOdd ? 'even-odd' : 'non-zero');
  }
  protected fillPath(path: Segment[], color: string, alpha: number, evenOdd: boolean): void {
    const d = this.doc;
    d.save();
    if (alpha < 1) d.fillOpacity(alpha);
    d.addContent(pathOps(path));
    d.fill(color, evenOdd ? 'even-odd' : 'non-zero');
    d.restore();
  }
  protected strokePath(path: Segment[], s: Stroke): void {
    const d = this.doc;
    d.save();
    if (s.alpha < 1) d.strokeOpacity(s.alpha);
    d.lineWidth(s.width).lineCap(s.cap).lineJoin(s.join).miterLimit(s.miterLimit);
    if (s.dash.length) {
      // pdfkit's dash() refuses zero-length dashes (dots with round caps); canvas allows them.
      const num = (v: number) => String(Math.round(v * 1000) / 1000);
      d.addContent(`[${s.dash.map(num).join(' ')}] ${num(s.dashOffset)} d`);
    }
    d.addContent(pathOps(path));
    d.stroke(s.color);
    d.restore();
  }
}
