/**
 * Reads decks the way a meeting-room PC shows them: LibreOffice draws each deck to PDF, with
 * or without the house fonts, and the PDF's text positions (pdftotext -bbox-layout) are
 * checked against the text boxes of the PPTX: no two lines overlap, no line leaves its box.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { libreOfficeConvert } from './helpers.js';

/** A rectangle in PDF points (the slide is 960 × 540 pt; 1 pt = 12 700 EMU). */
export interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
interface Shape {
  text: string;
  box: Rect;
  slideNumber: boolean;
}
interface SlideBoxes {
  shapes: Shape[];
  frames: Rect[];
}
interface Line {
  text: string;
  box: Rect;
  words: { text: string; box: Rect }[];
}

const EMU = 12_700;
const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (all, e: string) =>
    e[0] === '#'
      ? String.fromCodePoint(e[1] === 'x' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)))
      : (entities[e] ?? all),
  );
/** Text compared without spacing, bullets or ligatures (viewers differ only in those). */
const norm = (s: string) => s.normalize('NFKC').replace(/[\s•]+/g, '');

/**
 * Fontconfig for LibreOffice: the system fonts, plus the house fonts or with them refused,
 * so "without our fonts" holds even on a machine that has them installed.
 */
export function fontconfig(
  dir: string,
  houseFonts: string | null,
  families = ['Source Sans 3', 'Source Serif 4'],
): string {
  const file = path.join(dir, 'fonts.conf');
  const reject = families
    .map((f) => `<pattern><patelt name="family"><string>${f}</string></patelt></pattern>`)
    .join('');
  writeFileSync(
    file,
    `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>
<include ignore_missing="yes">/etc/fonts/fonts.conf</include>
${houseFonts ? `<dir>${path.resolve(houseFonts)}</dir>` : `<selectfont><rejectfont>${reject}</rejectfont></selectfont>`}
<cachedir>${path.join(dir, 'fc-cache')}</cachedir></fontconfig>`,
  );
  return file;
}

/** Converts every .pptx of a folder with LibreOffice (a private profile, the given fonts). */
export function convert(files: string[], to: 'pdf' | 'odp', outDir: string, fontsConf: string) {
  const env = { ...process.env, FONTCONFIG_FILE: fontsConf };
  return libreOfficeConvert(files, to, outDir, { timeout: 400_000, env });
}

const boxOf = (xml: string): Rect | null => {
  const off = /<a:off x="(-?\d+)" y="(-?\d+)"\/>/.exec(xml);
  const ext = /<a:ext cx="(\d+)" cy="(\d+)"\/>/.exec(xml);
  if (!off || !ext) return null;
  const [x, y, w, h] = [off[1], off[2], ext[1], ext[2]].map((v) => Number(v) / EMU) as number[];
  return { x0: x!, y0: y!, x1: x! + w!, y1: y! + h! };
};

function shapesOf(xml: string): SlideBoxes {
  const shapes: Shape[] = [];
  for (const [sp] of xml.matchAll(/<p:sp>[\s\S]*?<\/p:sp>/g)) {
    const box = boxOf(sp);
    const text = [...sp.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => decode(m[1]!)).join(' ');
    if (box && text.trim()) shapes.push({ text: norm(text), box, slideNumber: false });
    if (box && /type="sldNum"|type="slidenum"/.test(sp))
      shapes.push({ text: '', box, slideNumber: true });
  }
  const frames = [...xml.matchAll(/<p:graphicFrame>[\s\S]*?<\/p:graphicFrame>/g)]
    .map((m) => boxOf(m[0]))
    .filter((b): b is Rect => b !== null);
  return { shapes, frames };
}

/** The text shapes and chart frames each slide shows, its layout's and master's included. */
export async function deckBoxes(pptx: string): Promise<SlideBoxes[]> {
  const z = await JSZip.loadAsync(readFileSync(pptx));
  const read = (n: string) => z.file(n)!.async('string');
  const target = async (part: string, kind: string) => {
    const rels = await read(part.replace(/([^/]+)$/, '_rels/$1.rels'));
    const m = new RegExp(`Target="\\.\\./${kind}s/(${kind}\\d+\\.xml)"`).exec(rels);
    return m ? `ppt/${kind}s/${m[1]}` : null;
  };
  const slides = Object.keys(z.files)
    .filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n))
    .sort((a, b) => Number(/(\d+)\.xml/.exec(a)![1]) - Number(/(\d+)\.xml/.exec(b)![1]));
  return Promise.all(
    slides.map(async (s) => {
      const layout = await target(s, 'slideLayout');
      const master = layout ? await target(layout, 'slideMaster') : null;
      const parts = [s, layout, master].filter((p): p is string => p !== null);
      const all = await Promise.all(parts.map(async (p) => shapesOf(await read(p))));
      return {
        shapes: all.flatMap((a) => a.shapes),
        frames: all.flatMap((a) => a.frames),
      };
    }),
  );
}

