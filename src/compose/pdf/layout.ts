/**
 * layoutBulletin: the whole-document fitting step. Before anything is drawn it lays the
 * bulletin out at each type step (the theme's, and two a little larger for short content),
 * largest first, cuts optional boxes by priority only when no step fits, and fails with the
 * overflow and the cuttable blocks when nothing fits. It never clips and never adds a third
 * page. An under-full result is filled upward (fill.ts, fill-columns.ts): charts grow, gaps
 * open, the last page's columns balance, each chart grows into its column's blank, spare
 * charts join the emptiest column; what is still empty is reported (a too-short warning).
 */
import { mastheadParts, type BulletinModel } from '../../model/bulletin.js';
import type { Theme } from '../../model/theme.js';
import { plainText, type Run } from '../../template/markdown.js';
import { InputError } from '../../errors.js';
import { at, must } from '../../checked.js';
import { balancedLines, breakLines, type Measure, type TextStyle } from './lines.js';
import { flowBlocks, type FlowBlock, type Frame } from './flow.js';
import { chartBox, keyFiguresBox, pullQuoteBox, type Box, type ChartFigure } from './boxes.js';
import { flowContent, styleOf } from './flow-content.js';
import { PAGE_COUNT, PAGE_SIZES, type PagePlan, type TextBlock } from './page-plan.js';
import { fillPages, unplanned } from './fill-columns.js';
import { upwardSteps, type Step } from './fill.js';
import { hopelessSteps } from './prose-bound.js';

