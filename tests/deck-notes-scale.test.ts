/**
 * A deck costs the same whatever the number of partners: past eight partners the default notes
 * list the largest few and the deck's own partner, not every peer (listing all made the notes
 * grow with the square of the partners, and ~200 partners ran into the build's template
 * budget). The build-wide budget grows with the decks built, so size alone is never refused.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module without type declarations (bench/ is not compiled).
import { generateDataset } from '../bench/generate.mjs';
import { prepare } from '../src/index.js';
import { deckModels } from '../src/compose/pptx/index.js';
import { PER_DECK_LIMITS, TEMPLATE_LIMITS, templateLimits } from '../src/template/engine.js';
import { tempDir } from './helpers.js';

interface Oil {
  partner: string;
  type: string;
  quantity: { value: number; unit: string };
}
type Dataset = { measures: Oil[]; partners: { id: string; name: string }[] };

/** Each deck's energy notes by partner id, and the characters the deck templates wrote a deck. */
async function decksOf(dataset: Dataset) {
  const dir = tempDir();
  const data = path.join(dir, 'bulletin.json');
  writeFileSync(data, JSON.stringify(dataset));
  const ctx = await prepare({ data, templates: 'templates', out: path.join(dir, 'out') });
  // What the deck templates wrote: prepare renders every deck before anything is drawn, so the
  // models' own text is measured (titles, bodies, asides and notes).
  let wrote = 0;
  const energy = new Map<string, string>();
  for (const [id, deck] of deckModels(ctx)) {
    energy.set(id, deck.slides.find((s) => s.kind === 'energy')?.notes ?? '');
    wrote += JSON.stringify(deck.slides).length;
  }
  return { energy, charsPerDeck: wrote / energy.size };
}

const listedNames = (notes: string) =>
  [...notes.matchAll(/^- (.+?): [\d.,]+\s(?:million\s)?barrels\./gm)].map((m) => m[1]);

describe('deck notes past eight partners', () => {
  it('list the five largest oil releases and the deck’s own, and say so', async () => {
    const dataset = generateDataset(12) as Dataset;
    const name = new Map(dataset.partners.map((p) => [p.id, p.name]));
    const oil = dataset.measures.filter((m) => m.type === 'oil-stock-release');
    expect(oil).toHaveLength(12);
    // Largest first; ties keep the data order (the rank filter is stable).
    const top = [...oil]
      .sort((a, b) => b.quantity.value - a.quantity.value)
      .slice(0, 5)
      .map((m) => m.partner);
    const decks = await decksOf(dataset);
    expect(decks.energy.size).toBe(12);
    for (const [id, energy] of decks.energy) {
      const expected = top.includes(id) ? top : [...top, id];
      expect(listedNames(energy), id).toEqual(expected.map((p) => name.get(p)));
      expect(energy).toContain(
        `Listed: the five largest releases of the twelve partners compared${top.includes(id) ? '' : ', and this one'};`,
      );
    }
  }, 60_000);

  it('list every release, in data order and without a “Listed:” line, when eight or fewer partners have one', async () => {
    const dataset = generateDataset(12) as Dataset;
    const name = new Map(dataset.partners.map((p) => [p.id, p.name]));
    const oil = dataset.measures.filter((m) => m.type === 'oil-stock-release');
    const dropped = new Set(oil.slice(-5));
    dataset.measures = dataset.measures.filter((m) => !dropped.has(m));
    const kept = oil.filter((m) => !dropped.has(m)).map((m) => name.get(m.partner));
    expect(kept).toHaveLength(7);
    const decks = await decksOf(dataset);
    let withSlide = 0;
    for (const [id, energy] of decks.energy) {
      if (!energy) continue;
      withSlide++;
      expect(listedNames(energy), id).toEqual(kept);
      expect(energy).not.toContain('Listed:');
    }
    expect(withSlide).toBe(7);
  }, 60_000);

  it('list only the deck’s own release when the partners use different units', async () => {
    const dataset = generateDataset(12) as Dataset;
    const oil = dataset.measures.filter((m) => m.type === 'oil-stock-release');
    const odd = oil.at(-1);
    if (!odd) throw new Error('no oil release in the generated data');
    odd.quantity.unit = 'tonnes';
    const decks = await decksOf(dataset);
    for (const [id, energy] of decks.energy) {
      if (id === odd.partner) continue;
      const own = dataset.partners.find((p) => p.id === id)?.name;
      expect(listedNames(energy), id).toEqual([own]);
      expect(energy).toContain('Listed: this release alone, since the partners state theirs');
    }
  }, 60_000);

  it('write about as much per deck at 40 partners as at 12, far inside the per-deck budget', async () => {
    const perDeck = async (n: number) =>
      (await decksOf(generateDataset(n) as Dataset)).charsPerDeck;
    const [at12, at40] = [await perDeck(12), await perDeck(40)];
    // A template that lists every peer adds ~150 characters a peer: 28 more peers, ~4,000 more.
    expect(at40 / at12).toBeLessThan(1.1);
    expect(at40).toBeLessThan(PER_DECK_LIMITS.buildChars / 4);
  }, 120_000);
});

describe('the build-wide template budget', () => {
  it('is the bulletin’s alone with no decks and grows by a fixed allowance per deck', () => {
    expect(templateLimits(0)).toEqual(TEMPLATE_LIMITS);
    const at500 = templateLimits(500);
    expect(at500.buildChars).toBe(TEMPLATE_LIMITS.buildChars + 500 * PER_DECK_LIMITS.buildChars);
    expect(at500.buildMs).toBe(TEMPLATE_LIMITS.buildMs + 500 * PER_DECK_LIMITS.buildMs);
    expect(at500.renderChars).toBe(TEMPLATE_LIMITS.renderChars);
    expect(at500.renderMs).toBe(TEMPLATE_LIMITS.renderMs);
  });
});
