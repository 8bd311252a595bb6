/**
 * Flows laid-out lines into column frames with the rules a typesetter keeps: a heading
 * never ends a column (it keeps its first two lines of text), a paragraph never leaves a
 * single line at the foot of a column (orphan) or at the head of the next (widow).
 */
import type { Line } from './lines.js';

export interface Frame {
  page: number;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface FlowBlock {
  kind: 'heading' | 'para';
  lines: Line[];
  leading: number;
  /** Space before the block (dropped at the top of a frame). */
  before: number;
  /** Where the text came from, for messages. */
  where: string;
  /** Index of the section the block belongs to (0 = introduction), for the structure tree. */
  section: number;
}

export interface PlacedLine {
  frame: number;
  x: number;
  y: number;
  line: Line;
  leading: number;
  width: number;
  /** The block the line belongs to (for messages). */
  where: string;
  /** Index of that block in the flow. */
  block: number;
}

export interface FlowResult {
  placed: PlacedLine[];
  /** Height still needed when the frames ran out (0 when everything fitted). */
  overflow: number;
  /** Blocks that did not fit. */
  leftOver: string[];
  /** Unused height at the foot of each frame. */
  slack: number[];
}

export function flowBlocks(blocks: FlowBlock[], frames: Frame[], extraGap = 0): FlowResult {
  const placed: PlacedLine[] = [];
  let fi = 0;
  let y = frames[0]?.y ?? 0;
  const slack: number[] = frames.map(() => 0);
  const room = () => {
    const f = frames[fi];
    return f ? f.y + f.h - y : 0;
  };
  const atTop = () => frames[fi]?.y === y;
  const nextFrame = () => {
    if (frames[fi]) slack[fi] = room();
    fi++;
    const f = frames[fi];
    if (f) y = f.y;
  };
  for (const [bi, b] of blocks.entries()) {
    if (!frames[fi]) return overflowFrom(blocks, bi, 0, placed, slack);
    const afterHeading = blocks[bi - 1]?.kind === 'heading';
    const gap = atTop() ? 0 : b.before + (b.kind === 'para' && !afterHeading ? extraGap : 0);
    // Lines this block must keep together at the start of a frame.
    const next = blocks[bi + 1];
    const keep =
      b.kind === 'heading'
        ? b.lines.length * b.leading +
          (next ? next.before + Math.min(2, next.lines.length) * next.leading : 0)
        : Math.min(2, b.lines.length) * b.leading;
    if (gap + keep > room() && !atTop()) nextFrame();
    else y += gap;
    if (!frames[fi]) return overflowFrom(blocks, bi, 0, placed, slack);
    for (const [li, line] of b.lines.entries()) {
      const remaining = b.lines.length - li;
      // Widow: if exactly one line would be left for the next frame, move two.
      const fitsHere = Math.floor((room() + 0.01) / b.leading);
      const mustBreak =
        fitsHere < 1 || (b.kind === 'para' && remaining === 2 && fitsHere === 1 && li > 0);
      if (mustBreak) nextFrame();
      const f = frames[fi];
      if (!f) return overflowFrom(blocks, bi, li, placed, slack);
      placed.push({
        frame: fi,
        x: f.x,
        y,
        line,
        leading: b.leading,
        width: f.w,
        where: b.where,
        block: bi,
      });
      y += b.leading;
    }
  }
  if (frames[fi]) slack[fi] = room();
  frames.forEach((f, k) => {
    if (k > fi) slack[k] = f.h;
  });
  return { placed, overflow: 0, leftOver: [], slack };
}

function overflowFrom(
  blocks: FlowBlock[],
  bi: number,
  li: number,
  placed: PlacedLine[],
  slack: number[],
): FlowResult {
  let h = 0;
  const leftOver: string[] = [];
  for (const [k, b] of blocks.entries()) {
    if (k < bi) continue;
    const lines = k === bi ? b.lines.length - li : b.lines.length;
    h += lines * b.leading + (k === bi ? 0 : b.before);
    if (!leftOver.includes(b.where)) leftOver.push(b.where);
  }
  return { placed, overflow: h, leftOver, slack };
}
