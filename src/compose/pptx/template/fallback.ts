/**
 * Where a slide goes when its text does not fit the layout chosen for it (issue 32, item 3):
 * a narrow template's half-inch title box, or a content box too small for a list at 12 pt,
 * must not stop the build. Tried in order: the other layouts of the template that suit the
 * slide, roomiest first, then our own geometry on the chosen layout — a title box with room
 * for two lines and the body in the whole clear area below it, to the slide's foot.
 */
import type { Role } from '../frame.js';
import type { TemplatePlan } from './layouts.js';
import type { Box } from '../text.js';
import { clearOf } from './clear.js';
import type { Obstacle } from './read.js';

/** Slide width and height (inches) and the shapes body text keeps off. */
export interface Room {
  W: number;
  H: number;
  obstacles: Obstacle[];
  /** The title's look (colour, panel) and box on what lies behind a title box there. */
  look(title: Box): Pick<TemplatePlan, 'title' | 'titleLook' | 'problem'>;
}

const area = (b: Box) => b.w * b.h;

/** The text area of a plan for its role: the commentary beside a chart, else the body. */
export const textArea = (p: TemplatePlan, role: Role): Box => (role === 'side' ? p.side : p.body);

/** Plans for other layouts, the ones with the most room for the role's text first. */
export function byRoom(plans: TemplatePlan[], role: Role): TemplatePlan[] {
  return [...plans].sort((a, b) => area(textArea(b, role)) - area(textArea(a, role)));
}

/**
 * Our own geometry on a plan's layout: the title as wide as the layout gives it and tall
 * enough for two lines of a title (a fifth of the slide, or the layout's own if taller), the
 * body across the layout's width from below the title to 7% above the slide's foot, clear of
 * the layout's pictures and dark shapes; a chart slide gives the chart `chartShare` of it.
 * With `atTop`, the title moves to the slide's head across that width (a layout whose title
 * sits mid-slide leaves too little below it). Null when no body would fit below the title.
 */
export function roomy(
  p: TemplatePlan,
  room: Room,
  chartShare = 0.56,
  atTop = false,
): TemplatePlan | null {
  const { W, H } = room;
  const left = Math.max(W * 0.04, Math.min(p.title.x, p.body.x));
  const right = Math.min(W * 0.96, Math.max(p.title.x + p.title.w, p.body.x + p.body.w));
  // At the head: the first stretch clear of the master's bands and pictures.
  const head = { x: left, y: H * 0.03, w: right - left, h: H * 0.5 };
  const clearHead = clearOf(head, room.obstacles) ?? head;
  const { problem: _, ...rest } = p;
  const judged = room.look(
    atTop
      ? { x: clearHead.x, y: clearHead.y, w: clearHead.w, h: H * 0.2 }
      : { ...p.title, h: Math.max(p.title.h, H * 0.2) },
  );
  const title = judged.title;
  const top = title.y + title.h + H * 0.03;
  const whole = { x: left, y: top, w: right - left, h: H * 0.93 - top };
  // A title low on its layout (a section header's) leaves no room below: no plan here.
  if (whole.h < H * 0.3 || whole.w < W * 0.4) return null;
  const body = clearOf(whole, room.obstacles) ?? whole;
  const gap = Math.min(0.4, body.w * 0.04);
  return {
    ...rest,
    ...judged,
    layout: p.layout.replace(
      /^template:([^:]+):/,
      `template:$1:${atTop ? 'top' : 'roomy'}${chartShare * 100}:`,
    ),
    source: `our own boxes on ${p.source ?? 'the layout'}`,
    title,
    body,
    chart: { ...body, w: body.w * chartShare - gap / 2 },
    side: {
      ...body,
      x: body.x + body.w * chartShare + gap / 2,
      w: body.w * (1 - chartShare) - gap / 2,
    },
  };
}
