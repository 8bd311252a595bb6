/**
 * The one adapter from a rendered chart (src/charts/, the same spec as the PDF and PNG) to the
 * native chart a slide draws: figures, labels, colours, number format and alt text all come
 * from the chart's data, so the deck cannot disagree with the bulletin. Bars (one series or
 * stacked) become a bar chart; a timeline becomes a dot plot, one column per partner with its
 * dates on a month axis, the dates kept as real dates so an editor sees them as such.
 */
import type { RenderedChart } from '../../charts/render.js';
import type { BarData, TimelineData, TimelinePoint } from '../../charts/data.js';
import { hedgedValue } from '../../charts/data.js';
import { numberFormat } from '../../charts/number-format.js';
import { barColors, seriesColors } from '../../charts/palette.js';
import { separateCoincidentDots } from './timeline-markers.js';
import { atContrast } from './contrast.js';

export { numberFormat };
import type { Theme } from '../../model/theme.js';

/** Bars: categories, one or more series, a colour per bar (one series) or per series (stacked). */
export interface NativeBarChart {
  kind: 'bars';
  name: string;
  labels: string[];
  series: { name: string; values: number[] }[];
  /** The single series' values (empty when stacked), for callouts and label widths. */
  values: number[];
  /** #-less hex, always given so pptxgenjs never picks a random colour. */
  colors: string[];
  /** Excel number format for the value labels (values stay the dataset's own figures). */
  format: string;
  altText: string;
  /** Each single-series value as prose writes it ("$300 million"). */
  display: string[];
}

/** A timeline: one category per row (partner), one series per kind of date, Excel date serials. */
export interface NativeTimeline {
  kind: 'timeline';
  name: string;
  labels: string[];
  series: { name: string; values: (number | null)[] }[];
  /** Excel serials of the window's first and last day, and of each month's first day. */
  from: number;
  to: number;
  colors: string[];
  altText: string;
}

export type NativeChart = NativeBarChart | NativeTimeline;

