/**
 * Making and checking the output folder without waiting forever on the disk (issue 31). Node
 * 20's recursive mkdir never settles under /proc (it retries ENOENT for ever at full CPU), so
 * folders are made one level at a time, and every call has a deadline: a syscall that hangs
 * (a stale network mount) becomes an error naming the folder instead of a build that cannot
 * be stopped. A build checks its --out this way before it renders anything.
 */
import { constants } from 'node:fs';
import { access, mkdir, rmdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { inputError } from '../errors.js';
import { environmentFault, errnoCode } from './faults.js';

/** How long one file-system call on the output path may take. */
export const FS_DEADLINE_MS = 20_000;

/** `work`, or an error naming `file` when it has not settled within the deadline. */
export function withDeadline<T>(work: Promise<T>, file: string, ms = FS_DEADLINE_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          inputError('E_STUCK', {
            file,
            message:
              `the disk did not answer within ${ms / 1000} s (a stuck network share?); ` +
              'choose another --out',
          }),
        ),
      ms,
    );
    timer.unref();
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

const cannotHold = (dir: string, code: string, why: string) =>
  inputError('E_OUT_DIR', {
    file: dir,
    message: `cannot be the output folder (${code}): ${why}; choose another --out`,
  });

/** The nearest folder at or above `dir` that exists, and the missing ones below it (top first). */
async function existingAncestor(dir: string): Promise<{ base: string; missing: string[] }> {
  const missing: string[] = [];
  let cur = path.resolve(dir);
  for (;;) {
    const info = await withDeadline(stat(cur), cur).catch((err: unknown) => {
      const code = errnoCode(err);
      if (code === 'ENOENT') return undefined;
      if (code === 'ENOTDIR')
        throw cannotHold(dir, code, `a part of the path above it is a file, not a folder`);
      throw environmentFault(err, cur, 'Nothing was written.');
    });
    if (info) {
      if (!info.isDirectory()) throw cannotHold(dir, 'ENOTDIR', `${cur} is a file, not a folder`);
      return { base: cur, missing: missing.reverse() };
    }
    missing.push(cur);
    const up = path.dirname(cur);
    if (up === cur) return { base: cur, missing: missing.reverse() };
    cur = up;
  }
}

/** Creates `dir` and the folders above it that are missing, one level at a time. */
export async function makeDir(dir: string): Promise<void> {
  const { missing } = await existingAncestor(dir);
  for (const d of missing)
    await withDeadline(mkdir(d), d).catch((err: unknown) => {
      const code = errnoCode(err);
      if (code === 'EEXIST') return;
      // ENOENT with the parent there: a file system that holds no folders of ours (/proc, /sys).
      if (code === 'ENOENT' || code === 'ENOTDIR')
        throw cannotHold(
          dir,
          code,
          `${path.dirname(d)} takes no new folders (a system file system such as /proc or /sys)`,
        );
      throw environmentFault(err, d, 'Nothing was written.');
    });
}

/**
 * Checks, before a build renders anything, that `dir` can be written: its nearest existing
 * folder is writable, and a missing folder can be made (tried, and removed again).
 */
export async function checkOutDir(dir: string): Promise<void> {
  const { base, missing } = await existingAncestor(dir);
  await withDeadline(access(base, constants.W_OK), base).catch((err: unknown) => {
    throw environmentFault(err, base, 'Nothing was written.');
  });
  const probe = missing[0];
  if (probe === undefined) return;
  await makeDir(probe);
  await withDeadline(rmdir(probe), probe).catch(() => undefined);
}
