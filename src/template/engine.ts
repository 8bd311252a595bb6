/**
 * The template engine: LiquidJS, chosen because its templates cannot run JavaScript, it fails
 * on an undefined variable or filter (strictVariables, strictFilters), it hides prototypes
 * (ownPropertyOnly), and it can render from an in-memory set of templates so that a
 * template cannot reach the file system.
 */
import { requireCjs } from '../cjs.js';
import { type MoneyContext, registerFilters } from './register-filters.js';
import { placeAsides } from './asides.js';
import { lenientFieldFilters } from './lenient-filters.js';
import { DataObjects, rememberPartials } from './partials.js';
import { InputError, formatProblem, type Problem } from '../errors.js';
import { Dataset } from '../dataset/schema.js';
import { KnownNames, schemaFieldNames } from './names.js';
import { strictNames } from './strict-names.js';
import {
  flattenErrors,
  keepRenderingAfterErrors,
  templateProblem,
  withoutKnockOn,
} from './problems.js';

const liquidjs = requireCjs('liquidjs') as typeof import('liquidjs');
const { Liquid } = liquidjs;
type Liquid = import('liquidjs').Liquid;

/** Templates as loaded: relative path → text, plus the folder they came from (for messages). */
export interface TemplateSet {
  root: string;
  files: Record<string, string>;
}

/** A configured engine bound to one template set and locale. */
export interface TemplateEngine {
  render(name: string, scope: Record<string, unknown>): string;
  /** Renders a prose template as Markdown in which data (every `{{ }}` output) is text. */
  renderMarkdown(name: string, scope: Record<string, unknown>): string;
  has(name: string): boolean;
  /** Learns the field names in a scope (pass the plain scope; a recording proxy is skipped). */
  learn(scope: Record<string, unknown>): void;
  /** The template problems met so far (collecting engines only), each once, in order. */
  problems(): Problem[];
  /** Parses every template without data: syntax, tags, filters and forbidden names. */
  parseAll(): Problem[];
}

/** Engine options: `collect` keeps rendering after a template error and lists them all. */
export interface EngineOptions extends MoneyContext {
  collect?: boolean;
}

/** Every field a dataset record can have: a missing one of these is "not stated". */
let datasetFields: Set<string> | undefined;

export { templateProblem } from './problems.js';
import { escapeMarkedData, markData, plainCaptures } from './data-marks.js';
import { checkNames, partialsWithoutFinalNewline } from './template-source.js';

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
 * What each deck adds to the build-wide limits: a deck's templates write ~10,000 characters in
 * ~15 ms, so these leave ten times that and more, while a loop that repeats text in every deck
 * still stops long before the build's time and memory grow out of hand. Without them a dataset
 * of a few hundred partners would be refused for its size alone.
 */
export const PER_DECK_LIMITS = { buildMs: 250, buildChars: 100_000 };

/** The limits for a build that renders `decks` partner decks besides the bulletin. */
export function templateLimits(decks: number): typeof TEMPLATE_LIMITS {
  return {
    ...TEMPLATE_LIMITS,
    buildMs: TEMPLATE_LIMITS.buildMs + decks * PER_DECK_LIMITS.buildMs,
    buildChars: TEMPLATE_LIMITS.buildChars + decks * PER_DECK_LIMITS.buildChars,
  };
}

const budgetError = (set: TemplateSet, name: string, message: string) =>
  new InputError('E_TEMPLATE_LIMIT', [{ file: `${set.root}/${name}`, message }]);

