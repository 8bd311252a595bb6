/** bulletin init: a new project with its own sample data and the house templates, which builds at once. */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { cli, seedText, tempDir } from './helpers.js';

describe('bulletin init', () => {
  it('creates a project with data, schema, theme, deck, charts and only the generic partner template', async () => {
    const dir = path.join(tempDir(), 'new-bulletin');
    const made = await cli(['init', dir]);
    expect(made.code, made.err).toBe(0);
    expect(made.out).toMatch(/Created a bulletin project in .*new-bulletin/);
    for (const f of [
      'README.md',
      'data/bulletin.json',
      'data/bulletin.schema.json',
      'templates/theme/theme.json',
      'templates/deck/deck.json',
      'templates/charts/charts.json',
      'templates/bulletin/partners/_default.md.liquid',
    ]) {
      expect(existsSync(path.join(dir, f)), f).toBe(true);
    }
    // Only the generic partner template: the house ones write about the house partners.
    expect(readdirSync(path.join(dir, 'templates/bulletin/partners'))).toEqual([
      '_default.md.liquid',
    ]);
    // Building it is checked by tests/readme.test.ts, through the README's own command line.
  }, 90_000);

  it('writes its own sample data, not a copy of the seed', () => {
    const sample = readFileSync('scaffold/data/bulletin.json', 'utf8');
    const seed = JSON.parse(seedText());
    expect(sample).not.toBe(seedText());
    const names = [...seed.partners, ...seed.people, ...seed.actors]
      .flatMap((p: { id: string; name: string }) => [p.id, p.name])
      .filter((n: string) => n.length > 3);
    for (const n of names) expect(sample.includes(n), n).toBe(false);
    expect(JSON.parse(sample).partners.length).toBeGreaterThanOrEqual(2);
  });

  it('refuses a folder that already has files, and changes nothing in it', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'data'));
    writeFileSync(path.join(dir, 'data', 'mine.json'), '{}');
    const r = await cli(['init', dir]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/not empty/);
    expect(readdirSync(dir)).toEqual(['data']);
  });
});
