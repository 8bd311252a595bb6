/**
 * What a master or layout holds that the decks place text by: its placeholders, and the
 * pictures and filled shapes text should keep off. Read from the parsed XML tree, one pass
 * per part (the regexes these replace scanned to the end of the part from every tag).
 */
import type { Box } from '../text.js';
import { descendants, first, type XmlElement } from './xml.js';

/**
 * A placeholder of a layout or master: its type (PowerPoint's default "obj" when unstated)
 * and box (inches).
 */
export interface TemplatePlaceholder {
  type: string;
  idx?: string;
  box: Box | null;
}

/** A picture or filled shape of a master or layout that text should not be set on. */
export interface Obstacle {
  box: Box;
  /** Its fill as RRGGBB, or null for a picture (whose colours are unknown). */
  fill: string | null;
}

const EMU_PER_INCH = 914_400;
const INT = /^-?\d{1,15}$/;

/** The box of a shape's transform (a:xfrm's a:off and a:ext), in inches. */
function boxOf(props: XmlElement | undefined): Box | null {
  const xfrm = props?.children.find((c) => c.name === 'a:xfrm');
  const off = xfrm?.children.find((c) => c.name === 'a:off')?.attrs;
  const ext = xfrm?.children.find((c) => c.name === 'a:ext')?.attrs;
  const values = [off?.x, off?.y, ext?.cx, ext?.cy];
  if (!values.every((v): v is string => v !== undefined && INT.test(v))) return null;
  const [x, y, w, h] = values.map((v) => Number(v) / EMU_PER_INCH) as [
    number,
    number,
    number,
    number,
  ];
  return { x, y, w, h };
}

/** Placeholders of a layout or master (shapes in groups too), with their boxes when stated. */
export function placeholdersIn(root: XmlElement): TemplatePlaceholder[] {
  const out: TemplatePlaceholder[] = [];
  for (const sp of descendants(root, (e) => e.name === 'p:sp')) {
    if (sp.name !== 'p:sp') continue;
    const ph = first(sp, 'p:ph');
    if (!ph) continue;
    const idx = ph.attrs.idx;
    const props = sp.children.find((c) => c.name === 'p:spPr');
    out.push({
      type: ph.attrs.type ?? 'obj',
      ...(idx === undefined ? {} : { idx }),
      box: boxOf(props),
    });
  }
  return out;
}

const PAINTS = new Set(['a:solidFill', 'a:pattFill', 'a:gradFill']);

/** Pictures and filled non-placeholder shapes of a master or layout (groups as one picture). */
export function obstaclesIn(root: XmlElement): Obstacle[] {
  const out: Obstacle[] = [];
  const tree = first(root, 'p:spTree');
  if (!tree) return out;
  const kinds = new Set(['p:pic', 'p:sp', 'p:grpSp']);
  for (const el of descendants(tree, (e) => kinds.has(e.name))) {
    if (!kinds.has(el.name) || first(el, 'p:ph')) continue;
    const props = el.children.find((c) => c.name === 'p:spPr' || c.name === 'p:grpSpPr');
    const box = boxOf(props);
    if (!props || !box || box.w <= 0 || box.h <= 0) continue;
    if (el.name !== 'p:sp' || props.children.some((c) => c.name === 'a:blipFill')) {
      out.push({ box, fill: null });
      continue;
    }
    // The shape's own fill, not its outline's (a dashed curve is no surface to avoid): a solid
    // fill's colour, a pattern's foreground, a gradient's first stop.
    const paint = descendants(props, (e) => e.name === 'a:ln').find((e) => PAINTS.has(e.name));
    const rgb = paint && first(paint, 'a:srgbClr')?.attrs.val;
    if (rgb && /^[0-9A-Fa-f]{6}$/.test(rgb)) out.push({ box, fill: rgb.toUpperCase() });
  }
  return out;
}
