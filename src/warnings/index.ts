/**
 * Warnings that matter: things a build can make but an editor should look at before sending
 * it out. They never stop a build by themselves; `--strict` turns them into exit 1 (issue:
 * "Author experience", part 5). Each rule is a small function, as the dataset rules are.
 */
import type { BuildContext } from '../compose/types.js';
import { chartWarnings, slideWarnings } from './charts.js';
import type { FitReport } from '../compose/types.js';
import { endOfAsEpochMs } from '../dataset/dates.js';
import { NOT_STATED_LABEL } from '../dataset/schema.js';
import { deckSetup } from '../compose/pptx/template/choose.js';
import { templateTheme } from '../compose/pptx/template/colors.js';

export { strictWarnings, type BuildWarning } from './strict.js';
import type { BuildWarning } from './strict.js';

/** What the warning rules may be configured with. */
export interface WarningOptions {
  /** Warn when the latest dated fact is more than this many days older than the build clock. */
  maxAgeDays?: number;
  /** How the PDF fitted, from the manifest (absent when the build has no PDF). */
  fit?: FitReport;
  /** Whether the build makes decks (their template's colours are then checked). */
  decks?: boolean;
}

const DAY_MS = 86_400_000;

/**
 * The latest date any fact carries, as epoch ms at the end of its precision; null when none has
 * one.
 */
export function latestFactDate(ctx: BuildContext): { ms: number; text: string } | null {
  const d = ctx.dataset;
  const dates = [
    ...d.measures.flatMap((m) => [m.date, m.asOf]),
    ...d.events.flatMap((e) => [e.date, e.endDate]),
    ...d.quotes.map((q) => q.date),
  ].filter((x): x is string => typeof x === 'string');
  let best: { ms: number; text: string } | null = null;
  for (const text of dates) {
    const ms = endOfAsEpochMs(text);
    if (Number.isFinite(ms) && (!best || ms > best.ms)) best = { ms, text };
  }
  return best;
}

/**
 * Data older than the configured age, measured from the build clock (never the wall clock: builds
 * repeat).
 */
function dataAge(ctx: BuildContext, opts: WarningOptions): BuildWarning[] {
  if (opts.maxAgeDays === undefined) return [];
  const latest = latestFactDate(ctx);
  if (!latest) return [];
  const days = Math.floor((ctx.clock.getTime() - latest.ms) / DAY_MS);
  if (days <= opts.maxAgeDays) return [];
  return [
    {
      code: 'W_DATA_AGE',
      message:
        `the latest dated fact (${latest.text}) is ${days} days older than the build date ` +
        `${ctx.clock.toISOString().slice(0, 10)}; the limit is ${opts.maxAgeDays} days`,
      where: ctx.data.file,
    },
  ];
}

/**
 * Figures a reader cannot check: every fact names a source (validation makes sure), but a
 * quote or a figure without a locator sends the reader to a whole document, and aid without
 * an amount is a pledge the charts and totals leave out.
 */
function unsourced(ctx: BuildContext): BuildWarning[] {
  const d = ctx.dataset;
  const out: BuildWarning[] = [];
  d.quotes.forEach((q, i) => {
    if (!q.cite.locator)
      out.push({
        code: 'W_NO_LOCATOR',
        message: `quote "${q.id}" cites ${q.cite.source} without a locator (page or paragraph)`,
        where: `quotes[${i}].cite`,
      });
  });
  d.figures.forEach((f, i) => {
    if (!f.cite.locator)
      out.push({
        code: 'W_NO_LOCATOR',
        message: `figure "${f.id}" cites ${f.cite.source} without a locator (page or paragraph)`,
        where: `figures[${i}].cite`,
      });
  });
  d.measures.forEach((m, i) => {
    if (m.type === 'aid' && m.amount === undefined && !(m.components ?? []).length)
      out.push({
        code: 'W_AID_NO_AMOUNT',
        message: `aid "${m.id}" has no amount, so charts and totals leave it out`,
        where: `measures[${i}]`,
      });
    // Parts that add up to less than the whole may be a part left out by mistake; the rest is
    // counted in the package's own category, so say which (more than the whole is an error).
    if (m.type === 'aid' && m.amount !== undefined && m.components?.length) {
      const parts = m.components.reduce((s, c) => s + c.amount, 0);
      if (parts < m.amount) {
        const label = m.category
          ? (d.aidCategories.find((c) => c.id === m.category)?.label ?? m.category)
          : NOT_STATED_LABEL;
        out.push({
          code: 'W_AID_PARTS',
          message:
            `aid "${m.id}": its components add up to ${parts} of its amount ${m.amount}; the ` +
            `other ${m.amount - parts} is counted as "${label}"`,
          where: `measures[${i}].components`,
        });
      }
    }
  });
  return out;
}

