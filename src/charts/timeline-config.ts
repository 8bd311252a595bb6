/**
 * Timelines as chart.js scatter configurations: one lane per partner, days on the x axis,
 * month ticks, hollow marks for dates known only to the month or as "on or before".
 */
import type { ChartConfiguration, Plugin } from 'chart.js';
import type { Theme } from '../model/theme.js';
import { cycled } from '../checked.js';
import { axisFont, CHART_TYPE, whiteFill } from './chart-style.js';
import type { TimelineData } from './data.js';

const POINT_STYLES = ['circle', 'rectRot', 'triangle', 'rect', 'star', 'crossRot'] as const;

export function timelineConfig(
  d: TimelineData,
  theme: Theme,
  locale: string,
): ChartConfiguration<'scatter'> {
  const c = theme.colors;
  const month = new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' });
  const monthLabel = new Map(
    d.months.map((m) => [m.x, month.format(new Date(`${m.date}-01T00:00:00Z`))]),
  );
  const datasets = d.series.map((s, si) => {
    const color = cycled(theme.palette, si, 'palette colour');
    return {
      label: s.name,
      data: s.points.map((p) => ({ x: p.x, y: p.row })),
      pointStyle: cycled(POINT_STYLES, si, 'point style'),
      pointRadius: 3.2,
      // Hollow: not a known day (month precision, or only a date it came on or before).
      pointBackgroundColor: s.points.map((p) =>
        p.approximate || p.onOrBefore ? '#ffffff' : color,
      ),
      pointBorderColor: color,
      pointBorderWidth: 1.2,
      backgroundColor: color,
      borderColor: color,
    };
  });
  return {
    type: 'scatter',
    data: { datasets },
    options: {
      animation: false,
      responsive: false,
      layout: { padding: { right: 6, top: 2, bottom: 0, left: 0 } },
      plugins: {
        legend: {
          display: true,
          position: 'top',
          align: 'start',
          labels: {
            usePointStyle: true,
            boxWidth: 6,
            boxHeight: 6,
            padding: 6,
            font: axisFont(CHART_TYPE.legend),
            color: c.ink,
          },
        },
        title: { display: false },
        tooltip: { enabled: false },
      },
      scales: {
        x: {
          type: 'linear',
          min: 0,
          max: d.days,
          afterBuildTicks: (axis) => {
            axis.ticks = d.months.map((m) => ({ value: m.x }));
          },
          ticks: {
            callback: (v) => monthLabel.get(Number(v)) ?? '',
            font: axisFont(CHART_TYPE.tick),
            color: c.ink,
            maxRotation: 0,
            align: 'start',
          },
          grid: { color: c.rule, lineWidth: 0.4, drawTicks: false },
          border: { display: false },
        },
        y: {
          type: 'linear',
          min: -0.6,
          max: d.rows.length - 0.4,
          reverse: true,
          afterBuildTicks: (axis) => {
            axis.ticks = d.rows.map((_, i) => ({ value: i }));
          },
          ticks: {
            callback: (v) => d.rows[Number(v)] ?? '',
            font: axisFont(CHART_TYPE.tick),
            color: c.ink,
            padding: 4,
          },
          grid: { color: c.accentLight, lineWidth: 0.6, drawTicks: false },
          border: { display: false },
        },
      },
    },
    plugins: [whiteFill as Plugin<'scatter'>],
  };
}
