/**
 * In-kind goods a source names without a count ("life jackets", "navy ships"; issue 28,
 * item 5): the schema accepts an `in-kind` measure with no `quantity`, every template prints
 * it without inventing a number, and `verify` has nothing to trace for it. Run as users run
 * it: an init project and the Pacific fixture, built and verified by the built CLI.
 */
import { describe, expect, it } from 'vitest';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { pdfReadingText, projectArgs, tempDir } from './helpers.js';
import { Dataset } from '../src/dataset/schema.js';

const BIN = path.resolve('dist/cli/bin.js');
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ');
const bulletin = (args: string[]) => spawnSync('node', [BIN, ...args], { encoding: 'utf8' });

/** The project's data with one more measure appended. */
function addMeasure(dir: string, measure: Record<string, unknown>): void {
  const file = path.join(dir, 'data/bulletin.json');
  const data = JSON.parse(readFileSync(file, 'utf8'));
  data.measures.push({ ...measure, cite: { source: data.sources[0].id } });
  writeFileSync(file, JSON.stringify(data, null, 2));
}

function slideText(out: string, partner: string): string {
  const parts = unzipSync(readFileSync(path.join(out, 'decks', `${partner}.pptx`)));
  return plain(
    Object.keys(parts)
      .filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n))
      .map((n) => strFromU8(parts[n]!).replace(/<[^>]+>/g, ' '))
      .join(' '),
  );
}

/** Builds and verifies a project; returns the PDF's text and the output folder. */
function buildAndVerify(dir: string): { pdf: string; out: string } {
  const out = path.join(dir, 'output');
  const built = bulletin(['build', '--jobs', '1', ...projectArgs(dir), '--out', out]);
  expect(built.stderr).not.toMatch(/error/i);
  expect(built.status).toBe(0);
  const checked = bulletin(['verify', ...projectArgs(dir), '--out', out]);
  expect(checked.stderr).toBe('');
  expect(checked.status).toBe(0);
  return { pdf: plain(pdfReadingText(path.join(out, 'bulletin.pdf'))), out };
}

describe('in-kind aid without a count', () => {
  it('is valid data; visas and oil still need a quantity', () => {
    const data = JSON.parse(readFileSync('scaffold/data/bulletin.json', 'utf8'));
    const base = { id: 'x', partner: 'alder-bay', what: 'life jackets', cite: { source: 'r' } };
    data.measures = [{ ...base, type: 'in-kind' }];
    expect(Dataset.safeParse(data).success).toBe(true);
    data.measures = [{ ...base, type: 'visas' }];
    expect(Dataset.safeParse(data).success).toBe(false);
  });

  it('prints in an init project without a number, and verify passes', () => {
    const dir = path.join(tempDir('bulletin-inkind-'), 'proj');
    expect(bulletin(['init', dir]).status).toBe(0);
    addMeasure(dir, {
      id: 'birch-hollow-life-jackets',
      type: 'in-kind',
      partner: 'birch-hollow',
      date: '2025-03-21',
      what: 'life jackets',
    });
    const { pdf, out } = buildAndVerify(dir);
    expect(pdf).toMatch(/gave life jackets on March 21, 2025\./);
    expect(slideText(out, 'birch-hollow')).toMatch(/Life jackets/);
  }, 120_000);

  it('prints in the Pacific fixture without a number, and verify passes', () => {
    const dir = tempDir('bulletin-inkind-pacific-');
    cpSync('tests/fixtures/pacific', dir, { recursive: true });
    addMeasure(dir, {
      id: 'samoa-navy',
      type: 'in-kind',
      partner: 'samoa',
      date: '2025-03-20',
      what: 'navy ships',
    });
    const { pdf, out } = buildAndVerify(dir);
    expect(pdf).toMatch(/It sent navy ships on March 20, 2025\./);
    expect(slideText(out, 'samoa')).toMatch(/Navy ships/);
  }, 120_000);
});
