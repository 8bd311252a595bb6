/**
 * `bulletin watch` as a user runs it: the built CLI in a child process, in a project made by
 * `bulletin init`. Each way an editor or a tool saves a file — in place, a temp file renamed
 * over it, sed -i, vim (probe file, swap file, backup~), JetBrains' safe-write — must rebuild
 * exactly once and leave output/ up to date; scratch files alone rebuild nothing; Ctrl-C
 * exits 130 (issue 30: Node's recursive fs.watch missed 3 of 4 saves after the first rename).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { readFileSync, renameSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir, toolPresent } from './helpers.js';

const BIN = path.resolve('dist/cli/bin.js');
/** Charts only: every save still rebuilds files, in well under a second. */
const ONLY = ['--only', 'charts', '--jobs', '1'];
/** Longer than the watch's debounce (200 ms) plus a rebuild's start: a second build would show. */
const QUIET_MS = 1500;
const STATUS = /^\[\d\d:\d\d:\d\d\] (rebuilt \d+ files?|up to date)/;
const hasVim = spawnSync('vim', ['--version']).status === 0;

let project = '';
let data = '';
let child: ChildProcess;
let out = '';
let err = '';
/** The amount the next save writes: every save changes a charted figure. */
let amount = 4_200_000;

const statusLines = () => out.split('\n').filter((l) => STATUS.test(l));
const builds = () => statusLines().length;

/** Polls until `ok()`, failing after `ms` with what the watch printed. */
async function waitFor(ok: () => boolean, what: string, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end)
      throw new Error(`timed out waiting for ${what}; stdout:\n${out}\nstderr:\n${err}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The data as it will be after the next save: one charted amount changed. */
function nextData(): string {
  const text = readFileSync(data, 'utf8');
  const next = text.replace(`"amount": ${amount}`, `"amount": ${amount + 1}`);
  expect(next).not.toBe(text);
  amount += 1;
  return next;
}

/** Runs `save`, then expects exactly one more build and an output folder that is current. */
async function expectOneRebuild(save: () => void): Promise<void> {
  const before = builds();
  save();
  await waitFor(() => builds() > before, 'a rebuild');
  await new Promise((r) => setTimeout(r, QUIET_MS));
  expect(builds(), `one save, one build:\n${out}`).toBe(before + 1);
  expect(statusLines().at(-1)).toMatch(/rebuilt \d+ files?/);
  const check = spawnSync(process.execPath, [BIN, 'build', '--check', ...ONLY], { cwd: project });
  expect(check.status, `output/ is stale:\n${check.stderr}`).toBe(0);
}

describe('bulletin watch (the built CLI)', () => {
  beforeAll(async () => {
    project = path.join(tempDir(), 'proj');
    execFileSync(process.execPath, [BIN, 'init', project]);
    data = path.join(project, 'data', 'bulletin.json');
    child = spawn(process.execPath, [BIN, 'watch', ...ONLY], { cwd: project });
    child.stdout?.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr?.on('data', (b: Buffer) => (err += b.toString()));
    await waitFor(() => builds() === 1, 'the first build', 60_000);
    expect(out).toMatch(/^Watching data and templates \(stop with Ctrl-C\)/);
  }, 90_000);
  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('rebuilds once after a save in place', async () => {
    await expectOneRebuild(() => writeFileSync(data, nextData()));
  }, 60_000);

  it('rebuilds once after a temp file is renamed over the data, again and again', async () => {
    // The save that lost Node's watch; the repeats show the watch outlives it.
    for (const temp of ['.bulletin.json.tmp', 'bulletin.json.new', 'sedX1b2c3'])
      await expectOneRebuild(() => {
        const tmp = path.join(project, 'data', temp);
        writeFileSync(tmp, nextData());
        renameSync(tmp, data);
      });
  }, 60_000);

  it('rebuilds once after sed -i', async () => {
    await expectOneRebuild(() =>
      execFileSync('sed', ['-i', `s/"amount": ${amount}/"amount": ${amount + 1}/`, data]),
    );
    amount += 1;
  }, 60_000);

  it.skipIf(!toolPresent(hasVim, 'vim', 'apt-get install -y vim'))(
    'rebuilds once after vim saves (probe, swap file, backup~)',
    async () => {
      // backupcopy=no: vim renames the file to bulletin.json~ and writes a new one; the swap
      // file and the 4913 write probe appear beside it.
      for (const copy of ['no', 'auto'])
        await expectOneRebuild(() => {
          execFileSync('vim', [
            ...['-u', 'NONE', '-i', 'NONE', '-N', '-es'],
            ...['-c', `set backup writebackup backupcopy=${copy}`],
            ...['-c', `%s/"amount": ${amount}/"amount": ${amount + 1}/`, '-c', 'wq', data],
          ]);
          amount += 1;
        });
    },
    60_000,
  );

  it("rebuilds once after JetBrains' safe-write", async () => {
    await expectOneRebuild(() => {
      const tmp = `${data}___jb_tmp___`;
      const old = `${data}___jb_old___`;
      writeFileSync(tmp, nextData());
      renameSync(data, old);
      renameSync(tmp, data);
      rmSync(old);
    });
  }, 60_000);

  it('rebuilds once after a template in a subfolder is saved by rename', async () => {
    const spec = path.join(project, 'templates', 'charts', 'charts.json');
    const text = readFileSync(spec, 'utf8');
    const next = text.replace('"height": 110', '"height": 111');
    expect(next).not.toBe(text);
    await expectOneRebuild(() => {
      writeFileSync(`${spec}.tmp`, next);
      renameSync(`${spec}.tmp`, spec);
    });
  }, 60_000);

  it('rebuilds nothing for scratch files alone (swap, probe, backup~), nor for output/', async () => {
    const before = builds();
    const dir = path.join(project, 'data');
    writeFileSync(path.join(dir, '.bulletin.json.swp'), 'swap');
    appendFileSync(path.join(dir, '.bulletin.json.swp'), 'more swap');
    writeFileSync(path.join(dir, '4913'), '');
    rmSync(path.join(dir, '4913'));
    writeFileSync(path.join(dir, 'bulletin.json~'), readFileSync(data));
    writeFileSync(path.join(project, 'templates', '#charts.json#'), '{');
    writeFileSync(path.join(project, 'output', 'note.txt'), 'x');
    await new Promise((r) => setTimeout(r, QUIET_MS));
    expect(builds(), out).toBe(before);
  }, 30_000);

  it('exits 130 on Ctrl-C (SIGINT)', async () => {
    const code = new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    child.kill('SIGINT');
    expect(
      await Promise.race([code, new Promise((r) => setTimeout(() => r('hung'), 15_000))]),
    ).toBe(130);
    expect(err).toMatch(/stopped watching by SIGINT/);
  }, 30_000);

  it('build --watch still works, and exits 130 on Ctrl-C too', async () => {
    let printed = '';
    const watch = spawn(process.execPath, [BIN, 'build', '--watch', ...ONLY], { cwd: project });
    watch.stdout?.on('data', (b: Buffer) => (printed += b.toString()));
    const code = new Promise<number | null>((resolve) => watch.once('exit', (c) => resolve(c)));
    await waitFor(() => /\] (rebuilt|up to date)/.test(printed), 'build --watch to build');
    watch.kill('SIGINT');
    expect(
      await Promise.race([code, new Promise((r) => setTimeout(() => r('hung'), 15_000))]),
    ).toBe(130);
  }, 60_000);
});
