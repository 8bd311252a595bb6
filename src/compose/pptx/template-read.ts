/**
 * An organisation's own PowerPoint template (.pptx or .potx under templates/deck/), read from
 * the bytes the load edge already holds: its slide size, masters, layouts and their
 * placeholders, theme colours and fonts. Checked here, so a bad file fails before any output
 * is touched, with one sentence naming the file and what is wrong.
 */
import { unzipSync } from 'fflate';
import { inputError } from '../../errors.js';
import type { Box } from './text.js';

/** A placeholder of a layout or master: its type (PowerPoint's default "obj" when unstated) and box (inches). */
export interface TemplatePlaceholder {
  type: string;
  idx?: string;
  box: Box | null;
}

/** A slide layout of the template. */
export interface TemplateLayout {
  /** Part name, e.g. ppt/slideLayouts/slideLayout15.xml */
  part: string;
  name: string;
  /** The layout's type attribute (title, obj, twoObj, titleOnly …; LibreOffice writes "tx" too). */
  type: string;
  master: string;
  placeholders: TemplatePlaceholder[];
}

/** A picture or filled shape of a master or layout that text should not be set on. */
export interface Obstacle {
  box: Box;
  /** Its fill as RRGGBB, or null for a picture (whose colours are unknown). */
  fill: string | null;
}

/** What the decks take from a template. */
export interface DeckTemplate {
  /** The template's path, for messages. */
  file: string;
  /** Every part of the package, by name. */
  parts: Map<string, Uint8Array>;
  /** Slide size in EMU. */
  size: { cx: number; cy: number };
  /** Master part names in the template's order. */
  masters: string[];
  masterPlaceholders: Map<string, TemplatePlaceholder[]>;
  /** Pictures and filled shapes by master or layout part (a layout with showMasterSp="0" hides its master's). */
  obstacles: Map<string, Obstacle[]>;
  /** Layouts that hide their master's shapes. */
  hidesMaster: Set<string>;
  layouts: TemplateLayout[];
  /** Theme fonts of the first master's theme: major (headings), minor (body). */
  fonts: { major: string; minor: string };
  /** Theme colour slots (dk1, lt1, accent1 …) as RRGGBB. */
  colors: Record<string, string>;
  /** The master the template's own first slide uses (its cover), and its second (its content). */
  preferred: { cover: string; content: string };
}

/** Larger than this once unpacked is not a slide template (a zip bomb, or a deck full of video). */
const MAX_UNPACKED = 200 * 1024 * 1024;
const EMU_PER_INCH = 914_400;
const decoder = new TextDecoder();

const dirOf = (p: string) => p.slice(0, p.lastIndexOf('/') + 1);

/** Resolves a relationship target against the part that owns it. */
export function resolvePart(owner: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const base = dirOf(owner).split('/').filter(Boolean);
  for (const part of target.split('/')) {
    if (part === '..') base.pop();
    else if (part !== '.') base.push(part);
  }
  return base.join('/');
}

/** The relationships part of a part. */
export const relsOf = (part: string) =>
  `${dirOf(part)}_rels/${part.slice(dirOf(part).length)}.rels`;

/** Placeholders of a layout or master, with their boxes when the shape carries one. */
export function placeholdersOf(xml: string): TemplatePlaceholder[] {
  const out: TemplatePlaceholder[] = [];
  for (const [sp] of xml.matchAll(/<p:sp>[\s\S]*?<\/p:sp>/g)) {
    const ph = /<p:ph\b([^>]*?)\/?>/.exec(sp);
    if (!ph) continue;
    const attrs = ph[1] ?? '';
    const type = /\btype="([^"]+)"/.exec(attrs)?.[1] ?? 'obj';
    const idx = /\bidx="([^"]+)"/.exec(attrs)?.[1];
    const off =
      /<p:spPr>[\s\S]*?<a:off x="(-?\d+)" y="(-?\d+)"\/>\s*<a:ext cx="(\d+)" cy="(\d+)"\/>/.exec(
        sp,
      );
    const box = off
      ? {
          x: Number(off[1]) / EMU_PER_INCH,
          y: Number(off[2]) / EMU_PER_INCH,
          w: Number(off[3]) / EMU_PER_INCH,
          h: Number(off[4]) / EMU_PER_INCH,
        }
      : null;
    out.push({ type, ...(idx === undefined ? {} : { idx }), box });
  }
  return out;
}

