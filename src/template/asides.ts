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

/** A figure with its aside marked, for `placeAsides` to place. */
export function withAside(figure: string, aside: string): string {
  return aside ? `${figure}${OPEN}${aside}${CLOSE}` : figure;
}

/**
 * Places every marked aside: " (aside)" where the text around is outside parentheses, ", aside"
 * inside them, and "(aside; …)" when the template opens parentheses right after the figure.
 * Depth is counted per paragraph (a blank line ends one), and a stray ")" (a list
 * marker "1)") never makes it negative.
 */
export function placeAsides(text: string): string {
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
