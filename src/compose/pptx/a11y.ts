/**
 * Fix-ups that make a deck readable by assistive technology and safe on a machine without
 * the house fonts, applied to the XML pptxgenjs wrote (it has no option for either):
 * - shapes with no text that are not placeholders (accent bars, rules) are marked decorative,
 *   as PowerPoint's "Mark as decorative" writes it, so screen readers and the accessibility
 *   checker skip them;
 * - every reference to a house font carries its PANOSE number and pitch family, which is
 *   what PowerPoint uses to pick a look-alike (a serif for the serif, a sans for the sans)
 *   when the font is missing; pptxgenjs writes "sans" (34) for every face.
 */
import { requireCjs } from '../../cjs.js';
import type { ResolvedTheme } from '../../model/theme.js';

const fontkit = requireCjs('fontkit') as typeof import('fontkit');

const DECORATIVE =
  '<a:extLst><a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}">' +
  '<adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/>' +
  '</a:ext></a:extLst>';

/**
 * Marks every textless, non-placeholder shape of a slide, layout or master as decorative, and
 * drops the hasCustomPrompt flag pptxgenjs sets on every placeholder (none has a custom prompt).
 */
export function markDecorative(xml: string): string {
  return xml
    .replace(/(<p:ph\b[^>]*?)\s*hasCustomPrompt="1"/g, '$1')
    .replace(/<p:(sp|cxnSp)>[\s\S]*?<\/p:\1>/g, (shape) => {
      if (/<p:ph\b/.test(shape) || /<a:t>[^<]/.test(shape) || shape.includes('adec:decorative'))
        return shape;
      return shape.replace(
        /<p:cNvPr ([^>]*?)\s*(?:\/>|>\s*<\/p:cNvPr>)/,
        (_all, attrs: string) => `<p:cNvPr ${attrs}>${DECORATIVE}</p:cNvPr>`,
      );
    });
}

/** How a typeface is described to a viewer that lacks it. */
export interface FaceHint {
  typeface: string;
  /** Ten PANOSE digits as 20 hex characters. */
  panose: string;
  /** OOXML pitch family: variable pitch (2) plus roman (0x10) or swiss (0x20). */
  pitchFamily: number;
}

type WithPanose = { familyName: string; 'OS/2'?: { panose?: number[] } };

/** The hints for the theme's serif and sans, read from their regular font files. */
export function faceHints(
  theme: ResolvedTheme,
  names: { serif: string; sans: string },
): FaceHint[] {
  return (['serif', 'sans'] as const).flatMap((family) => {
    const bytes = theme.fonts[`${family}-regular`];
    if (!bytes) return [];
    const font = fontkit.create(bytes) as unknown as WithPanose;
    const digits = font['OS/2']?.panose ?? [];
    const panose = digits.length === 10 ? digits.map((d) => d.toString(16).padStart(2, '0')) : [];
    return [
      {
        typeface: names[family],
        panose: panose.join('').toUpperCase() || '00000000000000000000',
        pitchFamily: family === 'serif' ? 0x12 : 0x22,
      },
    ];
  });
}

/** Rewrites `<a:latin typeface="…">` of the hinted faces with their PANOSE and pitch family. */
export function hintFaces(xml: string, hints: FaceHint[]): string {
  let out = xml;
  for (const h of hints) {
    const name = h.typeface.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out.replace(
      new RegExp(`<a:latin typeface="${name}"[^>]*/>`, 'g'),
      `<a:latin typeface="${h.typeface}" panose="${h.panose}" ` +
        `pitchFamily="${h.pitchFamily}" charset="0"/>`,
    );
  }
  return out;
}

/**
 * Placeholders written as PowerPoint writes them: `<p:ph type="title"/>` on one line.
 * pptxgenjs spreads the element over several lines and gives the title an idx; PowerPoint
 * matches a title to its layout by type alone (a title has no idx), and readers that scan
 * the XML for `type="title"` should find it whatever their parser (issue 14).
 */
export function canonicalPlaceholders(xml: string): string {
  return xml.replace(/<p:ph\s([^>]*?)\s*\/>/g, (_all, attrs: string) => {
    const map = new Map(
      [...attrs.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1] ?? '', m[2] ?? '']),
    );
    const type = map.get('type');
    if (type === 'title' || type === 'ctrTitle') map.delete('idx');
    const order = ['type', 'orient', 'sz', 'idx', 'hasCustomPrompt'];
    const keys = [...map.keys()].sort((a, b) => order.indexOf(a) - order.indexOf(b));
    return `<p:ph ${keys.map((k) => `${k}="${map.get(k)}"`).join(' ')}/>`;
  });
}
