/**
 * The shape of the code that neither the compiler nor Biome checks: lines fit the 100-column
 * width the formatter keeps (it cannot break a long string or comment), files stay small, and
 * the README's architecture table names files that exist. Cheap: reads src/ as text.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const WIDTH = 100;
const MAX_FILE_LINES = 300;
// Temporary, as in biome.jsonc: the deck code is being reworked (issue 14).
const EXEMPT_DIRS = ['src/compose/pptx/'];
/** Long lines not yet split, per file; the count may only go down (lower it when it does). */
const BASELINE_FILE = 'tests/long-lines.json';

function sourceFiles(dir = 'src'): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => {
      const p = `${dir}/${e.name}`;
      if (e.isDirectory()) return sourceFiles(p);
      return e.name.endsWith('.ts') ? [p] : [];
    })
    .filter((f) => !EXEMPT_DIRS.some((d) => f.startsWith(d)))
    .sort();
}

/**
 * Lines over the width that may stay: one holding a URL (it cannot be broken), or one right
 * under a comment that says why (`// long line: <reason>`).
 */
function longLines(file: string): string[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  return lines.filter(
    (l, i) =>
      l.length > WIDTH && !/https?:\/\//.test(l) && !/\/\/ long line: \S/.test(lines[i - 1] ?? ''),
  );
}

describe('code shape', () => {
  it(`keeps lines within ${WIDTH} columns (no file gains a long line)`, () => {
    const baseline: Record<string, number> = JSON.parse(readFileSync(BASELINE_FILE, 'utf8'));
    const counts = Object.fromEntries(
      sourceFiles()
        .map((f) => [f, longLines(f).length] as const)
        .filter(([, n]) => n > 0),
    );
    const grown = Object.entries(counts).filter(([f, n]) => n > (baseline[f] ?? 0));
    expect(
      grown.map(([f, n]) => `${f}: ${n} lines over ${WIDTH} columns (${baseline[f] ?? 0} allowed)`),
      'split the string or rewrap the comment; a line that cannot be split goes under ' +
        '"// long line: <reason>"',
    ).toEqual([]);
    // A file that lost long lines lowers its allowance, so the count cannot creep back.
    expect(counts, `update ${BASELINE_FILE} to the counts now found`).toEqual(baseline);
  });

  it(`keeps files under ${MAX_FILE_LINES} lines`, () => {
    const big = sourceFiles()
      .map((f) => [f, readFileSync(f, 'utf8').split('\n').length - 1] as const)
      .filter(([, n]) => n > MAX_FILE_LINES)
      .map(([f, n]) => `${f}: ${n} lines`);
    expect(big, 'split the file at a natural seam (one concern per file)').toEqual([]);
  });

  it('names only files that exist in the README architecture table', () => {
    const readme = readFileSync('README.md', 'utf8');
    const section = readme.split('## Architecture: where a change goes')[1]?.split('\n## ')[0];
    expect(section, 'the README has its architecture section').toBeDefined();
    const rows = (section ?? '').split('\n').filter((l) => /^\| `/.test(l));
    expect(rows.length).toBeGreaterThan(5);
    const missing: string[] = [];
    let named = 0;
    for (const row of rows) {
      const stage = /^\| `([^`]+)`/.exec(row)?.[1] ?? '';
      const dir = stage.endsWith('/') ? stage : '';
      for (const [, name] of row.matchAll(/`([\w./-]+(?:\.ts|\/))`/g)) {
        if (!name) continue;
        named++;
        const candidates = [path.join('src', dir, name), path.join('src', name)];
        if (!candidates.some((c) => existsSync(c))) missing.push(`${name} (row ${stage})`);
      }
    }
    expect(named).toBeGreaterThan(20);
    expect(missing).toEqual([]);
  });
});
