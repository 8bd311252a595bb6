/**
 * Numbers a build prints as part of the data's own text: a source title's year, a locator
 * ("¶2"), a name with a number in it ("Harbour 2"). Such a number may run into the figure or
 * date printed after it ("Harbour 1 May", "Harbour 2 287 500 $AU" where a space groups
 * digits), so a figure that does not trace is read again with the name's number apart.
 */
import { normalise } from './derive.js';
import { traceFigure } from './match.js';
import { scanFigures, type ScanLocale } from './scan.js';
import type { Candidates, PrintedFigure } from './types.js';

const PUNCT = /^[\s.,;:!?()[\]{}"“”‘’'«»—–-]+|[\s.,;:!?()[\]{}"“”‘’'«»—–-]+$/gu;

/** Whether the figure is printed inside a phrase of the data's own text ("introduction, ¶2"). */
export function quotedFromData(text: string, f: PrintedFigure, c: Candidates): boolean {
  const wordStart = text.lastIndexOf(' ', f.start - 1) + 1;
  const after = text.indexOf(' ', f.end);
  const wordEnd = after < 0 ? text.length : after;
  const prevStart = wordStart < 2 ? wordStart : text.lastIndexOf(' ', wordStart - 2) + 1;
  const next = text.indexOf(' ', wordEnd + 1);
  const nextEnd = next < 0 ? text.length : next;
  const phrases = [text.slice(prevStart, wordEnd), text.slice(wordStart, nextEnd)];
  const word = normalise(text.slice(wordStart, wordEnd)).replace(PUNCT, '');
  // A whole data string ("590", a bulletin number), or a phrase of two words from one.
  if (c.quotedText.includes(`\n${word}\n`)) return true;
  return phrases.some((p) => {
    const q = normalise(p)
      .replace(PUNCT, '')
      .replace(/['’]s$/u, '');
    return q.includes(' ') && c.quotedText.includes(q);
  });
}

/**
 * Whether the text up to `end` ends with a phrase of the data's text of two words or more, the
 * last a number ("Harbour 1"). A lone number that is also a data string ("7", a bulletin's
 * number) is not enough: any day could be read away so.
 */
function endsDataPhrase(text: string, end: number, c: Candidates): boolean {
  const before = text.slice(Math.max(0, end - 80), end).split(' ');
  for (let words = 2; words <= Math.min(4, before.length); words++) {
    const phrase = normalise(before.slice(-words).join(' ')).replace(/^[^\p{L}\p{N}]+/u, '');
    if (c.quotedText.includes(`${phrase}\n`) || c.quotedText.includes(`${phrase} `)) return true;
  }
  return false;
}

/**
 * Whether the figure reads as a number of the data's text (the first digits, e.g. the end of
 * "Harbour 2") followed by figures that each trace: "2 287 500 $AU" as "2" and "287 500 $AU".
 */
export function readsApart(text: string, f: PrintedFigure, c: Candidates, sl: ScanLocale): boolean {
  const lead = /\p{N}+/u.exec(f.raw);
  if (!lead) return false;
  const start = f.start + lead.index;
  const end = start + lead[0].length;
  if (end >= f.end || !endsDataPhrase(text, end, c)) return false;
  return scanFigures(text.slice(end, f.end), sl).every((g) => traceFigure(g, c, sl).ok);
}
