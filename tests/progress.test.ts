/** Progress: plain lines without escape codes off a terminal, one redrawn line on a terminal, nothing with --quiet; a summary table at the end. */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { run } from '../src/cli/run.js';
import { cli, seedText, tempDir } from './helpers.js';

async function build(args: string[], tty: boolean) {
  let out = '';
  let raw = '';
  let err = '';
  const code = await run(
    [
      'build',
      '--only',
      'pdf',
      '--only',
      'decks',
      '--partner',
      'japan',
      '--out',
      tempDir(),
      ...args,
    ],
    {
      out: (t) => (out += `${t}\n`),
      err: (t) => (err += `${t}\n`),
      env: {},
      isTTY: tty,
      write: (t) => (raw += t),
    },
  );
  return { code, out, raw, err };
}

describe('build progress and summary', () => {
  it('prints one plain line per artifact and a summary table when not a terminal', async () => {
    const r = await build([], false);
    expect(r.code).toBe(0);
    expect(r.out).not.toMatch(/\x1b/);
    expect(r.raw).toBe('');
    expect(r.out).toMatch(/^\[pdf 1\/1\] bulletin\.pdf \([\d.]+ s\)$/m);
    expect(r.out).toMatch(/^\[decks 1\/1\] decks\/\S+\.pptx \([\d.]+ s\)$/m);
    expect(r.out).toMatch(/^ {2}artifact +pages\/slides +size +time$/m);
    expect(r.out).toMatch(/^ {2}bulletin\.pdf +2 pages +[\d.]+ KB +[\d.]+ s$/m);
    expect(r.out).toMatch(/^ {2}decks\/\S+\.pptx +\d+ slides +[\d.]+ KB +[\d.]+ s$/m);
  }, 60_000);

  it('redraws one status line on a terminal and clears it before the summary', async () => {
    const r = await build([], true);
    expect(r.raw).toMatch(/\r\x1b\[K\[pdf 1\/1\] rendering bulletin/);
    expect(r.raw.endsWith('\r\x1b[K')).toBe(true);
    expect(r.out).not.toMatch(/\x1b|\[pdf 1\/1\]/);
    expect(r.out).toMatch(/artifact +pages\/slides/);
  }, 60_000);

  it('--quiet prints no progress and no table', async () => {
    const r = await build(['--quiet'], true);
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    expect(r.raw).toBe('');
  }, 60_000);

  it('counts once per format across workers: 1/N … N/N, never restarting', async () => {
    // Workers run only from the compiled CLI (npm test compiles first), so run that.
    const out = execFileSync(
      process.execPath,
      ['dist/cli/bin.js', 'build', '--only', 'charts', '--out', tempDir(), '--jobs', '2'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    );
    const lines = [...out.matchAll(/^\[charts (\d+)\/(\d+)\] /gm)];
    const total = Number(lines[0]![2]);
    expect(lines.map((m) => Number(m[1]))).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(new Set(lines.map((m) => m[2]))).toEqual(new Set([String(total)]));
    expect(total).toBeGreaterThan(10);
  }, 120_000);

  it('--json lists the summarised partners', async () => {
    const r = await cli(['build', '--only', 'pdf', '--out', tempDir(), '--json']);
    expect(r.code, r.err).toBe(0);
    const doc = JSON.parse(r.out) as { summarised?: unknown };
    expect(Array.isArray(doc.summarised)).toBe(true);
    const ids = (JSON.parse(seedText()) as { partners: { id: string }[] }).partners.map(
      (p) => p.id,
    );
    for (const id of doc.summarised as string[]) expect(ids).toContain(id);
  }, 120_000);
});
