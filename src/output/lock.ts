/**
 * One build at a time per output folder. The lock file is written in full under a private name and
 * then hard-linked into place, which fails if a lock exists: so a lock is never seen empty or
 * half-written. A lock whose process no longer exists is removed only by one breaker at a time, and
 * only if it is still the very file judged dead (same inode). A holder checks that its lock is
 * still its own before it renames anything into place. Temp files left by killed builds are removed
 * at the start of the next one.
 */
import { link, readdir, rm, stat, writeFile } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import path from 'node:path';
import { inputError } from '../errors.js';
import { errnoCode } from './faults.js';
import { JOURNAL, rollForward } from './journal.js';
import { readStateFile } from './state-file.js';

export const LOCK_FILE = '.bulletin.lock';
const TEMP = /^\..+\.(\d+)\.\d+\.tmp$/;
/**
 * A lock file that holds no process id is a foreign or damaged file; older than this, it is
 * dropped.
 */
const UNREADABLE_GRACE_MS = 10_000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return errnoCode(err) === 'EPERM';
  }
}

let counter = 0;

/**
 * Creates the lock with this process's id already in it; returns its inode (the lock's
 * identity), or undefined when a lock exists.
 */
async function tryCreate(file: string): Promise<number | undefined> {
  const tmp = path.join(path.dirname(file), `${LOCK_FILE}.${process.pid}.${++counter}.tmp`);
  await writeFile(tmp, `${process.pid}\n`, { flag: 'wx' });
  try {
    const { ino } = await stat(tmp);
    await link(tmp, file);
    return ino;
  } catch (err) {
    if (errnoCode(err) === 'EEXIST') return undefined;
    throw err;
  } finally {
    await rm(tmp, { force: true });
  }
}

/** Removes temp files of builds that are no longer running, anywhere below `dir`. */
async function removeStaleTemps(dir: string): Promise<void> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    const m = TEMP.exec(e.name);
    if (e.isFile() && m && !alive(Number(m[1])))
      await rm(path.join(e.parentPath, e.name), { force: true });
  }
}

const missing = (err: unknown) => errnoCode(err) === 'ENOENT';

/**
 * Drops the lock `file` if it is still the dead one seen as `ino`. Breaking is itself
 * exclusive (a second O_EXCL file), so between "it is still the dead lock" and its removal no
 * other breaker can act: a lock can only be created where none exists, and the dead holder
 * cannot release it. A breaker left by a process that died while breaking is cleared.
 */
async function breakDeadLock(file: string, ino: number): Promise<void> {
  const breaker = `${file}.break`;
  try {
    await writeFile(breaker, `${process.pid}\n`, { flag: 'wx' });
  } catch (err) {
    if (errnoCode(err) !== 'EEXIST') throw err;
    const info = await stat(breaker).catch(() => undefined);
    const holder = Number((await readStateFile(breaker, 'lock breaker').catch(() => '')).trim());
    const stale =
      holder > 0 ? !alive(holder) : !!info && Date.now() - info.mtimeMs > UNREADABLE_GRACE_MS;
    if (stale) await rm(breaker, { force: true });
    else await new Promise((resolve) => setTimeout(resolve, 2));
    return;
  }
  try {
    // The inode alone is not proof: once another breaker dropped the dead lock, a live build's
    // new lock can get the same inode number back (file systems reuse them at once). So the
    // lock must also still name a process that is gone; a live build's lock never does. (One
    // naming no process at all is the old foreign file the caller judged; builds write theirs
    // whole before linking it into place.)
    if ((await stat(file).catch(() => undefined))?.ino !== ino) return;
    const text = await readStateFile(file, 'output folder lock').catch(() => '');
    const holder = /^\s*(\d+)\s*$/.exec(text) ? Number(text) : 0;
    if (holder === 0 || !alive(holder)) await rm(file, { force: true });
  } finally {
    await rm(breaker, { force: true });
  }
}

export interface OutputLock {
  /**
   * Throws when the lock is no longer this build's (it must not rename anything into place then).
   */
  assertHeld(): Promise<void>;
  release(): Promise<void>;
}

/** Takes the output folder's lock. */
export async function lockOutput(outDir: string): Promise<OutputLock> {
  const file = path.join(outDir, LOCK_FILE);
  for (let attempt = 0; attempt < 100; attempt++) {
    const ino = await tryCreate(file);
    if (ino !== undefined) {
      // A killed build's commit is finished first: its staged files are temps of a dead
      // process, which the sweep below would remove.
      await rollForward(outDir);
      await removeStaleTemps(outDir);
      const held = async () => (await stat(file).catch(() => undefined))?.ino === ino;
      return {
        async assertHeld() {
          if (!(await held()))
            throw inputError('E_LOCKED', {
              file,
              message:
                'another process took this output folder lock during the build; nothing was ' +
                'replaced. Build again when no other build is running',
            });
        },
        async release() {
          if (await held()) await rm(file, { force: true });
        },
      };
    }
    let info: Stats;
    let text: string;
    try {
      info = await stat(file);
      text = await readStateFile(file, 'output folder lock');
    } catch (err) {
      if (missing(err)) continue; // released meanwhile: try again
      throw err;
    }
    const holder = /^\s*(\d+)\s*$/.exec(text) ? Number(text) : 0;
    if (holder > 0 && alive(holder))
      throw inputError('E_LOCKED', {
        file,
        message:
          `another build (process ${holder}) is writing to this output folder; wait for it to ` +
          `finish, or build into another --out`,
      });
    if (holder > 0 || Date.now() - info.mtimeMs > UNREADABLE_GRACE_MS)
      await breakDeadLock(file, info.ino);
    else
      throw inputError('E_LOCKED', {
        file,
        message:
          'the output folder lock file holds no process id; if no build is running, remove it ' +
          'and build again',
      });
  }
  throw inputError('E_LOCKED', {
    file,
    message: 'could not take the output folder lock; remove the file if no build is running',
  });
}

/**
 * Finishes a commit a killed build left (output/journal.ts) before a command reads `outDir`:
 * only when a journal is there, under the lock; a folder another live build holds is left to
 * that build.
 */
export async function recoverOutput(outDir: string): Promise<void> {
  const there = await stat(path.join(outDir, JOURNAL)).catch(() => undefined);
  if (!there) return;
  let lock: OutputLock;
  try {
    lock = await lockOutput(outDir);
  } catch (err) {
    if ((err as { code?: unknown }).code === 'E_LOCKED') return;
    throw err;
  }
  await lock.release();
}
