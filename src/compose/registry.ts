/** The renderer registry: one line per output format. */
import type { Renderer } from './types.js';
import { pdfRenderer } from './pdf/index.js';
import { chartsRenderer } from './charts/index.js';
import { decksRenderer } from './pptx/index.js';
import { htmlRenderer } from './html/index.js';

export const RENDERERS: readonly Renderer[] = [
  pdfRenderer,
  chartsRenderer,
  decksRenderer,
  htmlRenderer,
];

export const FORMAT_NAMES = RENDERERS.map((r) => r.name);
