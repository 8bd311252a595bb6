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

/**
 * Layouts: the cover, a content layout whose body is one text placeholder, and a title-only
 * layout for slides whose content is a chart or a two-column list (an empty body placeholder
 * would show "Click to add text" to an editor).
 */
export const MASTER = {
  cover: 'COVER',
  content: 'CONTENT',
  side: 'CHART_AND_TEXT',
  quote: 'QUOTES',
  titleOnly: 'TITLE_ONLY',
} as const;

/** Left edge of the commentary beside a chart or a callout figure. */
const SIDE_X = GRID.left + 7.1 + 0.4;

/**
 * Where the title and body placeholders sit on each layout (the slides fill them at these boxes).
 */
export const PLACES = {
  coverTitle: { x: GRID.left, y: 1.7, w: GRID.contentW - 0.5, h: 1.9 },
  coverBody: { x: GRID.left, y: 4.15, w: GRID.contentW - 0.5, h: 2.4 },
  title: { x: GRID.left, y: GRID.titleY, w: GRID.contentW, h: GRID.titleH },
  body: { x: GRID.left, y: GRID.bodyY, w: GRID.contentW, h: GRID.bodyBottom - GRID.bodyY },
  side: {
    x: SIDE_X,
    y: GRID.bodyY,
    w: GRID.width - GRID.right - SIDE_X,
    h: GRID.bodyBottom - GRID.bodyY,
  },
  quote: {
    x: GRID.left + 0.4,
    y: GRID.bodyY,
    w: GRID.contentW - 1.2,
    h: GRID.bodyBottom - GRID.bodyY,
  },
} as const;

/**
 * The smallest text on a slide (series mark, source line, slide number): 12 pt, which a room
 * can read from the back (issue 32, item 4: they were 10 pt).
 */
export const SMALL = 12;

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
          fontSize: SMALL,
          bold: true,
          charSpacing: 2,
          color: c.accent,
          valign: 'middle',
        },
      },
    },
  ];
}

type MasterObject = NonNullable<P.SlideMasterProps['objects']>[number];

/**
 * A text placeholder a slide fills (`slide.addText(runs, { placeholder: name })`). Without a
 * colour it is a stand-in for an organisation's template placeholder, swapped for the
 * template's own when packaging, so it carries no look of ours.
 */
export function placeholder(
  name: 'title' | 'body',
  box: { x: number; y: number; w: number; h: number },
  family: string,
  color?: string,
): MasterObject {
  // A slide's placeholder takes its box and anchoring from here (pptxgenjs ignores the slide's).
  const valign = name === 'title' ? 'bottom' : 'top';
  return {
    placeholder: {
      options: {
        name,
        type: name,
        // The shape's name in PowerPoint's selection pane (slides inherit it).
        objectName: name === 'title' ? 'Title' : 'Body',
        ...box,
        margin: 0,
        fontFace: family,
        ...(color === undefined ? {} : { color, align: 'left', valign }),
      },
      text: '',
    },
  } as MasterObject;
}

/** The short accent rule under a title (decorative; package.ts marks it so). */
const accentRule = (c: ReturnType<typeof colors>, y: number, w: number, width: number) => ({
  line: { x: GRID.left, y, w, h: 0, line: { color: c.accent, width } },
});

/** The footer rule and the footer text (cut short where a slide number sits beside it). */
const footerObjects = (c: ReturnType<typeof colors>, footer: string, textW: number) => [
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
        w: textW,
        // Two lines at 12 pt, for a footer naming several sources; the slide ends at 7.5 in.
        h: 0.45,
        margin: 0,
        fontFace: SANS,
        fontSize: SMALL,
        color: c.muted,
        valign: 'top' as const,
      },
    },
  },
];

/** Defines the cover, content and title-only masters on a presentation. */
export function defineMasters(pptx: P.Pptx, theme: Theme, series: string, footer: string): void {
  const c = colors(theme);
  const titleRule = accentRule(c, GRID.titleY + GRID.titleH + 0.22, 0.9, 2.25);
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
      placeholder('title', PLACES.coverTitle, SERIF, c.accent),
      placeholder('body', PLACES.coverBody, SANS, c.muted),
      accentRule(c, 3.85, 1.2, 3),
      ...footerObjects(c, footer, GRID.contentW),
    ],
  });
  const content = (name: string, body?: (typeof PLACES)[keyof typeof PLACES]) =>
    pptx.defineSlideMaster({
      title: name,
      background: { color: c.paper },
      objects: [
        ...seriesMark(series, c, 0.45),
        placeholder('title', PLACES.title, SERIF, c.ink),
        ...(body ? [placeholder('body', body, SANS, c.ink)] : []),
        titleRule,
        // Narrower: the slide number sits at its right.
        ...footerObjects(c, footer, GRID.contentW - 0.8),
      ],
      slideNumber: {
        x: GRID.width - GRID.right - 0.6,
        y: GRID.footerY + 0.08,
        w: 0.6,
        h: 0.3,
        margin: 0,
        fontFace: SANS,
        fontSize: SMALL,
        color: c.muted,
        align: 'right',
        valign: 'top',
      },
    });
  content(MASTER.content, PLACES.body);
  content(MASTER.side, PLACES.side);
  content(MASTER.quote, PLACES.quote);
  content(MASTER.titleOnly);
}
