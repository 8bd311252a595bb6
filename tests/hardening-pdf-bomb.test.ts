/**
 * A PDF whose embedded sources JSON inflates to 1 GiB (issue 31, item 9), given to `diff` and
 * `verify` through the built CLI: each must refuse it with exit 1 and a message naming the
 * file, and peak under 400 MB (pdf.js, which inflates a stream whole, took 3.3 GB). Set
 * BULLETIN_BIN to run another build of the CLI and see this fail on code without the fix.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { tempDir } from './helpers.js';
import { pdfWithAttachment, spacesBomb } from './pdf-bomb.js';

const BIN = process.env.BULLETIN_BIN ?? 'dist/cli/bin.js';
const MiB = 1024 * 1024;

/** Runs the CLI under GNU time: exit code, stderr without time's line, peak RSS in MB. */
function measured(args: string[]) {
  const r = spawnSync('/usr/bin/time', ['-f', '%M', 'node', BIN, ...args], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  const lines = r.stderr.trim().split('\n');
  return {
    code: r.status,
    err: lines.slice(0, -1).join('\n'),
    peakMb: Number(lines.at(-1)) / 1024,
  };
}

let built: string;
let bombed: string;
beforeAll(() => {
  built = tempDir('h4-built-');
  const r = spawnSync('node', [BIN, 'build', '--only', 'pdf', '--out', built], {
    encoding: 'utf8',
  });
  expect(r.status, r.stderr).toBe(0);
  bombed = tempDir('h4-bomb-');
  cpSync(built, bombed, { recursive: true });
  const pdf = pdfWithAttachment(spacesBomb(1024));
  writeFileSync(path.join(bombed, 'bulletin.pdf'), pdf);
  // Listed with its own hash and size, so only the stream check can stop it.
  const file = path.join(bombed, 'manifest.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8'));
  const entry = manifest.artifacts.find((a: { path: string }) => a.path === 'bulletin.pdf');
  entry.sha256 = createHash('sha256').update(pdf).digest('hex');
  entry.bytes = pdf.length;
  writeFileSync(file, JSON.stringify(manifest, null, 2));
}, 120_000);

describe('a PDF whose attachment inflates to 1 GiB', () => {
  it('the bomb is what it claims: about 1 MB, and 1 GiB of spaces inflated', () => {
    const pdf = readFileSync(path.join(bombed, 'bulletin.pdf'));
    expect(pdf.length).toBeLessThan(1.5 * MiB);
    // The first chunks inflate to spaces (counting the whole would need the 1 GiB).
    const small = spacesBomb(3);
    expect(inflateSync(small).equals(Buffer.alloc(3 * MiB, 32))).toBe(true);
  });

  for (const command of ['diff', 'verify'] as const) {
    it(`${command}: exit 1 naming the file and the cap, under 400 MB at peak`, () => {
      const args = command === 'diff' ? ['diff', built, bombed] : ['verify', '--out', bombed];
      const r = measured(args);
      expect(r.code, r.err).toBe(1);
      expect(r.err).toContain(path.join(bombed, 'bulletin.pdf'));
      expect(r.err).toMatch(/embedded stream at byte \d+ inflates past 64 MiB/);
      expect(r.err).not.toMatch(/\n\s+at /);
      expect(r.peakMb, 'peak MB').toBeLessThan(400);
    }, 150_000);
  }

  it('a PDF bulletin wrote still passes verify (the check refuses no real stream)', () => {
    const r = spawnSync('node', [BIN, 'verify', '--out', built], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
  }, 120_000);
});
