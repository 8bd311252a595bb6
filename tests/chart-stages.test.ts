/**
 * A chart never compares a pledge with money provided as like with like (issue 28, gcf
 * fixture): where amounts of different stages share a currency's panel, each bar is labelled
 * with its stage and a partner's pledge and provided money are two bars, never one sum. Driven
 * by the data's `stage`, and by the spec's `"stages": "summed"` for a chart that says it sums.
 */
import { describe, expect, it } from 'vitest';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { projectArgs, tempDir } from './helpers.js';

const BIN = path.resolve('dist/cli/bin.js');
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

/** The web edition's chart table rows ("label: value") of the gcf fixture, `edit`ed first. */
function tableRows(edit: (dir: string) => void = () => {}): string[] {
  const dir = tempDir('bulletin-stages-');
  cpSync('tests/fixtures/gcf', dir, { recursive: true });
  edit(dir);
  const out = path.join(dir, 'output');
  const built = spawnSync(
    'node',
    [BIN, 'build', '--jobs', '1', '--only', 'html', ...projectArgs(dir), '--out', out],
    { encoding: 'utf8' },
  );
  expect(built.status).toBe(0);
  const html = plain(readFileSync(path.join(out, 'bulletin.html'), 'utf8'));
  return [...html.matchAll(/<th scope="row">([^<]*)<\/th><td>([^<]*)<\/td>/g)].map(
    (m) => `${m[1]}: ${m[2]}`,
  );
}

function editJson(file: string, change: (j: Record<string, any>) => void): void {
  const j = JSON.parse(readFileSync(file, 'utf8'));
  change(j);
  writeFileSync(file, JSON.stringify(j, null, 2));
}

describe('aid of different stages on one chart', () => {
  it('labels the stage only in a panel that mixes stages', () => {
    const rows = tableRows();
    expect(rows).toContain('United States – provided: $2 billion');
    expect(rows).toContain('Norway – pledged: $300 million');
    // Every euro amount is a pledge: nothing to tell apart there.
    expect(rows).toContain('Germany: €2 billion');
    expect(rows).toContain('United States: US$3 billion');
  });

  it('gives a partner’s pledge and its money provided a bar each, never their sum', () => {
    const rows = tableRows((dir) =>
      editJson(path.join(dir, 'data/bulletin.json'), (d) => {
        for (const m of d.measures) if (m.id === 'us-earlier') m.currency = 'USD';
      }),
    );
    expect(rows).toContain('United States – provided: US$2 billion');
    expect(rows).toContain('United States – pledged: US$3 billion');
    expect(rows.join('\n')).not.toMatch(/US\$5 billion/);
  });

  it('sums them when the chart spec says it does ("stages": "summed")', () => {
    const rows = tableRows((dir) => {
      editJson(path.join(dir, 'data/bulletin.json'), (d) => {
        for (const m of d.measures) if (m.id === 'us-earlier') m.currency = 'USD';
      });
      editJson(path.join(dir, 'templates/charts/charts.json'), (c) => {
        for (const s of c.charts)
          if (s.kind === 'bar' || s.kind === 'partner-compare') s.stages = 'summed';
      });
    });
    expect(rows).toContain('United States: US$5 billion');
  });
});
