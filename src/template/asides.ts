/**
 * Asides a figure carries ("currency not stated", "≈ US$68,000 at the stated rate"). The
 * `money` filter cannot see whether the template put the figure inside parentheses, so it
 * marks the aside and the engine places it once the whole text is rendered: in parentheses
 * after the figure, or after a comma when the figure already sits inside parentheses, where
 * "(about $300 million (currency not stated))" would nest (issue 28, item 3). Pure.
 */

// Private-use characters: no template or dataset text has a reason to hold them.
const OPEN = '\ue000';
const CLOSE = '\ue001';
const isDataMark = (c: string | undefined) => c === '\uE010' || c === '\uE011';
// A stage the figure's sentence must say: placed as an aside only where it does not.
const STAGE_OPEN = '\ue002';
const STAGE_CLOSE = '\ue003';
/** Any of our private-use marks, which the words of a sentence are read without. */
const MARKS = /[\ue000-\ue0ff]/gu;

/** A figure with its aside marked, for `placeAsides` to place. */
export function withAside(figure: string, aside: string): string {
  return aside ? `${figure}${OPEN}${aside}${CLOSE}` : figure;
}

/**
 * A figure whose stage ("pledged") its sentence must say (issue 29, item 1: a qualifier drops
 * only by the template's explicit choice). The engine adds the stage as an aside where the
 * sentence around the figure does not name it, and leaves the text as written where it does.
 */
export function withStage(figure: string, stage: string): string {
  return stage ? `${figure}${STAGE_OPEN}${stage}${STAGE_CLOSE}` : figure;
}

/**
 * Where the sentence around position `at` starts and ends: a line break, or ".", "!", "?" or
 * ";" before white space (a clause of a list such as "…; aid of $5 million, pledged; …").
 * An abbreviation ("U.S. ") ends a sentence early, which only makes the check stricter.
 */
function sentenceAround(text: string, at: number): [number, number] {
  const boundary = /[.!?;]["”’)\ue011]*(?=\s)|\n/gu;
  let start = 0;
  let end = text.length;
  for (let m = boundary.exec(text); m; m = boundary.exec(text)) {
    const stop = m.index + m[0].length;
    if (stop <= at) start = stop;
    else {
      end = m.index;
      break;
    }
  }
  return [start, end];
}

/**
 * Words that say a stage: a sentence that says money was "sent" or "given" says it was provided,
 * one that says it was "promised" or "committed" says it was pledged.
 */
const STAGE_WORDS: Readonly<Record<string, readonly string[]>> = {
  provided: ['provided', 'sent', 'gave', 'delivered', 'donated', 'disbursed'],
  pledged: ['pledged', 'promised', 'committed'],
  announced: ['announced'],
};

/** Whether words say a stage, in its own word or one of the same meaning. */
function saysStage(words: string, stage: string): boolean {
  const forms = STAGE_WORDS[stage.toLowerCase()] ?? [stage];
  return forms.some((w) => {
    const word = w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`(?<!\\p{L})${word}(?!\\p{L})`, 'iu').test(words);
  });
}

/** Turns each stage mark into an aside where its sentence lacks the stage's word. */
function resolveStages(text: string): string {
  if (!text.includes(STAGE_OPEN)) return text;
  return text.replace(/\ue002([^\ue003]*)\ue003/gu, (_all, stage: string, at: number) => {
    const [start, end] = sentenceAround(text, at);
    const words = `${text.slice(start, at)} ${text.slice(at + stage.length + 2, end)}`
      .replace(/\ue000[^\ue001]*\ue001/gu, '')
      .replace(MARKS, '');
    return saysStage(words, stage) ? '' : withAside('', stage);
  });
}

/**
 * Places every marked aside: " (aside)" where the text around is outside parentheses, ", aside"
 * inside them, and "(aside; …)" when the template opens parentheses right after the figure.
 * Depth is counted per paragraph (a blank line ends one), and a stray ")" (a list
 * marker "1)") never makes it negative.
 */
export function placeAsides(written: string): string {
  // Two asides of one figure read as one: "(pledged; currency not stated)".
  const text = resolveStages(written).replaceAll(`${CLOSE}${OPEN}`, '; ');
  if (!text.includes(OPEN)) return text;
  let out = '';
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === OPEN) {
      const end = text.indexOf(CLOSE, i);
      const aside = text.slice(i + 1, end < 0 ? text.length : end);
      i = end < 0 ? text.length : end;
      // The end mark of a data span (template/data-marks.ts) may stand between the figure and
      // the template's own " (": it is kept, after the aside.
      let marks = '';
      while (isDataMark(text[i + 1 + marks.length])) marks += text[i + 1 + marks.length];
      if (depth > 0) out += `, ${aside}`;
      else if (text.startsWith(' (', i + 1 + marks.length)) {
        // "(currency not stated) (5 October)" reads as one: "(currency not stated; 5 October)".
        out += ` (${aside}; ${marks}`;
        depth++;
        i += 2 + marks.length;
      } else out += ` (${aside})`;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === '\n' && text[i + 1] === '\n') depth = 0;
    out += c;
  }
  return out;
}