const hex = (c: string) => c.replace(/^#/, '').toUpperCase();

/**
 * A chart colour as drawn: at least 3:1 against the slide (WCAG 1.4.11), darkened toward the
 * ink where the palette's is lighter (the house orange is 2.7:1 on white, the grey of bars
 * beside a highlighted one 1.8:1; issue 32, item 4).
 */
const markOn = (theme: Theme) => (c: string) =>
  hex(atContrast(c, theme.colors.paper, theme.colors.ink));

/**
 * Colours per bar: the highlight in the accent and the rest muted, a palette colour each for
 * a breakdown, else the accent.
 */
function colorsOf(d: BarData, theme: Theme): string[] {
  const c = theme.colors;
  const mark = markOn(theme);
  if (d.series.length > 1) return seriesColors(theme.palette, d.series.length).map(mark);
  if (d.highlight !== undefined)
    return d.labels.map((_, i) => mark(i === d.highlight ? c.accent : c.rule));
  if (d.colorEach) return barColors(theme.palette, d.labels.length).map(mark);
  return d.labels.map(() => mark(c.accent));
}

/**
 * pptxgenjs plots the first category at the bottom, so rows (largest first) are handed over in
 * reverse.
 */
function bars(
  d: BarData,
  chart: RenderedChart,
  theme: Theme,
  locale: string,
): NativeBarChart | null {
  // Several currency panels cannot share one value axis or one number format (issue 12):
  // such a slide shows no native chart rather than one that ranks across currencies.
  const panel = d.panels.length === 1 ? d.panels[0] : undefined;
  if (!panel) return null;
  // One stacked row alone is a full-length bar whatever its amount (issue 28): the slide
  // places the drawn chart, which shows the figure instead. (One plain row is a callout.)
  if (panel.rows === 1 && d.series.length > 1) return null;
  const unit = panel.unit;
  const rev = <T>(xs: T[]) => [...xs].reverse();
  const only = d.series.length === 1 ? d.series[0] : undefined;
  const single = only !== undefined;
  const all = d.series.flatMap((s) => s.values);
  const colors = colorsOf(d, theme);
  return {
    kind: 'bars',
    name: chart.title,
    labels: rev(d.labels),
    series: d.series.map((s) => ({ name: s.name, values: rev(s.values) })),
    values: only ? rev(only.values) : [],
    colors: single ? rev(colors) : colors,
    format: numberFormat(unit, all, locale),
    altText: chart.alt,
    display: only
      ? rev(only.values.map((v, i) => hedgedValue(v, unit, locale, d.hedges?.[i])))
      : [],
  };
}

/** Names the series of a timeline whose dots are drawn hollow (approximate dates). */
export const HOLLOW_SUFFIX = ' (month only, or “by” a date)';

/** Days from 1899-12-30 (Excel's day 0) to an ISO date. */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const serial = (iso: string) => (Date.parse(`${iso}T00:00:00Z`) - EXCEL_EPOCH) / 86_400_000;

/**
 * A timeline's dots: a series holds one value per row, so a series with several dots in a row
 * (the events a partner attended) is split into as many series of the same name and colour;
 * the chart fix-up (dedupeLegend) keeps one legend entry per name.
 */
function timeline(d: TimelineData, chart: RenderedChart, theme: Theme): NativeTimeline {
  const first = d.months[0];
  // The window starts on a month's first day: the data always names one (charts/data.ts).
  if (!first) throw new Error('a timeline without months');
  const from = serial(`${first.date}-01`);
  const palette = seriesColors(theme.palette, d.series.length).map(markOn(theme));
  const series: NativeTimeline['series'] = [];
  const colors: string[] = [];
  d.series.forEach((s, k) => {
    // Dates known only to the month, or only as "by" a date, get series of their own that the
    // fix-up draws hollow, as the PDF and web edition do (issue 29, item 9): a solid dot on an
    // exact day would claim a precision the source does not give.
    const exact = s.points.filter((p) => !p.approximate && !p.onOrBefore);
    const loose = s.points.filter((p) => p.approximate || p.onOrBefore);
    const groups = [
      { name: s.name, points: exact },
      { name: `${s.name}${HOLLOW_SUFFIX}`, points: loose },
    ].filter((g, i) => i === 0 || g.points.length > 0);
    for (const g of groups) {
      // Each row's points, found in one pass (the timeline of every partner, in every deck).
      const perRow: TimelinePoint[][] = d.rows.map(() => []);
      for (const p of g.points) perRow[p.row]?.push(p);
      const depth = Math.max(1, ...perRow.map((ps) => ps.length));
      for (let i = 0; i < depth; i++) {
        series.push({
          name: g.name,
          values: perRow.map((ps) => {
            const p = ps[i];
            return p ? from + p.x : null;
          }),
        });
        colors.push(palette[k] ?? markOn(theme)(theme.colors.accent));
      }
    }
  });
  return {
    kind: 'timeline',
    name: chart.title,
    labels: [...d.rows],
    series,
    from,
    to: from + d.days,
    colors,
    altText: chart.alt,
  };
}

/**
 * The native chart for a rendered chart; null for bars in several currency panels, or one
 * stacked row.
 */
export function nativeChart(
  chart: RenderedChart,
  theme: Theme,
  locale: string,
): NativeChart | null {
  const d = chart.data;
  return d.kind === 'bar' ? bars(d, chart, theme, locale) : timeline(d, chart, theme);
}

/**
 * Chart-part fix-ups for what pptxgenjs writes: a missing value is written as an empty cached
 * point (which PowerPoint reads as 0), so it is dropped; legend entries repeating a name
 * (a timeline's split series) are deleted so the legend lists each kind of date once.
 */
export function fixChartXml(xml: string): string {
  let out = xml.replace(/<c:pt idx="\d+"><c:v><\/c:v><\/c:pt>/g, '');
  const names = [...out.matchAll(/<c:ser>[\s\S]*?<c:tx>[\s\S]*?<c:v>([^<]*)<\/c:v>/g)].map(
    (m) => m[1],
  );
  const repeats = names.flatMap((n, i) => (names.indexOf(n) < i ? [i] : []));
  const hidden = repeats.map(
    (i) => `<c:legendEntry><c:idx val="${i}"/><c:delete val="1"/></c:legendEntry>`,
  );
  if (repeats.length)
    out = out.replace(/(<c:legend>\s*<c:legendPos [^>]*\/>)/, `$1${hidden.join('')}`);
  return separateCoincidentDots(hollowMarkers(out));
}

/**
 * An open marker, told apart by shape as well: a diamond in the series colour at a quarter of
 * its strength inside. Not white: LibreOffice draws a marker's outline in the series line's
 * style (none here), so a white marker vanished there, and it ignores the alpha, so the shape
 * is what marks the date as approximate in every viewer; the legend names it.
 */
function hollowMarkers(xml: string): string {
  return xml.replace(/<c:ser>[\s\S]*?<\/c:ser>/g, (ser) => {
    const name = /<c:tx>[\s\S]*?<c:v>([^<]*)<\/c:v>/.exec(ser)?.[1] ?? '';
    if (!name.endsWith(escapeXml(HOLLOW_SUFFIX))) return ser;
    return ser.replace(/<c:marker>[\s\S]*?<\/c:marker>/, (marker) =>
      marker
        .replace(
          /<a:solidFill><a:srgbClr val="([0-9A-Fa-f]{6})"\/><\/a:solidFill>/,
          '<a:solidFill><a:srgbClr val="$1"><a:alpha val="25000"/></a:srgbClr></a:solidFill>',
        )
        .replace(/<c:symbol val="circle"\/>/, '<c:symbol val="diamond"/>')
        .replace(/<a:ln w="\d+"/, '<a:ln w="22225"'),
    );
  });
}

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