/** Creates the engine for a template set. */
export function createEngine(
  set: TemplateSet,
  locale: string,
  limits: typeof TEMPLATE_LIMITS = TEMPLATE_LIMITS,
  options: EngineOptions = {},
): TemplateEngine {
  /** On while renderMarkdown runs: every output is marked as data then. */
  const marking = { on: false };
  const liquid = new Liquid({
    // One error per failed tag instead of the first only: a build lists every mistake at once.
    catchAllErrors: options.collect ?? false,
    templates: partialsWithoutFinalNewline(set.files),
    strictVariables: true,
    strictFilters: true,
    ownPropertyOnly: true,
    lenientIf: true,
    cache: true,
    jsTruthy: false,
    parseLimit: 5e6,
    renderLimit: limits.renderMs,
    // Range elements and characters one render may allocate: (1..100000000) once reached
    // 2.4 GB before the time limit stopped it (issue 31); 10 million is far above any use.
    memoryLimit: 1e7,
    // Marks data only while renderMarkdown runs (template/data-marks.ts).
    outputEscape: (v: unknown) => (marking.on ? markData(v) : (v as string)),
  });
  registerFilters(liquid, locale, {
    markBareSigns: options.markBareSigns ?? false,
    rates: options.rates ?? [],
  });
  lenientFieldFilters(liquidjs, liquid);
  const data = new DataObjects();
  rememberPartials(liquidjs, liquid, data, () => (marking.on ? 'marked' : ''));
  plainCaptures(liquidjs, liquid);
  datasetFields ??= schemaFieldNames(Dataset);
  const known = new KnownNames(datasetFields);
  known.learnArguments(Object.values(set.files));
  known.learnAssigned(Object.values(set.files));
  strictNames(liquidjs, liquid, known);
  // Errors of tags that failed while the rest of the template went on (collecting engines).
  const sink: unknown[] = [];
  if (options.collect) keepRenderingAfterErrors(liquid, sink);
  const problems = new Map<string, Problem>();
  const collect = (list: Problem[]) => {
    for (const p of list) problems.set(formatProblem(p), p);
  };
  let namesChecked = false;
  // Parsed once per template: deck templates are rendered once per partner.
  const parsed = new Map<string, ReturnType<Liquid['parse']>>();
  let spentMs = 0;
  let wroteChars = 0;
  return {
    renderMarkdown(name, scope) {
      marking.on = true;
      try {
        return escapeMarkedData(this.render(name, scope));
      } finally {
        marking.on = false;
      }
    },
    has: (name) => Object.prototype.hasOwnProperty.call(set.files, name),
    learn: (scope) => known.learn(scope),
    parseAll() {
      const found: Problem[] = [];
      for (const [file, source] of Object.entries(set.files)) {
        try {
          checkNames(set.root, file, source);
          parsed.set(file, liquid.parse(source, file));
        } catch (err) {
          if (err instanceof InputError) found.push(...err.problems);
          else found.push(...flattenErrors(err).map((e) => templateProblem(e, set, file)));
        }
      }
      return found;
    },
    // By file and place, whatever order the renders met them in (a partial fails before the
    // template that includes it).
    problems: () =>
      [...problems.values()].sort(
        (a, b) =>
          a.file.localeCompare(b.file, 'en') ||
          (a.line ?? 0) - (b.line ?? 0) ||
          (a.column ?? 0) - (b.column ?? 0),
      ),
    render(name, scope) {
      const source = Object.hasOwn(set.files, name) ? set.files[name] : undefined;
      if (source === undefined) {
        const missing = {
          file: `${set.root}/${name}`,
          message: 'template not found; create it or fix the name that refers to it',
        };
        if (!options.collect) throw new InputError('E_TEMPLATE', [missing]);
        collect([missing]);
        return '';
      }
      // Every file once, partials included (the engine reads those itself when a template renders
      // one).
      if (!namesChecked) {
        for (const [file, source] of Object.entries(set.files)) checkNames(set.root, file, source);
        namesChecked = true;
      }
      const left = limits.buildMs - spentMs;
      const overBudget = () =>
        budgetError(
          set,
          name,
          `templates took more than ${limits.buildMs / 1000} s in all during this build (the ` +
            `limit for a whole build); look for a loop that runs far more often than the data ` +
            `needs`,
        );
      if (left <= 0) throw overBudget();
      const start = performance.now();
      data.add(scope);
      known.learn(scope);
      let text: string;
      // `{% if x.missing %}` is answered by LiquidJS throwing and catching an error (strict
      // variables, lenient if), thousands of times in a large build; capturing a stack for each
      // was ~5% of a build. Every error leaving here becomes a message from its text and token,
      // never its stack, so none is captured while rendering.
      const stackLimit = Error.stackTraceLimit;
      Error.stackTraceLimit = 0;
      const caught: unknown[] = [];
      sink.length = 0;
      try {
        let tpl = parsed.get(name);
        if (!tpl) parsed.set(name, (tpl = liquid.parse(source, name)));
        text = liquid.renderSync(tpl, scope, { renderLimit: Math.min(limits.renderMs, left) });
      } catch (err) {
        caught.push(err);
        text = '';
      } finally {
        Error.stackTraceLimit = stackLimit;
        spentMs += performance.now() - start;
      }
      const errors = [...sink.splice(0), ...caught].flatMap(flattenErrors);
      if (errors.length) {
        const overLimit = errors.some((e) => /render limit/i.test(String(e)));
        if (left < limits.renderMs && overLimit) throw overBudget();
        const found = withoutKnockOn(errors.map((e) => templateProblem(e, set, name)));
        if (!options.collect || overLimit || /memory alloc/i.test(String(errors)))
          throw new InputError('E_TEMPLATE', found);
        collect(found);
        text = '';
      }
      if (text.length > limits.renderChars)
        throw budgetError(
          set,
          name,
          `wrote ${text.length.toLocaleString('en')} characters, over the limit of ` +
            `${limits.renderChars.toLocaleString('en')} for one template (the two-page bulletin ` +
            `holds about 12,000); shorten the text or check a loop`,
        );
      text = placeAsides(text);
      wroteChars += text.length;
      if (wroteChars > limits.buildChars)
        throw budgetError(
          set,
          name,
          `templates wrote more than ${limits.buildChars.toLocaleString('en')} characters in all ` +
            `during this build (the limit for a whole build); check for a loop that repeats text`,
        );
      return text;
    },
  };
}
