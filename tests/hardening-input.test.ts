/**
 * Odd inputs: devices, FIFOs and huge files where a file is expected, a poisoned manifest or
 * cache in the output folder, and data that would drive the terminal. Each must end quickly
 * with exit 1 and a clear message, or with a rebuild — never a hang, a huge read or a stale
 * "up to date".
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, cpSync, ftruncateSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cli, dataWith, tempDir } from './helpers.js';

const DECKS = ['--only', 'decks', '--jobs', '1'];
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

describe('only regular files are read, size-capped before reading', () => {
  it('--data /dev/zero is refused at once', async () => {
    const r = await cli(['build', '--data', '/dev/zero', '--out', tempDir()]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /\/dev\/zero: data file is not a regular file \(a device, FIFO or socket\)/,
    );
  }, 10_000);

  it('a FIFO as --data is refused, not waited on', async () => {
    const fifo = path.join(tempDir(), 'data.json');
    execFileSync('mkfifo', [fifo]);
    const r = await cli(['validate', '--data', fifo]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${fifo}: data file is not a regular file`);
  }, 10_000);

  // A FIFO there is now refused by name (tests/templates-fifo.test.ts), no longer skipped.
  it('1.5 GB junk in templates/: the junk refused unread', async () => {
    const templates = path.join(tempDir(), 'templates');
    cpSync('templates', templates, { recursive: true });
    const junk = openSync(path.join(templates, 'junk.bin'), 'w');
    ftruncateSync(junk, 1.5 * 1024 ** 3);
    closeSync(junk);
    const big = openSync(path.join(templates, 'deck', 'huge.liquid'), 'w');
    ftruncateSync(big, 1.5 * 1024 ** 3);
    closeSync(big);
    const before = process.memoryUsage().rss;
    const r = await cli(['build', ...DECKS, '--templates', templates, '--out', tempDir()]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      `${path.join(templates, 'deck', 'huge.liquid')}: template is 1536.0 MB`,
    );
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 ** 2);
  }, 30_000);
});

describe('the manifest and the cache are input, not trusted', () => {
  let out: string;
  beforeAll(async () => {
    out = tempDir('bulletin-poison-');
    const r = await cli(['build', ...DECKS, '--out', out]);
    expect(r.code, r.err).toBe(0);
  }, 120_000);

  const withManifest = (edit: (m: { artifacts: Record<string, unknown>[] }) => void) => {
    const dir = tempDir('bulletin-poison-');
    cpSync(out, dir, { recursive: true });
    const file = path.join(dir, 'manifest.json');
    const m = JSON.parse(readFileSync(file, 'utf8'));
    edit(m);
    writeFileSync(file, JSON.stringify(m));
    return dir;
  };

  it.each([
    ['a path out of the folder to /dev/zero', '../../../../dev/zero'],
    ['an absolute path', '/dev/zero'],
    ['a path through ..', 'decks/../../../etc/passwd'],
  ])(
    'an entry with %s is never read: the manifest counts as absent',
    async (_what, bad) => {
      const dir = withManifest((m) =>
        m.artifacts.push({ path: bad, kind: 'pdf', bytes: 11e9, sha256: 'a'.repeat(64) }),
      );
      const r = await cli(['build', ...DECKS, '--check', '--out', dir]);
      expect(r.code, r.err).toBe(3);
    },
    30_000,
  );

  it('a listed file that became a device is not read (/dev/zero linked in place of a deck)', async () => {
    const dir = withManifest(() => undefined);
    execFileSync('ln', ['-sf', '/dev/zero', path.join(dir, 'decks', 'japan.pptx')]);
    const r = await cli(['build', ...DECKS, '--check', '--out', dir]);
    expect(r.code, r.err).toBe(3);
    expect(r.err).toContain('decks/japan.pptx');
  }, 30_000);

  it("a cache paired with another build's manifest does not pass stale output as up to date", async () => {
    const otherData = dataWith([['"amount": 30000000,', '"amount": 31000000,']]);
    const other = tempDir('bulletin-other-');
    expect((await cli(['build', ...DECKS, '--out', other, '--data', otherData])).code).toBe(0);
    const dir = tempDir('bulletin-poison-');
    cpSync(out, dir, { recursive: true });
    // The other build's outputs and manifest, with this folder's cache pointed at that manifest.
    cpSync(path.join(other, 'decks'), path.join(dir, 'decks'), { recursive: true });
    const manifest = readFileSync(path.join(other, 'manifest.json'));
    writeFileSync(path.join(dir, 'manifest.json'), manifest);
    const cacheFile = path.join(dir, '.bulletin-cache.json');
    const cache = JSON.parse(readFileSync(cacheFile, 'utf8'));
    writeFileSync(cacheFile, JSON.stringify({ ...cache, manifestSha: sha(manifest) }));
    const r = await cli(['build', ...DECKS, '--check', '--out', dir]);
    expect(r.code, r.err).toBe(3);
  }, 120_000);

  it('a cache that is not one bulletin writes is ignored', async () => {
    const dir = tempDir('bulletin-poison-');
    cpSync(out, dir, { recursive: true });
    const cacheFile = path.join(dir, '.bulletin-cache.json');
    const cache = JSON.parse(readFileSync(cacheFile, 'utf8'));
    writeFileSync(cacheFile, JSON.stringify({ ...cache, paths: ['../../etc/passwd'] }));
    writeFileSync(path.join(dir, 'decks', 'japan.pptx'), 'edited');
    const r = await cli(['build', ...DECKS, '--check', '--out', dir]);
    expect(r.code).toBe(3);
  }, 30_000);
});

describe('messages never carry raw control characters from the input', () => {
  it('an escape sequence in --partner is shown escaped', async () => {
    const r = await cli(['validate', '--data', 'data/bulletin.json']);
    expect(r.code).toBe(0);
    const b = await cli(['build', '--partner', 'ja\u001b[2J\u0007', '--out', tempDir()]);
    expect(b.code).toBe(1);
    expect(b.err).toContain('unknown partner "ja\\u001b[2J\\u0007"');
    // No raw control character (the regex names them by escape, so no lint rule trips on it).
    expect(b.err).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  }, 30_000);
});

describe('--paper the same as the theme', () => {
  it('is no change: --check after a build with the theme paper (LETTER) says up to date', async () => {
    const out = tempDir('bulletin-paper-');
    expect((await cli(['build', '--only', 'pdf', '--jobs', '1', '--out', out])).code).toBe(0);
    const r = await cli(['build', '--only', 'pdf', '--paper', 'letter', '--check', '--out', out]);
    expect(r.code, r.err).toBe(0);
    const a4 = await cli(['build', '--only', 'pdf', '--paper', 'a4', '--check', '--out', out]);
    expect(a4.code).toBe(3);
  }, 120_000);
});
