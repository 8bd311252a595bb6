/**
 * A figure keeps its stage unless the template chooses otherwise (issue 29, build item 1):
 * `{{ m | money }}` of a measure the data calls "pledged" prints "(pledged)" beside it where its
 * sentence does not say so, and prints as written where it does ("Norway pledged …", "sent" for
 * provided). `money: stage: false` is the template's explicit choice to leave it out. Checked on
 * the rule and on what users run: the installed command building an init project.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pdfReadingText, projectArgs, tempDir } from './helpers.js';
import { placeAsides, withAside, withStage } from '../src/template/asides.js';

const BIN = path.resolve('dist/cli/bin.js');
const fig = withStage('$5 million', 'pledged');

describe('placing a stage', () => {
  it('adds the stage where the sentence does not say it', () => {
    expect(placeAsides(`Norway’s aid came to ${fig}.`)).toBe(
      'Norway’s aid came to $5 million (pledged).',
    );
    expect(placeAsides(`(Norway: ${fig})`)).toBe('(Norway: $5 million, pledged)');
  });

  it('leaves the text as written where the sentence says it, in its word or a synonym', () => {
    expect(placeAsides(`Norway pledged ${fig}.`)).toBe('Norway pledged $5 million.');
    expect(placeAsides(`Norway promised ${fig}.`)).toBe('Norway promised $5 million.');
    const sent = withStage('$2 million', 'provided');
    expect(placeAsides(`It had sent ${sent} by May.`)).toBe('It had sent $2 million by May.');
  });

  it('reads only the figure’s own sentence or clause', () => {
    expect(placeAsides(`Norway pledged $1 million. Its aid came to ${fig}.`)).toBe(
      'Norway pledged $1 million. Its aid came to $5 million (pledged).',
    );
    expect(placeAsides(`Loans, pledged; grants of ${fig}`)).toBe(
      'Loans, pledged; grants of $5 million (pledged)',
    );
    // "pledges" is another word: only the stage's own words count.
    expect(placeAsides(`Of the pledges, ${fig}.`)).toBe('Of the pledges, $5 million (pledged).');
  });

  it('joins it with the figure’s other aside', () => {
    const both = withAside(fig, 'currency not stated');
    expect(placeAsides(`Aid of ${both}.`)).toBe(
      'Aid of $5 million (pledged; currency not stated).',
    );
  });
});

/** An init project whose conclusion prints one pledged measure in the given words. */
function project(sentence: string): string {
  const dir = path.join(tempDir('bulletin-stage-'), 'proj');
  execFileSync('node', [BIN, 'init', dir]);
  const data = path.join(dir, 'data/bulletin.json');
  const d = JSON.parse(readFileSync(data, 'utf8'));
  for (const m of d.measures) if (m.id === 'alder-bay-relief') m.stage = 'pledged';
  writeFileSync(data, JSON.stringify(d, null, 2));
  writeFileSync(
    path.join(dir, 'templates/bulletin/conclusion.md.liquid'),
    `{%- assign m = measure["alder-bay-relief"] -%}\n${sentence}\n`,
  );
  return dir;
}

function build(dir: string) {
  const out = path.join(dir, 'output');
  const r = spawnSync('node', [BIN, 'build', '--only', 'pdf', ...projectArgs(dir), '--out', out], {
    encoding: 'utf8',
  });
  const pdf = r.status === 0 ? pdfReadingText(path.join(out, 'bulletin.pdf')) : '';
  return { ...r, pdf: pdf.replace(/[\s\u00a0\u202f]+/g, ' ') };
}

describe('the installed command keeps a stage the template leaves out', () => {
  it('prints "(pledged)" beside a figure whose sentence does not say it', () => {
    const r = build(project('In all, the relief fund came to {{ m | money }}.'));
    expect(r.stderr).toBe('');
    expect(r.pdf).toContain('the relief fund came to US$650,000 (pledged).');
  }, 120_000);

  it('prints the sentence as written when it says the stage', () => {
    const r = build(project('Alder Bay pledged {{ m | money }} for relief.'));
    expect(r.pdf).toContain('Alder Bay pledged US$650,000 for relief.');
    expect(r.pdf).not.toContain('(pledged)');
  }, 120_000);

  it('leaves it out only by the template’s explicit choice, stage: false', () => {
    const r = build(project('In all, the relief fund came to {{ m | money: stage: false }}.'));
    expect(r.pdf).toContain('the relief fund came to US$650,000.');
    const bad = build(project('In all, it came to {{ m | money: stage: true }}.'));
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/conclusion\.md\.liquid/);
    expect(bad.stderr).toMatch(/stage: false only/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  }, 120_000);
});
