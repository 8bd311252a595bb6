/**
 * chartConfig: chart data + theme → a fresh chart.js configuration. Pure (no canvas, no I/O),
 * so the mapping is testable; a new object every call, because chart.js mutates its config.
 * House look: no box, no heavy grid, no value axis where bars carry their own labels.
 */
import type { ChartConfiguration } from 'chart.js';
import type { Theme } from '../model/theme.js';
import { barConfig, ESTIMATED, type ChartMetrics } from './bar-config.js';
import type { ChartData } from './data.js';
import { timelineConfig } from './timeline-config.js';

/** A fresh chart.js configuration for one chart. */
export function chartConfig(
  d: ChartData,
  theme: Theme,
  locale: string,
  metrics: ChartMetrics = ESTIMATED,
): ChartConfiguration {
  return (
    d.kind === 'bar'
      ? barConfig(d, theme, locale, metrics)
      : timelineConfig(d, theme, locale, metrics)
  ) as ChartConfiguration;
}