const boxIn = (xml: string): Box | null => {
  const m = /<a:off x="(-?\d+)" y="(-?\d+)"\/>\s*<a:ext cx="(\d+)" cy="(\d+)"\/>/.exec(xml);
  return m
    ? {
        x: Number(m[1]) / EMU_PER_INCH,
        y: Number(m[2]) / EMU_PER_INCH,
        w: Number(m[3]) / EMU_PER_INCH,
        h: Number(m[4]) / EMU_PER_INCH,
      }
    : null;
};

/** Pictures and filled non-placeholder shapes of a master or layout (groups as one picture). */
export function obstaclesOf(xml: string): Obstacle[] {
  const tree = xml.replace(/<p:bg>[\s\S]*?<\/p:bg>/, '');
  const out: Obstacle[] = [];
  for (const [el, kind] of tree.matchAll(/<p:(pic|sp|grpSp)>[\s\S]*?<\/p:\1>/g)) {
    if (/<p:ph\b/.test(el)) continue;
    const spPr = /<p:(?:spPr|grpSpPr)>[\s\S]*?<\/p:(?:spPr|grpSpPr)>/.exec(el)?.[0] ?? '';
    const box = boxIn(spPr);
    if (!box || box.w <= 0 || box.h <= 0) continue;
    if (kind !== 'sp' || /<a:blipFill\b/.test(spPr)) {
      out.push({ box, fill: null });
      continue;
    }
    // The shape's own fill, not its outline's (a dashed curve is no surface to avoid).
    const surface = spPr.replace(/<a:ln\b[^>]*\/>|<a:ln\b[^>]*>[\s\S]*?<\/a:ln>/g, '');
    // A solid fill's colour, a pattern's foreground, a gradient's first stop.
    const paint = /<a:(solidFill|pattFill|gradFill)\b[^>]*>([\s\S]*?)<\/a:\1>/.exec(surface)?.[2];
    const fill = paint && /<a:srgbClr val="([0-9A-Fa-f]{6})"/.exec(paint)?.[1];
    if (fill) out.push({ box, fill: fill.toUpperCase() });
  }
  return out;
}

/** Targets of a part's relationships of one type (the last segment of the type URI). */
function targets(parts: Map<string, Uint8Array>, owner: string, type: string): string[] {
  const rels = parts.get(relsOf(owner));
  if (!rels) return [];
  return [...decoder.decode(rels).matchAll(/<Relationship\b[^>]*>/g)]
    .filter((m) => new RegExp(`Type="[^"]*/${type}"`).test(m[0]))
    .map((m) => /Target="([^"]+)"/.exec(m[0])?.[1])
    .filter((t): t is string => t !== undefined)
    .map((t) => resolvePart(owner, t));
}

/** Unpacks the template, refusing what is not a PowerPoint package before inflating it. */
function unpack(file: string, bytes: Uint8Array): Map<string, Uint8Array> {
  const bad = (message: string) => inputError('E_DECK_TEMPLATE', { file, message });
  if (/\.(pptm|potm)$/i.test(file))
    throw bad(
      'is a macro-enabled PowerPoint file; decks take no macros: save the template as .potx or .pptx ("PowerPoint Template" or "PowerPoint Presentation") and name that file',
    );
  // An OLE compound file: a password-protected (encrypted) package or a legacy binary .ppt/.pot.
  if (/\.(ppt|pot)$/i.test(file))
    throw bad(
      'is a legacy binary PowerPoint file; open it in PowerPoint and save it as .potx ("PowerPoint Template")',
    );
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0)
    throw bad(
      'is encrypted (password-protected) or a legacy binary .ppt/.pot file; remove the password and save it as .potx or .pptx',
    );
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b)
    throw bad(
      'is not a PowerPoint template: a .pptx or .potx file is a zip archive, and this file is not one',
    );
  let total = 0;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter: (f) => {
        total += f.originalSize;
        if (total > MAX_UNPACKED) throw new RangeError('too large');
        return true;
      },
    });
  } catch (err) {
    if (err instanceof RangeError)
      throw bad(
        `unpacks to more than ${MAX_UNPACKED / 1048576} MB; a slide template should hold masters and layouts only, so remove embedded media or sample slides`,
      );
    throw bad('is damaged: it is not a readable zip archive; save it again from PowerPoint');
  }
  const parts = new Map(Object.entries(entries).filter(([n]) => !n.endsWith('/')));
  const types = parts.get('[Content_Types].xml');
  if (!types || !parts.has('ppt/presentation.xml'))
    throw bad(
      'is a zip archive but not a PowerPoint presentation or template (no ppt/presentation.xml)',
    );
  if (/macroEnabled/i.test(decoder.decode(types)) || parts.has('ppt/vbaProject.bin'))
    throw bad(
      'contains macros (a VBA project); decks take no macros: save the template as .potx or .pptx without them',
    );
  return parts;
}

