/**
 * The one adapter from a rendered chart (src/charts/, the same spec as the PDF and PNG) to
 * the native bar chart a slide draws: figures, labels, highlight colour, number format and
 * alt text all come from the chart's data, so the deck cannot disagree with the bulletin.
 */
import type { RenderedChart } from '../../charts/render.js';
import type { BarData } from '../../charts/data.js';
import { formatValue } from '../../charts/data.js';
import { numberFormat } from '../../charts/number-format.js';

export { numberFormat };
import { barColors } from '../../charts/palette.js';
import type { Theme } from '../../model/theme.js';

/** One bar chart: categories, one series of values, a colour per bar and a sentence for alt text. */
export interface NativeBarChart {
  name: string;
  labels: string[];
  values: number[];
  /** Colour per bar (#-less hex), always as many as values so pptxgenjs never picks a random one. */
  colors: string[];
  /** Excel number format for the value labels (values stay the dataset's own figures). */
  format: string;
  altText: string;
  /** Each value as prose writes it ("$300 million"), for callouts. */
  display: string[];
}

const hex = (c: string) => c.replace(/^#/, '').toUpperCase();

/** Colours per bar: the highlight in the accent and the rest muted, a palette colour each for a breakdown, else the accent. */
function colorsOf(d: BarData, theme: Theme): string[] {
  const c = theme.colors;
  if (d.highlight !== undefined)
    return d.labels.map((_, i) => hex(i === d.highlight ? c.accent : c.rule));
  if (d.colorEach) return barColors(theme.palette, d.labels.length).map(hex);
  return d.labels.map(() => hex(c.accent));
}

/**
 * The slide's bar chart for a rendered chart, or null when it is not a single-series bar chart
 * (a timeline or stacked bars need a layout of their own). pptxgenjs plots the first category
 * at the bottom, so rows (largest first in the data) are handed over reversed.
 */
export function nativeBars(
  chart: RenderedChart,
  theme: Theme,
  locale: string,
): NativeBarChart | null {
  const d = chart.data;
  // Several currency panels cannot share one value axis or one number format.
  if (d.kind !== 'bar' || d.series.length !== 1 || d.panels.length !== 1) return null;
  const unit = d.panels[0]!.unit;
  const values = [...d.series[0]!.values];
  const rev = <T>(xs: T[]) => [...xs].reverse();
  return {
    name: chart.title,
    labels: rev(d.labels),
    values: rev(values),
    colors: rev(colorsOf(d, theme)),
    format: numberFormat(unit, values, locale),
    altText: chart.alt,
    display: rev(values.map((v) => formatValue(v, unit, locale))),
  };
}
