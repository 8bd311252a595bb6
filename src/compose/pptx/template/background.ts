/**
 * What lies behind a box on a template's slide when no shape does: the layout's background,
 * else its master's — a colour, a gradient's stops, or a picture, sampled where the box is
 * (issue 32, item 2: a pale picture behind a white cover title read as "black", the first
 * colour anywhere after <p:bg> in the master). The title colour is then judged on these.
 */
import { requireCjs } from '../../../cjs.js';
import type { Box } from '../text.js';
import { relsOf, resolvePart, type DeckTemplate, type TemplateLayout } from './read.js';
import { relationshipsIn } from './sanitize.js';
import { first, parseXml } from './xml.js';

const decoder = new TextDecoder();
const SCHEME: Record<string, string> = { tx1: 'dk1', bg1: 'lt1', tx2: 'dk2', bg2: 'lt2' };
const EMU_PER_INCH = 914_400;
/** Samples across and down the box: enough to meet a cloud or a tree behind a title. */
const GRID = { across: 12, down: 4 };

/** The colours a fill names (srgbClr, or a theme slot), as RRGGBB. */
function coloursIn(xml: string, tpl: DeckTemplate): string[] {
  return [...xml.matchAll(/<a:(srgbClr|schemeClr) val="([^"]+)"/g)].flatMap((m) => {
    const v = m[1] === 'srgbClr' ? m[2] : tpl.colors[SCHEME[m[2] ?? ''] ?? m[2] ?? ''];
    return v && /^[0-9A-Fa-f]{6}$/.test(v) ? [v.toUpperCase()] : [];
  });
}

/** The average colour of each cell of a grid over `box` (inches) on a stretched picture. */
function sample(bytes: Uint8Array, box: Box, slide: { w: number; h: number }): string[] {
  const { Image, createCanvas } = requireCjs('canvas') as typeof import('canvas');
  const img = new Image();
  try {
    img.src = Buffer.from(bytes);
  } catch {
    return []; // a format canvas cannot read: judged by the theme's background instead
  }
  const W = 240;
  const H = Math.max(1, Math.round((W * slide.h) / slide.w));
  const canvas = createCanvas(W, H);
  const g = canvas.getContext('2d');
  g.drawImage(img, 0, 0, W, H);
  const x0 = Math.max(0, Math.floor((box.x / slide.w) * W));
  const y0 = Math.max(0, Math.floor((box.y / slide.h) * H));
  const x1 = Math.min(W, Math.ceil(((box.x + box.w) / slide.w) * W));
  const y1 = Math.min(H, Math.ceil(((box.y + box.h) / slide.h) * H));
  if (x1 <= x0 || y1 <= y0) return [];
  const data = g.getImageData(x0, y0, x1 - x0, y1 - y0);
  const out = new Set<string>();
  const cw = (x1 - x0) / GRID.across;
  const ch = (y1 - y0) / GRID.down;
  for (let i = 0; i < GRID.across; i++)
    for (let j = 0; j < GRID.down; j++) {
      const sum = [0, 0, 0];
      let n = 0;
      for (let x = Math.floor(i * cw); x < Math.max(Math.floor(i * cw) + 1, (i + 1) * cw); x++)
        for (let y = Math.floor(j * ch); y < Math.max(Math.floor(j * ch) + 1, (j + 1) * ch); y++) {
          const k = (y * data.width + x) * 4;
          for (const c of [0, 1, 2]) sum[c] = (sum[c] ?? 0) + (data.data[k + c] ?? 0);
          n++;
        }
      const hex = sum
        .map((v) =>
          Math.round(v / n)
            .toString(16)
            .padStart(2, '0'),
        )
        .join('');
      out.add(hex.toUpperCase());
    }
  return [...out];
}

/**
 * The colours behind `box` where the slide is bare, as RRGGBB; the theme's light colour when
 * neither the layout nor its master states a background.
 */
export function backgroundBehind(tpl: DeckTemplate, l: TemplateLayout, box: Box): string[] {
  const text = (part: string) => decoder.decode(tpl.parts.get(part) ?? new Uint8Array());
  for (const part of [l.part, l.master]) {
    // Found in the parsed tree: the template's parts were read, and so checked, by
    // read.ts, and a scan from every "<p:bg>" to the end would be quadratic.
    const xml = text(part);
    const bgEl = first(parseXml(xml), 'p:bg');
    if (!bgEl) continue;
    const bg = xml.slice(bgEl.openEnd, bgEl.end);
    const embed = first(first(bgEl, 'a:blipFill'), 'a:blip')?.attrs['r:embed'];
    if (embed) {
      const rels = tpl.parts.has(relsOf(part)) ? parseXml(text(relsOf(part))) : undefined;
      const rel = rels && relationshipsIn(rels).find((r) => r.id === embed && !r.external);
      const to = rel && resolvePart(part, rel.target);
      const bytes = to ? tpl.parts.get(to) : undefined;
      const slide = { w: tpl.size.cx / EMU_PER_INCH, h: tpl.size.cy / EMU_PER_INCH };
      const seen = bytes ? sample(bytes, box, slide) : [];
      if (seen.length) return seen;
    }
    const named = coloursIn(bg, tpl);
    if (named.length) return named;
  }
  return [(tpl.colors.lt1 ?? 'FFFFFF').toUpperCase()];
}
