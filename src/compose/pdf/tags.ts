/**
 * The structure tree of the tagged PDF (PDF/UA-1), built in reading order before anything is
 * drawn: title, standfirst, key figures, the sections (column 1 then column 2, page by page),
 * the pull quote, the figures top to bottom with their alt text and bounding boxes, and the
 * back matter. Running heads, footers and rules are artifacts, so assistive technology skips
 * them. A link is a Link element holding its text and its one annotation (with /QuadPoints
 * when the link wraps).
 */
import { must } from '../../checked.js';
import type { Doc } from './fonts.js';
import type { Rect, TextSink } from './draw.js';

type Struct = ReturnType<Doc['struct']>;

/** Structure types outside PDF 1.7's standard set, mapped to the standard type they behave as. */
export const ROLE_MAP = { Aside: 'Sect' } as const;

interface Internals {
  _convertRect(x: number, y: number, w: number, h: number): [number, number, number, number];
  getStructTreeRoot(): { data: Record<string, unknown> };
}

/**
 * The logical text of a link drawn over several lines: a line that ends in a line-break
 * hyphen (U+00AD, see draw.ts) joins the next with neither hyphen nor space ("Hon- olulu"
 * would be read aloud as two words); any other line end was a space. A real hyphen that ends
 * a line ("pre- and post-war") is text, and stays.
 */
export function joinLineFragments(fragments: readonly string[]): string {
  return fragments.reduce((all, next, i) => {
    if (i === 0) return next;
    return all.endsWith('\u00ad') ? all.slice(0, -1) + next : `${all} ${next}`;
  }, '');
}

export class Tagger {
  readonly root: Struct;
  private sections: Struct[] = [];
  private blocks = new Map<number, Struct>();

  constructor(
    private doc: Doc,
    lang: string,
  ) {
    this.root = doc.struct('Document', { lang } as never);
    doc.addStructure(this.root);
    const tree = (doc as unknown as Internals).getStructTreeRoot();
    tree.data.RoleMap = { ...ROLE_MAP };
    // The ParentTree is a one-node number tree: ISO 32000 allows /Limits only on intermediate
    // and leaf nodes, never on the root, where pdfkit writes it (issue 32, item 4).
    (tree.data.ParentTree as { limits: boolean }).limits = false;
  }

  /** A new element under `parent` (the document by default). */
  element(
    type: string,
    options: { alt?: string; title?: string } = {},
    parent: Struct = this.root,
  ): Struct {
    const el = this.doc.struct(type, options);
    parent.add(el);
    return el;
  }

  /** Creates the section elements of the body in order (index 0 = introduction). */
  openSections(titles: string[]): void {
    this.sections = titles.map((t, i) =>
      this.element('Sect', i === 0 ? { title: 'Introduction' } : { title: t }),
    );
  }

  /** The element of a flow block, created on first use inside its section. */
  block(index: number, kind: 'heading' | 'para', section: number): Struct {
    let el = this.blocks.get(index);
    if (!el) {
      el = this.element(kind === 'heading' ? 'H2' : 'P', {}, this.sections[section] ?? this.root);
      this.blocks.set(index, el);
    }
    return el;
  }

  /** Records where an element sits on the page (PDF/UA wants it for figures). */
  bbox(el: Struct, r: Rect): void {
    const [x1, y1, x2, y2] = (this.doc as unknown as Internals)._convertRect(r.x, r.y, r.w, r.h);
    (el as unknown as { dictionary: { data: Record<string, unknown> } }).dictionary.data.A = {
      O: 'Layout',
      Placement: 'Block',
      BBox: [x1, y1, x2, y2].map((n) => Math.round(n * 100) / 100),
    };
  }

  /**
   * Draws content as part of a structure element (may be called once per page it spans).
   * Text inside a link goes into a Link element under `el`; each link gets one annotation.
   */
  mark(el: Struct, tag: string, draw: (sink: TextSink) => void): void {
    const doc = this.doc;
    const links = new Map<string, { el: Struct; text: string[]; rects: Rect[] }>();
    let owner: string | undefined;
    let open = false;
    const begin = (link: string | undefined) => {
      if (open) doc.endMarkedContent();
      if (link === undefined) el.add(doc.markStructureContent(tag));
      else {
        let l = links.get(link);
        if (!l) {
          l = { el: doc.struct('Link'), text: [], rects: [] };
          el.add(l.el);
          links.set(link, l);
        }
        l.el.add(doc.markStructureContent('Link'));
      }
      owner = link;
      open = true;
    };
    const sink: TextSink = {
      segment(link, drawPart) {
        if (!open || link !== owner) begin(link);
        drawPart();
      },
      linkArea(link, text, rect) {
        const l = must(links.get(link), `the link ${link}`);
        l.text.push(text);
        l.rects.push(rect);
      },
    };
    begin(undefined);
    draw(sink);
    doc.endMarkedContent();
    for (const [url, l] of links) this.annotateLink(url, l);
  }

  /** One Link annotation per link: its area is every line it covers, its /Contents its words. */
  private annotateLink(url: string, l: { el: Struct; text: string[]; rects: Rect[] }): void {
    const d = this.doc as unknown as Internals;
    const quads = l.rects.flatMap((r) => {
      const [x1, y1, x2, y2] = d._convertRect(r.x, r.y, r.w, r.h);
      return [x1, y2, x2, y2, x1, y1, x2, y1];
    });
    const x = Math.min(...l.rects.map((r) => r.x));
    const y = Math.min(...l.rects.map((r) => r.y));
    const w = Math.max(...l.rects.map((r) => r.x + r.w)) - x;
    const h = Math.max(...l.rects.map((r) => r.y + r.h)) - y;
    this.doc.link(x, y, w, h, url, {
      structParent: l.el,
      Contents: new String(`${joinLineFragments(l.text)} (${url})`),
      ...(l.rects.length > 1 ? { QuadPoints: quads.map((n) => Math.round(n * 100) / 100) } : {}),
    } as never);
    l.el.end();
  }

  /** Draws decoration or pagination that is not part of the content. */
  artifact(type: 'Pagination' | 'Layout', draw: () => void): void {
    this.doc.markContent('Artifact', { type } as never);
    draw();
    this.doc.endMarkedContent();
  }

  end(): void {
    this.root.end();
  }
}
