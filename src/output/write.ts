/**
 * The only writes to disk. Each file goes to a temp file in its own folder, is fsynced, and
 * is renamed over the old one only when every file of the build is staged, so a reader (or a
 * killed build) never sees half a file. Every path is checked to stay inside the output
 * folder whatever an id or template says — as text, and again on disk, where a folder on the
 * way may be a symbolic link to somewhere else.
 */
import { lstat, open, realpath, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { inputError } from '../errors.js';
import { environmentFault, errnoCode } from './faults.js';
import { makeDir, withDeadline } from './out-dir.js';

/** Resolves a relative artifact path inside `outDir`, refusing anything that escapes it. */
export function confinedPath(outDir: string, rel: string): string {
  const root = path.resolve(outDir);
  const bad =
    rel.includes('\0') ||
    path.isAbsolute(rel) ||
    rel.split(/[\\/]/).some((p) => p === '..' || p === '');
  const full = path.resolve(root, rel);
  if (bad || !full.startsWith(root + path.sep)) {
    throw inputError('E_PATH', {
      file: rel,
      message: `refusing to write outside the output folder ${root}; ids must be simple slugs`,
    });
  }
  return full;
}

const inside = (root: string, p: string) => p === root || p.startsWith(root + path.sep);

/**
 * The real path of `rel` below the real output folder `realRoot`. Every part that exists is
 * looked at: a symbolic link that leads outside the output folder is refused, so nothing is
 * ever written or deleted through one. Parts that do not exist yet are created as folders.
 */
export async function resolveOnDisk(realRoot: string, rel: string): Promise<string> {
  confinedPath(realRoot, rel);
  let cur = realRoot;
  for (const part of rel.split('/')) {
    const next = path.join(cur, part);
    const info = await lstat(next).catch((err: unknown) => {
      if (errnoCode(err) === 'ENOENT') return undefined;
      throw err;
    });
    if (!info?.isSymbolicLink()) {
      cur = next;
      continue;
    }
    const target = await realpath(next).catch(() => '(a missing target)');
    if (!inside(realRoot, target))
      throw inputError('E_SYMLINK', {
        file: next,
        message:
          `is a symbolic link to ${target}, outside the output folder ${realRoot}; bulletin ` +
          `never writes or deletes through it. Remove the link (or make it a real folder) and ` +
          `build again`,
      });
    cur = target;
  }
  return cur;
}

/**
 * The output folder, created if needed, as a real path (it may itself be a link the user chose).
 */
export async function realOutDir(outDir: string): Promise<string> {
  await makeDir(outDir);
  return withDeadline(realpath(outDir), outDir);
}

let counter = 0;

/** Writes bytes[from, to) at the same offsets in the file; a write may take less than asked. */
async function writeRange(handle: FileHandle, bytes: Uint8Array, from: number, to: number) {
  for (let at = from; at < to; ) {
    const { bytesWritten } = await handle.write(bytes, at, to - at, at);
    at += bytesWritten;
  }
}

/** Called between the steps of a write (test builds pause or stop here; see cli/test-hooks). */
export type WriteStep = (phase: 'stage' | 'staged' | 'commit' | 'prune', file: string) => void;

/**
 * Writes `bytes` to a temp file beside `file` (fsynced) and returns the temp file's path; the
 * caller renames it into place. Written in two halves with a step between, so a test can stop
 * a build in the middle of a file.
 */
export async function stageFile(
  file: string,
  bytes: Uint8Array,
  step?: WriteStep,
): Promise<string> {
  await makeDir(path.dirname(file));
  const tmp = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}.${++counter}.tmp`,
  );
  const handle = await open(tmp, 'wx');
  try {
    const half = Math.floor(bytes.byteLength / 2);
    await writeRange(handle, bytes, 0, half);
    step?.('stage', file);
    await writeRange(handle, bytes, half, bytes.byteLength);
    await handle.sync();
    await handle.close();
  } catch (err) {
    await handle.close().catch(() => undefined);
    await rm(tmp, { force: true });
    throw err;
  }
  step?.('staged', file);
  return tmp;
}

/** Writes one file atomically: temp file, fsync, rename (for single files outside a build). */
export async function writeAtomic(file: string, bytes: Uint8Array): Promise<void> {
  let tmp: string | undefined;
  try {
    tmp = await stageFile(file, bytes);
    await rename(tmp, file);
  } catch (err) {
    if (tmp) await rm(tmp, { force: true });
    throw environmentFault(err, file, 'The file was left as it was.');
  }
}
