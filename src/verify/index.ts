/**
 * verifyPrinted: the fidelity check's pure core. Every figure a build printed — PDF text and
 * alt text, slide text, speaker notes, deck chart caches and their labels — must trace to the
 * data (see derive.ts for what may be derived). Returns every figure that does not, with where
 * it was printed.
 */
import type { Dataset } from '../dataset/schema.js';
import { endOf, mustParse, startOf } from '../dataset/dates.js';
import { deriveCandidates } from './derive.js';
import { chartLabel, checkStoredValue } from './chart.js';
import { skipped, versionSpans } from './exemptions.js';
import { traceFigure } from './match.js';
import { verifyClaims } from './claims.js';
import { quotedFromData, readsApart } from './quoted.js';
import { scanFigures, scanLocale, type ScanLocale } from './scan.js';
import type { Printed, VerifyProblem, VerifyResult } from './types.js';

export type { VerifyProblem, VerifyResult } from './types.js';
export { EXEMPTIONS } from './exemptions.js';

/** Options of a check. */
export interface VerifyOptions {
  /** The build's own dates (its clock), YYYY-MM-DD: a deck cover prints the build date. */
  clockDates?: string[];
  /** The tool version, which a build may print and which is not a figure. */
  toolVersion?: string;
  /** Bar caps the chart specs declare (`show`): "the 8 largest of 100 partners are shown". */
  displayCaps?: number[];
}

function context(text: string, start: number, end: number): string {
  const a = Math.max(0, start - 60);
  const b = Math.min(text.length, end + 60);
  const clean = (s: string) => s.replace(/\s+/g, ' ');
  return `${a > 0 ? '…' : ''}${clean(text.slice(a, b)).trim()}${b < text.length ? '…' : ''}`;
}

/** Days from Excel's day 0 (1899-12-30) to an ISO date. */
function excelDate(serial: number): string {
  return new Date(Date.UTC(1899, 11, 30) + Math.round(serial) * 86_400_000)
    .toISOString()
    .slice(0, 10);
}

/** The first and last day of every dated fact (and of the build clock), as ISO dates. */
function factDays(d: Dataset, clock: string[]): [string, string][] {
  const texts = [
    ...d.measures.flatMap((m) => [m.date, m.asOf]),
    ...d.events.flatMap((e) => [e.date, e.endDate]),
    ...d.quotes.map((q) => q.date),
    ...d.partners.map((p) => p.partnerSince?.date),
  ].filter((x): x is string => typeof x === 'string');
  const spans = texts.map((t): [string, string] => {
    const f = mustParse(t);
    return [startOf(f), endOf(f)];
  });
  return [...spans, ...clock.map((c): [string, string] => [c, c])];
}

/** Checks everything a build printed against the data. */
export function verifyPrinted(
  dataset: Dataset,
  printed: Printed,
  options: VerifyOptions = {},
): VerifyResult {
  const c = deriveCandidates(dataset, options.clockDates ?? [], options.displayCaps ?? []);
  const sl: ScanLocale = scanLocale(dataset.bulletin.locale, c.currencies, c.units);
  const problems: VerifyProblem[] = [];
  const traced: Record<string, number> = {};
  let checked = 0;
  let skips = 0;
  const count = (kind: string) => {
    traced[kind] = (traced[kind] ?? 0) + 1;
  };
  for (const t of printed.texts) {
    const spans = [...(t.skip ?? []), ...(versionSpans(t, options.toolVersion) ?? [])];
    // One space for any white space (the labels of a chart are one per line), same length.
    const text = t.text.replace(/[\s\u00a0\u2000-\u200b\u202f]/gu, ' ');
    for (const f of scanFigures(text, sl)) {
      const pageNumber = f.kind === 'number' && !f.grouped && t.pageNumbers?.includes(f.value);
      if (pageNumber || skipped(spans, f.start, f.end)) {
        skips++;
        continue;
      }
      checked++;
      const trace = traceFigure(f, c, sl);
      if (trace.ok) count(trace.kind);
      else if (quotedFromData(text, f, c) || readsApart(text, f, c, sl))
        count('quoted from the data');
      else
        problems.push({
          file: t.file,
          place: t.place,
          printed: f.raw,
          context: context(text, f.start, f.end),
          reason: trace.reason,
        });
    }
  }
  const days = factDays(dataset, options.clockDates ?? []);
  for (const v of printed.chartValues) {
    checked++;
    if (v.date) {
      // A dot on a timeline: its day must lie within the period of a dated fact (a month-only
      // date is drawn mid-month, so the day is checked against the month, not printed).
      const iso = excelDate(v.value);
      if (days.some(([a, b]) => a <= iso && iso <= b)) count('chart date');
      else
        problems.push({
          file: v.file,
          place: v.place,
          context: `a dot in series "${v.series}"`,
          printed: iso,
          reason: `the chart places a point on ${iso}, and no dated fact in the data covers that day`,
        });
      continue;
    }
    const label = chartLabel(v, sl.locale);
    const where = {
      file: v.file,
      place: v.place,
      context: `data label "${label}" in series "${v.series}"`,
    };
    // A label that fails says what is wrong; the stored value is reported only behind a
    // label that reads right (an edit its rounding hides).
    // A label the slide does not show prints nothing; its stored value is still checked.
    const labelProblems = (v.shown === false ? [] : scanFigures(label, sl)).flatMap((f) => {
      const trace = traceFigure(f, c, sl);
      return trace.ok
        ? []
        : [{ ...where, printed: label, reason: `its label ${trace.reason.replace(/^it /, '')}` }];
    });
    const stored = labelProblems.length ? undefined : checkStoredValue(v, label, c, sl);
    problems.push(
      ...labelProblems,
      ...(stored ? [{ ...where, printed: String(v.value), reason: stored }] : []),
    );
    const ok = labelProblems.length === 0 && stored === undefined;
    if (ok) count('chart value');
  }
  // Words, not only numbers: every derived claim the files record, asked of the data again.
  const claims = printed.claims ?? [];
  problems.push(...verifyClaims(dataset, claims, printed.texts));
  return {
    ok: problems.length === 0,
    checked,
    claims: claims.reduce((n, r) => n + r.claims.length, 0),
    files: printed.files,
    traced,
    skipped: skips,
    problems,
  };
}