/** Colour slots of a theme's colour scheme (srgbClr, or a system colour's last value). */
function themeColors(theme: string): Record<string, string> {
  const scheme = /<a:clrScheme\b[\s\S]*?<\/a:clrScheme>/.exec(theme)?.[0] ?? '';
  const out: Record<string, string> = {};
  for (const m of scheme.matchAll(
    /<a:(\w+)>\s*<a:(?:srgbClr val|sysClr [^>]*?lastClr)="([0-9A-Fa-f]{6})"/g,
  ))
    if (m[1] && m[2]) out[m[1]] = m[2].toUpperCase();
  return out;
}

/** Reads and checks a template; `file` names it in messages. */
export function readDeckTemplate(file: string, bytes: Uint8Array): DeckTemplate {
  const parts = unpack(file, bytes);
  const bad = (message: string) => inputError('E_DECK_TEMPLATE', { file, message });
  const text = (name: string) => {
    const b = parts.get(name);
    return b ? decoder.decode(b) : '';
  };
  const pres = 'ppt/presentation.xml';
  const size = /<p:sldSz\b[^>]*\bcx="(\d+)"[^>]*\bcy="(\d+)"/.exec(text(pres));
  const masters = targets(parts, pres, 'slideMaster').filter((m) => parts.has(m));
  if (masters.length === 0) throw bad('has no slide master; save it from PowerPoint as a template');
  const masterPlaceholders = new Map(masters.map((m) => [m, placeholdersOf(text(m))]));
  const obstacles = new Map(masters.map((m) => [m, obstaclesOf(text(m))]));
  const hidesMaster = new Set<string>();
  const layouts = masters.flatMap((master) =>
    targets(parts, master, 'slideLayout')
      .filter((l) => parts.has(l))
      .map((part): TemplateLayout => {
        const xml = text(part);
        obstacles.set(part, obstaclesOf(xml));
        if (/<p:sldLayout\b[^>]*\bshowMasterSp="0"/.test(xml)) hidesMaster.add(part);
        return {
          part,
          name: /<p:cSld\b[^>]*\bname="([^"]*)"/.exec(xml)?.[1] ?? '',
          type: /<p:sldLayout\b[^>]*\btype="([^"]+)"/.exec(xml)?.[1] ?? 'cust',
          master,
          placeholders: placeholdersOf(xml),
        };
      }),
  );
  if (layouts.length === 0)
    throw bad(
      'has no slide layouts; a deck template needs layouts (Title Slide, Title and Content …)',
    );
  const isTitle = (p: TemplatePlaceholder) => p.type === 'title' || p.type === 'ctrTitle';
  if (!layouts.some((l) => l.placeholders.some(isTitle)))
    throw bad(
      'has no layout with a title placeholder; every slide needs a title, so add one to the layouts (View › Slide Master › Title)',
    );
  const theme = text(targets(parts, masters[0] ?? '', 'theme')[0] ?? '');
  const font = (kind: string) =>
    new RegExp(`<a:${kind}Font>\\s*<a:latin typeface="([^"]+)"`).exec(theme)?.[1] ?? '';
  const slideMaster = (n: number): string | undefined => {
    const slide = targets(parts, pres, 'slide')[n];
    const layout = slide ? targets(parts, slide, 'slideLayout')[0] : undefined;
    return layouts.find((l) => l.part === layout)?.master;
  };
  const first = masters[0] ?? '';
  return {
    file,
    parts,
    size: size ? { cx: Number(size[1]), cy: Number(size[2]) } : { cx: 12_192_000, cy: 6_858_000 },
    masters,
    masterPlaceholders,
    obstacles,
    hidesMaster,
    layouts,
    fonts: { major: font('major') || 'Calibri Light', minor: font('minor') || 'Calibri' },
    colors: themeColors(theme),
    preferred: {
      cover: slideMaster(0) ?? first,
      content: slideMaster(1) ?? slideMaster(0) ?? first,
    },
  };
}
