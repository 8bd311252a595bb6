/** Shared set-up for the chart tests: one prepared build context for the sample data. */
import { prepare } from '../src/index.js';
import type { BuildContext } from '../src/compose/types.js';

let ctx: Promise<BuildContext> | undefined;

/** A fresh context (its own asset cache) or the shared one. */
export function sampleContext(fresh = false): Promise<BuildContext> {
  if (fresh) return prepare({ data: 'data/bulletin.json', templates: 'templates', out: '/tmp/charts-test' });
  ctx ??= prepare({ data: 'data/bulletin.json', templates: 'templates', out: '/tmp/charts-test' });
  return ctx;
}

/** Width and colour type from a PNG's IHDR chunk. */
export function pngHeader(png: Uint8Array): { width: number; height: number; colorType: number } {
  const b = Buffer.from(png);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20), colorType: b[25]! };
}
