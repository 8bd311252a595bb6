/**
 * Plants a misprint in a finished build, the way a renderer bug would print it: one printed
 * string ("4.2 million", "14 February 2025") becomes another of the same length in a deck's
 * slide XML or in the PDF's content stream. The PDF's text is glyph codes of subset fonts, so
 * each line (a TJ array) is decoded through its font's ToUnicode map, the string is found in
 * the decoded line, and only the codes of the changed characters are rewritten (qpdf writes
 * the PDF uncompressed, fix-qdf mends its lengths and cross-references afterwards).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

/** A printed string and what to print instead (same length; spaces are ignored when found). */
/**
 * Records a planted file's hash in its build's manifest, as a build that printed it so would
 * have: verify refuses a file that differs from its manifest before it reads any figure.
 */
export function recordInManifest(out: string, rel: string): void {
  const file = path.join(out, 'manifest.json');
  const m = JSON.parse(readFileSync(file, 'utf8'));
  const bytes = readFileSync(path.join(out, rel));
  const entry = m.artifacts.find((a: { path: string }) => a.path === rel);
  if (!entry) return;
  entry.sha256 = createHash('sha256').update(bytes).digest('hex');
  entry.bytes = bytes.length;
  writeFileSync(file, JSON.stringify(m, null, 2));
}

export interface Swap {
  from: string;
  to: string;
}

const SPACE = /[\s\u00a0\u2000-\u200b\u202f]/u;
const squeeze = (s: string) => [...s].filter((c) => !SPACE.test(c)).join('');
const isDigitLike = (c: string | undefined) => c !== undefined && /[\p{N}]/u.test(c);

/** Where `from` occurs in `text` as a whole figure (no digit glued on either side). */
function findWhole(text: string, from: string): number {
  for (let i = text.indexOf(from); i >= 0; i = text.indexOf(from, i + 1))
    if (!isDigitLike(text[i - 1]) && !isDigitLike(text[i + from.length])) return i;
  return -1;
}

/** Like findWhole, with any space of `from` matching any one space character in `text`. */
function findSpaced(text: string, from: string): number {
  const flat = (s: string) => s.replace(new RegExp(SPACE.source, 'gu'), ' ');
  return findWhole(flat(text), flat(from));
}

/** Rewrites the first slide text run that prints `swap.from`; the deck changed, or undefined. */
export function plantInDeck(out: string, swap: Swap): string | undefined {
  const dir = path.join(out, 'decks');
  for (const deck of readdirSync(dir)
    .filter((f) => f.endsWith('.pptx'))
    .sort()) {
    const file = path.join(dir, deck);
    const parts = unzipSync(readFileSync(file));
    for (const name of Object.keys(parts).filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n))) {
      const xml = strFromU8(parts[name]!);
      let done = false;
      const edited = xml.replace(/(<a:t>)([^<]*)(<\/a:t>)/g, (all, a, t: string, b) => {
        if (done) return all;
        const at = findSpaced(t, swap.from);
        if (at < 0) return all;
        done = true;
        const same = [...swap.from].map((c, i) => (c === swap.to[i] ? t[at + i] : swap.to[i]));
        return `${a}${t.slice(0, at)}${same.join('')}${t.slice(at + swap.from.length)}${b}`;
      });
      if (!done) continue;
      parts[name] = strToU8(edited);
      writeFileSync(file, zipSync(parts));
      recordInManifest(out, `decks/${deck}`);
      return `decks/${deck}`;
    }
  }
  return undefined;
}

/** Rewrites the first text node of the web edition that prints `swap.from`; true if planted. */
export function plantInHtml(out: string, swap: Swap): boolean {
  const file = path.join(out, 'bulletin.html');
  const html = readFileSync(file, 'utf8');
  let done = false;
  const edited = html.replace(/>([^<]+)</g, (all, t: string) => {
    const at = done ? -1 : findSpaced(t, swap.from);
    if (at < 0) return all;
    done = true;
    const same = [...swap.from].map((c, i) => (c === swap.to[i] ? t[at + i] : swap.to[i]));
    return `>${t.slice(0, at)}${same.join('')}${t.slice(at + swap.from.length)}<`;
  });
  if (done) {
    writeFileSync(file, edited);
    recordInManifest(out, 'bulletin.html');
  }
  return done;
}