export function layoutBulletin(
  model: BulletinModel,
  theme: Theme,
  measure: Measure,
  templatesRoot = 'templates',
  pageSize: keyof typeof PAGE_SIZES = theme.page.size,
  placedFigures: ChartFigure[] = [],
  spares: ChartFigure[] = [],
): PagePlan {
  let figures = placedFigures;
  const [W, H] = PAGE_SIZES[pageSize];
  const m = theme.page.margins;
  const contentW = W - m.left - m.right;
  const colW = (contentW - theme.page.gutter * (theme.page.columns - 1)) / theme.page.columns;
  const c = theme.colors;
  const block = (
    runs: Run[],
    key: keyof Theme['type'],
    color: string,
    y: number,
    extra: Partial<TextStyle> = {},
    justify = false,
  ): TextBlock => {
    const s = styleOf(theme, key, color, extra);
    // Headings break into lines of like length; running text fills the measure.
    const lines = key === 'title' || key === 'subtitle' ? balancedLines : breakLines;
    return {
      x: m.left,
      y,
      lines: lines(runs, s, contentW, measure),
      leading: s.leading,
      width: contentW,
      justify,
    };
  };
  const height = (b: TextBlock) => b.lines.length * b.leading;

  // Page 1 header, top to bottom.
  const ruleY = m.top + 14;
  let y = ruleY + 14;
  const title = block([{ text: model.meta.title }], 'title', c.ink, y, { bold: true });
  y += height(title) + 2;
  const subtitle = model.meta.subtitle
    ? block([{ text: model.meta.subtitle }], 'subtitle', c.muted, y, { italic: true })
    : undefined;
  if (subtitle) y += height(subtitle);
  y += 8;
  const a = must(model.meta.authors[0], 'the first author (the schema requires one)');
  const byline = block(
    model.meta.byline ?? [
      { text: model.meta.authors.map((x) => x.name).join(', '), bold: true },
      {
        text: [a.role, a.affiliation].filter(Boolean).length
          ? `  ·  ${[a.role, a.affiliation].filter(Boolean).join(', ')}`
          : '',
      },
    ],
    'byline',
    c.muted,
    y,
  );
  y += height(byline) + 8;
  const standfirst = block(model.standfirst, 'standfirst', c.ink, y);
  y += height(standfirst) + 8;
  const bottomRuleY = y;
  const page1Top = y + 14;

  // Page 2 back matter, bottom up.
  const note = (runs: Run[], yy: number, bold = false) =>
    block(runs, 'note', c.muted, yy, bold ? { bold: true } : {});
  const aboutRuns = model.about.flatMap((b) => (b.kind === 'paragraph' ? b.runs : []));
  const sourceRuns: Run[] = [
    { text: 'Sources: ', bold: true },
    ...model.sources.flatMap((s, i) => [
      {
        text: `${i + 1}. ${[s.author, s.title, s.publisher].filter(Boolean).join(', ')}.${
          i < model.sources.length - 1 ? ' ' : ''
        }`,
        ...(s.url ? { link: s.url } : {}),
      },
    ]),
  ];
  const disclaimerRuns = model.disclaimer.flatMap((b) => (b.kind === 'paragraph' ? b.runs : []));
  // A block the data leaves empty (no disclaimer stated) takes no space.
  const measureBack = [aboutRuns, sourceRuns, disclaimerRuns]
    .filter((runs) => runs.some((r) => r.text.trim() !== ''))
    .map((runs) => note(runs, 0));
  const backH = measureBack.reduce((s, b) => s + height(b) + 4, 0);
  const footerY = H - m.bottom + 18;
  const backTop = H - m.bottom - backH;
  let by = backTop;
  const backBlocks = measureBack.map((b) => {
    const placed = { ...b, y: by };
    by += height(b) + 4;
    return placed;
  });
  const page2Bottom = backTop - 16;

  const columnRect = (page: number, col: number) => {
    const top = page === 0 ? page1Top : m.top;
    const bottom = page === 0 ? H - m.bottom : page2Bottom;
    return { page, x: m.left + col * (colW + theme.page.gutter), y: top, w: colW, h: bottom - top };
  };

  const optional: Box[] = [];
  if (model.keyFigures.length)
    optional.push(keyFiguresBox(theme, 'Key figures', model.keyFigures, colW, measure));
  if (model.pullQuote)
    optional.push(
      pullQuoteBox(theme, model.pullQuote.text, model.pullQuote.attribution, colW, measure),
    );
  for (const f of figures) {
    if (f.column >= theme.page.columns)
      throw new InputError('E_LAYOUT', [
        {
          file: 'templates/bulletin/bulletin.json',
          message:
            `chart "${f.id}" is set in column ${f.column}, but the theme has ` +
            `${theme.page.columns} column(s), counted from 0`,
        },
      ]);
    optional.push(chartBox(theme, f, colW, measure));
  }

  const framesFor = (boxes: Box[]): { frames: Frame[]; placed: PagePlan['boxes'] } => {
    const frames: Frame[] = [];
    const placed: PagePlan['boxes'] = [];
    for (let page = 0; page < PAGE_COUNT; page++) {
      for (let col = 0; col < theme.page.columns; col++) {
        const r = columnRect(page, col);
        let top = r.y;
        let bottom = r.y + r.h;
        for (const b of boxes.filter((x) => x.page === page && x.column === col)) {
          if (b.position === 'top') {
            placed.push({ ...b, x: r.x, y: top, width: r.w });
            top += b.height;
          } else {
            bottom -= b.height;
            placed.push({ ...b, x: r.x, y: bottom, width: r.w });
          }
        }
        frames.push({ page, x: r.x, y: top, w: r.w, h: Math.max(0, bottom - top) });
      }
    }
    return { frames, placed };
  };

  const steps = upwardSteps(theme.fit.steps);
  const hopeless = hopelessSteps(model, theme, measure, colW, steps.length);
  let worst: { overflow: number; leftOver: string[] } = { overflow: 0, leftOver: [] };
  /** The best fit with these boxes, cutting by priority; undefined when nothing fits. */
  const fitWith = (optional: Box[], figs: ChartFigure[]): PagePlan | undefined => {
    let boxes = [...optional];
    const cut: string[] = [];
    const upward = steps.length - theme.fit.steps.length;
    /** Fills an under-full layout at step `si`: charts grow, gaps open, the last page balances. */
    const finish = (si: number, step: Step, blocks: FlowBlock[]): PagePlan => {
      const filled = fillPages({
        boxes,
        figures: figs,
        blocks,
        leading: step.leading,
        width: colW,
        lastPage: PAGE_COUNT - 1,
        framesFor,
        chartAt: (f, scale) => chartBox(theme, f, colW, measure, scale),
      });
      const { frames: finalFrames, placed: finalPlaced, best, flow: balanced } = filled;
      return {
        size: [W, H],
        header: {
          series: model.meta.series,
          publisher: mastheadParts(model.meta).join('  ·  '),
          ruleY,
          title,
          ...(subtitle ? { subtitle } : {}),
          byline,
          standfirst,
          bottomRuleY,
        },
        columns: { width: colW, frames: finalFrames },
        flow: balanced,
        blocks: blocks.map((b) => ({ kind: b.kind, section: b.section })),
        sectionTitles: ['', ...model.sections.map((s) => s.heading), model.conclusion.heading],
        boxes: finalPlaced,
        backMatter: { y: backTop, blocks: backBlocks, ruleY: backTop - 8 },
        footerY,
        step: si,
        stepCount: steps.length,
        steps,
        extraGap: best.extraGap,
        cut,
        gaps: unplanned(balanced, finalFrames, step.leading),
      };
    };
    for (;;) {
      const { frames } = framesFor(boxes);
      let larger: PagePlan | undefined;
      for (const [si, step] of steps.entries()) {
        if (hopeless(si, step, frames)) continue;
        const blocks = flowContent(model, theme, step, colW, measure);
        const flow = flowBlocks(blocks, frames);
        if (flow.overflow > 0) {
          if (si === steps.length - 1) worst = flow;
          continue;
        }
        const plan = finish(si, step, blocks);
        // A step above the theme's own is only worth it when it fills the pages better by
        // more than a few lines; otherwise larger type just loosens the justified lines.
        if (larger && emptiness(larger) >= emptiness(plan) - 3 * step.leading) larger = plan;
        else if (!larger) larger = plan;
        if (si >= upward) return larger;
      }
      if (larger) return larger;
      const [next] = boxes
        .flatMap((box) => (box.cutPriority === undefined ? [] : [{ box, by: box.cutPriority }]))
        .sort((p, q) => p.by - q.by)
        .map((c) => c.box);
      if (!next) break;
      boxes = boxes.filter((b) => b !== next);
      cut.push(next.id);
    }
    return undefined;
  };
  let plan = fitWith(optional, figures);
  // Short content is joined by the charts the data supports that the layout does not set.
  for (const spare of spares) {
    if (!plan || plan.cut.length || emptiness(plan) <= FULL_ENOUGH_LINES * leadingOf(plan)) break;
    // Into the column with the most blank (frames run column by column, page by page).
    const emptiest = plan.gaps.indexOf(Math.max(...plan.gaps));
    const frame = at(plan.columns.frames, emptiest, 'the emptiest column');
    const column = emptiest % theme.page.columns;
    const f: ChartFigure = { ...spare, page: frame.page, column, position: 'bottom' };
    const tried = fitWith([...optional, chartBox(theme, f, colW, measure)], [...figures, f]);
    if (tried && !tried.cut.length && emptiness(tried) < emptiness(plan)) {
      plan = tried;
      optional.push(chartBox(theme, f, colW, measure));
      figures = [...figures, f];
    }
  }
  if (plan) return plan;
  const cuttable = optional.map((b) => b.id);
  const last = must(steps.at(-1), 'the smallest type step');
  const lines = new Map<string, number>();
  for (const b of flowContent(model, theme, last, colW, measure))
    lines.set(b.where, (lines.get(b.where) ?? 0) + b.lines.length);
  const longest = [...lines]
    .sort((p, q) => q[1] - p[1])
    .slice(0, 3)
    .map(([w, n]) => `${w} (${n} lines)`);
  throw new InputError('E_OVERFLOW', [
    {
      file: `${templatesRoot}/bulletin`,
      message:
        `the bulletin does not fit on ${PAGE_COUNT} pages: even at the smallest type step ` +
        `(${last.body} pt) and without ${cuttable.join(' and ') || 'any optional block'}, about ` +
        `${Math.ceil(worst.overflow)} pt (${Math.ceil(worst.overflow / last.leading)} lines) is ` +
        `left over. The longest parts are ${longest.join(', ')}; shorten their templates by at ` +
        `least that many lines.`,
    },
  ]);
}

/** Empty lines above which the composer adds a spare chart. */
const FULL_ENOUGH_LINES = 6;

const leadingOf = (p: PagePlan) => at(p.steps, p.step, 'type step').leading;

/** The unplanned space a plan leaves in its columns. */
const emptiness = (p: PagePlan) => p.gaps.reduce((s, g) => s + g, 0);

export { plainText };
export { PAGE_COUNT, PAGE_SIZES, type PagePlan, type TextBlock } from './page-plan.js';
