/**
 * Reads from a folder someone else made — an output folder given to `diff`, `verify` or
 * `merge-manifests` (issue 31): a listed path must be a plain path inside it, no part of the
 * way may be a symbolic link (a preview linked to /etc/passwd must not reach a published
 * report, nor its lines an error message), only regular files are read, and sizes are capped
 * before reading.
 */
import { constants } from 'node:fs';
import { lstat, readlink } from 'node:fs/promises';
import path from 'node:path';
import { inputError } from '../errors.js';
import { readInputBytes } from './files.js';
import { plainPath } from './manifest.js';

/** Refuses a symbolic link at `full`, naming it and (not reading) where it points. */
async function refuseLink(full: string, what: string): Promise<never> {
  const target = await readlink(full).catch(() => 'somewhere');
  throw inputError('E_SYMLINK', {
    file: full,
    message:
      `${what} is a symbolic link (to ${target}); bulletin does not follow links in a build ` +
      'folder it reads, so a link cannot carry another file into a report or a message. ' +
      'Replace it with the file itself',
  });
}

/** Checks each part of `rel` below `root` with lstat: no symbolic link on the way. */
export async function assertNoLinks(root: string, rel: string, what: string): Promise<string> {
  if (!plainPath(rel))
    throw inputError('E_PATH', {
      file: path.join(root, String(rel)),
      message: `${what}: the path is not a plain relative path inside the folder`,
    });
  let cur = root;
  for (const part of rel.split('/')) {
    cur = path.join(cur, part);
    const info = await lstat(cur).catch(() => undefined);
    if (!info) return path.join(root, rel); // missing: the read says so, naming the file
    if (info.isSymbolicLink()) await refuseLink(cur, what);
  }
  return cur;
}

/** The bytes of `rel` inside `root`, never through a link, at most `limit` bytes. */
export async function readUntrusted(
  root: string,
  rel: string,
  what: string,
  limit: number,
): Promise<Buffer> {
  const file = await assertNoLinks(root, rel, what);
  return readInputBytes(file, what, limit, constants.O_NOFOLLOW);
}