/**
 * The PDF only fitted by using its smallest type step, or by cutting boxes: the next edit may not
 * fit at all.
 */
// Read from the manifest's record of the PDF, so a build that did not redraw the PDF (or a
// no-op) neither lays it out again nor loads pdfkit to warn about it.
/** Empty lines on the last page (all its columns) above which the bulletin looks unfinished. */
const SHORT_LINES = 6;

function fit(report: FitReport | undefined): BuildWarning[] {
  if (!report) return [];
  const out: BuildWarning[] = [];
  if (report.step === report.steps - 1 && report.steps > 1) {
    out.push({
      code: 'W_FIT_LAST_STEP',
      message:
        `the bulletin fits only at its last type step (${report.step + 1} of ${report.steps}); ` +
        `any more text will not fit`,
      where: 'bulletin.pdf',
    });
  }
  // A few empty lines at the foot of a column are normal; more is a page that looks unfinished.
  if ((report.emptyLines ?? 0) > SHORT_LINES)
    out.push({
      code: 'W_FIT_SHORT',
      message:
        `the text is too short to fill two pages: after larger type, taller charts and balanced ` +
        `columns, the pages still have room for about ${report.emptyLines} lines of text (up ` +
        `to ${report.slack} pt empty in one column); add text to the templates, or a figure`,
      where: 'bulletin.pdf',
      advisory: true,
    });
  if (report.cut.length)
    out.push({
      code: 'W_FIT_CUT',
      message: `to fit two pages the layout left out: ${report.cut.join(', ')}`,
      where: 'bulletin.pdf',
    });
  return out;
}

/** Every warning for a prepared build. */
export function collectWarnings(ctx: BuildContext, opts: WarningOptions = {}): BuildWarning[] {
  return [
    ...dataAge(ctx, opts),
    ...unsourced(ctx),
    ...fit(opts.fit),
    // A build without decks (`--only pdf`) renders no deck to judge its charts and slides by.
    ...chartWarnings(ctx, opts.decks ?? true),
    ...((opts.decks ?? true) ? slideWarnings(ctx) : []),
    ...(opts.decks ? deckContrast(ctx) : []),
    ...(opts.decks ? deckTemplateDropped(ctx) : []),
  ];
}

/**
 * Colours of an organisation's deck template that the decks refuse, as unreadable on its own
 * background.
 */
function deckContrast(ctx: BuildContext): BuildWarning[] {
  const { chosen, frame } = deckSetup(ctx.templates);
  const tpl = chosen?.template;
  if (!tpl) return [];
  const problems = [...templateTheme(ctx.theme.theme, tpl).problems, ...(frame?.problems ?? [])];
  return problems.map((message) => ({
    code: 'W_DECK_CONTRAST',
    message: `deck template: ${message}`,
    where: tpl.file,
    // The decks already keep off the colour: worth knowing, not a fault in the output.
    advisory: true,
  }));
}

/**
 * What of an organisation's deck template the decks left out (links to other servers or
 * files, OLE objects, unknown parts): one warning naming the template and each thing.
 */
function deckTemplateDropped(ctx: BuildContext): BuildWarning[] {
  const tpl = deckSetup(ctx.templates).chosen?.template;
  if (!tpl?.dropped.length) return [];
  return [
    {
      code: 'W_DECK_TEMPLATE_DROPPED',
      message:
        `deck template: left out of every deck, as decks take only masters, layouts, themes ` +
        `and their pictures: ${tpl.dropped.join('; ')}`,
      where: tpl.file,
    },
  ];
}
