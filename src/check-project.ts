/**
 * checkProject: everything a build would refuse, found without drawing a chart or writing a
 * file — the data, every template (parsed, then rendered against the data), the chart specs,
 * the deck configuration and the organisation's deck template, the theme and its fonts. Each
 * part is judged even when another fails, so one run lists every problem (`bulletin
 * validate` said "valid" with a broken template or a missing font).
 */
import { checkDatasetFile } from './load/dataset.js';
import { loadTemplates, type LoadedTemplates } from './load/templates.js';
import { readInputs } from './load/inputs.js';
import { InputError, formatProblem, type Problem } from './errors.js';
import { resolveTheme } from './model/theme.js';
import { loadChartSpecs } from './charts/spec.js';
import { deckSetup } from './compose/pptx/template/choose.js';
import { createEngine } from './template/engine.js';
import { prepare } from './pipeline.js';
import { RENDERERS } from './compose/registry.js';

/** What `bulletin validate` reports: the data's problems and the rest of the project's. */
export interface ProjectCheck {
  data: Problem[];
  templates: Problem[];
}

/** Runs `step`, returning the problems of the InputError it throws (other errors are bugs). */
function problemsOf(step: () => unknown): Problem[] {
  try {
    step();
    return [];
  } catch (err) {
    if (err instanceof InputError) return err.problems;
    throw err;
  }
}

async function problemsOfAsync(step: () => Promise<unknown>): Promise<Problem[]> {
  try {
    await step();
    return [];
  } catch (err) {
    if (err instanceof InputError) return err.problems;
    throw err;
  }
}

/** The checks that need no data: configs, fonts, deck template and template syntax. */
function checkTemplatesAlone(templates: LoadedTemplates, locale: string): Problem[] {
  return [
    ...problemsOf(() => resolveTheme(templates)),
    ...problemsOf(() => loadChartSpecs(templates)),
    ...problemsOf(() => deckSetup(templates)),
    ...createEngine(templates.liquid, locale).parseAll(),
  ];
}

/** Checks the data and the templates together, as a build would, without building. */
export async function checkProject(paths: {
  data: string;
  templates: string;
}): Promise<ProjectCheck> {
  const { dataset, problems: data } = await checkDatasetFile(paths.data);
  let templates: LoadedTemplates | undefined;
  const loading = await problemsOfAsync(async () => {
    templates = await loadTemplates(paths.templates);
  });
  if (!templates) return { data, templates: loading };
  const alone = checkTemplatesAlone(templates, dataset?.bulletin.locale ?? 'en-US');
  if (!dataset || alone.length) return { data, templates: alone };
  // Everything a build judges before drawing: glyphs, every template rendered against the
  // data, every deck's model, and each output's plan (chart data, slides), nothing drawn.
  const rendered = await problemsOfAsync(async () => {
    const inputs = await readInputs(paths.data, paths.templates);
    const ctx = await prepare({ data: paths.data, templates: paths.templates, out: '' }, inputs);
    for (const renderer of RENDERERS) renderer.units(ctx);
  });
  const seen = new Set<string>();
  const unique = rendered.filter((p) => !seen.has(formatProblem(p)) && seen.add(formatProblem(p)));
  return { data, templates: unique };
}
