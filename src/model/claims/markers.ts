/**
 * The words that carry each qualifier on the page. A claim whose data holds a qualifier must be
 * printed with one of its markers in the same run of text (the slide, the alt text, the notes),
 * so that a rank of announced loans against provided goods never reads as a rank of like with
 * like. English-only markers: the house and scaffold templates are English. Pure.
 */
import type { Claim, QualifierId } from './schema.js';

const STAGE = String.raw`\b(?:announced|pledged|provided)\b`;

/** What each qualifier means, for messages. */
export const QUALIFIER_MEANING: Record<QualifierId, string> = {
  'stages-mixed': 'it adds amounts at different stages (announced, pledged, provided)',
  'currency-not-stated': 'the source does not say which currency its sign stands for',
  'on-or-before': 'the data gives only a date by which it happened (an as-of total)',
  'month-precision': 'the data gives the date only to the month',
  'year-precision': 'the data gives the date only to the year',
};

/** The markers of a qualifier: any one of them in the printed text carries it. */
function markers(q: QualifierId, c: Pick<Claim, 'result'>): RegExp[] {
  switch (q) {
    case 'stages-mixed':
      // The fullest phrase first: a message names the words a printed text dropped.
      return [
        /\bwhatever (?:its|their) stages?\b/i,
        new RegExp(`${STAGE}[^.]*${STAGE}`, 'i'),
        /\b(?:every|each|any|all) stages?\b/i,
        /\bstages?\b/i,
      ];
    case 'currency-not-stated': {
      const sign = String(c.result.unit ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      return [
        new RegExp(`[“"‘']${sign}[”"’']`),
        /\bcurrency (?:is )?not stated\b/i,
        /not say which/i,
      ];
    }
    case 'on-or-before':
      return [/\bby\b/i, /\bon or before\b/i, /\bas of\b/i];
    // A coarse date is carried by the date the wording prints (checked there, not by a word).
    case 'month-precision':
    case 'year-precision':
      return [/[\s\S]/];
  }
}

/** The qualifiers of a claim that a printed text does not carry. */
export function missingQualifiers(
  c: Pick<Claim, 'qualifiers' | 'result'>,
  text: string,
): QualifierId[] {
  return c.qualifiers.filter((q) => !markers(q, c).some((m) => m.test(text)));
}

/** The qualifier words a wording prints ("whatever its stage", "by", "“$”"). */
export function qualifierWords(c: Pick<Claim, 'qualifiers' | 'result' | 'wording'>): string[] {
  return c.qualifiers.flatMap((q) =>
    markers(q, c).flatMap((m) => {
      const hit = q.endsWith('precision') ? null : m.exec(c.wording);
      return hit ? [hit[0]] : [];
    }),
  );
}