/** Each font's glyph codes (4 hex digits) → the text they stand for, from its ToUnicode map. */
function fontMaps(pdf: string): Map<string, Map<string, string>> {
  const objects = new Map<string, string>();
  for (const m of pdf.matchAll(/^(\d+) 0 obj\n([\s\S]*?)\nendobj$/gm)) objects.set(m[1]!, m[2]!);
  const utf16 = (hex: string) =>
    String.fromCharCode(
      ...(hex.replace(/\s/g, '').match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)),
    );
  const byName = new Map<string, Map<string, string>>();
  for (const dict of pdf.matchAll(/\/Font <<([^>]*)>>/g))
    for (const [, name, ref] of dict[1]!.matchAll(/\/(\S+) (\d+) 0 R/g)) {
      const font = objects.get(ref!) ?? '';
      const cmapRef = /\/ToUnicode (\d+) 0 R/.exec(font)?.[1];
      const cmap = cmapRef ? (objects.get(cmapRef) ?? '') : '';
      const codes = new Map<string, string>();
      for (const [, lo, , list] of cmap.matchAll(/<(\w{4})> <(\w{4})> \[([^\]]*)\]/g)) {
        const targets = [...list!.matchAll(/<([\w ]+)>/g)].map((x) => utf16(x[1]!));
        targets.forEach((t, i) =>
          codes.set((parseInt(lo!, 16) + i).toString(16).padStart(4, '0'), t),
        );
      }
      for (const [, code, t] of cmap.matchAll(/^<(\w{4})> <([\w ]+)>$/gm))
        codes.set(code!.toLowerCase(), utf16(t!));
      byName.set(name!, codes);
    }
  return byName;
}

/** One glyph: where its code sits in the file, the text it stands for, and its font's map. */
type Glyph = { at: number; text: string; codes: Map<string, string> };

/**
 * Rewrites the first place the PDF prints `swap.from`; true when it was planted. The text is
 * read across lines and text objects in content order: a date's day and month may be drawn
 * by separate operators (its no-break space is a move, not a glyph).
 */
export function plantInPdf(file: string, swap: Swap): boolean {
  const qdf = `${file}.qdf`;
  execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, qdf]);
  const pdf = readFileSync(qdf, 'latin1');
  const fonts = fontMaps(pdf);
  let codes = new Map<string, string>();
  const glyphs: Glyph[] = [];
  for (const m of pdf.matchAll(/\/(\S+) [\d.]+ Tf|\[([^\]]*)\] TJ/g)) {
    if (m[1]) {
      codes = fonts.get(m[1]) ?? new Map();
      continue;
    }
    for (const s of m[2]!.matchAll(/<(\w+)>/g))
      for (let i = 0; i < s[1]!.length; i += 4) {
        const text = codes.get(s[1]!.slice(i, i + 4).toLowerCase()) ?? '\ufffd';
        glyphs.push({ at: m.index + 1 + s.index + 1 + i, text, codes });
      }
  }
  // The text without spaces, one entry per character (a ligature gives several).
  const chars = glyphs.flatMap((g) => [...g.text].map((c) => ({ c, g })));
  const line = chars.filter((x) => !SPACE.test(x.c));
  const whole = line.map((x) => x.c).join('');
  const to = squeeze(swap.to);
  for (let at = findWhole(whole, squeeze(swap.from)); at >= 0; ) {
    const changes = [...to].flatMap((c, i) => {
      const old = line[at + i];
      const reverse = new Map([...(old?.g.codes ?? [])].map(([code, t]) => [t, code]));
      return old && old.c !== c ? [{ g: old.g, code: reverse.get(c) }] : [];
    });
    // The new digit must be a glyph of the subset font, and the old one a glyph of its own.
    if (changes.every((x) => x.code && x.g.text.length === 1)) {
      let text = pdf;
      for (const x of changes) text = text.slice(0, x.g.at) + x.code + text.slice(x.g.at + 4);
      writeFileSync(qdf, text, 'latin1');
      writeFileSync(file, execFileSync('fix-qdf', [qdf]));
      recordInManifest(path.dirname(file), path.basename(file));
      return true;
    }
    const next = findWhole(whole.slice(at + 1), squeeze(swap.from));
    at = next < 0 ? -1 : at + 1 + next;
  }
  return false;
}
