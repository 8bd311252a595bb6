/**
 * Faults of the environment (permissions, read-only or full disks, open-file limits) become
 * errors that name the file and say what to do, instead of "a bug in bulletin".
 */
import { EnvironmentError } from '../errors.js';

const ADVICE: Record<string, string> = {
  EACCES: 'permission denied; make the folder writable for this user, or build into another --out',
  EPERM:
    'the operating system refused the change; make the folder writable, or build into another ' +
    '--out',
  EROFS: 'the disk is read-only; build into a folder on a writable disk with --out',
  ENOSPC: 'the disk is full; free some space, or build into another --out',
  EDQUOT: 'the disk quota is used up; free some space, or build into another --out',
  EMFILE: 'too many files are open; close other programs or raise the limit (ulimit -n) and retry',
  ENFILE: 'the system has too many files open; close other programs and retry',
  EBUSY: 'the file is in use by another program; close it and retry',
};

/** The error code of a Node system error, if it has one. */
export const errnoCode = (err: unknown): string | undefined =>
  err && typeof err === 'object' && 'code' in err && typeof err.code === 'string'
    ? err.code
    : undefined;

/** An EnvironmentError for `file` when `err` is a fault of the environment, else `err` itself. */
export function environmentFault(err: unknown, file: string, previous: string): unknown {
  const code = errnoCode(err);
  const advice = code ? ADVICE[code] : undefined;
  if (!code || !advice) return err;
  return new EnvironmentError(`E_${code}`, [
    { file, message: `could not write (${code}): ${advice}. ${previous}` },
  ]);
}
