/**
 * Where each kind of slide puts its parts: the layout it uses and the boxes of its title, its
 * body, its chart and the commentary beside it. The house frame is the grid of master.ts; an
 * organisation's template gives its own (template/layouts.ts). slides.ts lays out against a
 * frame and never against fixed numbers, so the same code fills either.
 */
import type { SlideKind } from '../../model/deck-config.js';
import { GRID, MASTER, PLACES, SANS, SERIF } from './master.js';
import type { Box } from './text.js';

/**
 * The layouts a deck uses: the cover, a body of text, a chart with text beside it, quotes, a title
 * with our own rows below.
 */
export type Role = 'cover' | 'content' | 'side' | 'quote' | 'titleOnly';

/** One slide's layout and boxes (inches). */
export interface SlidePlan {
  /** The pptxgenjs master the slide is added on. */
  layout: string;
  title: Box;
  /** The text body (content, quote, cover subtitle) or the area our rows fill (titleOnly). */
  body: Box;
  /** Chart or callout figure on a side slide. */
  chart: Box;
  /** The commentary beside a chart. */
  side: Box;
  /** The cover's handling line; null puts it at the head of the cover's body. */
  aside: Box | null;
  /** Where the boxes come from, for a message when text does not fit them (templates). */
  source?: string;
  /** On a template's cover: the colours behind the title block, to set its text legibly on. */
  bodyFills?: string[];
  /** A template's title colour, alignment and anchoring; unset: the house's. */
  titleLook?: {
    color: string;
    /** A panel behind the title where no colour reads on the template's picture. */
    panel?: string;
    align?: 'left' | 'center' | 'right';
    valign?: 'top' | 'middle' | 'bottom';
  };
}

/** What a deck is laid out on. */
export interface DeckFrame {
  plan(role: Role, kind: SlideKind): SlidePlan;
  /**
   * Plans to try, in order, when the slide's text does not fit its plan (a template's other
   * layouts, then our own boxes on its layout); none on the house grid, which is made to fit.
   */
  fallbacks?(role: Role, kind: SlideKind): SlidePlan[];
  /** Font names for the serif (headings) and sans (body) families. */
  faces: { serif: string; sans: string };
}

const AREA = { x: GRID.left, y: GRID.bodyY, h: GRID.bodyBottom - GRID.bodyY };

const HOUSE: Record<Role, SlidePlan> = {
  cover: {
    layout: MASTER.cover,
    title: PLACES.coverTitle,
    body: PLACES.coverBody,
    chart: PLACES.body,
    side: PLACES.side,
    aside: {
      x: GRID.left + PLACES.coverTitle.w / 2,
      y: 0.6,
      w: PLACES.coverTitle.w / 2 + 0.5,
      h: 0.3,
    },
  },
  content: {
    layout: MASTER.content,
    title: PLACES.title,
    body: PLACES.body,
    chart: { ...AREA, w: 7.1 },
    side: PLACES.side,
    aside: null,
  },
  side: {
    layout: MASTER.side,
    title: PLACES.title,
    body: PLACES.body,
    chart: { ...AREA, w: 7.1 },
    side: PLACES.side,
    aside: null,
  },
  quote: {
    layout: MASTER.quote,
    title: PLACES.title,
    body: PLACES.quote,
    chart: { ...AREA, w: 7.1 },
    side: PLACES.side,
    aside: null,
  },
  titleOnly: {
    layout: MASTER.titleOnly,
    title: PLACES.title,
    body: PLACES.body,
    chart: { ...AREA, w: 7.1 },
    side: PLACES.side,
    aside: null,
  },
};

/** The house frame: the masters of master.ts, the house fonts. */
export const houseFrame: DeckFrame = {
  plan: (role) => HOUSE[role],
  faces: { serif: SERIF, sans: SANS },
};
