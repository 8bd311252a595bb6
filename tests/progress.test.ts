/** Progress: plain lines without escape codes off a terminal, one redrawn line on a terminal, nothing with --quiet; a summary table at the end. */
import { describe, expect, it } from 'vitest';
import { run } from '../src/cli/run.js';
import { tempDir } from './helpers.js';

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
});
