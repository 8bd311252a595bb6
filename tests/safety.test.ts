/** Confinement, locks, limits, no network, and how bugs are reported. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import {
  openSync,
  closeSync,
  ftruncateSync,
  readFileSync,
  writeFileSync,
  existsSync,
  readdirSync,
} from 'node:fs';
import path from 'node:path';
import { confinedPath } from '../src/output/write.js';
import { lockOutput, LOCK_FILE } from '../src/output/lock.js';
import { InputError } from '../src/errors.js';
import { reportError } from '../src/cli/report.js';
import { pdfRenderer } from '../src/compose/pdf/index.js';
import { cli, dataWith, tempDir } from './helpers.js';

afterEach(() => vi.restoreAllMocks());

describe('every path written stays inside --out', () => {
  it.each(['../x.pdf', '/etc/passwd', 'decks/../../x', 'a\0b', 'decks//x', ''])(
    'refuses %j',
    (rel) => {
      expect(() => confinedPath('/tmp/out', rel)).toThrow(InputError);
    },
  );
  it('accepts plain relative paths', () => {
    expect(confinedPath('/tmp/out', 'decks/japan.pptx')).toBe('/tmp/out/decks/japan.pptx');
  });
  it('ids are slugs and not device names', async () => {
    for (const id of ['../x', 'a/b', 'CON', 'con', 'lpt1', 'x'.repeat(65)]) {
      const file = dataWith([['"id": "singapore", "name"', `"id": ${JSON.stringify(id)}, "name"`]]);
      const r = await cli(['validate', '--data', file]);
      expect(r.code, id).toBe(1);
      expect(r.err).toMatch(/partners\[4\]\.id: /);
    }
  });
});

describe('one build at a time per output folder', () => {
  it("a second lock is refused with a clear message; a dead holder's lock is taken over", async () => {
    const out = tempDir();
    const lock = await lockOutput(out);
    await expect(lockOutput(out)).rejects.toThrow(InputError);
    await lock.release();
    writeFileSync(path.join(out, LOCK_FILE), '999999');
    writeFileSync(path.join(out, '.bulletin.pdf.999999.1.tmp'), 'half a file');
    const again = await lockOutput(out);
    expect(existsSync(path.join(out, '.bulletin.pdf.999999.1.tmp'))).toBe(false);
    await again.release();
    expect(existsSync(path.join(out, LOCK_FILE))).toBe(false);
  });
  it('a build refuses a folder whose lock a live process holds, and leaves the folder alone', async () => {
    const out = tempDir();
    writeFileSync(path.join(out, 'keep.txt'), 'earlier output');
    // The test runner itself is the live holder.
    writeFileSync(path.join(out, LOCK_FILE), String(process.pid));
    const r = await cli(['build', '--out', out, '--only', 'pdf', '--force']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      new RegExp(`another build \\(process ${process.pid}\\) is writing to this output folder`),
    );
    expect(readdirSync(out).sort()).toEqual([LOCK_FILE, 'keep.txt']);
    expect(readFileSync(path.join(out, LOCK_FILE), 'utf8')).toBe(String(process.pid));
  });
  it('two builds at once into one folder both end well or one says another build is running', async () => {
    const out = tempDir();
    const runOne = () =>
      new Promise<{ code: number; err: string }>((resolve) => {
        const p = spawn(process.execPath, ['dist/cli/bin.js', 'build', '--force', '--out', out], {
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        let err = '';
        p.stderr.on('data', (d: Buffer) => (err += d.toString()));
        p.on('close', (code) => resolve({ code: code ?? -1, err }));
      });
    const results = await Promise.all([runOne(), runOne()]);
    for (const r of results) {
      if (r.code !== 0)
        expect(r.err).toMatch(/another build \(process \d+\) is writing to this output folder/);
    }
    expect(results.some((r) => r.code === 0)).toBe(true);
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    // The PDF, the web edition, 15 chart SVGs and 4 decks (chart PNGs only with --only charts).
    expect(manifest.artifacts.length).toBeGreaterThanOrEqual(21);
  }, 120_000);
});

describe('limits and the network', () => {
  it('refuses a data file over the size limit before reading it', async () => {
    const file = path.join(tempDir(), 'huge.json');
    const fd = openSync(file, 'w');
    ftruncateSync(fd, 200 * 1024 * 1024);
    closeSync(fd);
    const r = await cli(['validate', '--data', file]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/huge\.json: data file is 200\.0 MB, over the 20 MB limit/);
  });
  /**
   * A preload that makes every way out (sockets, TLS, HTTP, DNS, fetch) throw and writes each
   * attempt to a log first, so a build that catches the error and carries on is still seen.
   * Worker threads inherit --import, so the pool's workers are guarded too.
   */
  function networkGuard(): { guard: string; log: string } {
    const dir = tempDir();
    const log = path.join(dir, 'attempts.log');
    const guard = path.join(dir, 'no-network.mjs');
    writeFileSync(
      guard,
      `import { appendFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net'; import tls from 'node:tls'; import dns from 'node:dns';
import http from 'node:http'; import https from 'node:https';
const refuse = (what) => function () {
  appendFileSync(${JSON.stringify(log)}, what + '\\n');
  throw new Error('network access during a build: ' + what);
};
net.Socket.prototype.connect = refuse('socket.connect');
for (const [m, name] of [[net, 'net'], [tls, 'tls'], [http, 'http'], [https, 'https']])
  for (const f of ['connect', 'createConnection', 'request', 'get'])
    if (typeof m[f] === 'function') m[f] = refuse(name + '.' + f);
for (const f of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny'])
  { dns[f] = refuse('dns.' + f); dns.promises[f] = refuse('dns.promises.' + f); }
globalThis.fetch = refuse('fetch');
syncBuiltinESMExports();\n`,
    );
    return { guard, log };
  }

  it('the network guard sees a call even when the caller swallows the error', () => {
    const { guard, log } = networkGuard();
    execFileSync(
      process.execPath,
      [
        '--import',
        guard,
        '--input-type=module',
        '-e',
        "import { connect } from 'node:net'; import dns from 'node:dns';" +
          "try { connect(80, 'example.org'); } catch {} try { dns.lookup('example.org', () => {}); } catch {}",
      ],
      { stdio: 'pipe' },
    );
    expect(readFileSync(log, 'utf8')).toBe('net.connect\ndns.lookup\n');
  });

  it('a full build (workers too) opens no socket and makes no DNS lookup', () => {
    const { guard, log } = networkGuard();
    const out = tempDir();
    execFileSync(
      process.execPath,
      ['--import', guard, 'dist/cli/bin.js', 'build', '--out', out, '--jobs', '2'],
      { stdio: 'pipe' },
    );
    expect(existsSync(log) ? readFileSync(log, 'utf8') : '').toBe('');
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(manifest.artifacts.length).toBeGreaterThan(20);
  }, 120_000);
});

