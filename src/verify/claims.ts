/**
 * verifyClaims: `bulletin verify` reads words, not only numbers (issue 29, item 4). Every claim
 * a built file records is asked again of the current data through the claims module's own rule;
 * it fails when the answer changed, when the data now gives it a qualifier it lacks, when its
 * wording is not printed where it was recorded (a dropped "whatever its stage", an "on" for a
 * "by"), or when the text it is printed in does not carry a qualifier the data holds. Pure.
 */
import type { Dataset } from '../dataset/schema.js';
import {
  evaluateClaim,
  missingQualifiers,
  QUALIFIER_MEANING,
  qualifierWords,
  type Claim,
  unsaid,
} from '../model/claims/index.js';
import type { RecordedClaims } from '../load/claims.js';
import type { PrintedText, VerifyProblem } from './types.js';

/** Text as compared: no white space or soft hyphens (line breaks differ between formats). */
const squeeze = (s: string) => s.replace(/[\s\u00a0\u00ad\u2000-\u200b\u202f]/gu, '');

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** White space or soft hyphens, as a pattern. */
const GAP = '[\\s\\u00a0\\u00ad\\u2000-\\u200b\\u202f]*';

/** A pattern for text as printed: any white space or soft hyphen between its characters. */
const loose = (s: string) => [...squeeze(s)].map(escape).join(GAP);

/** A short name for a claim in messages: what it says, of whom. */
export function claimName(c: Claim): string {
  const words = c.wording.length > 90 ? `${c.wording.slice(0, 87)}…` : c.wording;
  const whom = c.subject ? ` (${[c.subject, c.measure].filter(Boolean).join(', ')})` : '';
  return `${c.kind} claim "${words}"${whom}`;
}

/** The texts a claim may be printed in: a slide's own, or anywhere in the file for a chart's. */
function textsAt(texts: readonly PrintedText[], file: string, place: string): PrintedText[] {
  const own = texts.filter((t) => t.file === file);
  return place.startsWith('chart ') ? own : own.filter((t) => t.place === place);
}

/** The page or slide a text belongs to: "page 2, chart alt text" and "slide 5 notes" → own. */
const unitOf = (place: string) => place.replace(/(?:,.*| notes)$/, '');

/**
 * The text that may carry a claim's qualifiers: where it is printed, and its page or slide (a
 * chart's alt text beside the note printed under it; notes beside the slide they are for, as
 * the slide is what the room sees). Never the other way: a slide must say it on itself.
 */
function carrying(texts: readonly PrintedText[], at: PrintedText): string {
  const unit = unitOf(at.place);
  const own = texts.filter(
    (t) => t.file === at.file && t !== at && unitOf(t.place) === unit && !t.place.endsWith('notes'),
  );
  return [at, ...own].map((t) => t.text).join('\n');
}

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/** How the recorded answer differs from the data's, in words; empty when it does not. */
function changes(recorded: Claim['result'], now: Claim['result']): string[] {
  const keys = [...new Set([...Object.keys(recorded), ...Object.keys(now)])];
  return keys
    .filter((k) => recorded[k] !== now[k])
    .map((k) => `${k} ${show(recorded[k])} → ${show(now[k])}`);
}

/** The claim asked again of the current data. */
function recheck(d: Dataset, c: Claim): string[] {
  const a = evaluateClaim(d, c);
  if (!a.ok) return [`it no longer holds: ${a.reason}`];
  const diff = changes(c.result, a.result);
  if (diff.length) return [`it no longer holds on the current data (${diff.join('; ')})`];
  const names = new Map(d.partners.map((p) => [p.id, p.name]));
  const should = unsaid(c, names, d.bulletin.locale);
  if (should) return [`its words do not say what the data gives: they should say ${should}`];
  return a.qualifiers
    .filter((q) => !c.qualifiers.includes(q))
    .map((q) => `the data now gives it a qualifier its wording lacks: ${QUALIFIER_MEANING[q]}`);
}

/** Why the wording is not printed: a qualifier word dropped or changed, or the words changed. */
function whyNotPrinted(c: Claim, texts: readonly PrintedText[]): string {
  const printed = texts.map((t) => squeeze(t.text)).join('\n');
  const joined = texts.map((t) => t.text).join('\n');
  const silent = c.kind === 'not-stated';
  // A recorded wording is input: a long one is only reported, not searched for its variants.
  if (c.wording.length > 2000) return 'its recorded wording is not printed there';
  const words = [...qualifierWords(c), ...(silent ? ['not stated'] : [])];
  for (const w of words) {
    const [before, ...rest] = c.wording.split(w);
    const after = rest.join(w);
    if (before === undefined) continue;
    // What the printed text says in the qualifier's place ("on" for "by", "none" for "not stated").
    const changed = new RegExp(
      `${loose(before)}${GAP}(\\p{L}[\\p{L} ]*)${GAP}${loose(after)}(?![\\p{L}])`,
      'u',
    );
    const said = changed.exec(joined)?.[1]?.trim();
    if (said && silent)
      return (
        `the printed text says "${said}" where the data is silent ("not stated", never ` + '"none")'
      );
    // Dropped with the comma or space that set it off ("compared, whatever its stage").
    const dropped = [`${before}${after}`, `${before.replace(/[\s,;:]+$/, '')}${after}`].map(
      squeeze,
    );
    if (dropped.some((x) => x.length >= 12 && printed.includes(x)))
      return `the printed text drops its qualifier "${w}"`;
    if (said) return `the printed text says "${said}" where the claim says "${w}"`;
  }
  return 'its recorded wording is not printed there';
}

/** Every problem with the claims the files record. */
export function verifyClaims(
  d: Dataset,
  recorded: readonly RecordedClaims[],
  texts: readonly PrintedText[],
): VerifyProblem[] {
  const problems: VerifyProblem[] = [];
  for (const { file, claims } of recorded)
    for (const c of claims) {
      // A claim one format prints is recorded beside the others' (the shared sources JSON).
      if (c.format && !file.endsWith(`.${c.format}`)) continue;
      const fail = (reason: string, place = c.place) =>
        problems.push({
          file,
          place,
          printed: c.wording,
          context: c.rule,
          reason,
          claim: claimName(c),
        });
      for (const reason of recheck(d, c)) fail(reason);
      const candidates = textsAt(texts, file, c.place);
      const wording = squeeze(c.wording);
      const at = candidates.find((t) => squeeze(t.text).includes(wording));
      if (!at) {
        fail(whyNotPrinted(c, candidates));
        continue;
      }
      // A chart's takeaway travels alone (a figcaption, a slide note, a screen reader's
      // desc), so its own words must carry the qualifiers, not a note beside it.
      const carrier = c.place.startsWith('chart ') ? c.wording : carrying(texts, at);
      for (const q of missingQualifiers(c, carrier))
        fail(`the text it is printed in does not say that ${QUALIFIER_MEANING[q]}`, at.place);
    }
  return problems;
}
