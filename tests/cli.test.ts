import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { cli, dataWith, pdfInfo, STACK_FRAME, tempDir, templatesWith } from './helpers.js';

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const snapshotDir = (dir: string) =>
  Object.fromEntries(
    readdirSync(dir, { recursive: true })
      .map(String)
      .sort()
      .map((f) => [
        f,
        existsSync(path.join(dir, f)) && !f.endsWith('/') ? sha(path.join(dir, f)) : '',
      ]),
  );

describe('bulletin validate', () => {
  it('exits 0 on the seed dataset', async () => {
    const r = await cli(['validate']);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toMatch(/data\/bulletin\.json: valid/);
  });
  it('exits 1 and lists every problem as file:line:col: path: message', async () => {
    const file = dataWith([
      ['"amount": 10000000,', '"amount": -10000000,'],
      ['"role": "indo-pacific-example"', '"role": "observer"'],
    ]);
    const r = await cli(['validate', '--data', file]);
    expect(r.code).toBe(1);
    const lines = r.err.trim().split('\n');
    expect(lines.slice(0, -1)).toHaveLength(2);
    for (const l of lines.slice(0, -1))
      expect(l).toMatch(new RegExp(`^${file}:\\d+:\\d+: (partners|measures)\\[\\d+\\]\\.\\w+: `));
    expect(lines.at(-1)).toBe(`2 problems in ${file}`);
    expect(r.err).not.toMatch(STACK_FRAME);
  });
  it('--json prints the problems machine-readably', async () => {
    const file = dataWith([['"date": "2022-03-09"', '"date": "2022-03-32"']]);
    const r = await cli(['validate', '--data', file, '--json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out);
    expect(doc.ok).toBe(false);
    expect(doc.problems[0]).toMatchObject({
      file,
      path: 'measures[13].date',
      message: expect.stringMatching(/not a real date/),
    });
    expect(doc.problems[0].line).toBeGreaterThan(1);
  });
  it('a missing file or a directory is a clear input error', async () => {
    expect((await cli(['validate', '--data', 'nope/missing.json'])).err).toMatch(
      /nope\/missing\.json: data file not found/,
    );
    const r = await cli(['validate', '--data', 'data']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/data: data file is a directory/);
  });
});

describe('bulletin build', () => {
  it('writes a two-page PDF and a manifest whose hashes match', async () => {
    const out = tempDir();
    const r = await cli(['build', '--out', out, '--only', 'pdf']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/bulletin\.pdf/);
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    const pdf = manifest.artifacts.find((a: { path: string }) => a.path === 'bulletin.pdf');
    expect(pdf).toMatchObject({
      kind: 'pdf',
      pages: 2,
      bytes: readFileSync(path.join(out, 'bulletin.pdf')).byteLength,
    });
    expect(pdf.sha256).toBe(sha(path.join(out, 'bulletin.pdf')));
    expect(pdfInfo(path.join(out, 'bulletin.pdf')).Pages).toBe('2');
  });
  it('the stack-frame pattern sees named, anonymous and internal frames, and not messages', () => {
    expect(new Error('x').stack).toMatch(STACK_FRAME);
    for (const frame of [
      '    at run (file:///app/dist/cli/run.js:12:5)',
      '    at file:///app/dist/cli/bin.js:3:9',
      '    at /app/dist/index.js:7:1',
      '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
    ])
      expect(`bulletin: failed\n${frame}\n`, frame).toMatch(STACK_FRAME);
    expect(
      'bulletin: data/bulletin.json:3:4: measures[0].at: bad\n  at line 3: fix it\n',
    ).not.toMatch(STACK_FRAME);
  });
  it('bad input exits 1 with no stack trace and leaves output/ byte for byte as it was', async () => {
    const out = tempDir();
    expect((await cli(['build', '--out', out, '--only', 'pdf'])).code).toBe(0);
    const before = snapshotDir(out);
    const file = dataWith([['"amount": 300000000,', '"amount": "300 million",']]);
    const r = await cli(['build', '--out', out, '--data', file]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/measures\[2\]\.amount: must be a number, not string "300 million"/);
    expect(r.err).not.toMatch(STACK_FRAME);
    expect(snapshotDir(out)).toEqual(before);
  });
  it('a template error names the template file, line and variable', async () => {
    const dir = templatesWith('bulletin/about.md.liquid', [
      ['bulletin.author.name', 'bulletin.author.nmae'],
    ]);
    const r = await cli(['build', '--out', tempDir(), '--templates', dir]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      `${dir}/bulletin/about.md.liquid:1:6: template error: unknown name "bulletin.author.nmae"`,
    );
  });
  it('usage errors exit 1; --version and --help exit 0', async () => {
    expect((await cli(['frobnicate'])).code).toBe(1);
    expect((await cli(['build', '--partner', 'atlantis', '--out', tempDir()])).err).toMatch(
      /unknown partner "atlantis"/,
    );
    const v = await cli(['--version']);
    expect(v.code).toBe(0);
    expect(v.out.trim()).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
    const h = await cli(['--help']);
    expect(h.out).toMatch(/bulletin build/);
    expect(h.out).toMatch(/Exit codes: 0 success, 1 bad input or usage, 2 internal error/);
  });
});
