/**
 * The filters templates call, registered on a LiquidJS engine: each checks its arguments (a
 * wrong type is an error naming the filter) and calls the pure function in filters.ts.
 */
import type { Liquid } from 'liquidjs';
import type { Rate } from '../dataset/schema.js';
import { withAside, withStage } from './asides.js';
import { convertedAside } from './converted.js';
import * as f from './filters.js';

/** What the data says about money as a whole, which the `money` filter prints beside a figure. */
export interface MoneyContext {
  /** The data mixes bare signs with ISO currencies: a bare sign is marked as not stated. */
  markBareSigns?: boolean;
  /** Rates the data states: an amount in a `from` currency shows its conversion beside it. */
  rates?: readonly Rate[];
}

/**
 * Money from an object ({amount, currency, qualifier?, stage?}: a measure, a total) or a number
 * and a currency. An object's qualifier and stage come along, so "{{ m | money }}" never drops
 * "up to", nor "pledged" unless its sentence says it (issue 29, item 1).
 */
function asMoney(
  value: unknown,
  currency: unknown,
): { amount: number; currency: string; qualifier?: string; stage?: string } {
  if (value && typeof value === 'object' && 'amount' in value) {
    const v = value as { amount: unknown; currency: unknown; qualifier?: unknown; stage?: unknown };
    const q = typeof v.qualifier === 'string' ? { qualifier: v.qualifier } : {};
    const s = typeof v.stage === 'string' && v.stage ? { stage: v.stage } : {};
    const amount = num(v.amount, 'money');
    return { amount, currency: str(v.currency, 'money (currency)'), ...q, ...s };
  }
  return { amount: num(value, 'money'), currency: str(currency, 'money (currency)') };
}

function num(v: unknown, filter: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new Error(
      `filter "${filter}" needs a number, got ${v === undefined ? 'nothing' : JSON.stringify(v)}`,
    );
  return v;
}

function str(v: unknown, filter: string): string {
  if (typeof v !== 'string')
    throw new Error(
      `filter "${filter}" needs text, got ${v === undefined ? 'nothing' : JSON.stringify(v)}`,
    );
  return v;
}

/**
 * Splits a filter's arguments into positional ones and the `digits: n` keyword (LiquidJS
 * hands keyword arguments over as [name, value] pairs). Rounding happens only when asked.
 * `money` also takes `stage: false`: the template's explicit choice to print a figure without
 * its stage, where the reader learns it elsewhere (a table's column, a slide's heading).
 */
function withDigits(
  args: unknown[],
  filter: string,
): { rest: unknown[]; digits?: number; noStage?: true } {
  const rest: unknown[] = [];
  let digits: number | undefined;
  let noStage = false;
  for (const a of args) {
    if (filter === 'money' && Array.isArray(a) && a.length === 2 && a[0] === 'stage') {
      if (a[1] !== false)
        throw new Error('filter "money" takes stage: false only (the stage prints by default)');
      noStage = true;
      continue;
    }
    if (Array.isArray(a) && a.length === 2 && a[0] === 'digits') {
      const n = a[1];
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 6)
        throw new Error(`filter "${filter}" digits must be a whole number from 0 to 6`);
      digits = n;
    } else if (Array.isArray(a) && a.length === 2 && typeof a[0] === 'string') {
      const options = filter === 'money' ? 'digits: n and stage: false' : 'digits: n';
      throw new Error(`filter "${filter}" has no option "${a[0]}"; it takes ${options}`);
    } else rest.push(a);
  }
  return {
    rest,
    ...(digits === undefined ? {} : { digits }),
    ...(noStage ? { noStage: true as const } : {}),
  };
}

/**
 * Registers the analyst's filters; each is a thin wrapper over the pure functions in filters.ts.
 */
