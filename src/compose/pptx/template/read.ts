/**
 * An organisation's own PowerPoint template (.pptx or .potx under templates/deck/), read from
 * the bytes the load edge already holds: its slide size, masters, layouts and their
 * placeholders, theme colours and fonts. Checked here, so a bad file fails before any output
 * is touched, with one sentence naming the file and what is wrong.
 */
import { unzipSync } from 'fflate';
import { inputError } from '../../../errors.js';
import { kindOf, relationshipsIn, relsOf, resolvePart, sanitizeTemplate } from './sanitize.js';
import { type Obstacle, obstaclesIn, placeholdersIn, type TemplatePlaceholder } from './shapes.js';
import { first, parseXml, XmlError, type XmlElement } from './xml.js';

export type { Obstacle, TemplatePlaceholder } from './shapes.js';
export { relsOf, resolvePart } from './sanitize.js';

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

/** What the decks take from a template. */
export interface DeckTemplate {
  /** The template's path, for messages. */
  file: string;
  /**
   * The parts the decks may take, by name: masters, layouts, themes and their pictures, each
   * rels part holding only the relationships kept (template/sanitize.ts).
   */
  parts: Map<string, Uint8Array>;
  /** What of the template was left out of the decks (external links, OLE, macros …). */
  dropped: string[];
  /** Slide size in EMU. */
  size: { cx: number; cy: number };
  /** Master part names in the template's order. */
  masters: string[];
  masterPlaceholders: Map<string, TemplatePlaceholder[]>;
  /**
   * Pictures and filled shapes by master or layout part (a layout with showMasterSp="0" hides
   * its master's).
   */
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
const decoder = new TextDecoder();

/** Targets of a part's relationships of one kind (the last segment of the type URI). */
function targets(rels: XmlElement | undefined, owner: string, kind: string): string[] {
  if (!rels) return [];
  return relationshipsIn(rels)
    .filter((r) => !r.external && kindOf(r.type) === kind)
    .map((r) => resolvePart(owner, r.target))
    .filter((t): t is string => t !== undefined);
}

/**
 * A part name that stays inside the package: plain segments, no "..", ".", empty segment,
 * backslash or NUL (a zip entry "../../evil.xml" or "/evil.xml" must reach no deck).
 */
const confined = (name: string) =>
  !/[\\\0]/.test(name) && name.split('/').every((p) => p !== '' && p !== '.' && p !== '..');

/** Unpacks the template, refusing what is not a PowerPoint package before inflating it. */
function unpack(file: string, bytes: Uint8Array): Map<string, Uint8Array> {
  const bad = (message: string) => inputError('E_DECK_TEMPLATE', { file, message });
  if (/\.(pptm|potm)$/i.test(file))
    throw bad(
      'is a macro-enabled PowerPoint file; decks take no macros: save the template as .potx or ' +
        '.pptx ("PowerPoint Template" or "PowerPoint Presentation") and name that file',
    );
  // An OLE compound file: a password-protected (encrypted) package or a legacy binary .ppt/.pot.
  if (/\.(ppt|pot)$/i.test(file))
    throw bad(
      'is a legacy binary PowerPoint file; open it in PowerPoint and save it as .potx ' +
        '("PowerPoint Template")',
    );
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0)
    throw bad(
      'is encrypted (password-protected) or a legacy binary .ppt/.pot file; remove the ' +
        'password and save it as .potx or .pptx',
    );
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b)
    throw bad(
      'is not a PowerPoint template: a .pptx or .potx file is a zip archive, and this file is ' +
        'not one',
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
        `unpacks to more than ${MAX_UNPACKED / 1048576} MB; a slide template should hold ` +
          'masters and layouts only, so remove embedded media or sample slides',
      );
    throw bad('is damaged: it is not a readable zip archive; save it again from PowerPoint');
  }
  const parts = new Map(Object.entries(entries).filter(([n]) => !n.endsWith('/')));
  const escaping = [...parts.keys()].find((n) => !confined(n));
  if (escaping !== undefined)
    throw bad(
      `holds an entry named ${JSON.stringify(escaping)}, which is not a plain part name inside ` +
        'the package (it could write outside it); save the template again from PowerPoint',
    );
  const types = parts.get('[Content_Types].xml');
  if (!parts.has('ppt/presentation.xml'))
    throw bad(
      'is a zip archive but not a PowerPoint presentation or template (no ppt/presentation.xml)',
    );
  if (!types)
    throw bad(
      'has no [Content_Types].xml, which every PowerPoint file has; save it again from PowerPoint',
    );
  // Macros under any name: the content types say what a part is, whatever it is called.
  if (/macroEnabled|vbaProject/i.test(decoder.decode(types)) || parts.has('ppt/vbaProject.bin'))
    throw bad(
      'contains macros (a VBA project); decks take no macros: save the template as .potx or ' +
        '.pptx without them',
    );
  return parts;
}

