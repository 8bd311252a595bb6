/** Inputs shared by every unit: the house style and its font files, by content. */
import { createHash } from 'node:crypto';
import type { BuildContext } from './types.js';

/** The theme and the sha256 of each font file (the bytes, not the paths). */
export function styleInputs(ctx: BuildContext): unknown {
  let v = ctx.assets.get('inputs:style');
  if (!v) {
    const fonts = Object.fromEntries(
      Object.entries(ctx.theme.fonts).map(([k, b]) => [
        k,
        createHash('sha256').update(b).digest('hex'),
      ]),
    );
    v = { theme: ctx.theme.theme, fonts };
    ctx.assets.set('inputs:style', v);
  }
  return v;
}
