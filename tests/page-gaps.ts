/**
 * The blank blocks of a built bulletin, measured from the PDF itself: poppler's text lines
 * (pdftotext -bbox-layout) and the figures' boxes from the structure tree (qpdf), since the
 * charts are vector paths no text tool sees. Each column of each page is the stack of what
 * sits in it, full-width items (header, back matter) counting in both; the largest vertical
 * distance between two neighbours is its largest blank.
 */
import { spawnSync } from 'node:child_process';

interface Rect {
  page: number;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

function textLines(pdf: string): { rects: Rect[]; width: number; height: number } {
  const r = spawnSync('pdftotext', ['-bbox-layout', pdf, '-'], { encoding: 'utf8' });
  const rects: Rect[] = [];
  let page = -1;
  let width = 0;
  let height = 0;
  for (const m of r.stdout.matchAll(/<(page|line) ([^>]*)>/g)) {
    const attr = (k: string) => Number(new RegExp(`${k}="([\\d.]+)"`).exec(m[2] ?? '')?.[1]);
    if (m[1] === 'page') {
      page++;
      width = attr('width');
      height = attr('height');
    } else
      rects.push({ page, x1: attr('xMin'), y1: attr('yMin'), x2: attr('xMax'), y2: attr('yMax') });
  }
  return { rects, width, height };
}

type Json = Record<string, { value?: Record<string, unknown> }>;

function figureBoxes(pdf: string, pageHeight: number): Rect[] {
  const r = spawnSync('qpdf', ['--json=2', '--json-key=qpdf', '--json-key=pages', pdf], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const json = JSON.parse(r.stdout) as { qpdf: [unknown, Json]; pages: { object: string }[] };
  const pages = json.pages.map((p) => p.object);
  return Object.values(json.qpdf[1]).flatMap((o): Rect[] => {
    const v = o.value;
    if (!v || v['/S'] !== '/Figure') return [];
    const box = (v['/A'] as { '/BBox'?: number[] } | undefined)?.['/BBox'];
    const page = pages.indexOf(`${String(v['/Pg']).replace(/^obj:/, '')}`);
    if (!box || page < 0) return [];
    const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] = box;
    // PDF user space runs upward; poppler's boxes run downward from the top.
    return [{ page, x1, y1: pageHeight - y2, x2, y2: pageHeight - y1 }];
  });
}

/** The largest blank between two things stacked in one column, per page and column. */
export function largestBlanks(pdf: string): { page: number; column: number; blank: number }[] {
  const { rects, width, height } = textLines(pdf);
  const all = [...rects, ...figureBoxes(pdf, height)];
  const mid = width / 2;
  const out: { page: number; column: number; blank: number }[] = [];
  const pages = Math.max(...all.map((r) => r.page)) + 1;
  for (let page = 0; page < pages; page++) {
    for (const column of [0, 1]) {
      const inColumn = all
        .filter((r) => r.page === page)
        .filter((r) => (column === 0 ? r.x1 < mid - 4 : r.x2 > mid + 4))
        .sort((a, b) => a.y1 - b.y1);
      let blank = 0;
      let bottom = inColumn[0]?.y2 ?? 0;
      for (const r of inColumn) {
        blank = Math.max(blank, r.y1 - bottom);
        bottom = Math.max(bottom, r.y2);
      }
      out.push({ page, column, blank });
    }
  }
  return out;
}
