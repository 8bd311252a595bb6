/**
 * Bar charts as chart.js configurations: one scale per currency panel, totals written at the
 * bars' ends instead of a value axis, highlight and per-bar colours.
 */
import type { ChartConfiguration, Plugin } from 'chart.js';
import type { Theme } from '../model/theme.js';
import { qualifierText, scaled } from '../template/filters.js';
import { at } from '../checked.js';
import { axisFont, CHART_TYPE, estimateText, whiteFill, type MeasureText } from './chart-style.js';
import { drawnRows, endLabels, tickLabel } from './bar-rows.js';
import { barColors, seriesColors } from './palette.js';
import { barTotals, hedgedValue, unitAt, type BarData } from './data.js';

/** How a chart is measured: its size in points and its face's advances. */
export interface ChartMetrics {
  width: number;
  height: number;
  measure: MeasureText;
}

/** A column-wide chart measured by estimate, for configs built without the font. */
export const ESTIMATED: ChartMetrics = { width: 250, height: 150, measure: estimateText };

export function barConfig(
  d: BarData,
  theme: Theme,
  locale: string,
  metrics: ChartMetrics = ESTIMATED,
): ChartConfiguration<'bar'> {
  const stacked = d.series.length > 1;
  const c = theme.colors;
  const totals = barTotals(d);
  // Money keeps its sign; quantities drop the unit, which the title gives.
  const figures = d.labels.map((_, row) => {
    const unit = unitAt(d, row);
    const v = at(totals, row, 'bar total');
    const hedge = d.hedges?.[row];
    if (unit.kind === 'money') return hedgedValue(v, unit, locale, hedge);
    return hedge ? `${qualifierText(hedge)} ${scaled(v, locale)}` : scaled(v, locale);
  });
  // Room at the bar ends for the labels: the old estimate (about 3.6 px a character at 7 pt)
  // unless the face measures wider.
  const room = Math.max(
    ...figures.map((t, row) =>
      Math.max(
        t.length * 3.6,
        metrics.measure(t, CHART_TYPE.label, row === d.highlight ? 600 : 400),
      ),
    ),
  );
  const padRight = d.horizontal ? Math.ceil(room) + 6 : 4;
  // The legend above stacked bars takes up to two lines of the height.
  const rows = drawnRows(
    d,
    metrics.measure,
    { width: metrics.width - padRight, height: metrics.height - 4 - (stacked ? 28 : 0) },
    d.highlight,
  );
  const endText = rows.map((r) => ('row' in r ? at(figures, r.row, 'bar figure') : ''));
  const highlight = rows.findIndex((r) => 'row' in r && r.row === d.highlight);
  // A series none of whose bars is drawn (its only row shows a figure) has no legend entry.
  const drawnSeries = d.series.map((s) =>
    rows.some((r) => 'row' in r && !r.figureOnly && at(s.values, r.row, 'bar value') > 0),
  );
  const stackColors = seriesColors(theme.palette, d.series.length);
  const eachColors = barColors(theme.palette, d.labels.length);
  // Each panel has its own value scale: lengths compare only within one currency.
  const panelOfRow: number[] = [];
  d.panels.forEach((p, pi) => {
    for (let i = 0; i < p.rows; i++) panelOfRow.push(pi);
  });
  const valueAxis = (pi: number) => (d.panels.length > 1 ? `v${pi}` : d.horizontal ? 'x' : 'y');
  const datasets = d.panels.flatMap((_, pi) =>
    d.series.map((s, si) => ({
      label: s.name,
      data: rows.map((r) =>
        'row' in r && !r.figureOnly && panelOfRow[r.row] === pi
          ? at(s.values, r.row, 'bar value')
          : null,
      ),
      [d.horizontal ? 'xAxisID' : 'yAxisID']: valueAxis(pi),
      stack: `p${pi}`,
      // Rows of other panels hold null: skip them, or each row would keep a slot per panel.
      skipNull: true,
      backgroundColor:
        d.highlight !== undefined
          ? rows.map((r) => ('row' in r && r.row === d.highlight ? c.accent : c.rule))
          : d.colorEach
            ? rows.map((_, i) => {
                // A wrapped label's first lines (no bar) take their row's colour, as it did.
                const r = rows.slice(i).find((x) => 'row' in x || 'heading' in x);
                return r && 'row' in r ? at(eachColors, r.row, 'bar colour') : c.rule;
              })
            : stacked
              ? at(stackColors, si, 'series colour')
              : c.accent,
      // Thin white seams keep stacked segments apart in greyscale print.
      borderColor: '#ffffff',
      borderWidth: stacked ? 0.75 : 0,
      barPercentage: 0.8,
      categoryPercentage: 0.85,
    })),
  );
  // In several panels each scale ends at its panel's largest bar: every panel's leader is
  // full length, so no length reads as a comparison across currencies.
  const panelMax = d.panels.map((_, pi) =>
    Math.max(...totals.filter((_, i) => panelOfRow[i] === pi)),
  );
  const valueScales = Object.fromEntries(
    d.panels.map((_, pi) => [
      valueAxis(pi),
      {
        ...(d.panels.length > 1 ? { max: at(panelMax, pi, 'panel maximum') } : {}),
        axis: (d.horizontal ? 'x' : 'y') as 'x' | 'y',
        type: 'linear' as const,
        display: false,
        stacked: true,
        beginAtZero: true,
      },
    ]),
  );
  const headingAt = (i: number) => {
    const r = rows[i];
    return r !== undefined && 'heading' in r;
  };
  return {
    type: 'bar',
    // Long category names wrap (the axis may use only half the chart's width), a row a line.
    data: { labels: rows.map(tickLabel), datasets },
    options: {
      indexAxis: d.horizontal ? 'y' : 'x',
      animation: false,
      responsive: false,
      layout: {
        padding: {
          right: padRight,
          top: 2,
          bottom: 2,
          left: 0,
        },
      },
      plugins: {
        legend: stacked
          ? {
              display: true,
              position: 'top',
              align: 'start',
              labels: {
                boxWidth: 7,
                boxHeight: 7,
                padding: 5,
                font: axisFont(CHART_TYPE.legend),
                color: c.ink,
                // One legend entry per category, however many panels repeat it.
                filter: (item: { datasetIndex?: number }) =>
                  (item.datasetIndex ?? 0) < d.series.length &&
                  drawnSeries[item.datasetIndex ?? 0] === true,
              },
            }
          : { display: false },
        title: { display: false },
        tooltip: { enabled: false },
      },
      scales: {
        ...valueScales,
        [d.horizontal ? 'y' : 'x']: {
          stacked: true,
          grid: { display: false },
          border: { display: true, color: c.muted, width: 0.5 },
          ticks: {
            font: (tc: { index: number }) =>
              axisFont(CHART_TYPE.tick, tc.index === highlight || headingAt(tc.index) ? 600 : 400),
            color: c.ink,
            padding: 3,
            autoSkip: false,
          },
        },
      },
    },
    plugins: [
      whiteFill as Plugin<'bar'>,
      endLabels(endText, rows, theme, highlight >= 0 ? highlight : undefined),
    ],
  };
}
