/**
 * Timelines as chart.js scatter configurations: one lane per partner, days on the x axis,
 * month ticks, hollow marks for dates known only to the month or as "on or before".
 */
import type { ChartConfiguration, Plugin } from 'chart.js';
import type { Theme } from '../model/theme.js';
import { cycled } from '../checked.js';
import { axisFont, CHART_TYPE, whiteFill, wrapMeasured } from './chart-style.js';
import type { TimelineData } from './data.js';
import { labelColumn } from './bar-rows.js';
import type { ChartMetrics } from './bar-config.js';

const POINT_STYLES = ['circle', 'rectRot', 'triangle', 'rect', 'star', 'crossRot'] as const;

/** Line height of a tick label, as chart.js sets it (1.2 × the size). */
const LINE = CHART_TYPE.tick * 1.2;

/**
 * Each partner's label as lines no wider than the label column, and the lane each row is
 * drawn in: when a lane cannot hold a label's lines, each line but the last takes a lane of
 * its own above it (no dots, no grid line), so long names never print over the next row.
 */
function lanes(d: TimelineData, metrics: ChartMetrics) {
  const width = labelColumn(metrics.width - 6);
  const lines = d.rows.map((r) =>
    wrapMeasured(r, width, (s) => metrics.measure(s, CHART_TYPE.tick, 400)),
  );
  const tallest = Math.max(1, ...lines.map((l) => l.length));
  // The legend above and the month axis below take about 34 pt of the height.
  const split = tallest * LINE > (metrics.height - 34) / Math.max(1, d.rows.length) - 1;
  const text: (string | string[])[] = [];
  const laneOf = lines.map((ls) => {
    if (!split) {
      text.push(ls.length === 1 ? (ls[0] ?? '') : ls);
      return text.length - 1;
    }
    for (const l of ls) text.push(l);
    return text.length - 1;
  });
  return { text, laneOf, lead: new Set(text.map((_, i) => i).filter((i) => !laneOf.includes(i))) };
}

/** A dot's radius in chart pixels. */
const RADIUS = 3.2;

export function timelineConfig(
  d: TimelineData,
  theme: Theme,
  locale: string,
  metrics: ChartMetrics,
): ChartConfiguration<'scatter'> {
  const c = theme.colors;
  const { text, laneOf, lead } = lanes(d, metrics);
  const month = new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' });
  const monthLabel = new Map(
    d.months.map((m) => [m.x, month.format(new Date(`${m.date}-01T00:00:00Z`))]),
  );
  // Chart.js draws the first series on top: a dot over a later series' dot of the same row
  // (an aid dated the day of a meeting) is drawn smaller, so the one under it shows as a ring.
  // Near: within a dot's width, the plot taking some 70 % of the chart's width.
  const near = (d.days * 2 * RADIUS) / Math.max(1, metrics.width * 0.7);
  const covers = (si: number, p: (typeof d.series)[number]['points'][number]) =>
    d.series
      .slice(si + 1)
      .some((t) => t.points.some((q) => q.row === p.row && Math.abs(q.x - p.x) <= near));
  const datasets = d.series.map((s, si) => {
    const color = cycled(theme.palette, si, 'palette colour');
    return {
      label: s.name,
      data: s.points.map((p) => ({ x: p.x, y: laneOf[p.row] ?? p.row })),
      pointStyle: cycled(POINT_STYLES, si, 'point style'),
      pointRadius: s.points.map((p) => (covers(si, p) ? RADIUS * 0.6 : RADIUS)),
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
          max: text.length - 0.4,
          reverse: true,
          afterBuildTicks: (axis) => {
            axis.ticks = text.map((_, i) => ({ value: i }));
          },
          ticks: {
            callback: (v) => text[Number(v)] ?? '',
            // Every partner keeps its name: chart.js would drop labels it judges crowded.
            autoSkip: false,
            font: axisFont(CHART_TYPE.tick),
            color: c.ink,
            padding: 4,
          },
          grid: {
            // A lane that only carries a label's first line has no dots and no grid line.
            color: (g: { tick?: { value: number } }) =>
              lead.has(g.tick?.value ?? -1) ? 'rgba(0,0,0,0)' : c.accentLight,
            lineWidth: 0.6,
            drawTicks: false,
          },
          border: { display: false },
        },
      },
    },
    plugins: [whiteFill as Plugin<'scatter'>],
  };
}
