/**
 * The scheduled-regeneration workflow, checked two ways: its text (GitHub's workflow schema,
 * pinned actions, what each job declares), and by running it here with the local runner, run
 * after run against one local GitHub: a first scheduled run with nothing to compare with, a
 * second a quiet month later after a commit that changes nothing printed, a third after a
 * data change, and a pull-request run. Each asserts the files it published and its summary.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';
import { nodeBinary } from './node-binary.js';
import { LocalGitHub } from './workflow-github.js';
import {
  type RunResult,
  expandMatrix,
  jobOrder,
  readWorkflow,
  runWorkflow,
} from './workflow-runner.js';

const FILE = '.github/workflows/bulletin.yml';
const w = readWorkflow(FILE);
const steps = (job: string) => w.jobs[job]!.steps;
const DAY = 86_400_000;
const MONDAY = Date.parse('2026-09-07T06:00:00Z');
const at = (days: number) => new Date(MONDAY + days * DAY);

describe('the bulletin workflow, as written', () => {
  it('validates against the GitHub Actions workflow schema', () => {
    const out = execFileSync('npx', ['--no-install', 'action-validator', FILE], {
      encoding: 'utf8',
      stdio: 'pipe',
    });
    expect(out).not.toMatch(/error/i);
  }, 60_000);

  it('pins every action by full commit SHA, with its version in a comment', () => {
    const uses = readFileSync(FILE, 'utf8').match(/uses: .*/g) ?? [];
    expect(uses.length).toBeGreaterThan(0);
    for (const u of uses)
      expect(u).toMatch(/^uses: actions\/[\w-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
  });

  it('runs on pull requests and on every change to what builds the bulletin', () => {
    const on = w.on as Record<string, { paths?: string[] } | null>;
    expect(Object.keys(on).sort()).toEqual([
      'pull_request',
      'push',
      'schedule',
      'workflow_dispatch',
    ]);
    for (const event of ['push', 'pull_request'])
      for (const p of [
        'data/**',
        'templates/**',
        'src/**',
        'package.json',
        'package-lock.json',
        '.ci/**',
      ])
        expect(on[event]!.paths, `${event} paths`).toContain(p);
    expect(w.permissions).toEqual({ contents: 'read', actions: 'read' });
  });

  it('sets the shard count in one place, Node 24, timeouts and clean checkouts', () => {
    expect(jobOrder(w)).toEqual(['build', 'publish']);
    expect(expandMatrix(w.jobs.build!).map((c) => c.shard)).toEqual([1, 2, 3]);
    const text = readFileSync(FILE, 'utf8');
    expect(text).toContain('--shard ${{ matrix.shard }}/${{ strategy.job-total }}');
    expect(text).not.toMatch(/of-\d|\/3\b/);
    expect(w.env?.NODE_VERSION).toBe('24');
    for (const job of ['build', 'publish']) {
      expect(w.jobs[job]!['timeout-minutes']).toBeGreaterThan(0);
      for (const s of steps(job)) {
        if (s.uses?.startsWith('actions/checkout'))
          expect(s.with).toMatchObject({ 'fetch-depth': 0, 'persist-credentials': false });
        if (s.uses?.startsWith('actions/setup-node'))
          expect(s.with?.['node-version']).toBe('${{ env.NODE_VERSION }}');
        if (s.uses?.startsWith('actions/upload-artifact'))
          expect(s.with).toMatchObject({ overwrite: true, 'retention-days': expect.any(Number) });
      }
      // The build clock comes from the inputs in both jobs, never from HEAD alone.
      expect(steps(job).some((s) => s.run === 'bash .ci/build-clock >> "$GITHUB_ENV"')).toBe(true);
    }
    // Nothing keeps the reference in the Actions cache (entries unused for 7 days go).
    expect(text).not.toContain('actions/cache');
  });

  it('publishes the set before any step that compares or may fail after it', () => {
    const names = steps('publish').map((s) => s.name ?? s.uses ?? '');
    const publish = names.indexOf('Publish the set');
    expect(publish).toBeGreaterThan(names.indexOf('Draw the previews'));
    expect(publish).toBeLessThan(names.indexOf('Find the last published set'));
    expect(publish).toBeLessThan(names.indexOf('What changed since the last published set'));
  });
});

/** A repository whose first commit is this working tree, dated `days` from MONDAY. */
function makeRepo(days: number): string {
  const repo = tempDir('bulletin-wf-repo-');
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard'], { encoding: 'utf8' })
    .split('\n')
    // A worktree's node_modules may be a symlink, which .gitignore's `node_modules/` misses.
    .filter((f) => f && f !== 'node_modules');
  for (const f of files) {
    try {
      cpSync(f, path.join(repo, f));
    } catch {
      // Deleted in the working tree but not yet in the index.
    }
  }
  git(repo, days, 'init', '-q', '-b', 'main');
  commitAll(repo, days, 'the project as it is');
  return repo;
}
function git(repo: string, days: number, ...args: string[]): string {
  const date = at(days).toISOString();
  return execFileSync('git', args, {
    cwd: repo,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_DATE: date,
      GIT_AUTHOR_NAME: 'editor',
      GIT_AUTHOR_EMAIL: 'editor@localhost',
      GIT_COMMITTER_NAME: 'editor',
      GIT_COMMITTER_EMAIL: 'editor@localhost',
    },
  });
}
function commitAll(repo: string, days: number, message: string): void {
  git(repo, days, 'add', '-A');
  git(repo, days, 'commit', '-q', '--no-gpg-sign', '-m', message);
}
function edit(repo: string, file: string, from: string, to: string): void {
  const text = readFileSync(path.join(repo, file), 'utf8');
  if (!text.includes(from)) throw new Error(`test edit not found in ${file}: ${from}`);
  writeFileSync(path.join(repo, file), text.replace(from, to));
}

