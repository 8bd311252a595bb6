/**
 * Cross-field rules the schema cannot express: ids unique, references resolve, dates in
 * order. Each rule is a small function returning problems with JSON paths; all run, so the
 * analyst sees every problem at once.
 */
import type { Dataset } from './schema.js';
import { endOf, parseFuzzyDate, startOf } from './dates.js';
import type { JsonPath } from '../load/json.js';

export interface RuleProblem {
  path: JsonPath;
  message: string;
  key?: boolean;
}

type Rule = (d: Dataset) => RuleProblem[];

const collections = [
  'sources',
  'roles',
  'partners',
  'actors',
  'people',
  'aidCategories',
  'events',
  'measures',
  'quotes',
  'figures',
  'cooperationAreas',
] as const;

/** Collections without ids (checked by the rules, but not for unique ids). */
const unnamed = ['rates'] as const;

const uniqueIds: Rule = (d) => {
  const out: RuleProblem[] = [];
  for (const name of collections) {
    const seen = new Map<string, number>();
    (d[name] as { id: string }[]).forEach((item, i) => {
      const first = seen.get(item.id);
      if (first !== undefined)
        out.push({
          path: [name, i, 'id'],
          message: `duplicate id "${item.id}" (first used at ${name}[${first}])`,
        });
      else seen.set(item.id, i);
    });
  }
  // Partners, actors and people share one namespace: participants and speakers may be any.
  const owner = new Map<string, string>();
  for (const name of ['partners', 'actors', 'people'] as const) {
    d[name].forEach((item, i) => {
      const prev = owner.get(item.id);
      if (prev && !prev.startsWith(name))
        out.push({
          path: [name, i, 'id'],
          message:
            `id "${item.id}" is already used by ${prev}; partners, actors and people need ` +
            `distinct ids`,
        });
      else owner.set(item.id, `${name}[${i}]`);
    });
  }
  return out;
};

function refChecker(d: Dataset) {
  // Rules also run leniently on data that failed the schema, where an item may lack its id:
  // those must not be listed as "known: …, undefined".
  const ids = (name: (typeof collections)[number]) =>
    new Set(
      (d[name] as { id?: unknown }[]).flatMap((x) => (typeof x?.id === 'string' ? [x.id] : [])),
    );
  const sets = {
    sources: ids('sources'),
    roles: ids('roles'),
    partners: ids('partners'),
    aidCategories: ids('aidCategories'),
    events: ids('events'),
    entities: new Set([...ids('partners'), ...ids('actors'), ...ids('people')]),
    parties: new Set([...ids('partners'), ...ids('actors')]),
  };
  const out: RuleProblem[] = [];
  const check = (
    set: keyof typeof sets,
    what: string,
    value: string | undefined,
    path: JsonPath,
  ) => {
    if (value === undefined || sets[set].has(value)) return;
    const known = [...sets[set]].slice(0, 12).join(', ');
    out.push({ path, message: `"${value}" is not a known ${what}; known: ${known || '(none)'}` });
  };
  return { out, check };
}

const referencesResolve: Rule = (d) => {
  const { out, check } = refChecker(d);
  const cite = (c: { source: string }, path: JsonPath) =>
    check('sources', 'source id', c.source, [...path, 'cite', 'source']);
  d.partners.forEach((p, i) => {
    check('roles', 'role id', p.role, ['partners', i, 'role']);
    if (p.partnerSince)
      check('sources', 'source id', p.partnerSince.cite.source, [
        'partners',
        i,
        'partnerSince',
        'cite',
        'source',
      ]);
  });
  check('sources', 'source id', d.bulletin.basedOn, ['bulletin', 'basedOn']);
  d.people.forEach((p, i) =>
    check('parties', 'partner or actor id', p.affiliation, ['people', i, 'affiliation']),
  );
  d.events.forEach((e, i) => {
    cite(e.cite, ['events', i]);
    check('parties', 'partner or actor id', e.organiser, ['events', i, 'organiser']);
    e.participants.forEach((p, j) =>
      check('parties', 'partner or actor id', p, ['events', i, 'participants', j]),
    );
  });
  d.measures.forEach((m, i) => {
    const at: JsonPath = ['measures', i];
    cite(m.cite, at);
    check('partners', 'partner id', m.partner, [...at, 'partner']);
    check('events', 'event id', m.event, [...at, 'event']);
    check('entities', 'person, partner or actor id', m.announcedBy, [...at, 'announcedBy']);
    check('parties', 'partner or actor id', m.recipient, [...at, 'recipient']);
    if (m.type === 'sanctions')
      m.alongside?.forEach((a, j) =>
        check('parties', 'partner or actor id', a, [...at, 'alongside', j]),
      );
    if (m.type === 'aid') {
      check('aidCategories', 'aid category', m.category, [...at, 'category']);
      m.components?.forEach((c, j) =>
        check('aidCategories', 'aid category', c.category, [...at, 'components', j, 'category']),
      );
    }
  });
  d.quotes.forEach((q, i) => {
    cite(q.cite, ['quotes', i]);
    check('entities', 'person, partner or actor id', q.speaker, ['quotes', i, 'speaker']);
    check('partners', 'partner id', q.about, ['quotes', i, 'about']);
    check('events', 'event id', q.event, ['quotes', i, 'event']);
  });
  d.figures.forEach((f, i) => {
    cite(f.cite, ['figures', i]);
    f.members?.forEach((m, j) =>
      check('parties', 'partner or actor id', m, ['figures', i, 'members', j]),
    );
  });
  d.cooperationAreas.forEach((c, i) => {
    cite(c.cite, ['cooperationAreas', i]);
    check('events', 'event id', c.agreedAt, ['cooperationAreas', i, 'agreedAt']);
  });
  d.rates.forEach((r, i) => cite(r.cite, ['rates', i]));
  return out;
};

