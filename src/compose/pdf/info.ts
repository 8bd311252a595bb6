/** The PDF's document information, shared by the planning step and the renderer. */
import type { BuildContext } from '../types.js';

/** Document properties, from the data. */
export function infoOf(ctx: BuildContext) {
  const meta = ctx.bulletin.meta;
  return {
    Title: meta.title,
    Author: meta.credit ?? meta.authors.map((a) => a.name).join(', '),
    Subject: meta.subtitle ?? meta.topic ?? meta.series,
    Keywords: [meta.series, ...ctx.dataset.partners.map((p) => p.name)].join(', '),
    Creator: 'bulletin',
    Producer: 'bulletin',
    CreationDate: ctx.clock,
    ModDate: ctx.clock,
  };
}
