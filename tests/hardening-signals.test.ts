/**
 * SIGTERM and SIGINT while a file system call hangs (issue 31): a FUSE mount whose server never
 * answers makes stat() and open() wait for ever in libuv's thread pool, as a hung network disk
 * does. Node's exit waits for that pool, so the build printed "stopped" and stayed alive. Each
 * case through the built CLI must end within 3 s of the signal with one line and the signal's
 * exit status, and leave an existing output folder as it was. The mount needs root (under
 * CI=true its absence fails the run). Set BULLETIN_BIN to run another build of the CLI.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, cpSync, openSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { tempDir, toolPresent } from './helpers.js';

const BIN = process.env.BULLETIN_BIN ?? 'dist/cli/bin.js';

/** A FUSE mount that never answers (the server never reads /dev/fuse); undefined if refused. */
function hungMount(): { dir: string; done: () => void } | undefined {
  const dir = tempDir('h4-hung-');
  let fd: number;
  try {
    fd = openSync('/dev/fuse', 'r+');
  } catch {
    return undefined;
  }
  // The mount helper gets the connection as its fd 3.
  const r = spawnSync(
    'mount',
    ['-t', 'fuse', '-o', 'fd=3,rootmode=40000,user_id=0,group_id=0', 'hung', dir],
    { stdio: ['ignore', 'ignore', 'ignore', fd] },
  );
  if (r.status !== 0) {
    closeSync(fd);
    return undefined;
  }
  return {
    dir,
    done: () => {
      closeSync(fd); // ends the connection: the calls still waiting fail, nothing hangs on
      execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
    },
  };
}

/** Every file of `dir` with its sha256, to see that nothing in it changed. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const file = path.join(dir, name);
    if (statSync(file).isFile())
      out[name] = createHash('sha256').update(readFileSync(file)).digest('hex');
  }
  return out;
}

/** Starts the CLI, sends `signal` after `afterMs`; resolves with how it ended and when. */
function signalled(args: string[], signal: NodeJS.Signals, afterMs = 1500) {
  const child = spawn('node', [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => {
    err += d;
  });
  let sentAt = 0;
  const timer = setTimeout(() => {
    sentAt = performance.now();
    child.kill(signal);
  }, afterMs);
  // A child still alive 10 s after the signal is the bug: kill it so the test can say so.
  const guard = setTimeout(() => child.kill('SIGKILL'), afterMs + 10_000);
  return new Promise<{ code: number | null; signal: string | null; ms: number; err: string }>(
    (resolve) =>
      child.on('close', (code, sig) => {
        clearTimeout(timer);
        clearTimeout(guard);
        resolve({ code, signal: sig, ms: sentAt ? performance.now() - sentAt : -1, err });
      }),
  );
}

let mount: ReturnType<typeof hungMount>;
let out: string;
beforeAll(() => {
  mount = hungMount();
  out = tempDir('h4-out-');
  const r = spawnSync('node', [BIN, 'build', '--only', 'pdf', '--out', out], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
}, 120_000);
afterAll(() => {
  mount?.done();
  rmSync(out, { recursive: true, force: true });
});

describe('a signal while a file system call hangs', () => {
  const cases = [
    // The existing output folder must come through as it was.
    ['--data on the hung mount', (m: string) => ['--data', path.join(m, 'b.json'), '--out', out]],
    ['--out on the hung mount', (m: string) => ['--out', path.join(m, 'output')]],
  ] as const;
  for (const [what, args] of cases)
    for (const [signal, status] of [
      ['SIGTERM', 143],
      ['SIGINT', 130],
    ] as const)
      it(`${what}: ${signal} ends the build within 3 s, one line, status ${status}`, async (t) => {
        if (!toolPresent(mount !== undefined, 'a FUSE mount', 'run the tests as root')) t.skip();
        const before = snapshot(out);
        const m = (mount as { dir: string }).dir;
        const r = await signalled(['build', ...args(m)], signal);
        expect(r.ms, 'ms from the signal to the exit').toBeGreaterThan(0);
        expect(r.ms, 'ms from the signal to the exit').toBeLessThan(3000);
        // Exited with the status, or (a call still stuck) ended by the signal itself, which a
        // shell reports as the same status.
        expect(r.code === status || r.signal === signal, `${r.code} ${r.signal}`).toBe(true);
        expect(r.err.trim().split('\n'), r.err).toEqual([
          `bulletin: stopped by ${signal}; nothing was written to the output folder.`,
        ]);
        expect(snapshot(out)).toEqual(before);
      }, 30_000);
});

describe('a FIFO where bulletin keeps its own state (no signal needed)', () => {
  // A plain readFile() of a FIFO waits for a writer in the thread pool: the build hung for
  // ever, and then ignored SIGTERM as above.
  it.each([
    ['.bulletin.lock', 'output folder lock'],
    ['.bulletin-commit.json', 'commit journal'],
  ])(
    '%s as a FIFO: exit 1 naming it, at once',
    (name, what) => {
      const dir = tempDir('h4-fifo-');
      cpSync(out, dir, { recursive: true });
      execFileSync('mkfifo', [path.join(dir, name)]);
      const r = spawnSync('node', [BIN, 'build', '--out', dir], {
        encoding: 'utf8',
        timeout: 30_000,
        killSignal: 'SIGKILL',
      });
      expect(r.signal, 'still waiting on the FIFO after 30 s').toBeNull();
      expect(r.status, r.stderr).toBe(1);
      expect(r.stderr).toContain(`${path.join(dir, name)}: ${what} is not a file bulletin wrote`);
    },
    60_000,
  );

  it('verify with a FIFO as charts/charts.json does not wait on it', () => {
    const templates = tempDir('h4-fifo-t-');
    cpSync('templates', templates, { recursive: true });
    rmSync(path.join(templates, 'charts/charts.json'));
    execFileSync('mkfifo', [path.join(templates, 'charts/charts.json')]);
    const r = spawnSync('node', [BIN, 'verify', '--out', out, '--templates', templates], {
      encoding: 'utf8',
      timeout: 30_000,
      killSignal: 'SIGKILL',
    });
    expect(r.signal, 'still waiting on the FIFO after 30 s').toBeNull();
    expect(r.status, r.stderr).toBe(0);
  }, 60_000);
});