export function registerFilters(
  liquid: Liquid,
  locale: string,
  { markBareSigns = false, rates = [] }: MoneyContext = {},
): void {
  liquid.registerFilter('money', (v: unknown, ...args: unknown[]) => {
    const { rest, digits, noStage } = withDigits(args, 'money');
    const m = asMoney(v, rest[0]);
    const figure = f.hedgedMoney(m.amount, m.currency, locale, m.qualifier, digits);
    const text = noStage ? figure : withStage(figure, m.stage ?? '');
    // Beside ISO currencies a bare "$" would read as the reader's own dollar, and a rate the
    // data states has a visible effect only if the text shows it (issue 28, item 3). The
    // engine places the aside once it sees whether the figure sits in parentheses.
    const unstated = markBareSigns && f.isBareSign(m.currency) ? 'currency not stated' : '';
    const aside = unstated || convertedAside(m.amount, m.currency, rates, locale);
    return withAside(text, aside);
  });
  liquid.registerFilter('possessive', (v: unknown) => f.possessive(str(v, 'possessive')));
  liquid.registerFilter('upfirst', (v: unknown) => f.upfirst(str(v, 'upfirst')));
  liquid.registerFilter('qualifier', (v: unknown) =>
    f.qualifierText(v === undefined || v === null ? undefined : str(v, 'qualifier')),
  );
  liquid.registerFilter('number', (v: unknown) => f.number(num(v, 'number'), locale));
  liquid.registerFilter('scaled', (v: unknown, ...args: unknown[]) =>
    f.scaled(num(v, 'scaled'), locale, withDigits(args, 'scaled').digits),
  );
  liquid.registerFilter('percent', (v: unknown) => f.percent(num(v, 'percent'), locale));
  liquid.registerFilter('quantity', (v: unknown, ...args: unknown[]) => {
    const { digits } = withDigits(args, 'quantity');
    const q = v as { value?: unknown; unit?: unknown; qualifier?: string } | undefined;
    if (!q || typeof q !== 'object')
      throw new Error('filter "quantity" needs a quantity object {value, unit}');
    return f.quantity(
      {
        value: num(q.value, 'quantity'),
        unit: str(q.unit, 'quantity (unit)'),
        ...(q.qualifier ? { qualifier: q.qualifier } : {}),
      },
      locale,
      digits,
    );
  });
  liquid.registerFilter('date', (v: unknown, style?: unknown) => {
    const s = style === undefined ? 'full' : str(style, 'date (style)');
    if (s !== 'full' && s !== 'no-year' && s !== 'month-day')
      throw new Error(`filter "date" style must be "full" or "no-year", not "${s}"`);
    return f.formatDate(str(v, 'date'), locale, s);
  });
  liquid.registerFilter('date_range', (v: unknown, end?: unknown) =>
    f.formatDateRange(
      str(v, 'date_range'),
      end === undefined || end === null ? undefined : str(end, 'date_range (end)'),
      locale,
    ),
  );
  liquid.registerFilter('precision', (v: unknown) => f.precisionOf(str(v, 'precision')));
  liquid.registerFilter('list', (v: unknown, type?: unknown) => {
    if (!Array.isArray(v)) throw new Error('filter "list" needs a list');
    return f.list(v, locale, type === 'or' ? 'or' : 'and');
  });
  liquid.registerFilter('upto', (v: unknown, max?: unknown) => {
    if (!Array.isArray(v)) throw new Error('filter "upto" needs a list');
    return f.upto(v, num(max, 'upto'), locale);
  });
  liquid.registerFilter('ordinal', (v: unknown) => f.ordinal(num(v, 'ordinal'), locale));
  liquid.registerFilter('plural', (v: unknown, one?: unknown, many?: unknown) =>
    f.plural(num(v, 'plural'), str(one, 'plural (singular)'), str(many, 'plural (plural)'), locale),
  );
  liquid.registerFilter('map_names', (v: unknown, names?: unknown) => {
    if (!Array.isArray(v) || !names || typeof names !== 'object')
      throw new Error(
        'filter "map_names" needs a list of ids and the name table: ids | map_names: name',
      );
    return v.map((id) =>
      Object.prototype.hasOwnProperty.call(names, String(id))
        ? (names as Record<string, unknown>)[String(id)]
        : id,
    );
  });
  // Templates select and rank (the largest contributors in full, the rest in brief): partners |
  // rank: "aid_total.amount".
  liquid.registerFilter('rank', (v: unknown, by?: unknown) => {
    if (!Array.isArray(v))
      throw new Error('filter "rank" needs a list: items | rank: "property.path"');
    return f.rankComparable(v, str(by, 'rank (property)'));
  });
  // True when every non-null value at the path is money in one currency: guards "most", shares,
  // sums.
  liquid.registerFilter('comparable', (v: unknown, by?: unknown) => {
    if (!Array.isArray(v))
      throw new Error('filter "comparable" needs a list: items | comparable: "property.path"');
    return f.comparable(v, by === undefined ? '' : str(by, 'comparable (property)'));
  });
  liquid.registerFilter('words', (v: unknown) => f.words(num(v, 'words'), locale));
  // A bare sign ("$") is not a currency the data states and may be one already counted, so a
  // template that counts currencies or says "its own currency" must tell the two apart.
  liquid.registerFilter('bare_sign', (v: unknown) => f.isBareSign(str(v, 'bare_sign')));
}
