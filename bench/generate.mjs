/**
 * A deterministic synthetic dataset of N deck partners, for the benchmark and the scale tests.
 * The default templates cite facts of the seed dataset by id (its partners' measures, events,
 * quotes), so the seed is the base and synthetic partners are appended until N partners have
 * decks. Seeded (mulberry32), never Math.random: the same N gives the same bytes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DECK_ROLE = 'asia-pacific-partner';

/** mulberry32: a tiny seeded PRNG; good enough for varied, repeatable figures. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = [
  'ka',
  'lo',
  'ren',
  'mi',
  'sa',
  'tor',
  'vel',
  'an',
  'dre',
  'po',
  'lin',
  'ge',
  'mar',
  'ti',
  'zu',
  'ho',
  'ber',
  'nia',
  'qua',
  'sel',
];
const CATEGORIES = ['military-lethal', 'military-non-lethal', 'humanitarian', 'loan'];
const pad = (n) => String(n).padStart(2, '0');

/** A pronounceable, unique name for partner i (the index makes it unique). */
function nameOf(i, rnd) {
  const parts = 2 + Math.floor(rnd() * 2);
  let s = '';
  for (let k = 0; k < parts; k++) s += SYLLABLES[Math.floor(rnd() * SYLLABLES.length)];
  return `${s[0].toUpperCase()}${s.slice(1)} ${i}`;
}

/** The dataset with `count` deck partners (at least the seed's own). */
export function generateDataset(count, seed = 20220224) {
  const base = JSON.parse(readFileSync(path.join(ROOT, 'data/bulletin.json'), 'utf8'));
  const rnd = prng(seed);
  const have = base.partners.filter((p) => p.role === DECK_ROLE).length;
  const day = () => `2022-${pad(2 + Math.floor(rnd() * 3))}-${pad(1 + Math.floor(rnd() * 28))}`;
  for (let i = 1; i <= count - have; i++) {
    const name = nameOf(i, rnd);
    const id = `synthetic-${i}`;
    const cite = { source: `${id}-report`, locator: `¶${1 + Math.floor(rnd() * 5)}` };
    base.sources.push({
      id: `${id}-report`,
      title: `Report on ${name} and Ukraine`,
      author: `${name} Desk`,
      publisher: `${name} Ministry of Foreign Affairs`,
    });
    base.partners.push({
      id,
      name,
      adjective: name,
      role: DECK_ROLE,
      partnerSince: {
        date: String(1995 + Math.floor(rnd() * 25)),
        framework: 'partners across the globe',
        cite,
      },
    });
    base.events.push({
      id: `${id}-talks`,
      date: day(),
      kind: 'meeting',
      name: `talks between ${name} and NATO`,
      place: `${name} City`,
      organiser: 'nato',
      participants: [id, 'nato'],
      cite,
    });
    base.measures.push(
      {
        id: `${id}-sanctions`,
        type: 'sanctions',
        partner: id,
        date: `2022-${pad(2 + Math.floor(rnd() * 2))}`,
        includes: ['export controls'],
        cite,
      },
      {
        id: `${id}-aid`,
        type: 'aid',
        partner: id,
        date: day(),
        category: CATEGORIES[Math.floor(rnd() * CATEGORIES.length)],
        amount: Math.round(1 + rnd() * 400) * 1e6,
        currency: '$',
        cite,
      },
      {
        id: `${id}-humanitarian`,
        type: 'aid',
        partner: id,
        asOf: day(),
        category: 'humanitarian',
        amount: Math.round(1 + rnd() * 50) * 1e6,
        currency: '$',
        channel: 'UN agencies',
        cite,
      },
      {
        id: `${id}-oil`,
        type: 'oil-stock-release',
        partner: id,
        date: day(),
        what: 'emergency oil stocks',
        quantity: { value: Math.round(1 + rnd() * 200) * 1e5, unit: 'barrels' },
        programme: 'the International Energy Agency’s collective action',
        cite,
      },
      {
        id: `${id}-visas`,
        type: 'visas',
        partner: id,
        date: day(),
        what: 'visas for Ukrainians',
        quantity: { value: Math.round(100 + rnd() * 5000), unit: 'visas', qualifier: 'over' },
        cite,
      },
      {
        id: `${id}-support`,
        type: 'support',
        partner: id,
        date: day(),
        what: 'cyber defence support',
        cite,
      },
    );
    base.quotes.push({
      id: `${id}-quote`,
      kind: 'statement',
      speaker: 'nato',
      about: id,
      date: day(),
      text: `${name} stands with Ukraine and with its partners.`,
      cite,
    });
  }
  return base;
}

/** Writes the dataset for `count` partners to `file` and returns the path. */
export function writeDataset(count, file) {
  writeFileSync(file, `${JSON.stringify(generateDataset(count), null, 2)}\n`);
  return file;
}

// `node bench/generate.mjs 100 /tmp/data-100.json`
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const [count = '25', file = `/tmp/bulletin-${count}.json`] = process.argv.slice(2);
  console.log(writeDataset(Number(count), file));
}
