/**
 * Tracing figures to sources on the web: the facts the text printed (the model's provenance,
 * the same list the PDF embeds) as a table of values and citations; each figure in the prose
 * that is written exactly as one fact's stored value links to that fact's row; and the PDF's
 * own source JSON embedded as data (a script of type application/json is never run).
 */
import type { Dataset } from '../../dataset/schema.js';
import type { BulletinModel } from '../../model/bulletin.js';
import type { UsedFact } from '../../model/usage.js';
import { money, number, quantity } from '../../template/filters.js';
import { esc } from './prose.js';
import { sourceCredit } from '../source-credit.js';
import { scrollingTable } from './table.js';

type Item = Record<string, unknown>;

const factId = (f: UsedFact) => `fact-${f.collection}-${f.id}`;

function stored(d: Dataset, f: UsedFact): Item {
  const list = d[f.collection as keyof Dataset] as unknown;
  return (Array.isArray(list) ? (list as Item[]).find((x) => x.id === f.id) : undefined) ?? {};
}

const isQuantity = (v: unknown): v is { value: number; unit: string; qualifier?: string } =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as Item).value === 'number' &&
  typeof (v as Item).unit === 'string';

/** A stored value as the prose writes it (money and quantities through the same filters). */
function valueText(key: string, v: unknown, item: Item, locale: string): string {
  if (typeof v === 'number' && /amount$/i.test(key) && typeof item.currency === 'string')
    return money(v, item.currency, locale);
  if (isQuantity(v)) return quantity(v, locale);
  if (typeof v === 'number') return number(v, locale);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (Array.isArray(v)) return v.map((x) => valueText(key, x, item, locale)).join(', ');
  if (v && typeof v === 'object') {
    // A nested record (a component, a partnership): its fields, less the citation shown beside.
    const fields = Object.entries(v as Item)
      .filter(([k]) => k !== 'cite')
      .map(([k, x]) => `${k} ${valueText(k, x, item, locale)}`);
    return `(${fields.join(', ')})`;
  }
  return String(v);
}

/** The wordings of a fact's figures that the prose may contain, e.g. "$300 million". */
function figureWordings(f: UsedFact, item: Item, locale: string): string[] {
  return Object.entries(f.values).flatMap(([k, v]) =>
    (typeof v === 'number' && /amount$/i.test(k) && typeof item.currency === 'string') ||
    isQuantity(v)
      ? [valueText(k, v, item, locale)]
      : [],
  );
}

/**
 * A text marker for the prose: escapes the text and links each figure written exactly as
 * one printed fact's value. A wording two facts share links to neither (the table still
 * lists both), so a link never points at the wrong source.
 */
export function figureMarker(
  model: BulletinModel,
  d: Dataset,
  locale: string,
): (text: string) => string {
  const owners = new Map<string, Set<string>>();
  for (const f of model.provenance)
    for (const w of figureWordings(f, stored(d, f), locale))
      owners.set(w, new Set([...(owners.get(w) ?? []), factId(f)]));
  // Only wordings that belong to one fact can link to it.
  const target = new Map<string, string>();
  for (const [w, ids] of owners) {
    const [id, ...others] = ids;
    if (id !== undefined && others.length === 0) target.set(w, id);
  }
  if (target.size === 0) return esc;
  // Longest first, so "$300 million" wins over "$30"; word edges so "$30 million" never matches
  // inside "$300 million".
  const words = [...target.keys()].sort((a, b) => b.length - a.length || a.localeCompare(b));
  const pattern = new RegExp(
    `(?<![\\w.,])(${words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![\\w]|[.,]\\d)`,
    'g',
  );
  return (text) => {
    let out = '';
    let at = 0;
    for (const m of text.matchAll(pattern)) {
      out += esc(text.slice(at, m.index));
      out += `<a class="fact" href="#${target.get(m[0])}">${esc(m[0])}</a>`;
      at = m.index + m[0].length;
    }
    return out + esc(text.slice(at));
  };
}

/** The citation of a fact: its source (linked to the sources list) and where in it. */
function citeHtml(cite: unknown, model: BulletinModel): string {
  if (!cite || typeof cite !== 'object') return '';
  const c = cite as Item;
  const src = model.sources.find((s) => s.id === c.source);
  const name = src ? sourceCredit(src) : '';
  const link = src ? `<a href="#source-${esc(src.id)}">${esc(name)}</a>` : esc(String(c.source));
  const rest = Object.entries(c)
    .filter(([k]) => k !== 'source')
    .map(([, v]) => esc(String(v)));
  return [link, ...rest].join(', ');
}

/** Every printed fact with stored values: what it says and where it comes from. */
export function factsTable(model: BulletinModel, d: Dataset, locale: string): string {
  const rows = model.provenance
    .filter((f) => Object.keys(f.values).length > 0)
    .map((f) => {
      const item = stored(d, f);
      const values = Object.entries(f.values)
        .map(([k, v]) => `${esc(k)}: ${esc(valueText(k, v, item, locale))}`)
        .join('; ');
      return (
        `<tr id="${factId(f)}"><th ` +
        `scope="row">${esc(f.id)}</th><td>${values}</td><td>${citeHtml(f.cite, model)}</td></tr>`
      );
    });
  if (rows.length === 0) return '';
  return [
    '<details class="facts"><summary>Where each figure comes from</summary>',
    scrollingTable(
      'facts-table',
      'The facts this bulletin prints, with their sources',
      '<thead><tr><th scope="col">Fact</th><th scope="col">Values printed</th><th ' +
        'scope="col">Cited from</th></tr></thead>' +
        `<tbody>${rows.join('')}</tbody>`,
    ),
    '</details>',
  ].join('');
}

/** JSON for an inline script element: "<" escaped so no "</script>" can end it early. */
export function embeddedJson(json: string): string {
  return json.trimEnd().replace(/</g, '\\u003c');
}
