/**
 * fast-check arbitraries for valid datasets that are not the seed: 1–12 partners with their own
 * names (diacritics, long names), currencies as ISO codes and bare signs (mixed within one
 * bulletin), every date precision, optional fields present or absent, and any mix of measures
 * per partner, including none. Everything a generated dataset refers to exists, so it must
 * validate; the tests check that too.
 */
import fc from 'fast-check';

const CURRENCIES = ['USD', 'EUR', 'JPY', 'AUD', 'NZD', 'FJD', 'WST', 'KRW', 'CHF', '$', '€', '£'];
const NAMES = [
  'Alder Bay',
  'Sāmoa',
  'Federated States of Micronesia',
  'Côte Nord',
  'Île Verte',
  'Kiribati',
  'Østfold',
  'São Tomé',
  'The Most Serene and Exceptionally Long-Named Republic of the Southern Isles',
  'Zürich',
  'Tuvalu',
  'Ngāti Harbour',
  'Pine Ridge',
  'Vanuatu',
];
const LOCALES = ['en-US', 'en-GB', 'en-AU', 'de-DE', 'fr-FR'];

const slugOf = (name: string, i: number) =>
  `${name
    .normalize('NFD')
    .replace(/[^A-Za-z ]/g, '')
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .slice(0, 3)
    .join('-')}-${i}`;

/** A date in 2019–2024 at day, month or year precision. */
const date = fc
  .record({
    y: fc.integer({ min: 2019, max: 2024 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
    precision: fc.constantFrom('day', 'month', 'year'),
  })
  .map(({ y, m, d, precision }) => {
    const mm = String(m).padStart(2, '0');
    const dd = String(d).padStart(2, '0');
    return precision === 'day' ? `${y}-${mm}-${dd}` : precision === 'month' ? `${y}-${mm}` : `${y}`;
  });

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const amount = fc.oneof(
  fc.integer({ min: 1, max: 999 }).map((n) => n * 1000),
  fc.integer({ min: 1, max: 9_999 }).map((n) => n * 10_000),
  fc.integer({ min: 1, max: 5_000 }).map((n) => n * 1_000_000),
  fc.constantFrom(867_000, 1_150_000, 22_500_000, 250_000),
);
const CITE = { source: 'main-source' };

type Json = Record<string, unknown>;

/** Drops undefined fields so the JSON has them absent, not null. */
const clean = (o: Json): Json =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

const measureKinds = fc.subarray([
  'aid',
  'aid2',
  'sanctions',
  'oil',
  'in-kind',
  'visas',
  'support',
]);

function measuresFor(partner: string, currency: string) {
  return fc
    .record({
      kinds: measureKinds,
      date1: maybe(date),
      date2: maybe(date),
      amount1: maybe(amount),
      amount2: amount,
      qty: fc.integer({ min: 1, max: 50_000_000 }),
      qualifier: maybe(fc.constantFrom('over', 'about', 'up-to')),
      withParts: fc.boolean(),
    })
    .map(({ kinds, date1, date2, amount1, amount2, qty, qualifier, withParts }) =>
      kinds.map((k): Json => {
        const base = { id: `${partner}-${k}`, partner, cite: CITE };
        switch (k) {
          case 'aid':
            return clean({
              ...base,
              type: 'aid',
              date: date1,
              category: 'relief',
              amount: amount1,
              currency: amount1 === undefined ? undefined : currency,
            });
          case 'aid2':
            return clean({
              ...base,
              type: 'aid',
              date: date2,
              category: 'repairs',
              amount: amount2,
              currency,
              components: withParts
                ? [{ category: 'relief', amount: Math.floor(amount2 / 4) }]
                : undefined,
            });
          case 'sanctions':
            return clean({ ...base, type: 'sanctions', date: date1 });
          case 'oil':
            return clean({
              ...base,
              type: 'oil-stock-release',
              date: date2,
              what: 'oil from emergency stocks',
              quantity: clean({ value: qty, unit: 'barrels', qualifier }),
            });
          case 'in-kind':
            return {
              ...base,
              type: 'in-kind',
              what: 'generators',
              quantity: { value: (qty % 500) + 1, unit: 'generators' },
            };
          case 'visas':
            return clean({
              ...base,
              type: 'visas',
              asOf: date1,
              what: 'humanitarian visas',
              quantity: clean({ value: (qty % 9000) + 1, unit: 'visas', qualifier }),
            });
          default:
            return clean({ ...base, type: 'support', what: 'a statement of support', date: date2 });
        }
      }),
    );
}

/** A valid dataset of 1–12 partners (or `partners` when given). */
export function datasetArb(partners = { min: 1, max: 12 }): fc.Arbitrary<Json> {
  return fc
    .record({
      names: fc.uniqueArray(fc.constantFrom(...NAMES), {
        minLength: partners.min,
        maxLength: partners.max,
      }),
      extra: fc.integer({ min: 0, max: 4 }),
      currencies: fc.array(fc.constantFrom(...CURRENCIES), { minLength: 12, maxLength: 12 }),
      locale: fc.constantFrom(...LOCALES),
      issued: maybe(date),
      subtitle: maybe(fc.constant('A generated bulletin')),
      number: maybe(fc.constant('7')),
      topic: maybe(fc.constant('Recovery after the storms')),
      author: fc.record({
        name: fc.constantFrom('Ana Łukasiewicz', 'Sam Analyst'),
        role: maybe(fc.constant('Analyst')),
        affiliation: maybe(fc.constant('Institute')),
      }),
      sourceAuthor: maybe(fc.constant('Regional Office')),
      publisherUrl: maybe(fc.constant('https://example.org/')),
      partnerSince: fc.array(maybe(date), { minLength: 12, maxLength: 12 }),
      event: maybe(date),
      deckCount: fc.integer({ min: 0, max: 2 }),
    })
    .chain((g) => {
      // Up to 12 partners from a pool of 14 names (plus numbered ones when more are wanted).
      const names = [
        ...g.names,
        ...Array.from({ length: g.extra }, (_, i) => `Harbour ${i + 1}`),
      ].slice(0, Math.max(partners.min, Math.min(partners.max, g.names.length + g.extra)));
      const ids = names.map(slugOf);
      return fc.tuple(...ids.map((id, i) => measuresFor(id, g.currencies[i]!))).map((ms) => {
        const partnerList = names.map((name, i) =>
          clean({
            id: ids[i],
            name,
            role: 'member',
            deck: i < g.deckCount ? true : undefined,
            partnerSince: g.partnerSince[i] ? { date: g.partnerSince[i], cite: CITE } : undefined,
          }),
        );
        return clean({
          bulletin: clean({
            series: 'Generated Bulletin',
            number: g.number,
            title: `${names.length} partners and their response`,
            subtitle: g.subtitle,
            authors: [clean(g.author)],
            publisher: clean({ name: 'Generated Press', url: g.publisherUrl }),
            pages: 2,
            issued: g.issued,
            locale: g.locale,
            topic: g.topic,
          }),
          sources: [clean({ id: 'main-source', title: 'The main source', author: g.sourceAuthor })],
          roles: [{ id: 'member', label: 'Member', deck: false }],
          partners: partnerList,
          aidCategories: [
            { id: 'relief', label: 'Relief' },
            { id: 'repairs', label: 'Repairs' },
          ],
          events: g.event
            ? [
                {
                  id: 'meeting',
                  date: g.event,
                  kind: 'meeting',
                  name: 'A meeting of members',
                  participants: ids.slice(0, 2),
                  cite: CITE,
                },
              ]
            : undefined,
          measures: ms.flat(),
        });
      });
    });
}