const attr = (tag: string, a: string) => Number(new RegExp(`${a}="([^"]+)"`).exec(tag)![1]);
const rectOf = (tag: string): Rect => ({
  x0: attr(tag, 'xMin'),
  y0: attr(tag, 'yMin'),
  x1: attr(tag, 'xMax'),
  y1: attr(tag, 'yMax'),
});

/** The text lines of each PDF page, with their words, from pdftotext -bbox-layout. */
export function pdfLines(pdf: string): Line[][] {
  const html = execFileSync('pdftotext', ['-bbox-layout', pdf, '-'], { encoding: 'utf8' });
  return html
    .split('<page ')
    .slice(1)
    .map((page) =>
      [...page.matchAll(/(<line [^>]*>)([\s\S]*?)<\/line>/g)].map(([, tag, body]) => {
        const words = [...body!.matchAll(/(<word [^>]*>)([^<]*)<\/word>/g)].map(([, w, t]) => ({
          text: decode(t!),
          box: rectOf(w!),
        }));
        return { text: words.map((w) => w.text).join(' '), box: rectOf(tag!), words };
      }),
    );
}

const inside = (r: Rect, box: Rect, slackX: number, slackY: number) =>
  r.x0 >= box.x0 - slackX &&
  r.x1 <= box.x1 + slackX &&
  r.y0 >= box.y0 - slackY &&
  r.y1 <= box.y1 + slackY;

/** Does a piece of text sit in a shape that holds that text (or in a chart frame)? */
function placed(text: string, r: Rect, slide: SlideBoxes): 'ok' | 'outside' | 'unknown' {
  const t = norm(text);
  if (!t) return 'ok';
  // Glyph boxes come from the font's ascent and descent, taller than the line pitch we set.
  const slackY = Math.max(2, (r.y1 - r.y0) * 0.3);
  const owners = slide.shapes.filter((s) => (s.slideNumber ? /^\d+$/.test(t) : s.text.includes(t)));
  if (owners.some((s) => inside(r, s.box, 1.5, slackY))) return 'ok';
  if (slide.frames.some((f) => inside(r, f, 1.5, 2))) return 'ok';
  return owners.length ? 'outside' : 'unknown';
}

/**
 * Everything wrong with one converted deck: lines that overlap another line by more than a
 * fifth of their height, and lines (or, when a PDF line spans two boxes, words) outside the
 * box whose text they are.
 */
export function layoutProblems(name: string, slides: SlideBoxes[], pages: Line[][]): string[] {
  const problems: string[] = [];
  if (slides.length !== pages.length)
    return [`${name}: ${pages.length} PDF pages for ${slides.length} slides`];
  pages.forEach((lines, i) => {
    const at = `${name} slide ${i + 1}`;
    for (let a = 0; a < lines.length; a++)
      for (let b = a + 1; b < lines.length; b++) {
        const p = lines[a]!.box;
        const q = lines[b]!.box;
        const w = Math.min(p.x1, q.x1) - Math.max(p.x0, q.x0);
        const h = Math.min(p.y1, q.y1) - Math.max(p.y0, q.y0);
        if (w > 1 && h > 0.2 * Math.min(p.y1 - p.y0, q.y1 - q.y0))
          problems.push(`${at}: "${lines[a]!.text}" overlaps "${lines[b]!.text}"`);
      }
    for (const line of lines) {
      const whole = placed(line.text, line.box, slides[i]!);
      if (whole === 'ok') continue;
      for (const w of line.words) {
        const verdict = placed(w.text, w.box, slides[i]!);
        if (verdict !== 'ok')
          problems.push(
            `${at}: "${w.text}" in "${line.text}" ${verdict === 'outside' ? 'leaves its box' : 'is in no text box'}`,
          );
      }
    }
  });
  return problems;
}

/** Slides of an .odp (LibreOffice's reading of the deck) that have no filled title placeholder. */
export function untitledSlides(odp: string, outDir: string): number[] {
  const xml = execFileSync('unzip', ['-p', odp, 'content.xml'], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    cwd: outDir,
  });
  const pages = xml.split('<draw:page ').slice(1);
  return pages.flatMap((p, i) => {
    const title = /<draw:frame [^>]*presentation:class="title"[^>]*>([\s\S]*?)<\/draw:frame>/.exec(
      p,
    );
    return title && /<text:(p|span)[^>]*>[^<\s]/.test(title[1]!) ? [] : [i + 1];
  });
}

/** The .pptx files of a folder, sorted. */
export const pptxIn = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.pptx'))
    .sort()
    .map((f) => path.join(dir, f));
