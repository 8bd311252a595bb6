/**
 * Bar charts as chart.js configurations: one scale per currency panel, totals written at the
 * bars' ends instead of a value axis, highlight and per-bar colours.
 */
import type { ChartConfiguration, Plugin } from 'chart.js';
import type { Theme } from '../model/theme.js';
import { qualifierText, scaled } from '../template/filters.js';
import { at } from '../checked.js';
import { axisFont, CHART_TYPE, whiteFill, wrapLabel } from './chart-style.js';
import { barColors, seriesColors } from './palette.js';
import { barTotals, hedgedValue, unitAt, type BarData } from './data.js';

/** Writes each bar's total at its end, so the chart needs no value axis. */
function endLabels(labels: string[], theme: Theme, highlight?: number): Plugin<'bar'> {
  return {
    id: 'endLabels',
    afterDatasetsDraw(c) {
      const ctx = c.ctx;
      ctx.save();
      ctx.textBaseline = 'middle';
      ctx.textAlign = 'left';
      labels.forEach((text, i) => {
        if (!text) return;
        const ends = c.data.datasets
          .filter((ds) => ds.data[i] !== null)
          .map((ds) => c.getDatasetMeta(c.data.datasets.indexOf(ds)).data[i])
          .filter((e) => e !== undefined);
        if (ends.length === 0) return;
        const x = Math.max(...ends.map((e) => e.x));
        const y = ends[0]?.y ?? 0;
        ctx.font = `${i === highlight ? '600' : '400'} ${CHART_TYPE.label}px "Source Sans 3"`;
        ctx.fillStyle = theme.colors.ink;
        ctx.fillText(text, x + 3, y);
      });
      ctx.restore();
    },
  };
}

/**
 * Rows as drawn: each panel after the first opens with a heading row (no bar) naming its
 * currency, so panels read as separate charts. Returns, per drawn row, the data row or the
 * panel whose heading it is.
 */
function drawnRows(d: BarData): ({ row: number } | { heading: string })[] {
  if (d.panels.length < 2) return d.labels.map((_, row) => ({ row }));
  let row = 0;
  return d.panels.flatMap((p) => [
    { heading: p.heading },
    ...[...Array(p.rows).keys()].map(() => ({ row: row++ })),
  ]);
}

export function barConfig(d: BarData, theme: Theme, locale: string): ChartConfiguration<'bar'> {
  const stacked = d.series.length > 1;
  const c = theme.colors;
  const rows = drawnRows(d);
  const totals = barTotals(d);
  // Money keeps its sign; quantities drop the unit, which the title gives.
  const endText = rows.map((r) => {
    if (!('row' in r)) return '';
    const unit = unitAt(d, r.row);
    const v = at(totals, r.row, 'bar total');
    const hedge = d.hedges?.[r.row];
    if (unit.kind === 'money') return hedgedValue(v, unit, locale, hedge);
    return hedge ? `${qualifierText(hedge)} ${scaled(v, locale)}` : scaled(v, locale);
  });
  const highlight = rows.findIndex((r) => 'row' in r && r.row === d.highlight);
  const longest = Math.max(...endText.map((t) => t.length));
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
        'row' in r && panelOfRow[r.row] === pi ? at(s.values, r.row, 'bar value') : null,
      ),
      [d.horizontal ? 'xAxisID' : 'yAxisID']: valueAxis(pi),
      stack: `p${pi}`,
      // Rows of other panels hold null: skip them, or each row would keep a slot per panel.
      skipNull: true,
      backgroundColor:
        d.highlight !== undefined
          ? rows.map((r) => ('row' in r && r.row === d.highlight ? c.accent : c.rule))
          : d.colorEach
            ? rows.map((r) => ('row' in r ? at(eachColors, r.row, 'bar colour') : c.rule))
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
  const headingAt = (i: number) => !('row' in (rows[i] ?? { row: 0 }));
  return {
    type: 'bar',
    // Long category names take two lines: the axis may use only half the chart's width.
    data: {
      labels: rows.map((r) =>
        wrapLabel('row' in r ? at(d.labels, r.row, 'bar label') : r.heading, 20),
      ),
      datasets,
    },
    options: {
      indexAxis: d.horizontal ? 'y' : 'x',
      animation: false,
      responsive: false,
      // Room at the bar ends for the labels (about 3.6 px per character at 7 pt).
      layout: {
        padding: {
          right: d.horizontal ? Math.ceil(longest * 3.6) + 6 : 4,
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
                  (item.datasetIndex ?? 0) < d.series.length,
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
      endLabels(endText, theme, highlight >= 0 ? highlight : undefined),
    ],
  };
}
