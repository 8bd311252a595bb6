/**
 * A bulletin's own templates on another dataset (issue 28, item 6): refused before anything
 * renders, with every fact they name by id that the data lacks listed at once — never printed
 * as sentences written for another bulletin, never one missing id per build.
 */
import { describe, expect, it } from 'vitest';
import { cpSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { cli, projectArgs, tempDir } from './helpers.js';
import { missingTemplateNeeds } from '../src/model/template-needs.js';
import { Dataset } from '../src/dataset/schema.js';
import { readFileSync } from 'node:fs';

const seed = Dataset.parse(JSON.parse(readFileSync('data/bulletin.json', 'utf8')));

describe('templates that name facts the data does not have', () => {
  it('the seed templates on the Pacific data: exit 1, every missing fact listed, nothing written', async () => {
    const dir = tempDir('bulletin-needs-');
    cpSync('tests/fixtures/pacific/data', path.join(dir, 'data'), { recursive: true });
    cpSync('templates', path.join(dir, 'templates'), { recursive: true });
    const out = path.join(dir, 'output');
    const r = await cli(['build', ...projectArgs(dir), '--out', out]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/written for another dataset/);
    expect(r.err).toContain('`bulletin init`');
    // All at once: ids from the body, the key figures and a partner's own section.
    for (const id of [
      'event["foreign-ministers-brussels-2022"]',
      'quote["nato-cooperation-areas"]',
      'measure["japan-loans"]',
      'measure["australia-military"]',
    ])
      expect(r.err).toContain(id);
    expect(r.err).toMatch(/body\.md\.liquid:\d+:\d+: /);
    expect(r.err).not.toMatch(/define it in the data|at Object|\n\s+at /);
    expect(existsSync(out)).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes the seed, skips a tested lookup and the sections of partners not in the data', () => {
    const files = {
      'bulletin/body.md.liquid':
        '{% if measure["later"] %}{{ measure["later"].amount }}{% endif %}',
      'bulletin/partners/fiji.md.liquid': '{{ measure["fiji-aid"] | money }}',
      'bulletin/partners/japan.md.liquid': '{{ measure["japan-loans"] | money }}',
    };
    expect(missingTemplateNeeds(seed, files, 'templates')).toEqual([]);
    const broken = { 'bulletin/partners/japan.md.liquid': 'A\n  {{ event["no-such"].name }}' };
    expect(missingTemplateNeeds(seed, broken, 'templates')).toEqual([
      {
        file: 'templates/bulletin/partners/japan.md.liquid',
        line: 2,
        column: 6,
        path: 'event["no-such"]',
        message: 'needs the event "no-such" (events in the data), which the data does not have',
      },
    ]);
  });
});
