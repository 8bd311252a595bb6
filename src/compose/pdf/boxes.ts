/**
 * Boxes set into the columns (key figures, pull quote, charts): each has a fixed place
 * (page, column, top or bottom) and a measured height; the text flows around them.
 */
import type { Run } from '../../template/markdown.js';
import type { Theme } from '../../model/theme.js';
import { breakLines, type Line, type Measure } from './lines.js';
import type { Doc } from './fonts.js';

export interface Box {
  id: string;
  page: number;
  column: number;
  position: 'top' | 'bottom';
  height: number;
  /** Lower numbers are cut first when the content does not fit; undefined = never cut. */
  cutPriority?: number;
  content: BoxContent;
}

export type BoxContent =
  | { kind: 'key-figures'; title: string; items: { lines: Line[] }[]; leading: number; pad: number }
  | { kind: 'pull-quote'; lines: Line[]; leading: number; attribution: Line[]; attrLeading: number }
  | {
      kind: 'chart';
      title: Line[];
      titleLeading: number;
      /** The chart as SVG (previews) and painted on the PDF, at its drawn size in pixels. */
      svg: () => string;
      paint: (doc: Doc) => void;
      pixels: { width: number; height: number };
      alt: string;
      top: number;
      chartW: number;
      chartH: number;
      notes: Line[];
      noteLeading: number;
    };

/** A chart to set into a column: where it goes and what it shows. */
export interface ChartFigure {
  id: string;
  page: number;
  column: number;
  position: 'top' | 'bottom';
  cutPriority: number;
  title: string;
  width: number;
  height: number;
  /** The rows the chart lists (bars and currency headings, or a timeline's partners). */
  rows?: number;
  /** Notes and source, set small under the chart. */
  note: string;
  /** Alternative text for the figure (screen readers, the structure tree). */
  alt: string;
  /**
   * The chart at a height in chart pixels (the fitting step may grow it): as SVG, and painted
   * on a PDF at the origin, one unit a pixel.
   */
  svgAt: (height: number) => string;
  paintAt: (height: number, doc: Doc) => void;
}

/** Space between a chart box and the text it borders. */
const CHART_GAP = 12;

/** Caption title (sans bold), the chart scaled to the column width, and a note line under it. */
export function chartBox(
  theme: Theme,
  f: ChartFigure,
  width: number,
  measure: Measure,
  scale = 1,
): Box {
  const cap = theme.type.caption;
  const n = theme.type.note;
  const title = breakLines(
    [{ text: f.title, bold: true }],
    { family: 'sans', size: cap.size + 0.5, color: theme.colors.ink },
    width,
    measure,
  );
  const notes = f.note
    ? breakLines(
        [{ text: f.note }],
        { family: n.family, size: n.size, color: theme.colors.muted },
        width,
        measure,
      )
    : [];
  // Whole chart pixels, so a grown chart is drawn (and cached) at a definite size.
  const heightPx = Math.round(f.height * scale);
  const chartH = heightPx * (width / f.width);
  const titleLeading = cap.leading + 0.5;
  const body = title.length * titleLeading + 3 + chartH + 3 + notes.length * n.leading;
  // The gap sits on the side that faces the text.
  const top = f.position === 'bottom' ? CHART_GAP : 0;
  return {
    id: `chart ${f.id}`,
    page: f.page,
    column: f.column,
    position: f.position,
    height: body + CHART_GAP,
    cutPriority: f.cutPriority,
    content: {
      kind: 'chart',
      title,
      titleLeading,
      svg: () => f.svgAt(heightPx),
      paint: (doc: Doc) => f.paintAt(heightPx, doc),
      pixels: { width: f.width, height: heightPx },
      alt: f.alt,
      top,
      chartW: width,
      chartH,
      notes,
      noteLeading: n.leading,
    },
  };
}

export function keyFiguresBox(
  theme: Theme,
  title: string,
  items: Run[][],
  width: number,
  measure: Measure,
): Box {
  const pad = 9;
  const t = theme.type.caption;
  const style = { family: t.family, size: t.size + 1, color: theme.colors.ink };
  const leading = t.leading + 1.5;
  const laid = items.map((runs) => ({ lines: breakLines(runs, style, width - pad * 2, measure) }));
  const textH = laid.reduce((s, i) => s + i.lines.length * leading + 4, 0);
  return {
    id: 'key-figures',
    page: 0,
    column: 1,
    position: 'top',
    height: pad + 16 + textH + pad - 4 + 10,
    cutPriority: 2,
    content: { kind: 'key-figures', title, items: laid, leading, pad },
  };
}

export function pullQuoteBox(
  theme: Theme,
  text: string,
  attribution: string,
  width: number,
  measure: Measure,
): Box {
  const q = theme.type.quote;
  const lines = breakLines(
    [{ text: `“${text}”`, italic: true }],
    { family: q.family, size: q.size, color: theme.colors.accent },
    width - 12,
    measure,
  );
  const c = theme.type.caption;
  const attr = breakLines(
    [{ text: `— ${attribution}` }],
    { family: c.family, size: c.size + 0.5, color: theme.colors.muted },
    width - 12,
    measure,
  );
  const height = 14 + lines.length * q.leading + 4 + attr.length * c.leading + 16;
  return {
    id: 'pull-quote',
    page: 1,
    column: 1,
    position: 'top',
    height,
    cutPriority: 1,
    content: {
      kind: 'pull-quote',
      lines,
      leading: q.leading,
      attribution: attr,
      attrLeading: c.leading,
    },
  };
}
