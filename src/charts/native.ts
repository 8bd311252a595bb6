/**
 * nativeChart: any chart's data (stacked bars, timelines) as a plain object for pptxgenjs
 * `slide.addChart(type, data, options)`. Decks today show single-series bars through
 * src/compose/pptx/native-charts.ts; this is the path for slides that need stacked or
 * timeline charts, kept pure and tested rather than computed for every render. Colours are
 * always given, one per series: pptxgenjs picks random ones otherwise.
 */
import type { Theme } from '../model/theme.js';
import type { ChartData } from './data.js';
import { numberFormat } from './number-format.js';
import { barColors, seriesColors } from './palette.js';

/** Arguments for pptxgenjs addChart. */
export interface NativeChart {
  type: 'bar' | 'scatter';
  data: { name: string; labels?: string[]; values: (number | null)[] }[];
  options: Record<string, unknown>;
}

const hex = (c: string) => c.replace(/^#/, '').toUpperCase();

/**
 * The native chart for a chart's data; null for bars in several currency panels, which
 * cannot share one value axis or one number format (the picture shows them).
 */
export function nativeChart(
  d: ChartData,
  theme: Theme,
  title: string,
  locale: string,
): NativeChart | null {
  const font = {
    catAxisLabelFontFace: 'Source Sans 3',
    valAxisLabelFontFace: 'Source Sans 3',
    legendFontFace: 'Source Sans 3',
    dataLabelFontFace: 'Source Sans 3',
  };
  const cycle = (n: number) => seriesColors(theme.palette, n).map(hex);
  if (d.kind === 'bar') {
    if (d.panels.length !== 1) return null;
    const stacked = d.series.length > 1;
    const totals = d.labels.map((_, i) => d.series.reduce((s, x) => s + x.values[i]!, 0));
    // One series with a highlighted bar: colour by point (pptxgenjs varies colours per point for a single series only when told).
    const colors =
      d.highlight !== undefined
        ? d.labels.map((_, i) => hex(i === d.highlight ? theme.colors.accent : theme.colors.rule))
        : d.colorEach
          ? barColors(theme.palette, d.labels.length).map(hex)
          : stacked
            ? cycle(d.series.length)
            : [hex(theme.colors.accent)];
    return {
      type: 'bar',
      data: d.series.map((s) => ({ name: s.name, labels: [...d.labels], values: [...s.values] })),
      options: {
        ...font,
        title,
        showTitle: false,
        barDir: d.horizontal ? 'bar' : 'col',
        barGrouping: stacked ? 'stacked' : 'clustered',
        chartColors: colors,
        showLegend: stacked,
        legendPos: 't',
        showValue: !stacked,
        // The same wording as the text, in the chart's own currency.
        dataLabelFormatCode: numberFormat(
          d.panels[0]!.unit,
          stacked ? totals : d.series[0]!.values,
          locale,
        ),
        valAxisHidden: true,
        valGridLine: { style: 'none' },
        catAxisOrientation: d.horizontal ? 'maxMin' : 'minMax',
        ...(d.highlight !== undefined || d.colorEach ? { varyColors: true } : {}),
      },
    };
  }
  // Scatter in pptxgenjs: the first entry holds every x; each series has a y at its own points and null elsewhere.
  const xs = d.series.flatMap((s) => s.points.map((p) => p.x));
  let offset = 0;
  const series = d.series.map((s) => {
    const values: (number | null)[] = xs.map(() => null);
    s.points.forEach((p, i) => {
      values[offset + i] = p.row;
    });
    offset += s.points.length;
    return { name: s.name, values };
  });
  return {
    type: 'scatter',
    data: [{ name: 'X', values: xs }, ...series],
    options: {
      ...font,
      title,
      showTitle: false,
      chartColors: cycle(d.series.length),
      lineSize: 0,
      lineDataSymbolSize: 7,
      showLegend: true,
      legendPos: 't',
      valAxisMinVal: -0.5,
      valAxisMaxVal: d.rows.length - 0.5,
      catAxisMinVal: 0,
      catAxisMaxVal: d.days,
    },
  };
}
