/**
 * `bulletin init` makes a whole project (issue 30), run as users run it (the built CLI): a
 * package.json that pins this bulletin, a .gitignore, a CI workflow that is valid, pinned like
 * this repository's own, and whose steps build and verify the new project.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import JSZip from 'jszip';
import path from 'node:path';
import { parse } from 'yaml';
import { pdfInfo, tempDir } from './helpers.js';

const BIN = path.resolve('dist/cli/bin.js');
const WORKFLOW = '.github/workflows/bulletin.yml';
const VERSION = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
type Workflow = { on: Record<string, unknown>; jobs: Record<string, Record<string, unknown>> };

/** `owner/name` → the ref it is pinned to, with the version comment, for each `uses:` line. */
const pins = (file: string) =>
  new Map(
    [...readFileSync(file, 'utf8').matchAll(/uses:\s*([\w./-]+)@(\S+)(?:\s+#\s*(\S+))?/g)].map(
      (m) => [m[1]!, { ref: m[2]!, comment: m[3] }],
    ),
  );

let project = '';

describe('bulletin init makes a whole project', () => {
  beforeAll(() => {
    project = path.join(tempDir(), 'Flood Bulletin');
    execFileSync(process.execPath, [BIN, 'init', project]);
  }, 60_000);

  it('pins this version of bulletin in package.json, with build and verify scripts', () => {
    const pkg = JSON.parse(readFileSync(path.join(project, 'package.json'), 'utf8'));
    expect(pkg.dependencies).toEqual({ bulletin: VERSION });
    expect(pkg.scripts).toEqual({ build: 'bulletin build', verify: 'bulletin verify' });
    expect(pkg.private).toBe(true);
    // A name npm accepts: lowercase, no spaces.
    expect(pkg.name).toBe('flood-bulletin');
  });

  it('ignores the build and the installed packages in git, and nothing else', () => {
    execFileSync('git', ['init', '-q'], { cwd: project });
    mkdirSync(path.join(project, 'output'), { recursive: true });
    const ignored = (f: string) =>
      spawnSync('git', ['check-ignore', '-q', f], { cwd: project }).status === 0;
    expect(ignored('output/bulletin.pdf')).toBe(true);
    expect(ignored('node_modules/bulletin/package.json')).toBe(true);
    for (const f of ['data/bulletin.json', 'package.json', 'package-lock.json', WORKFLOW])
      expect(ignored(f), f).toBe(false);
  });

  it('writes a CI workflow that validates and pins actions as this repository does', () => {
    const file = path.join(project, WORKFLOW);
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(path.join('scaffold', WORKFLOW), 'utf8'));
    const check = spawnSync('npx', ['--no-install', 'action-validator', file], {
      encoding: 'utf8',
    });
    expect(check.status, check.stdout + check.stderr).toBe(0);
    const ours = pins(WORKFLOW);
    const theirs = pins(file);
    expect([...theirs.keys()].sort()).toEqual([
      'actions/checkout',
      'actions/setup-node',
      'actions/upload-artifact',
    ]);
    for (const [action, pin] of theirs) {
      // By commit, with the version in a comment, so a moved tag cannot change what runs.
      expect(pin.ref, action).toMatch(/^[0-9a-f]{40}$/);
      expect(pin.comment, action).toMatch(/^v\d+\.\d+\.\d+$/);
      // The same commit as the repository's own workflow, where that pins one.
      const own = ours.get(action);
      if (own && /^[0-9a-f]{40}$/.test(own.ref)) expect(pin, action).toEqual(own);
    }
  });

  it('runs on push, builds, uploads output/ before verifying, and is re-runnable', () => {
    const w = parse(readFileSync(path.join(project, WORKFLOW), 'utf8')) as Workflow;
    expect(Object.keys(w.on)).toContain('push');
    const job = w.jobs.build!;
    expect(job['timeout-minutes']).toBeGreaterThan(0);
    const steps = job.steps as Step[];
    const at = (p: (s: Step) => boolean) => steps.findIndex(p);
    const checkout = steps[at((s) => s.uses?.startsWith('actions/checkout@') ?? false)]!;
    expect(checkout.with?.['persist-credentials']).toBe(false);
    const upload = at((s) => s.uses?.startsWith('actions/upload-artifact@') ?? false);
    expect(steps[upload]!.with).toMatchObject({
      path: 'output/',
      'if-no-files-found': 'error',
      overwrite: true,
    });
    expect(steps[upload]!.with?.['retention-days']).toBeGreaterThan(0);
    const build = at((s) => s.run === 'npm run build');
    const verify = at((s) => s.run === 'npm run verify');
    expect(at((s) => /^npm ci\b/.test(s.run ?? ''))).toBeLessThan(build);
    expect(build).toBeGreaterThan(-1);
    expect(build).toBeLessThan(upload);
    expect(upload).toBeLessThan(verify);
  });

  it("runs the workflow's steps to a verified build in the new project", () => {
    const w = parse(readFileSync(path.join(project, WORKFLOW), 'utf8')) as Workflow;
    for (const step of w.jobs.build!.steps as Step[]) {
      if (!step.run) continue;
      if (/^npm ci\b/.test(step.run)) {
        // bulletin is not on the registry this machine reaches: install this checkout, as
        // npm ci would install the pinned version, where npm puts it.
        mkdirSync(path.join(project, 'node_modules', '.bin'), { recursive: true });
        symlinkSync(process.cwd(), path.join(project, 'node_modules', 'bulletin'));
        symlinkSync(BIN, path.join(project, 'node_modules', '.bin', 'bulletin'));
        continue;
      }
      const r = spawnSync('bash', ['-eo', 'pipefail', '-c', step.run], {
        cwd: project,
        encoding: 'utf8',
        env: { ...process.env, CI: 'true' },
      });
      expect(r.status, `${step.run}\n${r.stdout}\n${r.stderr}`).toBe(0);
    }
    expect(pdfInfo(path.join(project, 'output', 'bulletin.pdf')).Pages).toBe('2');
    const data = JSON.parse(readFileSync(path.join(project, 'data', 'bulletin.json'), 'utf8'));
    expect(readdirSync(path.join(project, 'output', 'decks')).length).toBe(data.partners.length);
    expect(existsSync(path.join(project, 'output', 'manifest.json'))).toBe(true);
  }, 180_000);
});

describe('the init deck templates on names that need an article and totals with no rank', () => {
  it('use the sentence form mid-sentence, claim no rank the deck leaves out, date a total', async () => {
    // Review: notes said "about United Kingdom", and the sources slide "totals and ranks are
    // ours" on decks whose comparison slide is left out because the totals cannot be ranked.
    const dir = path.join(tempDir(), 'names');
    execFileSync(process.execPath, [BIN, 'init', dir]);
    const file = path.join(dir, 'data', 'bulletin.json');
    const text = readFileSync(file, 'utf8')
      .replace(
        '"name": "Alder Bay",',
        '"name": "Alder Bay", "inSentence": "the town of Alder Bay",',
      )
      .replaceAll('"amount": 1300000, "currency": "USD"', '"amount": 1300000, "currency": "EUR"')
      .replaceAll('"amount": 400000, "currency": "USD"', '"amount": 400000, "currency": "EUR"')
      .replace('"date": "2025-04-22",', '"date": "2025-04-22", "asOf": "2025-05-31",');
    expect(text).toContain('"inSentence"');
    expect(text).toContain('"EUR"');
    writeFileSync(file, text);
    const out = path.join(dir, 'output');
    const r = spawnSync(process.execPath, [BIN, 'build', '--jobs', '1', '--out', out], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    const zip = await JSZip.loadAsync(readFileSync(path.join(out, 'decks', 'alder-bay.pptx')));
    const parts = Object.keys(zip.files).filter((f) =>
      /^ppt\/(slides|notesSlides)\/[^/]*\.xml$/.test(f),
    );
    const xml = (await Promise.all(parts.map((f) => zip.file(f)!.async('string')))).join(' ');
    const deck = xml.replace(/<[^>]+>/g, '');
    expect(deck).toContain('brief on the town of Alder Bay');
    expect(deck).toContain('leave with the room about the town of Alder Bay');
    expect(deck).not.toMatch(/(?:about|on|for|,) Alder Bay/);
    expect(deck).toContain('totals are ours');
    expect(deck).not.toMatch(/ranks are ours|Totals and ranks/);
    // A running total's key figure carries its as-of date, as the source gives it.
    const html = readFileSync(path.join(out, 'bulletin.html'), 'utf8')
      .replace(/<[^>]+>/g, '')
      .replace(/[\u00a0\u202f]/g, ' ');
    expect(html).toMatch(/US\$4\.2 million in aid by the town of Alder Bay, as of May 31, 2025/);
  }, 180_000);
});
