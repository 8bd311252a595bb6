/**
 * What a template folder needs of the data, checked before anything renders (issue 28, item 6).
 * A bulletin's own templates name its facts by id (`measure["japan-loans"]`); run on another
 * dataset they used to stop at the first missing id, one error per build, or print sentences
 * written for another bulletin. Every id a template looks up by name, outside a condition
 * that tests it, must exist in the data; all that are missing are reported at once. Pure.
 */
import type { Dataset } from '../dataset/schema.js';
import { InputError, type Problem } from '../errors.js';

/** The scope's lookup tables (src/model/scope.ts) and the collections they index. */
const TABLES = {
  measure: 'measures',
  event: 'events',
  quote: 'quotes',
  figure: 'figures',
  person: 'people',
  actor: 'actors',
  partner: 'partners',
  source: 'sources',
} as const satisfies Record<string, keyof Dataset>;

type Table = keyof typeof TABLES;

const LOOKUP = new RegExp(`\\b(${Object.keys(TABLES).join('|')})\\["([^"\\]]+)"\\]`, 'g');
/** A partner's own section: used only when that partner is in the data. */
const PARTNER_FILE = /^bulletin\/partners\/([^/_][^/]*)\.md\.liquid$/;

/** Where a lookup is tested rather than used: `{% if measure["x"] %}`, `unless`, `elsif`. */
function guarded(source: string, table: string, id: string): boolean {
  const test = new RegExp(`\\{%-?\\s*(?:if|unless|elsif)\\s+${table}\\["${escape(id)}"\\]`);
  return test.test(source);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function lineAndColumn(source: string, index: number): { line: number; column: number } {
  const before = source.slice(0, index);
  const line = before.split('\n').length;
  return { line, column: index - before.lastIndexOf('\n') };
}

/** Every id the templates look up by name that the data does not have. */
export function missingTemplateNeeds(
  dataset: Dataset,
  liquid: Record<string, string>,
  root: string,
): Problem[] {
  const ids = Object.fromEntries(
    Object.entries(TABLES).map(([table, key]) => [
      table,
      new Set((dataset[key] as readonly { id: string }[]).map((x) => x.id)),
    ]),
  ) as Record<Table, Set<string>>;
  const problems: Problem[] = [];
  for (const [name, source] of Object.entries(liquid).sort(([a], [b]) => a.localeCompare(b))) {
    const own = PARTNER_FILE.exec(name)?.[1];
    if (own !== undefined && !ids.partner.has(own)) continue;
    for (const m of source.matchAll(LOOKUP)) {
      const [, table, id] = m as unknown as [string, Table, string];
      if (ids[table].has(id) || guarded(source, table, id)) continue;
      problems.push({
        file: `${root}/${name}`,
        ...lineAndColumn(source, m.index ?? 0),
        path: `${table}["${id}"]`,
        message: `needs the ${table} "${id}" (${TABLES[table]} in the data), which the data does not have`,
      });
    }
  }
  return problems;
}

/** Refuses, before rendering, templates that name facts the data does not have. */
export function checkTemplateNeeds(
  dataset: Dataset,
  liquid: Record<string, string>,
  root: string,
): void {
  const problems = missingTemplateNeeds(dataset, liquid, root);
  if (problems.length === 0) return;
  const ids = new Set(problems.map((p) => p.path)).size;
  // One line says what the list below means, so the fix is not read as "invent these facts".
  const why: Problem = {
    file: root,
    message:
      `these templates name ${ids} ${ids === 1 ? 'fact' : 'facts'} by id that the data does ` +
      'not have, so they were written for another dataset: use templates written for this ' +
      'one (`bulletin init` makes generic ones), or add the facts if the source states them',
  };
  throw new InputError('E_TEMPLATE_NEEDS', [why, ...problems]);
}
