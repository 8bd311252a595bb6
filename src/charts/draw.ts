/**
 * Drawing a chart.js configuration: chart.js (and canvas, for PNGs) loaded once per process,
 * a chart drawn on a surface (node-canvas, the SVG or PDF vector context) and released, and
 * each configuration measured with the theme's own faces at the size it is drawn at.
 */
import { createRequire } from 'node:module';
import type { Chart } from 'chart.js';
import type { BuildContext } from '../compose/types.js';
import type { ResolvedTheme } from '../model/theme.js';
import { chartConfig } from './config.js';
import type { ChartData } from './data.js';
import { chartFaces, measureWith } from './fonts.js';
import { SvgChartContext } from './vector/svg.js';

/** A chart.js configuration as chartConfig builds it. */
export type ChartConfig = ReturnType<typeof chartConfig>;

/**
 * Device pixels per point for PNGs: 1 px = 1 pt, so 5 gives 360 ppi at the printed size (3 would
 * give only 216).
 */
export const PNG_SCALE = 5;
export const FONT_FAMILY = 'Source Sans 3';

/**
 * chart.js and canvas, loaded once per process (chartjs-node-canvas loaded a fresh chart.js per
 * canvas size).
 */
const require = createRequire(import.meta.url);
let chartJs: typeof Chart | undefined;
const UNUSED_PLUGINS = ['tooltip', 'decimation', 'filler', 'colors'];
function chartLib(): typeof Chart {
  if (!chartJs) {
    // The CommonJS build, as chartjs-node-canvas loaded it: `chart.js/auto` is Chart itself.
    chartJs = require('chart.js/auto') as typeof Chart;
    // Quoted: a bare `3` in the family makes canvas fall back to DejaVu without a word.
    chartJs.defaults.font.family = `"${FONT_FAMILY}"`;
    // Plugins a still chart never uses (hover boxes, line decimation, area fills, default
    // colours: every colour is the theme's) still ran their hooks on every chart drawn.
    for (const id of UNUSED_PLUGINS) {
      const plugin = chartJs.registry.plugins.get(id);
      if (plugin) chartJs.unregister(plugin);
    }
  }
  return chartJs;
}

/**
 * Runs chart.js once on a 2D context (node-canvas's, or the PDF's painter) and releases the
 * chart; `read` takes what was drawn before chart.js clears the canvas on destroy.
 */
export function drawWith<T>(
  context: unknown,
  ink: string,
  config: ReturnType<typeof chartConfig>,
  options: object,
  read: () => T,
): T {
  const ChartJs = chartLib();
  ChartJs.defaults.color = ink;
  config.options = { ...config.options, responsive: false, animation: false, ...options };
  const chart = new ChartJs(context as never, config);
  try {
    return read();
  } finally {
    chart.destroy();
  }
}

/**
 * Draws one chart as PNG at PNG_SCALE device pixels per point, on node-canvas. The pixel ratio
 * is set per chart, so one chart.js serves every size.
 */
export function drawPng(width: number, height: number, ink: string, config: ChartConfig): Buffer {
  // node-canvas (native, cairo) loads only when a PNG is asked for: SVG and PDF charts are
  // drawn without it.
  const { createCanvas } = require('canvas') as typeof import('canvas');
  const canvas = createCanvas(width, height);
  // An opaque context gives an RGB PNG without alpha (colour type 2), as print workflows want;
  // the first getContext call decides, chart.js's own call then gets the same context.
  const context = canvas.getContext('2d', { alpha: false });
  (canvas as unknown as { style: object }).style = {};
  try {
    return drawWith(context, ink, config, { devicePixelRatio: PNG_SCALE }, () =>
      canvas.toBuffer('image/png'),
    );
  } finally {
    // Release the ~2.5 MB surface now rather than when the collector gets to it.
    canvas.width = canvas.height = 0;
  }
}

/** Draws one chart as SVG at 1 px = 1 pt through the vector context (no cairo). */
export function drawSvg(
  width: number,
  height: number,
  theme: ResolvedTheme,
  config: ChartConfig,
): string {
  const surface = new SvgChartContext(chartFaces(theme), width, height);
  return drawWith(surface, theme.theme.colors.ink, config, {}, () => {
    surface.finish();
    return surface.svg();
  });
}

/**
 * A chart's configuration, measured with the theme's own sans faces at the width it is drawn
 * at, so labels wrap by what is drawn.
 */
export function configFor(
  ctx: BuildContext,
  data: ChartData,
  width: number,
  height: number,
  theme: ResolvedTheme['theme'] = ctx.theme.theme,
): ChartConfig {
  const measure = measureWith(chartFaces(ctx.theme));
  return chartConfig(data, theme, ctx.dataset.bulletin.locale, {
    width,
    height,
    measure,
  });
}
