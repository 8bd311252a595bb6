/**
 * Who moved first and who came last is said only where the data makes it known (issue 29,
 * items 2 and 8): a step known only by an upper bound (an as-of total) may have come at any
 * earlier time, so it leaves the earliest unknown when it is another's, and the latest
 * unknown when it is the last. The rule is the claims module's; the timeline's takeaway and
 * the claims verify rechecks both follow it. Checked on the rule and on the built CLI with the
 * Green Climate Fund fixture, whose United States figure is known only "by 2 December 2023".
 */
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectArgs, tempDir } from './helpers.js';
import { edgesHold } from '../src/model/claims/index.js';

const BIN = path.resolve('dist/cli/bin.js');

describe('edgesHold', () => {
  const step = (date: string, at: number, onOrBefore = false) => ({ date, at, onOrBefore });
  it('holds at both ends when every step is dated', () => {
    expect(edgesHold([step('2022-02', 14), step('2022-03-09', 36)])).toEqual({
      earliest: true,
      latest: true,
    });
  });
  it('loses the latest when the last step is only an upper bound', () => {
    const steps = [step('2023-04', 14), step('2023-12-02', 245, true)];
    expect(edgesHold(steps)).toEqual({ earliest: false, latest: false });
  });
  it('keeps the earliest when the bound is the earliest step itself', () => {
    const steps = [step('2022-03-21', 49, true), step('2022-04-05', 64)];
    expect(edgesHold(steps)).toEqual({ earliest: true, latest: true });
  });
  it('names no end of fewer than two steps', () => {
    expect(edgesHold([step('2022-02', 14)])).toEqual({ earliest: false, latest: false });
  });
});

describe('the built timeline says only the ends that hold', () => {
  it('the gcf fixture does not call an upper-bound date the latest', () => {
    const dir = tempDir('bulletin-edges-');
    cpSync('tests/fixtures/gcf', dir, { recursive: true });
    const out = path.join(dir, 'out');
    execFileSync('node', [BIN, 'build', ...projectArgs(dir), '--out', out]);
    const html = readFileSync(path.join(out, 'bulletin.html'), 'utf8').replace(/\s+/g, ' ');
    expect(html).not.toMatch(/latest United States/);
    expect(html).toContain(
      'Earliest dated aid, where a day or month is given: known only as an upper bound for ' +
        'United States (by 2 December 2023), so who came first or last is not known.',
    );
  }, 120_000);
});
