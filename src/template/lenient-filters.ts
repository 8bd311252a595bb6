/**
 * `where` and `reject` test a field of each item, and an item without the field is one where
 * it is nil: it does not match `where: "amount"`, as in Shopify's Liquid. LiquidJS reads the
 * field under the engine's strict variables and refused the missing one instead, so
 * `p.aid | where: "amount"` stopped a build as soon as one aid measure had no amount, with an
 * error pointing at the template's first line. Strict variables stay on everywhere else: a
 * misspelt name in a template is still an error.
 */
import type { Liquid } from 'liquidjs';

type LiquidModule = typeof import('liquidjs');
type Filter = (this: { context: { strictVariables: boolean } }, ...args: unknown[]) => unknown;

export function lenientFieldFilters(lib: LiquidModule, liquid: Liquid): void {
  for (const name of ['where', 'reject']) {
    const builtin = liquid.filters[name] as unknown as Filter;
    const lenient: Filter = function (...args) {
      const ctx = this.context;
      const strict = ctx.strictVariables;
      ctx.strictVariables = false;
      try {
        // Run to the end here: LiquidJS's filters are generators, which would otherwise run
        // after strictness is back on.
        return lib.toValueSync(builtin.apply(this, args));
      } finally {
        ctx.strictVariables = strict;
      }
    };
    liquid.registerFilter(name, lenient as never);
  }
}
