/**
 * Every command finds its project from any folder inside it (issue 30), run as users run it
 * (the built CLI): the nearest folder with data/bulletin.json and templates/ is the root of
 * the default paths; paths given on the command line stay relative to where the user is.
 * The README's `cd my-bulletin/templates && bulletin build` is run by tests/readme.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from './helpers.js';

const BIN = path.resolve('dist/cli/bin.js');
const CHARTS = ['--only', 'charts', '--jobs', '1'];

/** The built CLI, run in `cwd`. */
const bulletin = (cwd: string, ...args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });

let project = '';

describe('the project root, from any folder inside it', () => {
  beforeAll(() => {
    project = path.join(tempDir(), 'x');
    execFileSync(process.execPath, [BIN, 'init', project]);
  }, 60_000);

  it('build, build --check, validate and verify from subfolders use the project', () => {
    const deep = path.join(project, 'templates', 'bulletin', 'partners');
    const built = bulletin(deep, 'build', '--quiet');
    expect(built.status, built.stderr).toBe(0);
    expect(readdirSync(path.join(project, 'output'))).toContain('bulletin.pdf');
    expect(existsSync(path.join(deep, 'output'))).toBe(false);
    const check = bulletin(path.join(project, 'data'), 'build', '--check');
    expect(check.status, check.stderr).toBe(0);
    expect(check.stdout).toMatch(/^\.\.\/output is up to date/);
    const valid = bulletin(path.join(project, 'templates'), 'validate');
    expect(valid.stdout.trim().split('\n')).toEqual([
      '../data/bulletin.json: valid',
      '.: templates, charts, decks and fonts valid',
    ]);
    const verified = bulletin(path.join(project, 'templates', 'deck'), 'verify');
    expect(verified.status, verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(/all trace to the data/);
  }, 120_000);

  it('paths given keep their meaning: relative to the working folder', () => {
    const here = path.join(project, 'templates');
    const r = bulletin(here, 'build', ...CHARTS, '--out', 'mine');
    expect(r.status, r.stderr).toBe(0);
    // --out given: here; --data and --templates not given: the project's.
    expect(readdirSync(path.join(here, 'mine', 'charts')).length).toBeGreaterThan(0);
    const wrong = bulletin(here, 'validate', '--data', 'data/bulletin.json');
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toMatch(/data\/bulletin\.json: data file not found/);
  }, 60_000);

  it('a folder with its own templates/ is a root, as before; no project anywhere is an error', () => {
    // Not moved up to the project: the folder looks like a project of its own (half made).
    const sub = path.join(project, 'sub');
    mkdirSync(path.join(sub, 'templates'), { recursive: true });
    const r = bulletin(sub, 'validate');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^ {2}data\/bulletin\.json: data file not found/m);
    const nowhere = bulletin(tempDir(), 'build');
    expect(nowhere.status).toBe(1);
    expect(nowhere.stderr).toMatch(/data\/bulletin\.json: data file not found/);
    expect(nowhere.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);
});
