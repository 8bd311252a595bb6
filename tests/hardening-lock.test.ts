/**
 * The output lock under contention: several processes take and release one folder's lock
 * over and over, some dying while they hold it, and each records entering and leaving its
 * critical section in a shared log. Two holders at once would show as an entry while another
 * holder is inside. Uses the compiled lock (dist/), as the CLI does.
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from './helpers.js';

const WORKER = `
import { appendFileSync } from 'node:fs';
const [lockModule, dir, log, rounds, dieAt] = process.argv.slice(2);
const { lockOutput } = await import(lockModule);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
for (let got = 0, tries = 0; got < Number(rounds); tries++) {
  let lock;
  try {
    lock = await lockOutput(dir);
  } catch (err) {
    if (err.code !== 'E_LOCKED') throw err;
    await sleep((tries * 7 + process.pid) % 3);
    continue;
  }
  appendFileSync(log, '+' + process.pid + '\\n');
  if (got === Number(dieAt)) {
    appendFileSync(log, 'x' + process.pid + '\\n');
    process.exit(0); // dies holding the lock
  }
  await sleep(1);
  appendFileSync(log, '-' + process.pid + '\\n');
  await lock.release();
  got++;
}
`;

function runWorker(args: string[]): Promise<number | null> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
    p.on('exit', (code) => resolve(code));
  });
}

/** The log's overlaps: an entry while another live holder is inside. */
function overlaps(log: string): string[] {
  let holder: string | undefined;
  const bad: string[] = [];
  for (const [i, line] of log.trim().split('\n').entries()) {
    const pid = line.slice(1);
    if (line[0] === '+') {
      if (holder !== undefined) bad.push(`line ${i + 1}: ${pid} entered while ${holder} held it`);
      holder = pid;
    } else if (holder === pid) holder = undefined;
  }
  return bad;
}

describe('the output lock under contention', () => {
  it('5 processes, 200 acquisitions, 2 holders killed: never two holders at once', async () => {
    const dir = tempDir('bulletin-lock-');
    const script = path.join(dir, 'worker.mjs');
    const log = path.join(dir, 'log');
    writeFileSync(script, WORKER);
    writeFileSync(log, '');
    const lockModule = path.resolve('dist/output/lock.js');
    const codes = await Promise.all(
      [0, 1, 2, 3, 4].map((w) =>
        runWorker([script, lockModule, dir, log, '40', w < 2 ? String(10 + w * 15) : '-1']),
      ),
    );
    expect(codes).toEqual([0, 0, 0, 0, 0]);
    const text = readFileSync(log, 'utf8');
    expect(text.match(/^\+/gm)?.length).toBe(3 * 40 + 11 + 26);
    expect(text.match(/^x/gm)?.length).toBe(2);
    expect(overlaps(text)).toEqual([]);
    // A dying worker may be the last holder, leaving its lock with no one left to break it
    // (this failed once under load): the next taker breaks it, whoever died last.
    const { lockOutput } = await import(lockModule);
    await (await lockOutput(dir)).release();
    expect(existsSync(path.join(dir, '.bulletin.lock'))).toBe(false);
  }, 120_000);

  it('an empty lock file (a build that has not written its id yet) is not taken as dead', async () => {
    const dir = tempDir('bulletin-lock-');
    writeFileSync(path.join(dir, '.bulletin.lock'), '');
    const { lockOutput } = await import('../src/output/lock.js');
    await expect(lockOutput(dir)).rejects.toMatchObject({ code: 'E_LOCKED' });
    expect(readFileSync(path.join(dir, '.bulletin.lock'), 'utf8')).toBe('');
  });
});
