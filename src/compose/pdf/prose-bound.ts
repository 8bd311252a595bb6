/**
 * A lower bound of the height the prose needs at a type step, from its words' widths alone.
 * The fitting step tries the largest steps first, and breaking every paragraph into lines
 * (hyphenation included) only to find that it overflows was most of the fit's work: the seed
 * bulletin overflowed at six of its seven steps. A step whose bound is already taller than
 * the columns cannot fit and is skipped unbroken; any other is laid out exactly as before.
 */
import type { BulletinModel } from '../../model/bulletin.js';
import type { Theme } from '../../model/theme.js';
import type { Run } from '../../template/markdown.js';
import { blockRuns } from './flow-content.js';
import type { Frame } from './flow.js';
import { fontName } from './fonts.js';
import { wordWidths, type Measure } from './lines.js';

/**
 * The size words are measured at once: pdfkit's width at any size is the width at 1000 pt
 * scaled (advance × size / 1000), so one measurement serves every step.
 */
const AT = 1000;
/** Room for rounding and kerning lost at a hyphenation point: the bound only ever errs low. */
const MARGIN = 0.99;

/** The prose's words measured once, for `cannotFit` at every step. */
export interface ProseBulk {
  paras: { widths: number[]; gaps: number }[];
  headings: number;
  /** A body space at AT points. */
  space: number;
}

/** Measures the bulletin's body paragraphs and counts its headings (as flowContent sets them). */
export function proseBulk(model: BulletinModel, theme: Theme, measure: Measure): ProseBulk {
  const family = theme.type.body.family;
  const style = { family, size: AT, color: theme.colors.ink };
  // The space first, as breakLines measures it: a font is registered on its first measurement.
  const space = measure(' ', fontName(family), AT);
  const paras = [
    ...model.intro,
    ...model.sections.flatMap((s) => s.blocks),
    ...model.conclusion.blocks,
  ]
    .flatMap(blockRuns)
    .map((runs: Run[]) => wordWidths(runs, style, measure));
  const headings = [...model.sections.map((s) => s.heading), model.conclusion.heading];
  return {
    paras,
    headings: headings.filter((h) => h.trim() !== '').length,
    space,
  };
}

/**
 * True when the prose cannot fit the frames at this step. A line holds at most `width` of
 * words and the spaces between them, except one word alone wider than the column (so each
 * word counts at most `width`); a break drops at most the space there and, where a figure's
 * no-break space is opened, that space too. A frame takes lines until its foot (flow.ts), so
 * all the lines' heights together cannot exceed the frames' heights (to flow.ts's 0.01 pt).
 */
export function cannotFit(
  bulk: ProseBulk,
  step: { body: number; leading: number },
  headingLeading: number,
  width: number,
  frames: Frame[],
): boolean {
  const scale = step.body / AT;
  const space = bulk.space * scale;
  let lines = 0;
  for (const p of bulk.paras) {
    if (p.widths.length === 0) continue;
    let words = 0;
    for (const w of p.widths) words += Math.min(w * scale, width);
    lines += Math.ceil((MARGIN * (words + (p.gaps + 2) * space)) / (width + 2 * space));
  }
  const needed = lines * step.leading + bulk.headings * headingLeading;
  return needed > frames.reduce((sum, f) => sum + f.h + 0.01, 0);
}

/**
 * The fitting step's test, measuring the words on first use: true for a step the prose cannot
 * fit even packed. Never the last step, whose overflow the error reports.
 */
export function hopelessSteps(
  model: BulletinModel,
  theme: Theme,
  measure: Measure,
  width: number,
  stepCount: number,
): (si: number, step: { body: number; leading: number }, frames: Frame[]) => boolean {
  let bulk: ProseBulk | undefined;
  return (si, step, frames) =>
    si < stepCount - 1 &&
    cannotFit(
      (bulk ??= proseBulk(model, theme, measure)),
      step,
      theme.type.heading.leading,
      width,
      frames,
    );
}
