/**
 * Text shaping by HarfBuzz (harfbuzzjs, WebAssembly) for the theme's faces. fontkit shapes a
 * word in ~0.2-0.3 ms (every lookup of every feature, in JavaScript); the PDF alone shapes
 * ~1,400 words, the decks and charts more. HarfBuzz shapes one in ~25 µs and gives the same
 * glyphs and positions for the text it is used for here (tests/shaper.test.ts compares both on
 * every theme face), so the pages are byte for byte the same.
 *
 * It is used only where the two are known to agree: Latin, Greek, Cyrillic and common
 * characters without combining marks, format or control characters (HarfBuzz orders marks
 * canonically and hides default-ignorables; fontkit does neither), every one of them in the
 * font, in a single TrueType or CFF file, with the default features. Everything else, and every
 * call before `loadShaper()` has finished (the module loads asynchronously), goes to fontkit as
 * before.
 */
import type { Font, Glyph } from 'fontkit';

type Harfbuzz = typeof import('harfbuzzjs');
type HbFont = InstanceType<Harfbuzz['Font']>;
type HbBuffer = InstanceType<Harfbuzz['Buffer']>;

let hb: Harfbuzz | undefined;
let buffer: HbBuffer | undefined;
let loading: Promise<void> | undefined;

/**
 * Loads HarfBuzz once. If it cannot load (a broken install), shaping stays with fontkit, which
 * gives the same result more slowly.
 */
export function loadShaper(): Promise<void> {
  loading ??= import('harfbuzzjs').then(
    (m) => {
      hb = m;
      buffer = new m.Buffer();
    },
    () => undefined,
  );
  return loading;
}

/** Whether HarfBuzz has loaded (for tests). */
export const shaperLoaded = (): boolean => hb !== undefined;

/** Text both shapers treat alike (see above). */
const SIMPLE = /^[\p{sc=Latin}\p{sc=Greek}\p{sc=Cyrillic}\p{sc=Common}]*$/u;
const SPECIAL = /[\p{M}\p{Cf}\p{Cc}\p{Cs}\p{Co}\p{Cn}]/u;

/** fontkit's glyph run, as its consumers read it: glyphs, positions and the advance. */
class ShapedRun {
  constructor(
    readonly glyphs: Glyph[],
    readonly positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }[],
  ) {}
  /** Summed as fontkit sums it, from the positions as they are now (pdfkit scales them). */
  get advanceWidth(): number {
    let width = 0;
    for (const p of this.positions) width += p.xAdvance;
    return width;
  }
}

/** HarfBuzz's font for a face, or null for a file it does not read as fontkit does. */
const hbFonts = new WeakMap<Font, HbFont | null>();

/**
 * A single TrueType or CFF font. fontkit also opens WOFF, WOFF2 and collections, which
 * HarfBuzz would read as an empty face; those stay with fontkit.
 */
function isSfnt(bytes: Uint8Array): boolean {
  const tag = String.fromCharCode(...bytes.subarray(0, 4));
  return tag === '\u0000\u0001\u0000\u0000' || tag === 'true' || tag === 'OTTO';
}

/** `text` shaped by HarfBuzz, or undefined where fontkit must shape it. */
export function harfbuzzRun(face: Font, bytes: Uint8Array, text: string): ShapedRun | undefined {
  if (!hb || !buffer || !SIMPLE.test(text) || SPECIAL.test(text)) return undefined;
  let font = hbFonts.get(face);
  if (font === undefined) {
    font = isSfnt(bytes) ? new hb.Font(new hb.Face(new hb.Blob(bytes))) : null;
    hbFonts.set(face, font);
  }
  if (!font) return undefined;
  const chars = Array.from(text, (c) => c.codePointAt(0) as number);
  // fontkit remembers a glyph with the characters it was first asked for (space and no-break
  // space share one), and those go into the PDF's text layer: ask in fontkit's order, its
  // character map first, then the shaped glyphs, then the space (hideDefaultIgnorables).
  // A character the font lacks stays with fontkit: HarfBuzz substitutes some (a missing thin
  // space becomes a narrowed space) where fontkit shows .notdef, as before.
  for (const c of chars) if (face.glyphForCodePoint(c).id === 0) return undefined;
  buffer.reset();
  // One cluster per character (not merged into graphemes), so a glyph's characters are those
  // from its cluster to the next glyph's, as fontkit gives them (a ligature gets them all).
  buffer.setClusterLevel(hb.ClusterLevel.CHARACTERS);
  buffer.addCodePoints(chars);
  buffer.guessSegmentProperties();
  hb.shape(font, buffer);
  const infos = buffer.getGlyphInfos();
  const positions = buffer.getGlyphPositions().map((p) => ({
    xAdvance: p.xAdvance,
    yAdvance: p.yAdvance,
    xOffset: p.xOffset,
    yOffset: p.yOffset,
  }));
  const glyphs = infos.map((info, i) => {
    // A character that became several glyphs: the first carries it, as in fontkit.
    if (i > 0 && infos[i - 1]?.cluster === info.cluster) return face.getGlyph(info.codepoint, []);
    let next = i + 1;
    while (infos[next]?.cluster === info.cluster) next++;
    const end = infos[next]?.cluster ?? chars.length;
    return face.getGlyph(info.codepoint, chars.slice(info.cluster, end));
  });
  face.glyphForCodePoint(0x20);
  return new ShapedRun(glyphs, positions);
}
