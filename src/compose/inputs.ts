/** Inputs shared by every unit: the house style and its font files, by content. */
import { createHash } from 'node:crypto';
import type { BuildContext } from './types.js';

/** The sha256 of each font file (the bytes, not the paths), hashed once per build. */
export function fontHashes(ctx: BuildContext): Record<string, string> {
  let v = ctx.assets.get('inputs:font-hashes') as Record<string, string> | undefined;
  if (!v) {
    v = Object.fromEntries(
      Object.entries(ctx.theme.fonts).map(([k, b]) => [
        k,
        createHash('sha256').update(b).digest('hex'),
      ]),
    );
    ctx.assets.set('inputs:font-hashes', v);
  }
  return v;
}

/** The theme and the sha256 of each font file. */
export function styleInputs(ctx: BuildContext): unknown {
  let v = ctx.assets.get('inputs:style');
  if (!v) {
    v = { theme: ctx.theme.theme, fonts: fontHashes(ctx) };
    ctx.assets.set('inputs:style', v);
  }
  return v;
}
