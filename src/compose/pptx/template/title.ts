/**
 * How a template sets its slide titles: colour, alignment and anchoring, read from the
 * layout's title placeholder, else the master's, else the master's title style. They are
 * written on each slide title rather than left to inheritance, because LibreOffice's exports
 * put them on the placeholder's own paragraph, which no slide inherits. The colour is checked
 * against what lies behind the title box (a band on the master, or the background): a title
 * colour that cannot be read there (< 3:1, large text) is replaced, and the build says so.
 */
import { contrast } from './colors.js';
import { backgroundBehind } from './background.js';
import type { Box } from '../text.js';
import type { DeckTemplate, TemplateLayout } from './read.js';
import { descendants, first, parseXml, type XmlElement } from './xml.js';

/** A title's look, as pptxgenjs options. */
export interface TitleLook {
  color: string;
  /** A panel the title is set on, when no colour reads on what is behind it (a busy picture). */
  panel?: string;
  align?: 'left' | 'center' | 'right';
  valign?: 'top' | 'middle' | 'bottom';
}

const decoder = new TextDecoder();
const ALIGN = { l: 'left', ctr: 'center', r: 'right' } as const;
const ANCHOR = { t: 'top', ctr: 'middle', b: 'bottom' } as const;
const SCHEME: Record<string, string> = { tx1: 'dk1', bg1: 'lt1', tx2: 'dk2', bg2: 'lt2' };

const isTitle = (e: XmlElement) =>
  e.name === 'p:sp' && ['title', 'ctrTitle'].includes(first(e, 'p:ph')?.attrs.type ?? '');

/** The title placeholder's shape in a layout or master (found in the parsed tree). */
const titleShape = (xml: string, root: XmlElement) => {
  const sp = descendants(root, (e) => e.name === 'p:sp').find(isTitle);
  return sp && xml.slice(sp.start, sp.end);
};

/** The solid fill of a run, default run or end-of-paragraph run (srgbClr or schemeClr). */
const RUN_COLOR =
  /<a:(?:defRPr|rPr|endParaRPr)\b[^>]*>\s*<a:solidFill>\s*<a:(srgbClr|schemeClr) val="([^"]+)"/;

/** The first colour a run, a default run or an end-of-paragraph run is given, as RRGGBB. */
function colorIn(xml: string, tpl: DeckTemplate): string | undefined {
  const m = RUN_COLOR.exec(xml);
  if (!m?.[2]) return undefined;
  if (m[1] === 'srgbClr') return m[2].toUpperCase();
  return tpl.colors[SCHEME[m[2]] ?? m[2]];
}

type Look = { color?: string; align?: TitleLook['align']; valign?: TitleLook['valign'] };

function lookOf(xml: string | undefined, tpl: DeckTemplate): Look {
  if (!xml) return {};
  const algn = /<a:(?:lvl1pPr|pPr)\b[^>]*\balgn="(l|ctr|r)"/.exec(xml)?.[1] as keyof typeof ALIGN;
  const anchor = /<a:bodyPr\b[^>]*\banchor="(t|ctr|b)"/.exec(xml)?.[1] as keyof typeof ANCHOR;
  return {
    color: colorIn(xml, tpl),
    ...(algn ? { align: ALIGN[algn] } : {}),
    ...(anchor ? { valign: ANCHOR[anchor] } : {}),
  };
}

const overlap = (a: Box, b: Box): Box | null => {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const w = Math.min(a.x + a.w, b.x + b.w) - x;
  const h = Math.min(a.y + a.h, b.y + b.h) - y;
  return w > 0 && h > 0 ? { x, y, w, h } : null;
};
const area = (b: Box | null) => (b ? b.w * b.h : 0);

/**
 * Where the title goes and what it is set on: a title box mostly on a band of the master is
 * kept within the band (so no line spills onto the page in the band's text colour), and the
 * colours under it are the band's, any shape it overlaps, and the background where it is bare.
 */
function ground(tpl: DeckTemplate, l: TemplateLayout, box: Box) {
  const shapes = filledShapes(tpl, l);
  const band = shapes.filter((o) => area(overlap(o.box, box)) >= 0.5 * area(box)).pop();
  const inBand = band && overlap(band.box, box);
  const clipped = inBand && inBand.h < box.h - 1e-6 && inBand.h >= 0.6 * box.h;
  const title = clipped ? { ...box, y: inBand.y, h: inBand.h } : box;
  return { title, fills: fillsUnder(tpl, l, title, shapes) };
}

