/**
 * The structure tree of the tagged PDF, built in reading order before anything is drawn:
 * title, standfirst, key figures, the sections (column 1 then column 2, page by page),
 * the pull quote, the figures with their alt text, and the back matter. Running heads,
 * footers and rules are artifacts, so assistive technology skips them.
 */
import type { Doc } from './fonts.js';

type Struct = ReturnType<Doc['struct']>;

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

  /** Draws content as part of a structure element (may be called once per page it spans). */
  mark(el: Struct, tag: string, draw: () => void): void {
    el.add(this.doc.markStructureContent(tag));
    draw();
    this.doc.endMarkedContent();
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
