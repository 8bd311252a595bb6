/**
 * One build at a time per output folder: a lock file created exclusively (O_EXCL). A lock
 * left by a killed build is taken over when its process no longer exists. Temp files left
 * by a killed build are removed at the start of the next one.
 */
import { mkdir, open, readFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { inputError } from '../errors.js';

export const LOCK_FILE = '.bulletin.lock';
const TEMP = /^\..+\.(\d+)\.\d+\.tmp$/;

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function tryCreate(file: string): Promise<boolean> {
  try {
    const h = await open(file, 'wx');
    await h.writeFile(String(process.pid));
    await h.close();
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
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

/** Takes the output folder's lock; returns the function that releases it. */
export async function lockOutput(outDir: string): Promise<() => Promise<void>> {
  await mkdir(outDir, { recursive: true });
  const file = path.join(outDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    if (await tryCreate(file)) {
      await removeStaleTemps(outDir);
      return () => rm(file, { force: true });
    }
    const holder = Number((await readFile(file, 'utf8').catch(() => '')).trim());
    if (alive(holder)) {
      throw inputError('E_LOCKED', {
        file,
        message: `another build (process ${holder}) is writing to this output folder; wait for it to finish, or build into another --out`,
      });
    }
    await rm(file, { force: true });
  }
  throw inputError('E_LOCKED', {
    file,
    message: 'could not take the output folder lock; remove the file if no build is running',
  });
}
