/**
 * The house look every chart.js chart shares: type sizes, a white page behind the chart,
 * the axis font, and category labels wrapped onto two lines.
 */
import type { Plugin } from 'chart.js';

/** Type sizes in points at print size: the chart is drawn 1 px = 1 pt at the column width. */
export const CHART_TYPE = { tick: 7.5, label: 7, legend: 7 } as const;

// A white page behind the chart, drawn as a vector rect: chartjs-node-canvas's backgroundColour
// (destination-over) makes cairo turn the whole SVG into one bitmap.
export const whiteFill: Plugin = {
  id: 'whiteFill',
  beforeDraw(c) {
    c.ctx.save();
    c.ctx.fillStyle = '#ffffff';
    c.ctx.fillRect(0, 0, c.width, c.height);
    c.ctx.restore();
  },
};

/** A label longer than `max` characters as two lines, broken at the space nearest the middle. */
export function wrapLabel(label: string, max: number): string | string[] {
  if (label.length <= max) return label;
  const spaces = [...label.matchAll(/ /g)].map((m) => m.index);
  if (spaces.length === 0) return label;
  const at = spaces.reduce((b, i) =>
    Math.abs(i - label.length / 2) < Math.abs(b - label.length / 2) ? i : b,
  );
  return [label.slice(0, at), label.slice(at + 1)];
}

/**
 * The width of `text` at `size` points in the chart's sans face (weight 400 or 600): the real
 * font's advances where the renderer has it (charts/fonts.ts), so labels are wrapped and
 * given room by what is drawn, not by a character count.
 */
export type MeasureText = (text: string, size: number, weight: number) => number;

/** A stand-in (half an em a character) for configs built without the font at hand. */
export const estimateText: MeasureText = (text, size) => text.length * size * 0.5;

/**
 * Words broken into lines no wider than `width` as measured; a word wider than the line
 * keeps a line of its own.
 */
export function wrapMeasured(
  text: string,
  width: number,
  measure: (s: string) => number,
): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line ? `${line} ${word}` : word;
    if (line && measure(next) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  return line ? [...lines, line] : lines;
}

export const axisFont = (size: number, weight = 400) => ({
  size,
  weight,
  family: '"Source Sans 3"',
});
