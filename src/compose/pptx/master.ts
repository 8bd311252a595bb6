/**
 * The slide masters and the grid every slide is laid out on (inches, 16:9 LAYOUT_WIDE).
 * The masters carry what repeats — series mark, footer rule, source line, slide number — so
 * a slide adds only its own content and an editor gets real layouts, not loose boxes.
 */
import type * as P from './pptxgen.js';
import type { Theme } from '../../model/theme.js';

export const SERIF = 'Source Serif 4';
export const SANS = 'Source Sans 3';

/** The grid: 13.333 × 7.5 in, generous margins, the body between title and footer. */
export const GRID = {
  width: 13.333,
  height: 7.5,
  left: 0.8,
  right: 0.8,
  titleY: 0.95,
  titleH: 1.3,
  bodyY: 2.55,
  bodyBottom: 6.45,
  footerY: 6.9,
  get contentW(): number {
    return this.width - this.left - this.right;
  },
} as const;

export const MASTER = { cover: 'COVER', content: 'CONTENT' } as const;

const hex = (c: string) => c.replace(/^#/, '').toUpperCase();

/** Colours as pptxgenjs wants them (no #). */
export function colors(theme: Theme) {
  const c = theme.colors;
  return {
    ink: hex(c.ink),
    accent: hex(c.accent),
    accentLight: hex(c.accentLight),
    muted: hex(c.muted),
    rule: hex(c.rule),
    paper: hex(c.paper),
  };
}

/** The series mark: a short accent bar and the series name in spaced small capitals. */
function seriesMark(
  series: string,
  c: ReturnType<typeof colors>,
  y: number,
): NonNullable<P.SlideMasterProps['objects']> {
  return [
    {
      rect: {
        x: GRID.left,
        y,
        w: 0.08,
        h: 0.28,
        fill: { color: c.accent },
        line: { color: c.accent, width: 0 },
      },
    },
    {
      text: {
        text: series.toUpperCase(),
        options: {
          x: GRID.left + 0.2,
          y,
          w: 6,
          h: 0.28,
          margin: 0,
          fontFace: SANS,
          fontSize: 10.5,
          bold: true,
          charSpacing: 2,
          color: c.accent,
          valign: 'middle',
        },
      },
    },
  ];
}

/** Defines the cover and content masters on a presentation. */
export function defineMasters(pptx: P.Pptx, theme: Theme, series: string, footer: string): void {
  const c = colors(theme);
  pptx.defineSlideMaster({
    title: MASTER.cover,
    background: { color: c.paper },
    objects: [
      {
        rect: {
          x: 0,
          y: 0,
          w: 0.22,
          h: GRID.height,
          fill: { color: c.accent },
          line: { color: c.accent, width: 0 },
        },
      },
      ...seriesMark(series, c, 0.6),
      {
        line: {
          x: GRID.left,
          y: GRID.footerY,
          w: GRID.contentW,
          h: 0,
          line: { color: c.rule, width: 0.75 },
        },
      },
      {
        text: {
          text: footer,
          options: {
            x: GRID.left,
            y: GRID.footerY + 0.08,
            w: GRID.contentW,
            h: 0.3,
            margin: 0,
            fontFace: SANS,
            fontSize: 10,
            color: c.muted,
            valign: 'top',
          },
        },
      },
    ],
  });
  pptx.defineSlideMaster({
    title: MASTER.content,
    background: { color: c.paper },
    objects: [
      ...seriesMark(series, c, 0.45),
      {
        line: {
          x: GRID.left,
          y: GRID.footerY,
          w: GRID.contentW,
          h: 0,
          line: { color: c.rule, width: 0.75 },
        },
      },
      {
        text: {
          text: footer,
          options: {
            x: GRID.left,
            y: GRID.footerY + 0.08,
            w: GRID.contentW - 0.8,
            h: 0.3,
            margin: 0,
            fontFace: SANS,
            fontSize: 10,
            color: c.muted,
            valign: 'top',
          },
        },
      },
    ],
    slideNumber: {
      x: GRID.width - GRID.right - 0.6,
      y: GRID.footerY + 0.08,
      w: 0.6,
      h: 0.3,
      margin: 0,
      fontFace: SANS,
      fontSize: 10,
      color: c.muted,
      align: 'right',
      valign: 'top',
    },
  });
}