/** True when `later` certainly lies before `earlier`; false when either is not a valid date. */
function before(later: unknown, earlier: unknown): boolean {
  if (typeof later !== 'string' || typeof earlier !== 'string') return false;
  const a = parseFuzzyDate(later);
  const b = parseFuzzyDate(earlier);
  return typeof a !== 'string' && typeof b !== 'string' && endOf(a) < startOf(b);
}

const datesInOrder: Rule = (d) => {
  const out: RuleProblem[] = [];
  d.events.forEach((e, i) => {
    if (before(e.endDate, e.date))
      out.push({
        path: ['events', i, 'endDate'],
        message: `ends (${e.endDate}) before it starts (${e.date})`,
      });
  });
  d.measures.forEach((m, i) => {
    if (before(m.asOf, m.date))
      out.push({
        path: ['measures', i, 'asOf'],
        message: `"as of" date ${m.asOf} is before the fact's own date ${m.date}`,
      });
  });
  return out;
};

const amountsConsistent: Rule = (d) => {
  const out: RuleProblem[] = [];
  d.measures.forEach((m, i) => {
    if (m.type !== 'aid') return;
    if (m.amount !== undefined && m.currency === undefined)
      out.push({
        path: ['measures', i, 'amount'],
        message: 'an amount needs a currency (use "$" when the source gives only the sign)',
      });
    if (
      m.amount === undefined &&
      (m.previousAmount !== undefined || m.components || m.total !== undefined)
    )
      out.push({
        path: ['measures', i],
        message: 'previousAmount, total and components need an amount',
      });
    if (m.amount !== undefined && m.total !== undefined && m.total < m.amount)
      out.push({
        path: ['measures', i, 'total'],
        message:
          `the total ${m.total} is less than the increment ${m.amount} it includes; ` +
          '"an additional X, bringing the total to Y" needs Y of at least X',
      });
    if (!m.components || typeof m.amount !== 'number' || m.amount < 0) return;
    const parts = m.components.reduce((s, c) => s + c.amount, 0);
    if (parts > m.amount)
      out.push({
        path: ['measures', i, 'components'],
        message:
          `components add up to ${parts}, more than the amount ${m.amount}; parts are in the ` +
          `amount's currency and cannot exceed it`,
      });
  });
  d.rates.forEach((r, i) => {
    if (r.from === r.to)
      out.push({
        path: ['rates', i, 'to'],
        message: `a rate converts one currency into another; "from" and "to" are both ${r.from}`,
      });
  });
  return out;
};

export const RULES: Rule[] = [uniqueIds, referencesResolve, datesInOrder, amountsConsistent];

/** Runs every cross-field rule on a valid dataset. */
export function checkRules(d: Dataset): RuleProblem[] {
  return RULES.flatMap((rule) => rule(d));
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Runs the rules on data that failed the schema, so that a dangling reference is reported
 * together with a negative amount. Malformed items are replaced by empty objects (keeping
 * indexes) and a rule that trips over malformed data is skipped: the schema already
 * reported that part.
 */
export function checkRulesLeniently(raw: unknown): RuleProblem[] {
  if (!isRecord(raw)) return [];
  const lenient: Record<string, unknown> = { ...raw };
  for (const name of [...collections, ...unnamed]) {
    const list = raw[name];
    lenient[name] = Array.isArray(list) ? list.map((x) => (isRecord(x) ? x : {})) : [];
  }
  return RULES.flatMap((rule) => {
    try {
      return rule(lenient as unknown as Dataset).filter((p) => !p.message.includes('"undefined"'));
    } catch {
      return [];
    }
  });
}
