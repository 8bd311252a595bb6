/**
 * Finding a place for a slide whose text does not fit (issue 32, item 3): each plan of the
 * frame is tried on a slide that only records what is drawn, and the first that fits is drawn
 * for real; on a template, when none fits, the slide's list is shortened, the rest moved to
 * the speaker notes, one item at a time. Body text never goes below its minimum for it.
 */
import type * as P from './pptxgen.js';
import { InputError } from '../../errors.js';
import type { DeckSlide } from '../../model/deck.js';
import { plainText, type Block, type Run } from '../../template/markdown.js';
import type { SlidePlan } from './frame.js';

/**
 * A stand-in slide that keeps every call made on it, to be made again on a real slide: a
 * pptxgenjs slide cannot be taken back out of its presentation once added.
 */
export function recorder(): { slide: P.Slide; replay(to: P.Slide): void } {
  const calls: [PropertyKey, unknown[]][] = [];
  const slide: P.Slide = new Proxy({} as P.Slide, {
    get:
      (_, name) =>
      (...args: unknown[]) => {
        calls.push([name, args]);
        return slide;
      },
  });
  const replay = (to: P.Slide) => {
    const target = to as unknown as Record<PropertyKey, (...a: unknown[]) => unknown>;
    for (const [name, args] of calls) target[name]?.apply(to, args);
  };
  return { slide, replay };
}

/**
 * The slide with its last list's items from `keep` on moved to the notes, and a last item on
 * the slide saying how many are there.
 */
function shortened(s: DeckSlide, at: number, keep: number): DeckSlide {
  const list = s.body[at] as Extract<Block, { kind: 'list' }>;
  const moved = list.items.slice(keep);
  const more: Run[] = [
    { text: `${moved.length} more ${moved.length === 1 ? 'item' : 'items'} in the speaker notes` },
  ];
  const body = s.body.map((b, i) =>
    i === at ? { ...list, items: [...list.items.slice(0, keep), more] } : b,
  );
  const rest = moved.map(plainText).join('\n');
  const notes = `${s.notes}\n\nNot on the slide for want of room:\n${rest}`;
  return { ...s, body, notes };
}

/** The slide as it is, then shorter and shorter versions of its last list (none without one). */
export function versions(s: DeckSlide): DeckSlide[] {
  const at = s.body.findLastIndex((b) => b.kind === 'list' && b.items.length > 1);
  const list = s.body[at];
  if (list?.kind !== 'list') return [s];
  const keeps = Array.from({ length: list.items.length - 1 }, (_, i) => list.items.length - 1 - i);
  return [s, ...keeps.map((keep) => shortened(s, at, keep))];
}

/** Whether an error is text (or a chart) that did not fit its box. */
export const isFitError = (err: unknown): err is InputError =>
  err instanceof InputError && err.code === 'E_DECK_FIT';

/**
 * The first version and plan `draw` fills without a fitting error, drawn on a recording
 * slide; the first fitting error when none does.
 */
export function firstFitting(
  slides: DeckSlide[],
  plans: SlidePlan[],
  draw: (slide: P.Slide, s: DeckSlide, plan: SlidePlan) => void,
): { s: DeckSlide; plan: SlidePlan; draft: ReturnType<typeof recorder> } | { error: InputError } {
  let error: InputError | undefined;
  for (const s of slides)
    for (const plan of plans) {
      const draft = recorder();
      try {
        draw(draft.slide, s, plan);
        return { s, plan, draft };
      } catch (err) {
        if (!isFitError(err)) throw err;
        error ??= err;
      }
    }
  if (!error) throw new Error('no plan to lay a slide out on');
  return { error };
}
