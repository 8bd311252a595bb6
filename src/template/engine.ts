/**
 * The template engine: LiquidJS, chosen because its templates cannot run JavaScript, it fails
 * on an undefined variable or filter (strictVariables, strictFilters), it hides prototypes
 * (ownPropertyOnly), and it can render from an in-memory set of templates so that a
 * template cannot reach the file system.
 */
import { requireCjs } from '../cjs.js';
import * as f from './filters.js';
import { InputError, type Problem } from '../errors.js';

const { Liquid, LiquidError } = requireCjs('liquidjs') as typeof import('liquidjs');
type Liquid = import('liquidjs').Liquid;

/** Templates as loaded: relative path → text, plus the folder they came from (for messages). */
export interface TemplateSet {
  root: string;
  files: Record<string, string>;
}

/** A configured engine bound to one template set and locale. */
export interface TemplateEngine {
  render(name: string, scope: Record<string, unknown>): string;
  has(name: string): boolean;
}

function asMoney(value: unknown, currency: unknown): { amount: number; currency: string } {
  if (value && typeof value === 'object' && 'amount' in value) {
    const v = value as { amount: unknown; currency: unknown };
    return { amount: num(v.amount, 'money'), currency: str(v.currency, 'money (currency)') };
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
 */
function withDigits(args: unknown[], filter: string): { rest: unknown[]; digits?: number } {
  const rest: unknown[] = [];
  let digits: number | undefined;
  for (const a of args) {
    if (Array.isArray(a) && a.length === 2 && a[0] === 'digits') {
      const n = a[1];
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 6)
        throw new Error(`filter "${filter}" digits must be a whole number from 0 to 6`);
      digits = n;
    } else if (Array.isArray(a) && a.length === 2 && typeof a[0] === 'string')
      throw new Error(`filter "${filter}" has no option "${a[0]}"; it takes digits: n`);
    else rest.push(a);
  }
  return digits === undefined ? { rest } : { rest, digits };
}

/** Registers the analyst's filters; each is a thin wrapper over the pure functions in filters.ts. */
function registerFilters(liquid: Liquid, locale: string): void {
  liquid.registerFilter('money', (v: unknown, ...args: unknown[]) => {
    const { rest, digits } = withDigits(args, 'money');
    const m = asMoney(v, rest[0]);
    return f.money(m.amount, m.currency, locale, digits);
  });
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
  // Templates select and rank (the largest contributors in full, the rest in brief): partners | rank: "aid_total.amount".
  liquid.registerFilter('rank', (v: unknown, by?: unknown) => {
    if (!Array.isArray(v))
      throw new Error('filter "rank" needs a list: items | rank: "property.path"');
    return f.rankComparable(v, str(by, 'rank (property)'));
  });
  // True when every non-null value at the path is money in one currency: guards "most", shares, sums.
  liquid.registerFilter('comparable', (v: unknown, by?: unknown) => {
    if (!Array.isArray(v))
      throw new Error('filter "comparable" needs a list: items | comparable: "property.path"');
    return f.comparable(v, by === undefined ? '' : str(by, 'comparable (property)'));
  });
  liquid.registerFilter('words', (v: unknown) => f.words(num(v, 'words'), locale));
}

/** Converts a LiquidJS error into a problem naming the template file, line and column. */
export function templateProblem(err: unknown, set: TemplateSet, name: string): Problem {
  if (err instanceof LiquidError) {
    const [line, column] = err.token?.getPosition?.() ?? [];
    const file = `${set.root}/${err.token?.file ?? name}`;
    let message = (err.originalError?.message ?? err.message).replace(
      /, (file:\S+, )?line:\d+, col:\d+$/,
      '',
    );
    if (err.name === 'UndefinedVariableError')
      message = `${message}; define it in the data or check its spelling`;
    if (/undefined filter/.test(message))
      message = `${message}; the filters are listed in the README`;
    return {
      file,
      ...(line !== undefined ? { line, column } : {}),
      message: `template error: ${message}`,
    };
  }
  return {
    file: `${set.root}/${name}`,
    message: `template error: ${err instanceof Error ? err.message : String(err)}`,
  };
}

/**
 * Limits over a whole build, not per render: a slow loop in every deck template stays under
 * the per-render limit each time, and a template can write far more text than two pages
 * hold. Both are refused early with a message that says which limit was reached.
 */
export const TEMPLATE_LIMITS = {
  /** Milliseconds all renders of one build may take together. */
  buildMs: 30_000,
  /** Milliseconds one render may take. */
  renderMs: 10_000,
  /** Characters one render may write (the two-page bulletin holds about 12,000). */
  renderChars: 100_000,
  /** Characters all renders of one build may write together. */
  buildChars: 5_000_000,
};

/**
 * Names no template needs and that lead out of the data into JavaScript: the engine hides
 * prototypes of data, but its own objects (forloop) still hand out their constructor.
 */
const FORBIDDEN_NAME = /\b(constructor|prototype|__proto__|__defineGetter__|__lookupGetter__)\b/;
const LIQUID_TAG = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g;

/** Refuses a template that reads a forbidden name inside a Liquid tag, naming where. */
function checkNames(set: TemplateSet, name: string, source: string): void {
  for (const tag of source.matchAll(LIQUID_TAG)) {
    const m = FORBIDDEN_NAME.exec(tag[0]);
    if (!m) continue;
    const at = (tag.index ?? 0) + m.index;
    const before = source.slice(0, at).split('\n');
    throw new InputError('E_TEMPLATE', [
      {
        file: `${set.root}/${name}`,
        line: before.length,
        column: (before.at(-1)?.length ?? 0) + 1,
        message: `template error: "${m[0]}" is not something a template may read; use the data's own fields`,
      },
    ]);
  }
}

const budgetError = (set: TemplateSet, name: string, message: string) =>
  new InputError('E_TEMPLATE_LIMIT', [{ file: `${set.root}/${name}`, message }]);

/** Creates the engine for a template set. */
export function createEngine(
  set: TemplateSet,
  locale: string,
  limits: typeof TEMPLATE_LIMITS = TEMPLATE_LIMITS,
): TemplateEngine {
  const liquid = new Liquid({
    templates: set.files,
    strictVariables: true,
    strictFilters: true,
    ownPropertyOnly: true,
    lenientIf: true,
    cache: true,
    jsTruthy: false,
    parseLimit: 5e6,
    renderLimit: limits.renderMs,
    memoryLimit: 1e8,
  });
  registerFilters(liquid, locale);
  let namesChecked = false;
  // Parsed once per template: deck templates are rendered once per partner.
  const parsed = new Map<string, ReturnType<Liquid['parse']>>();
  let spentMs = 0;
  let wroteChars = 0;
  return {
    has: (name) => Object.prototype.hasOwnProperty.call(set.files, name),
    render(name, scope) {
      if (!Object.prototype.hasOwnProperty.call(set.files, name)) {
        throw new InputError('E_TEMPLATE', [
          {
            file: `${set.root}/${name}`,
            message: 'template not found; create it or fix the name that refers to it',
          },
        ]);
      }
      // Every file once, partials included (the engine reads those itself when a template renders one).
      if (!namesChecked) {
        for (const [file, source] of Object.entries(set.files)) checkNames(set, file, source);
        namesChecked = true;
      }
      const left = limits.buildMs - spentMs;
      const overBudget = () =>
        budgetError(
          set,
          name,
          `templates took more than ${limits.buildMs / 1000} s in all during this build (the limit for a whole build); look for a loop that runs far more often than the data needs`,
        );
      if (left <= 0) throw overBudget();
      const start = performance.now();
      let text: string;
      try {
        let tpl = parsed.get(name);
        if (!tpl) parsed.set(name, (tpl = liquid.parse(set.files[name]!, name)));
        text = liquid.renderSync(tpl, scope, { renderLimit: Math.min(limits.renderMs, left) });
      } catch (err) {
        if (left < limits.renderMs && /render limit/i.test(String(err))) throw overBudget();
        throw new InputError('E_TEMPLATE', [templateProblem(err, set, name)]);
      } finally {
        spentMs += performance.now() - start;
      }
      if (text.length > limits.renderChars)
        throw budgetError(
          set,
          name,
          `wrote ${text.length.toLocaleString('en')} characters, over the limit of ${limits.renderChars.toLocaleString('en')} for one template (the two-page bulletin holds about 12,000); shorten the text or check a loop`,
        );
      wroteChars += text.length;
      if (wroteChars > limits.buildChars)
        throw budgetError(
          set,
          name,
          `templates wrote more than ${limits.buildChars.toLocaleString('en')} characters in all during this build (the limit for a whole build); check for a loop that repeats text`,
        );
      return text;
    },
  };
}