/** Filled master and layout shapes of a layout: what text on it may be set on. */
function filledShapes(tpl: DeckTemplate, l: TemplateLayout) {
  return [
    ...(tpl.hidesMaster.has(l.part) ? [] : (tpl.obstacles.get(l.master) ?? [])),
    ...(tpl.obstacles.get(l.part) ?? []),
  ].filter((o) => o.fill !== null);
}

/** The colours behind a box: the shapes it overlaps, and the background where it is bare. */
function fillsUnder(
  tpl: DeckTemplate,
  l: TemplateLayout,
  box: Box,
  shapes = filledShapes(tpl, l),
): string[] {
  const under = shapes.filter((o) => area(overlap(o.box, box)) >= 0.05 * area(box));
  const covered = Math.max(0, ...under.map((o) => area(overlap(o.box, box))));
  const fills = under.map((o) => o.fill ?? '');
  if (covered < 0.95 * area(box)) fills.push(...backgroundBehind(tpl, l, box));
  return [...new Set(fills)];
}

/**
 * The colours behind a cover's title block, which may run from the template's picture onto a
 * band of another colour (Midnightblue: teal above, navy below), for its text to be judged on.
 */
export const fillsBehind = (tpl: DeckTemplate, l: TemplateLayout, box: Box): string[] =>
  fillsUnder(tpl, l, box);

/** The colours behind a title, for a message: a picture's range rather than every sample. */
function describe(fills: string[]): string {
  if (fills.length <= 3) return `#${fills.join(', #')}`;
  const byLight = [...fills].sort((a, b) => contrast(a, '000000') - contrast(b, '000000'));
  return `${fills.length} colours from #${byLight[0]} to #${byLight.at(-1)}`;
}

/** A layout's title box and look, legible on what is behind it, and what had to change. */
export function titleLook(
  tpl: DeckTemplate,
  l: TemplateLayout,
  box: Box,
): { look: TitleLook; box: Box; problem?: string } {
  const text = (part: string) => decoder.decode(tpl.parts.get(part) ?? new Uint8Array());
  // The parts were parsed (and so checked well-formed) when the template was read.
  const master = text(l.master);
  const masterRoot = parseXml(master);
  const layout = text(l.part);
  const titleStyle = first(masterRoot, 'p:titleStyle');
  const lvl1 = first(titleStyle, 'a:lvl1pPr');
  const style = titleStyle && lvl1 && master.slice(titleStyle.start, lvl1.end);
  const looks = [
    lookOf(titleShape(layout, parseXml(layout)), tpl),
    lookOf(titleShape(master, masterRoot), tpl),
    lookOf(style, tpl),
  ];
  const pick = <K extends keyof Look>(k: K) => looks.find((x) => x[k] !== undefined)?.[k];
  const color = pick('color') ?? tpl.colors.dk1 ?? '000000';
  const align = pick('align');
  const valign = pick('valign');
  const base = { ...(align ? { align } : {}), ...(valign ? { valign } : {}) };
  const { title, fills } = ground(tpl, l, box);
  const worst = (c: string) => Math.min(...fills.map((f) => contrast(c, f)));
  if (worst(color) >= 3) return { look: { color, ...base }, box: title };
  const options = [tpl.colors.dk1, tpl.colors.lt1, '000000', 'FFFFFF'].filter(
    (c): c is string => c !== undefined,
  );
  const best = options.sort((a, b) => worst(b) - worst(a))[0] ?? '000000';
  const said =
    `the title colour #${color} of the layout "${l.name}" has contrast ` +
    `${worst(color).toFixed(1)}:1 on ${describe(fills)} behind it, below 3:1; its slide titles`;
  if (worst(best) >= 3)
    return { look: { color: best, ...base }, box: title, problem: `${said} are set in #${best}` };
  // Light and dark both fail somewhere on the picture: the title gets a panel of the theme's
  // light colour, in its dark text colour.
  const panel = tpl.colors.lt1 ?? 'FFFFFF';
  const ink = [tpl.colors.dk1, '000000'].find((c) => c && contrast(c, panel) >= 4.5) ?? '000000';
  return {
    look: { color: ink, panel, ...base },
    box: title,
    problem: `${said} are set in #${ink} on a panel of #${panel}`,
  };
}
