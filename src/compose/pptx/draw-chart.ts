/**
 * Draws a native chart (native-charts.ts) on a slide with pptxgenjs: every deck chart goes
 * through here, so axis labels, fonts, colours and formats are set the same way everywhere.
 */
import type * as P from './pptxgen.js';
import type { colors } from './master.js';
import type { Measure } from './fit.js';
import type { Box } from './text.js';
import type { NativeBarChart, NativeChart, NativeTimeline } from './native-charts.js';

const PT = 72;
/** Axis and value labels: large enough to read from the back of a room. */
const SIZE = 14;

export interface ChartEnv {
  pptx: P.Pptx;
  measure: Measure;
  c: ReturnType<typeof colors>;
}

/** Options every deck chart shares: fonts, every category label shown, no title. */
function common(env: ChartEnv, chart: NativeChart, box: Box, face: string) {
  return {
    ...box,
    altText: chart.altText,
    // Always a colour per bar or series: without chartColors pptxgenjs picks them with Math.random.
    chartColors: chart.colors,
    catAxisLabelFontFace: face,
    catAxisLabelFontSize: SIZE,
    catAxisLabelColor: env.c.ink,
    // Every category label, always: LibreOffice otherwise drops every other one when it
    // judges them crowded (tickLblSkip=1).
    catAxisLabelFrequency: '1',
    legendFontFace: face,
    legendFontSize: SIZE - 2,
    legendColor: env.c.ink,
    legendPos: 't' as const,
    showTitle: false,
  };
}

/** Horizontal bars with value labels; the value axis leaves room for the longest label. */
function drawBars(
  env: ChartEnv,
  slide: P.Slide,
  chart: NativeBarChart,
  box: Box,
  face: string,
): void {
  const stacked = chart.series.length > 1;
  const totals = chart.labels.map((_, i) =>
    chart.series.reduce((s, x) => s + (x.values[i] ?? 0), 0),
  );
  const max = Math.max(...totals);
  // Room right of the longest bar for its value label, or PowerPoint wraps the label: the plot
  // is the box less the category labels, and the value axis is stretched so the label fits.
  const catW = Math.max(...chart.labels.map((l) => env.measure(l, 'sans', SIZE, false))) + 16;
  const labelW = Math.max(0, ...chart.display.map((t) => env.measure(t, 'sans', SIZE, true))) + 24;
  const plotW = box.w * PT - catW - 16;
  const stretch = stacked ? 1.05 : Math.max(1.3, plotW / Math.max(plotW - labelW, plotW / 3));
  slide.addChart(
    env.pptx.ChartType.bar,
    chart.series.map((s) => ({
      name: stacked ? s.name : chart.name,
      labels: chart.labels,
      values: s.values,
    })),
    {
      ...common(env, chart, box, face),
      barDir: 'bar',
      barGrouping: stacked ? 'stacked' : 'clustered',
      ...(stacked ? { overlap: 100 } : {}),
      barGapWidthPct: 55,
      catAxisLineShow: false,
      valAxisHidden: true,
      valAxisMinVal: 0,
      valAxisMaxVal: max * stretch,
      valGridLine: { style: 'none' },
      catGridLine: { style: 'none' },
      // Stacked parts are too thin to label: the legend names them and the notes give figures.
      showValue: !stacked,
      dataLabelPosition: 'outEnd',
      dataLabelFormatCode: chart.format,
      dataLabelFontFace: face,
      dataLabelFontSize: SIZE,
      dataLabelFontBold: true,
      dataLabelColor: env.c.ink,
      showLegend: stacked,
    },
  );
}

/**
 * A timeline as a dot plot: a column per partner, each date a dot on a month axis (real date
 * serials formatted "mmm", ticks a month apart), one colour per kind of date, no lines.
 */
function drawTimeline(
  env: ChartEnv,
  slide: P.Slide,
  chart: NativeTimeline,
  box: Box,
  face: string,
): void {
  slide.addChart(
    env.pptx.ChartType.line,
    chart.series.map((s) => ({ name: s.name, labels: chart.labels, values: s.values })),
    {
      ...common(env, chart, box, face),
      lineSize: 0,
      lineDataSymbol: 'circle',
      lineDataSymbolSize: 11,
      displayBlanksAs: 'gap',
      valAxisMinVal: chart.from,
      valAxisMaxVal: chart.to,
      valAxisMajorUnit: Math.round(
        (chart.to - chart.from) / Math.max(1, Math.round((chart.to - chart.from) / 30.4)),
      ),
      valAxisLabelFormatCode: 'mmm d',
      valAxisLabelFontFace: face,
      valAxisLabelFontSize: SIZE - 2,
      valAxisLabelColor: env.c.muted,
      valGridLine: { color: env.c.rule, size: 0.5 },
      catGridLine: { style: 'none' },
      showLegend: true,
      showValue: false,
    },
  );
}

/** Adds a native chart in a box. */
export function drawChart(
  env: ChartEnv,
  slide: P.Slide,
  chart: NativeChart,
  box: Box,
  face: string,
): void {
  if (chart.kind === 'bars') drawBars(env, slide, chart, box, face);
  else drawTimeline(env, slide, chart, box, face);
}
