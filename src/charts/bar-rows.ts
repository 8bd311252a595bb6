/**
 * The rows a bar chart draws, and the labels at their ends. Labels are measured with the
 * chart's real face: a currency heading or a partner name too wide for the label column
 * wraps, and each extra line gets a row of its own, so no two labels share a row's height
 * (issue 28: "Papua New Guinean Kina (PGK)" printed over "Papua New Guinea").
 */
import type { Chart, Plugin } from 'chart.js';
import type { Theme } from '../model/theme.js';
import { CHART_TYPE, wrapLabel, wrapMeasured, type MeasureText } from './chart-style.js';
import type { BarData } from './data.js';

/**
 * A drawn row: a data row (its bar, or its figure alone), a line of a panel heading, or a line
 * of a wrapped label that continues on its data row below.
 */
export type DrawnRow =
  | { row: number; label: string | string[]; figureOnly: boolean }
  | { heading: string | string[] }
  | { lead: string };

/**
 * chart.js gives the label column at most half the width left beside the end labels' room;
 * lines are kept narrower (tick padding, the axis line) so it never clips one.
 */
export const labelColumn = (plotWidth: number): number => plotWidth / 2 - 16;

/** The space the chart gives its rows: the plot's width beside the end labels, its height. */
export interface RowSpace {
  width: number;
  height: number;
}

/** Line height of a tick label, as chart.js sets it (1.2 × the size). */
const LINE = CHART_TYPE.tick * 1.2;

/**
 * Rows as drawn. Each panel after the first opens with its heading (bold, no bar), so panels
 * read as separate charts. A label too wide for the label column wraps; when a row's height
 * cannot hold its lines, each line but the last takes a row of its own above it. A panel of
 * one row draws no bar: a bar alone on its own scale is always full length, whatever its
 * amount, so it would say WST 1.15 million and VUV 95 million are alike; the row shows its
 * figure instead.
 */
export function drawnRows(
  d: BarData,
  measure: MeasureText,
  space: RowSpace,
  highlight?: number,
): DrawnRow[] {
  const width = labelColumn(space.width);
  const lines = (text: string, weight: number) =>
    d.horizontal ? wrapMeasured(text, width, (s) => measure(s, CHART_TYPE.tick, weight)) : [text];
  let from = 0;
  const panels = d.panels.map((p) => {
    const rows = [...Array(p.rows).keys()].map((k) => from + k);
    from += p.rows;
    return {
      heading: d.panels.length < 2 ? undefined : lines(p.heading, 600),
      rows: rows.map((row) => ({
        row,
        lines: lines(d.labels[row] ?? '', row === highlight ? 600 : 400),
      })),
    };
  });
  const labels = panels.flatMap((p) => [
    ...(p.heading ? [p.heading] : []),
    ...p.rows.map((r) => r.lines),
  ]);
  const tallest = Math.max(1, ...labels.map((l) => l.length));
  const split = tallest * LINE > space.height / Math.max(1, labels.length) - 1;
  const stacked = (ls: string[]) => (ls.length === 1 ? (ls[0] ?? '') : ls);
  return panels.flatMap((p): DrawnRow[] => {
    const heads: DrawnRow[] = !p.heading
      ? []
      : split
        ? p.heading.map((heading) => ({ heading }))
        : [{ heading: stacked(p.heading) }];
    return [
      ...heads,
      ...p.rows.flatMap(({ row, lines: ls }): DrawnRow[] => {
        const figureOnly = d.horizontal && p.rows.length === 1;
        // Upright bars keep their labels under them, two lines at most, as before.
        if (!d.horizontal) return [{ row, label: wrapLabel(d.labels[row] ?? '', 20), figureOnly }];
        if (!split) return [{ row, label: stacked(ls), figureOnly }];
        const last = ls.at(-1) ?? '';
        return [...ls.slice(0, -1).map((lead) => ({ lead })), { row, label: last, figureOnly }];
      }),
    ];
  });
}

/** The category label chart.js draws for a drawn row. */
export const tickLabel = (r: DrawnRow): string | string[] =>
  'row' in r ? r.label : 'heading' in r ? r.heading : r.lead;

/**
 * Writes each bar's total at its end, so the chart needs no value axis; a row without a bar
 * gets its figure where its bar would start.
 */
export function endLabels(
  labels: string[],
  rows: DrawnRow[],
  theme: Theme,
  highlight?: number,
): Plugin<'bar'> {
  const start = (c: Chart<'bar'>, i: number): { x: number; y: number } => {
    const cat = Object.values(c.scales).find((s) => s.type === 'category');
    return { x: c.chartArea.left, y: cat?.getPixelForValue(i) ?? 0 };
  };
  return {
    id: 'endLabels',
    afterDatasetsDraw(c) {
      const ctx = c.ctx;
      ctx.save();
      ctx.textBaseline = 'middle';
      ctx.textAlign = 'left';
      labels.forEach((text, i) => {
        if (!text) return;
        const r = rows[i];
        const ends = c.data.datasets
          .filter((ds) => ds.data[i] !== null)
          .map((ds) => c.getDatasetMeta(c.data.datasets.indexOf(ds)).data[i])
          .filter((e) => e !== undefined);
        const figureOnly = r !== undefined && 'row' in r && r.figureOnly;
        if (ends.length === 0 && !figureOnly) return;
        const { x, y } = figureOnly
          ? start(c, i)
          : { x: Math.max(...ends.map((e) => e.x)), y: ends[0]?.y ?? 0 };
        ctx.font = `${i === highlight ? '600' : '400'} ${CHART_TYPE.label}px "Source Sans 3"`;
        ctx.fillStyle = theme.colors.ink;
        ctx.fillText(text, x + 3, y);
      });
      ctx.restore();
    },
  };
}
