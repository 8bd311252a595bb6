/**
 * Output folders someone else made, given to `diff`, `verify` and `merge-manifests` (issue 31),
 * and output paths that cannot be written: each through the built CLI. A link must not carry
 * a local file into a report or a message, a file must be what the manifest says, manifest
 * entries must be plain paths to files that exist, oversized images are refused before they
 * are decoded, and --out under /proc fails at once. Set BULLETIN_BIN to run another build of
 * the CLI (e.g. /work/main/dist/cli/bin.js) and see these fail on code without the fixes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { tempDir } from './helpers.js';

const BIN = process.env.BULLETIN_BIN ?? 'dist/cli/bin.js';

function bulletin(args: string[], timeout = 60_000) {
  const t0 = performance.now();
  const r = spawnSync('node', [BIN, ...args], { encoding: 'utf8', timeout, killSignal: 'SIGKILL' });
  return { code: r.status, out: r.stdout, err: r.stderr, ms: performance.now() - t0 };
}

const noStack = (err: string) => expect(err).not.toMatch(/\n\s+at /);

let built: string;
beforeAll(() => {
  built = tempDir('h3-built-');
  const r = bulletin(['build', '--out', built], 180_000);
  expect(r.code, r.err).toBe(0);
}, 200_000);

const copy = () => {
  const dir = tempDir('h3-copy-');
  cpSync(built, dir, { recursive: true });
  return dir;
};

/** A PNG of any stated size: a valid header and one tiny compressed row, a few dozen bytes. */
function pngOfSize(w: number, h: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    return Buffer.concat([len, Buffer.from(type), data, Buffer.alloc(4)]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(1 + 4 * 8))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const SMALL_PNG = pngOfSize(4, 4);

describe('diff on folders with links and bombs', () => {
  it('--report: a preview linked to /etc/passwd is refused, never copied into the report', () => {
    const [a, b] = [copy(), copy()];
    for (const d of [a, b]) mkdirSync(path.join(d, 'preview'));
    writeFileSync(path.join(a, 'preview/bulletin-page-1.png'), SMALL_PNG);
    writeFileSync(path.join(b, 'preview/bulletin-page-1.png'), SMALL_PNG);
    symlinkSync('/etc/passwd', path.join(b, 'preview/leak.png'));
    const report = path.join(tempDir('h3-report-'), 'report');
    const r = bulletin(['diff', a, b, '--report', report]);
    expect(r.code, r.err).toBe(1);
    expect(r.err).toContain(
      `${path.join(b, 'preview/leak.png')}: preview image is a symbolic link`,
    );
    noStack(r.err);
    const passwd = readFileSync('/etc/passwd');
    const files = existsSync(report) ? readdirSync(report, { recursive: true }) : [];
    for (const f of files.map(String)) {
      const full = path.join(report, f);
      if (statSync(full).isFile())
        expect(readFileSync(full).includes(passwd.subarray(0, 16))).toBe(false);
    }
  });

  it('a preview present on one side only that is not a PNG is refused, not copied', () => {
    const [a, b] = [copy(), copy()];
    mkdirSync(path.join(b, 'preview'));
    writeFileSync(path.join(b, 'preview/deck-japan-slide-01.png'), 'not a picture');
    const report = path.join(tempDir('h3-report-'), 'report');
    const r = bulletin(['diff', a, b, '--report', report]);
    expect(r.code, r.err).toBe(1);
    expect(r.err).toContain('deck-japan-slide-01.png: is not a PNG');
  });

  it('two 50000 × 50000 previews are refused from their headers, not decoded', () => {
    const [a, b] = [copy(), copy()];
    for (const [d, fill] of [
      [a, 0],
      [b, 1],
    ] as const) {
      mkdirSync(path.join(d, 'preview'));
      const png = pngOfSize(50_000, 50_000);
      png[png.length - 20] = fill;
      writeFileSync(path.join(d, 'preview/bulletin-page-1.png'), png);
    }
    const r = bulletin(['diff', a, b], 20_000);
    expect(r.code, r.err).toBe(1);
    expect(r.err).toContain('is 50000 × 50000 pixels');
  });

  it('a manifest path cannot put an image or a link into the Markdown summary', () => {
    const [a, b] = [copy(), copy()];
    const file = path.join(b, 'manifest.json');
    const m = JSON.parse(readFileSync(file, 'utf8'));
    const sneaky = '![x](evil.example.png)';
    m.artifacts.push({ path: sneaky, kind: 'png', bytes: 1, sha256: 'b'.repeat(64) });
    writeFileSync(file, JSON.stringify(m));
    const r = bulletin(['diff', a, b]);
    expect(r.code, r.err).toBe(3);
    expect(r.out).not.toContain(sneaky);
    expect(r.out).toContain('\\!\\[x\\](evil.example.png)');
  });
});

describe('verify on folders that are not as built', () => {
  it('a built file linked to /etc/passwd is refused and none of it printed', () => {
    const dir = copy();
    rmSync(path.join(dir, 'bulletin.html'));
    symlinkSync('/etc/passwd', path.join(dir, 'bulletin.html'));
    const r = bulletin(['verify', '--out', dir]);
    expect(r.code, r.err).toBe(1);
    expect(r.err).toContain(`${path.join(dir, 'bulletin.html')}: built file is a symbolic link`);
    expect(`${r.out}${r.err}`).not.toContain('root:');
    noStack(r.err);
  });

  it('a file changed after the build fails: its sha256 is not the manifest’s', () => {
    const dir = copy();
    appendFileSync(path.join(dir, 'charts/aid-by-partner.svg'), '<!-- edited -->');
    const r = bulletin(['verify', '--out', dir]);
    expect(r.code, r.err).toBe(1);
    expect(r.err).toContain(`${path.join(dir, 'charts/aid-by-partner.svg')}: differs from`);
  });

  it('a manifest entry whose file is missing fails (a ghost entry, or a shard not copied)', () => {
    const dir = copy();
    rmSync(path.join(dir, 'decks/japan.pptx'));
    const r = bulletin(['verify', '--out', dir]);
    expect(r.code, r.err).toBe(1);
    expect(r.err).toContain(path.join(dir, 'decks/japan.pptx'));
    noStack(r.err);
  });

  it('a garbage deck listed with its own hash: exit 1 naming it, not "a bug"', () => {
    const dir = copy();
    const garbage = Buffer.from('PK\u0003\u0004 this is not a zip');
    writeFileSync(path.join(dir, 'decks/japan.pptx'), garbage);
    const file = path.join(dir, 'manifest.json');
    const m = JSON.parse(readFileSync(file, 'utf8'));
    const entry = m.artifacts.find((x: { path: string }) => x.path === 'decks/japan.pptx');
    entry.sha256 = createHash('sha256').update(garbage).digest('hex');
    entry.bytes = garbage.length;
    writeFileSync(file, JSON.stringify(m));
    const r = bulletin(['verify', '--out', dir]);
    expect(r.code, r.err).toBe(1);
    expect(r.err).toContain('decks/japan.pptx');
    noStack(r.err);
  });
});

describe('verify on documents that say nothing', () => {
  it('a PDF with no text, listed with its own hash, fails: nothing in it was checked', async () => {
    const dir = copy();
    const { default: PDFDocument } = await import('pdfkit');
    const doc = new PDFDocument({ size: 'A4' });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise((resolve) => doc.on('end', resolve));
    doc.rect(50, 50, 100, 100).fill('#336699');
    doc.end();
    await done;
    const pdf = Buffer.concat(chunks);
    writeFileSync(path.join(dir, 'bulletin.pdf'), pdf);
    const file = path.join(dir, 'manifest.json');
    const m = JSON.parse(readFileSync(file, 'utf8'));
    const entry = m.artifacts.find((x: { path: string }) => x.path === 'bulletin.pdf');
    entry.sha256 = createHash('sha256').update(pdf).digest('hex');
    entry.bytes = pdf.length;
    writeFileSync(file, JSON.stringify(m));
    const r = bulletin(['verify', '--out', dir]);
    expect(r.code, r.err).toBe(1);
    expect(r.err).toContain(`${path.join(dir, 'bulletin.pdf')}: prints no text`);
  });
});

describe('merge-manifests with hostile entries', () => {
  const entry = (p: unknown, sha = 'a'.repeat(64)) => ({
    path: p,
    kind: 'pptx',
    bytes: 1,
    sha256: sha,
  });
  for (const [what, bad] of [
    ['a path out of the folder', entry('../../../../etc/passwd')],
    ['an absolute path', entry('/etc/passwd')],
    ['a sha256 that is not hex', entry('decks/japan.pptx', 'not-hex')],
    ['a file that does not exist', entry('decks/ghost.pptx')],
    ['null', null],
    ['an empty object', {}],
  ] as const) {
    it(`refuses ${what}: exit 1 naming the entry, manifest.json untouched`, () => {
      const dir = copy();
      const m = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
      const shard = path.join(tempDir('h3-shard-'), 'shard.json');
      writeFileSync(shard, JSON.stringify({ ...m, artifacts: [...m.artifacts, bad] }));
      const before = readFileSync(path.join(dir, 'manifest.json'));
      const r = bulletin(['merge-manifests', '--out', dir, shard]);
      expect(r.code, r.err).toBe(1);
      expect(r.err).toContain(`artifacts[${m.artifacts.length}]`);
      noStack(r.err);
      expect(readFileSync(path.join(dir, 'manifest.json')).equals(before)).toBe(true);
    });
  }
});

describe('output paths that cannot be written', () => {
  it('--out /proc/x fails at once with exit 1, and SIGTERM is not needed to stop it', async () => {
    const child = spawn('node', [BIN, 'build', '--out', '/proc/x'], { stdio: 'pipe' });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const t0 = performance.now();
    const term = setTimeout(() => child.kill('SIGTERM'), 5000);
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    clearTimeout(term);
    clearTimeout(kill);
    expect(code, err).toBe(1);
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(err).toContain('/proc/x: cannot be the output folder');
  }, 20_000);

  it('--out under a file fails before anything renders, exit 1', () => {
    const file = path.join(tempDir('h3-file-'), 'plain');
    writeFileSync(file, 'x');
    const r = bulletin(['build', '--out', path.join(file, 'out')]);
    expect(r.code, r.err).toBe(1);
    expect(r.err).toContain('cannot be the output folder (ENOTDIR)');
    // Refused before rendering: no unit's progress line was printed.
    expect(`${r.out}${r.err}`).not.toMatch(/\[(pdf|html|charts|decks) \d/);
  });

  it('a decks folder linked to a sibling sharing the folder name as prefix is refused', () => {
    // A plain prefix check (startsWith(root)) takes "out-old" for inside "out" (issue 31).
    const out = tempDir('h3-out-');
    const sibling = `${out}-old`;
    mkdirSync(sibling);
    symlinkSync(sibling, path.join(out, 'decks'));
    const r = bulletin(['build', '--only', 'decks', '--jobs', '1', '--out', out]);
    expect(r.code, r.err).toBe(1);
    expect(r.err).toContain(`${path.join(out, 'decks')}: is a symbolic link to ${sibling}`);
    expect(readdirSync(sibling)).toEqual([]);
  });
});