/** Colour slots of a theme's colour scheme (srgbClr, or a system colour's last value). */
function themeColors(theme: XmlElement | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const slot of first(theme, 'a:clrScheme')?.children ?? []) {
    const c = slot.children[0];
    const rgb =
      c?.name === 'a:srgbClr' ? c.attrs.val : c?.name === 'a:sysClr' ? c.attrs.lastClr : '';
    if (rgb && /^[0-9A-Fa-f]{6}$/.test(rgb)) out[slot.name.slice(2)] = rgb.toUpperCase();
  }
  return out;
}

/** Reads and checks a template; `file` names it in messages. */
export function readDeckTemplate(file: string, bytes: Uint8Array): DeckTemplate {
  const all = unpack(file, bytes);
  const bad = (message: string) => inputError('E_DECK_TEMPLATE', { file, message });
  const docs = new Map<string, { text: string; root: XmlElement }>();
  const parse = (name: string) => {
    const known = docs.get(name);
    if (known) return known;
    const b = all.get(name);
    if (!b) throw bad(`has no part ${name}, which another part refers to`);
    const text = decoder.decode(b);
    try {
      const doc = { text, root: parseXml(text) };
      docs.set(name, doc);
      return doc;
    } catch (err) {
      if (!(err instanceof XmlError)) throw err;
      const before = text.slice(0, err.offset).split('\n');
      throw bad(
        `${name}, line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}: ` +
          `${err.message}; save the template again from PowerPoint`,
      );
    }
  };
  const relsFor = (part: string) => (all.has(relsOf(part)) ? parse(relsOf(part)).root : undefined);
  const pres = 'ppt/presentation.xml';
  const size = first(parse(pres).root, 'p:sldSz')?.attrs;
  if (size && !(Number(size.cx) > 0 && Number(size.cy) > 0))
    throw bad(
      `states a slide size of ${size.cx ?? '?'} × ${size.cy ?? '?'} EMU in ${pres}; set a ` +
        'slide size in PowerPoint (Design › Slide Size) and save it again',
    );
  const masters = targets(relsFor(pres), pres, 'slideMaster').filter((m) => all.has(m));
  if (masters.length === 0) throw bad('has no slide master; save it from PowerPoint as a template');
  // Only what the masters lead to along allowed relationships goes on (template/sanitize.ts).
  const { parts, dropped } = sanitizeTemplate(all, masters, parse);
  const root = (name: string) => parse(name).root;
  const masterPlaceholders = new Map(masters.map((m) => [m, placeholdersIn(root(m))]));
  const obstacles = new Map(masters.map((m) => [m, obstaclesIn(root(m))]));
  const hidesMaster = new Set<string>();
  const layouts = masters.flatMap((master) =>
    targets(relsFor(master), master, 'slideLayout')
      .filter((l) => parts.has(l))
      .map((part): TemplateLayout => {
        const layout = root(part);
        obstacles.set(part, obstaclesIn(layout));
        if (layout.attrs.showMasterSp === '0') hidesMaster.add(part);
        return {
          part,
          name: first(layout, 'p:cSld')?.attrs.name ?? '',
          type: layout.attrs.type ?? 'cust',
          master,
          placeholders: placeholdersIn(layout),
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
      'has no layout with a title placeholder; every slide needs a title, so add one to the ' +
        'layouts (View › Slide Master › Title)',
    );
  const themePart = targets(relsFor(masters[0] ?? ''), masters[0] ?? '', 'theme')[0];
  const theme = themePart && parts.has(themePart) ? root(themePart) : undefined;
  const font = (kind: string) => first(first(theme, `a:${kind}Font`), 'a:latin')?.attrs.typeface;
  const slideMaster = (n: number): string | undefined => {
    const slide = targets(relsFor(pres), pres, 'slide')[n];
    const layout =
      slide && all.has(slide) ? targets(relsFor(slide), slide, 'slideLayout')[0] : undefined;
    return layouts.find((l) => l.part === layout)?.master;
  };
  const firstMaster = masters[0] ?? '';
  const cx = Number(size?.cx);
  const cy = Number(size?.cy);
  return {
    file,
    parts: new Map(
      [...parts, ...[pres, '[Content_Types].xml'].map((n) => [n, all.get(n)] as const)].filter(
        (e): e is [string, Uint8Array] => e[1] !== undefined,
      ),
    ),
    dropped,
    size: cx > 0 && cy > 0 ? { cx, cy } : { cx: 12_192_000, cy: 6_858_000 },
    masters,
    masterPlaceholders,
    obstacles,
    hidesMaster,
    layouts,
    fonts: { major: font('major') || 'Calibri Light', minor: font('minor') || 'Calibri' },
    colors: themeColors(theme),
    preferred: {
      cover: slideMaster(0) ?? firstMaster,
      content: slideMaster(1) ?? slideMaster(0) ?? firstMaster,
    },
  };
}