/** The summary's first line, naming and linking the run compared with. */
const reference = (run: number) =>
  `Compared with the set published by run [${run}](${RUNS}/${run}).`;
const RUNS = 'https://github.example/local/bulletin/actions/runs';
const published = (gh: LocalGitHub, run: number) => gh.artifactDir(run, 'bulletin');
const listing = (dir: string) =>
  readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.includes('.'))
    .sort();
const bytes = (dir: string, f: string) => readFileSync(path.join(dir, f));

/** The run succeeded with every job on the workflow's Node, and its publish job's summary. */
function succeeded(r: RunResult): string {
  for (const j of r.jobs) {
    expect(j.failure ?? '', j.job).toBe('');
    expect(j.conclusion, j.job).toBe('success');
    // The workflow's Node, unless this machine cannot fetch it (the runner notes that).
    if (nodeBinary('24'))
      expect(j.node ?? '', `${j.job} ran on ${j.node}; ${j.notes.join('; ')}`).toMatch(/^v24\./);
  }
  expect(r.conclusion).toBe('success');
  return r.jobs.find((j) => j.job === 'publish')!.summary;
}

/** What every run publishes: the PDF, web page, decks, charts, previews and manifest. */
function expectCompleteSet(dir: string): string[] {
  const files = listing(dir);
  expect(files).toEqual(expect.arrayContaining(['bulletin.pdf', 'bulletin.html', 'manifest.json']));
  expect(files.filter((f) => /^decks\/.+\.pptx$/.test(f))).toHaveLength(4);
  expect(files.filter((f) => /^charts\/.+\.svg$/.test(f)).length).toBeGreaterThan(10);
  expect(files).toContain('preview/index.html');
  expect(files.filter((f) => /^preview\/.+\.png$/.test(f)).length).toBeGreaterThan(10);
  // Only the published set: no build cache, no shard manifests.
  expect(files.filter((f) => f.startsWith('.') || f.includes('manifest-shard'))).toEqual([]);
  return files;
}