describe('a bug is reported as a bug', () => {
  const capture = () => {
    const lines: string[] = [];
    return {
      lines,
      io: { out: (t: string) => lines.push(t), err: (t: string) => lines.push(t), env: {} },
    };
  };
  it('one line that says so and where to report it; the stack only with --debug; exit 2', () => {
    const plain = capture();
    expect(reportError(new TypeError('x is undefined'), plain.io, false, false)).toBe(2);
    expect(plain.lines.join('\n')).toMatch(
      /^bulletin: internal error \(a bug in bulletin, not in your files\): x is undefined\nPlease report it at .* rerun with --debug for the stack\.$/,
    );
    const debug = capture();
    reportError(new TypeError('x is undefined'), debug.io, false, true);
    expect(debug.lines.join('\n')).toMatch(/TypeError: x is undefined\n\s+at /);
  });
  it('from the CLI: a renderer that crashes gives exit 2 and no stack', async () => {
    vi.spyOn(pdfRenderer, 'render').mockRejectedValue(
      new TypeError('cannot read properties of undefined'),
    );
    const r = await cli(['build', '--out', tempDir(), '--only', 'pdf', '--force']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/internal error \(a bug in bulletin/);
    expect(r.err).not.toMatch(/\n\s+at /);
    const j = await cli(['build', '--out', tempDir(), '--only', 'pdf', '--json']);
    expect(JSON.parse(j.out)).toMatchObject({ ok: false, code: 'E_INTERNAL' });
  });
});
