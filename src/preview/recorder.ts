/**
 * A stand-in for the pptxgenjs presentation that records what the slide layouts add instead
 * of writing XML. The preview runs the decks' own masters and layouts (master.ts, slides.ts)
 * through it, so every position, size and fitted font size in a slide preview is the one in
 * the PPTX: there is no second copy of the slide geometry to drift.
 */
import type * as P from '../compose/pptx/pptxgen.js';

/** One text run as the layouts give it to pptxgenjs. */
export interface RecRun {
  text: string;
  options: Partial<P.TextPropsOptions> & Record<string, unknown>;
}

/** A box in inches. */
export interface RecBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** What a slide or master draws, in order. */
export type RecOp =
  | { kind: 'text'; runs: RecRun[]; box: RecBox; options: Record<string, unknown> }
  | { kind: 'line'; box: RecBox; color: string; width: number }
  | { kind: 'rect'; box: RecBox; color: string }
  | { kind: 'image'; box: RecBox; data: string }
  | { kind: 'chart'; box: RecBox }
  | { kind: 'number'; box: RecBox; options: Record<string, unknown> };

/** A recorded slide: its master's name, what it draws, and its notes. */
export interface RecSlide {
  master: string;
  ops: RecOp[];
  notes: string;
}

type Loose = Record<string, unknown> & Partial<RecBox>;
const boxOf = (o: Loose): RecBox => ({
  x: Number(o.x ?? 0),
  y: Number(o.y ?? 0),
  w: Number(o.w ?? 0),
  h: Number(o.h ?? 0),
});
const lineOf = (o: Loose) => (o.line ?? {}) as { color?: string; width?: number };
const fillOf = (o: Loose) => (o.fill ?? {}) as { color?: string };

function textOp(text: string | RecRun[], options: Loose): RecOp {
  const runs = typeof text === 'string' ? [{ text, options: options as RecRun['options'] }] : text;
  return { kind: 'text', runs, box: boxOf(options), options };
}

/** The recording presentation; cast it to P.Pptx for the layout code. */
export class RecordingDeck {
  readonly ShapeType = { line: 'line', rect: 'rect' };
  readonly ChartType = { bar: 'bar', line: 'line' };
  readonly masters = new Map<string, RecOp[]>();
  readonly slides: RecSlide[] = [];

  defineSlideMaster(props: P.SlideMasterProps): void {
    const ops: RecOp[] = [];
    for (const o of (props.objects ?? []) as Record<string, Loose>[]) {
      if (o.rect)
        ops.push({ kind: 'rect', box: boxOf(o.rect), color: fillOf(o.rect).color ?? '000000' });
      if (o.line)
        ops.push({
          kind: 'line',
          box: boxOf(o.line),
          color: lineOf(o.line).color ?? '000000',
          width: lineOf(o.line).width ?? 1,
        });
      if (o.text) {
        const t = o.text as { text: string; options: Loose };
        ops.push(textOp(t.text, t.options));
      }
    }
    if (props.slideNumber)
      ops.push({
        kind: 'number',
        box: boxOf(props.slideNumber as Loose),
        options: props.slideNumber as Record<string, unknown>,
      });
    this.masters.set(props.title, ops);
  }

  addSlide(opts: { masterName?: string } = {}) {
    const slide: RecSlide = { master: opts.masterName ?? '', ops: [], notes: '' };
    this.slides.push(slide);
    const api = {
      addText: (text: string | RecRun[], options: Loose) => (
        slide.ops.push(textOp(text, options)), api
      ),
      addShape: (type: string, o: Loose) => {
        if (type === 'line')
          slide.ops.push({
            kind: 'line',
            box: boxOf(o),
            color: lineOf(o).color ?? '000000',
            width: lineOf(o).width ?? 1,
          });
        else slide.ops.push({ kind: 'rect', box: boxOf(o), color: fillOf(o).color ?? '000000' });
        return api;
      },
      addImage: (o: Loose) => (
        slide.ops.push({ kind: 'image', box: boxOf(o), data: String(o.data ?? '') }), api
      ),
      addChart: (_type: string, _data: unknown, o: Loose) => (
        slide.ops.push({ kind: 'chart', box: boxOf(o) }), api
      ),
      addNotes: (text: string) => ((slide.notes = text), api),
    };
    return api;
  }

  /** This recorder where the layout code expects a pptxgenjs presentation. */
  asPptx(): P.Pptx {
    return this as unknown as P.Pptx;
  }
}
