/**
 * The bulletin's page plan: page sizes and what the fitting step (layout.ts) hands to the
 * painters (paint.ts for the PDF, preview/pages.ts for PNGs), so no decision is left to them.
 */
import type { Line } from './lines.js';
import type { FlowBlock, FlowResult, Frame } from './flow.js';
import type { Box } from './boxes.js';

export const PAGE_SIZES = { LETTER: [612, 792], A4: [595.28, 841.89] } as const;
export const PAGE_COUNT = 2;

export interface TextBlock {
  x: number;
  y: number;
  lines: Line[];
  leading: number;
  width: number;
  justify: boolean;
}

/** Everything the drawing step needs; no decision is left to it. */
export interface PagePlan {
  size: readonly [number, number];
  header: {
    series: string;
    publisher: string;
    ruleY: number;
    title: TextBlock;
    subtitle?: TextBlock;
    byline: TextBlock;
    standfirst: TextBlock;
    bottomRuleY: number;
  };
  columns: { width: number; frames: Frame[] };
  flow: FlowResult;
  /** The flow's blocks: kind and section, for the structure tree. */
  blocks: { kind: FlowBlock['kind']; section: number }[];
  /** Section titles in reading order: the introduction (''), the sections, the conclusion. */
  sectionTitles: string[];
  boxes: (Box & { x: number; y: number; width: number })[];
  backMatter: { y: number; blocks: TextBlock[]; ruleY: number };
  footerY: number;
  step: number;
  stepCount: number;
  /** The type steps tried, largest first (`step` indexes them). */
  steps: { body: number; leading: number }[];
  extraGap: number;
  cut: string[];
  /**
   * Unplanned space in each column (frame order, every page), in points: from its last line
   * (or its top) to the next box or its foot.
   */
  gaps: number[];
}
