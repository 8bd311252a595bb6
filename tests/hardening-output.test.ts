/**
 * The output folder under attack and under faults: symbolic links out of --out, a read-only
 * disk, a full disk and Ctrl-C while writing. Each must end with a clear message and the
 * previous complete set in place (or, for a link, nothing written or deleted through it).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statfsSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { writeArtifacts } from '../src/output/artifacts.js';
import { cli, tempDir, toolPresent } from './helpers.js';

const DECKS = ['--only', 'decks', '--jobs', '1'];

const hashTree = (dir: string) =>
  Object.fromEntries(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() || e.isSymbolicLink())
      .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
      .sort()
      .map((f) => {
        const full = path.join(dir, f);
        try {
          return [f, createHash('sha256').update(readFileSync(full)).digest('hex')];
        } catch {
          return [f, 'unreadable'];
        }
      }),
  );

let previous: string;
beforeAll(async () => {
  previous = tempDir('bulletin-prev-');
  const r = await cli(['build', ...DECKS, '--out', previous]);
  expect(r.code, r.err).toBe(0);
}, 120_000);

const copyOfPrevious = (into = tempDir('bulletin-out-')) => {
  cpSync(previous, into, { recursive: true });
  return into;
};

describe('symbolic links out of the output folder', () => {
  it('a decks folder linked to a victim folder: nothing written there, clear message, exit 1', async () => {
    const out = copyOfPrevious();
    const victim = tempDir('bulletin-victim-');
    writeFileSync(path.join(victim, 'japan.pptx'), 'the victim file');
    rmSync(path.join(out, 'decks'), { recursive: true });
    symlinkSync(victim, path.join(out, 'decks'));
    const r = await cli(['build', ...DECKS, '--force', '--out', out]);
    expect(r.code, r.err).toBe(1);
    expect(r.err).toContain(`${path.join(out, 'decks')}: is a symbolic link to ${victim}`);
    expect(r.err).toMatch(/never writes or deletes through it/);
    expect(readdirSync(victim)).toEqual(['japan.pptx']);
    expect(readFileSync(path.join(victim, 'japan.pptx'), 'utf8')).toBe('the victim file');
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 60_000);

  it('a dropped file behind such a link is not deleted, nor is anything written', async () => {
    const out = tempDir('bulletin-out-');
    const victim = tempDir('bulletin-victim-');
    writeFileSync(path.join(victim, 'japan.pptx'), 'the victim file');
    symlinkSync(victim, path.join(out, 'decks'));
    const plan = {
      built: [
        {
          artifact: { path: 'bulletin.pdf', kind: 'pdf' as const, bytes: new Uint8Array([1]) },
          inputs: '',
        },
      ],
      kept: [],
      prune: ['decks/japan.pptx'],
      manifestName: 'manifest.json',
    };
    const base = {
      tool: { name: 'bulletin', version: 't' },
      buildDate: '2022-01-01T00:00:00.000Z',
      inputs: { data: '', templates: '', fonts: '', tool: 't' },
    };
    await expect(writeArtifacts(out, plan, base)).rejects.toMatchObject({ code: 'E_SYMLINK' });
    expect(readFileSync(path.join(victim, 'japan.pptx'), 'utf8')).toBe('the victim file');
    expect(readdirSync(out).sort()).toEqual(['decks']);
  });

  it('a link inside the output folder that stays inside it is followed', async () => {
    const out = tempDir('bulletin-out-');
    mkdirSync(path.join(out, 'real'));
    symlinkSync(path.join(out, 'real'), path.join(out, 'decks'));
    const artifact = { path: 'decks/x.pptx', kind: 'pptx' as const, bytes: new Uint8Array([7]) };
    await writeArtifacts(
      out,
      { built: [{ artifact, inputs: '' }], kept: [], prune: [], manifestName: 'manifest.json' },
      {
        tool: { name: 'bulletin', version: 't' },
        buildDate: '2022-01-01T00:00:00.000Z',
        inputs: { data: '', templates: '', fonts: '', tool: 't' },
      },
    );
    expect(readFileSync(path.join(out, 'real', 'x.pptx'))).toEqual(Buffer.from([7]));
  });
});

/** Mounts a small tmpfs (root only); undefined when this machine does not allow it. */
function tmpfs(sizeKb: number): { dir: string; done: () => void } | undefined {
  const dir = tempDir('bulletin-mnt-');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k`, 'tmpfs', dir], {
      stdio: 'ignore',
    });
  } catch {
    return undefined;
  }
  return {
    dir,
    done: () => {
      execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe('faults of the machine', () => {
  it('a read-only output folder: exit 1, the file named, what to do, the old set kept', async (t) => {
    const m = tmpfs(4096);
    if (!toolPresent(m !== undefined, 'a tmpfs mount', 'run the tests as root'))
      return t.skip('this machine does not allow mounting a tmpfs');
    if (!m) return;
    try {
      const out = copyOfPrevious(path.join(m.dir, 'out'));
      const before = hashTree(out);
      execFileSync('mount', ['-o', 'remount,ro', m.dir], { stdio: 'ignore' });
      const r = await cli(['build', ...DECKS, '--force', '--out', out]);
      expect(r.code, r.err).toBe(1);
      expect(r.err).toMatch(/^bulletin: the system refused a write:/);
      expect(r.err).toContain(out);
      expect(r.err).toMatch(
        /\(EROFS\): the disk is read-only; build into a folder on a writable disk/,
      );
      expect(r.err).not.toMatch(/a bug in bulletin/);
      expect(hashTree(out)).toEqual(before);
    } finally {
      m.done();
    }
  }, 60_000);

  it('a full disk: exit 1, the file named, temp files removed, the old set kept', async (t) => {
    const m = tmpfs(1024);
    if (!toolPresent(m !== undefined, 'a tmpfs mount', 'run the tests as root'))
      return t.skip('this machine does not allow mounting a tmpfs');
    if (!m) return;
    try {
      const out = copyOfPrevious(path.join(m.dir, 'out'));
      // Leave room for the lock, not for a deck.
      const free = statfsSync(m.dir).bavail * statfsSync(m.dir).bsize;
      writeFileSync(path.join(m.dir, 'filler'), Buffer.alloc(Math.max(0, free - 24 * 1024)));
      const before = hashTree(out);
      const r = await cli(['build', ...DECKS, '--force', '--out', out]);
      expect(r.code, r.err).toBe(1);
      expect(r.err).toMatch(/\(ENOSPC\): the disk is full; free some space/);
      // Decks are staged a few at a time, so which write meets the full disk first varies (a
      // deck, or the manifest beside them); the message names whichever it was.
      expect(r.err).toMatch(
        new RegExp(`${out}/(?:decks/[a-z-]+\\.pptx|manifest\\.json): could not write`),
      );
      expect(r.err).toMatch(/Nothing in the output folder was changed\./);
      expect(hashTree(out)).toEqual(before);
      expect(existsSync(path.join(out, '.bulletin.lock'))).toBe(false);
    } finally {
      m.done();
    }
  }, 60_000);
});

describe('Ctrl-C during the writes', () => {
  /** A build stopped by the test hook at `at` (a write phase), sent `signal` there, then let go on. */
  function interrupted(out: string, at: 'staged' | 'commit', signal: NodeJS.Signals) {
    return new Promise<{ code: number | null; err: string }>((resolve) => {
      const p = spawn(
        process.execPath,
        ['dist/cli/bin.js', 'build', '--force', ...DECKS, '--out', out],
        {
          stdio: ['pipe', 'ignore', 'pipe'],
          env: { ...process.env, BULLETIN_TEST_WRITE_STEPS: 'pause' },
        },
      );
      let err = '';
      let sent = false;
      p.stderr.on('data', (d: Buffer) => {
        err += d.toString();
        if (!sent && new RegExp(`write step \\d+ ${at} `).test(err)) {
          sent = true;
          p.kill(signal);
        }
        // Let it go on from every stop (the signal is handled between writes).
        for (const _ of d.toString().matchAll(/write step/g)) p.stdin.write('.');
      });
      p.on('exit', (code) => resolve({ code, err }));
    });
  }

  it('while staging: exit 130, a message, the old set as it was, no lock or temp files', async () => {
    const out = copyOfPrevious();
    const before = hashTree(out);
    const r = await interrupted(out, 'staged', 'SIGINT');
    expect(r.code).toBe(130);
    expect(r.err).toMatch(/bulletin: stopped by SIGINT; the output folder holds a complete set/);
    expect(hashTree(out)).toEqual(before);
    expect(
      readdirSync(out, { recursive: true })
        .map(String)
        .filter((f) => f.endsWith('.tmp')),
    ).toEqual([]);
  }, 60_000);

  it('while renaming (SIGTERM): the new set is completed with its manifest, then exit 143', async () => {
    const out = copyOfPrevious();
    writeFileSync(path.join(out, 'decks', 'japan.pptx'), 'edited, so a rebuild differs');
    const r = await interrupted(out, 'commit', 'SIGTERM');
    expect(r.code).toBe(143);
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    for (const a of manifest.artifacts)
      expect(
        createHash('sha256')
          .update(readFileSync(path.join(out, a.path)))
          .digest('hex'),
      ).toBe(a.sha256);
    expect(existsSync(path.join(out, '.bulletin.lock'))).toBe(false);
  }, 60_000);
});