describe('the bulletin workflow, run after run in the local runner', () => {
  let repo: string;
  let gh: LocalGitHub;
  let work: string;
  const runs: Record<string, RunResult> = {};
  const on = (days: number) =>
    ({
      repo,
      ref: 'main',
      github: gh,
      event: 'schedule',
      branch: 'main',
      now: at(days),
      work,
    }) as const;
  const schedule = (days: number) => runWorkflow(w, on(days));
  /** What .ci/last-published answers on that day, from the local GitHub. */
  const last = (days: number) =>
    execFileSync('bash', ['.ci/last-published', 'bulletin.yml'], {
      encoding: 'utf8',
      env: {
        ...process.env,
        PATH: `${gh.ghBin()}${path.delimiter}${process.env.PATH}`,
        GH_TOKEN: gh.token,
        GITHUB_REPOSITORY: gh.repository,
        LOCAL_GH_STATE: gh.dir,
        LOCAL_GH_NOW: at(days).toISOString(),
      },
    }).trim();

  beforeAll(() => {
    repo = makeRepo(-2);
    gh = new LocalGitHub(tempDir('bulletin-wf-github-'));
    work = tempDir('bulletin-wf-jobs-');
  });

  it('1: first scheduled run, nothing to compare with, publishes a plain build', () => {
    runs.first = schedule(0);
    expect(succeeded(runs.first)).toContain(
      'Nothing to compare with: no successful run on main has a published set that is still kept',
    );
    const set = published(gh, runs.first.runId);
    const files = expectCompleteSet(set);
    // The same bytes as a plain full build by the built CLI at the data's commit time.
    const plain = path.join(tempDir(), 'out');
    execFileSync('node', ['dist/cli/bin.js', 'build', '--out', plain, '--jobs', '1', '--quiet'], {
      env: { ...process.env, SOURCE_DATE_EPOCH: String(at(-2).getTime() / 1000) },
    });
    for (const f of files.filter((f) => !f.startsWith('preview/') && f !== 'manifest.json'))
      expect(bytes(set, f).equals(bytes(plain, f)), f).toBe(true);
    const manifest = (dir: string) => JSON.parse(bytes(dir, 'manifest.json').toString()).artifacts;
    expect(manifest(set)).toEqual(manifest(plain));
  }, 600_000);

  it('2: a quiet month later, after a commit that prints nothing new: same bytes', () => {
    edit(repo, 'README.md', '# ', '# (edited) ');
    commitAll(repo, 3, 'a README edit, nothing printed changes');
    runs.quiet = schedule(35);
    const summary = succeeded(runs.quiet);
    expect(summary).toContain(reference(runs.first!.runId));
    expect(summary).toContain('Nothing changed');
    const before = published(gh, runs.first!.runId);
    const after = published(gh, runs.quiet.runId);
    const files = expectCompleteSet(after);
    expect(files).toEqual(listing(before));
    // The preview page reports how long the build took; nothing else may differ.
    const untimed = (dir: string) =>
      bytes(dir, 'preview/index.html')
        .toString()
        .replace(/build [\d.]+ s, preview [\d.]+ s/, '');
    expect(untimed(after)).toBe(untimed(before));
    for (const f of files.filter((f) => f !== 'preview/index.html'))
      expect(bytes(after, f).equals(bytes(before, f)), f).toBe(true);
  }, 600_000);

  it('3: after a data change, says what changed and does not fail on diff exit 3', () => {
    edit(
      repo,
      'data/bulletin.json',
      '"amount": 10000000, "currency": "$"',
      '"amount": 12000000, "currency": "$"',
    );
    commitAll(repo, 36, 'data: a corrected amount');
    runs.change = schedule(42);
    const summary = succeeded(runs.change);
    expect(summary).toContain(reference(runs.quiet!.runId));
    expect(summary).not.toContain('Nothing changed');
    expect(summary).toContain('**measures `south-korea-humanitarian-feb`** changed');
    expect(summary).toContain('`amount`: 10000000 → 12000000');
    expect(summary).toMatch(/\| bulletin\.pdf \| changed \|/);
    const after = published(gh, runs.change.runId);
    expectCompleteSet(after);
    const before = published(gh, runs.quiet!.runId);
    expect(bytes(after, 'bulletin.pdf').equals(bytes(before, 'bulletin.pdf'))).toBe(false);
    expect(listing(gh.artifactDir(runs.change.runId, 'bulletin-diff'))).toContain('summary.md');
  }, 600_000);

  it('4: a pull request run posts what it would change, compared with main', () => {
    git(repo, 43, 'checkout', '-q', '-b', 'more-aid');
    edit(
      repo,
      'data/bulletin.json',
      '"amount": 30000000, "currency": "$"',
      '"amount": 35000000, "currency": "$"',
    );
    commitAll(repo, 43, 'data: a larger package');
    // GitHub runs a pull request on the merge of its branch into the base, made at run time.
    git(repo, 44, 'checkout', '-q', '--detach', 'main');
    git(repo, 44, 'merge', '-q', '--no-ff', '--no-edit', 'more-aid');
    git(repo, 44, 'update-ref', 'refs/pull/1/merge', 'HEAD');
    git(repo, 44, 'checkout', '-q', 'main');
    runs.pr = runWorkflow(w, {
      repo,
      ref: 'refs/pull/1/merge',
      githubRef: 'refs/pull/1/merge',
      github: gh,
      event: 'pull_request',
      branch: 'more-aid',
      now: at(44),
      work,
    });
    const summary = succeeded(runs.pr);
    expect(summary).toContain(reference(runs.change!.runId));
    expect(summary).toContain('`amount`: 30000000 → 35000000');
    // Compared with main's last set, which already has the earlier change.
    expect(summary).not.toContain('10000000 → 12000000');
    expectCompleteSet(published(gh, runs.pr.runId));
  }, 600_000);

  it('finds the last successful run on main: never a pull request, never an expired set', () => {
    expect(last(45)).toBe(`run-id=${runs.change!.runId}`);
    // Kept 90 days: a set published on day 42 is still there on day 131, not on day 133.
    expect(last(131)).toBe(`run-id=${runs.change!.runId}`);
    expect(last(133)).toBe('run-id=');
  });

  it('5: a failing comparison keeps the published set and is no reference; a re-run passes', () => {
    const manifest = path.join(published(gh, runs.change!.runId), 'manifest.json');
    const good = readFileSync(manifest);
    writeFileSync(manifest, '{ "not": "a manifest" }');
    const failed = schedule(49);
    expect(failed.conclusion).toBe('failure');
    const publish = failed.jobs.find((j) => j.job === 'publish')!;
    expect(publish.failure).toMatch(/step "What changed since the last published set" failed/);
    // Uploaded before the step that failed, and the summary says what went wrong.
    expectCompleteSet(published(gh, failed.runId));
    expect(publish.summary).toContain(reference(runs.change!.runId));
    expect(publish.summary).toMatch(/The comparison failed \(bulletin diff exited [12]\)\./);
    expect(last(49)).toBe(`run-id=${runs.change!.runId}`);
    writeFileSync(manifest, good);
    const again = runWorkflow(w, { ...on(49), rerun: failed.runId });
    expect(again.attempt).toBe(2);
    const summary = succeeded(again);
    expect(summary).toContain(reference(runs.change!.runId));
    expect(summary).toContain('Nothing changed');
    expectCompleteSet(published(gh, failed.runId));
    expect(last(50)).toBe(`run-id=${failed.runId}`);
  }, 600_000);
});
