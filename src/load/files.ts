/**
 * The only reads from disk: every input file passes through here. Only regular files are
 * read (a device such as /dev/zero or a FIFO is refused, never waited on), and the size is
 * checked on the open file before reading, and capped while reading in case it grows.
 */
import { constants } from 'node:fs';
import { open, stat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { inputError } from '../errors.js';

/**
 * Inputs larger than this are refused before they are read (a 200 MB file must not exhaust memory).
 */
export const MAX_INPUT_BYTES = 20 * 1024 * 1024;

const code = (err: unknown) => (err as NodeJS.ErrnoException | undefined)?.code;

async function statOrFail(file: string, what: string) {
  try {
    return await stat(file);
  } catch {
    throw inputError('E_MISSING', {
      file,
      message: `${what} not found; check the path (it is resolved from ${process.cwd()})`,
    });
  }
}

const tooLarge = (file: string, what: string, size: number, limit: number) =>
  inputError('E_TOO_LARGE', {
    file,
    message:
      `${what} is ${(size / 1048576).toFixed(1)} MB, over the ${limit / 1048576} MB limit; split ` +
      `it or remove unused content`,
  });

/**
 * Reads a file as bytes, with clear errors for a missing path, a directory, a device or FIFO, or an
 * oversized file.
 */
export async function readInputBytes(
  file: string,
  what = 'file',
  limit = MAX_INPUT_BYTES,
  /** Extra open flags: O_NOFOLLOW for a folder someone else made (load/untrusted.ts). */
  flags = 0,
): Promise<Buffer> {
  const info = await statOrFail(file, what);
  if (info.isDirectory())
    throw inputError('E_IS_DIRECTORY', {
      file,
      message: `${what} is a directory, but a file is expected here`,
    });
  // Made only when thrown: an error records a stack, and a no-op rebuild reads ~80 files.
  const notRegular = () =>
    inputError('E_NOT_FILE', {
      file,
      message: `${what} is not a regular file (a device, FIFO or socket); name an ordinary file`,
    });
  if (!info.isFile()) throw notRegular();
  if (info.size > limit) throw tooLarge(file, what, info.size, limit);
  // O_NONBLOCK: if the path was swapped for a FIFO since stat, opening must not wait for a writer.
  const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK | flags).catch(
    (err) => {
      const c = code(err);
      if (c === 'ENOENT') throw inputError('E_MISSING', { file, message: `${what} not found` });
      if (c === 'ELOOP')
        throw inputError('E_SYMLINK', {
          file,
          message: `${what} is a symbolic link, which bulletin does not follow here`,
        });
      // The machine's refusals (permissions, open-file limits) are the user's to fix, not a bug.
      if (c === 'EACCES' || c === 'EPERM' || c === 'EMFILE' || c === 'ENFILE' || c === 'EIO')
        throw inputError(`E_${c}`, {
          file,
          message:
            `${what} cannot be read (${c}); check that this user may read it, or close other ` +
            `programs if too many files are open`,
        });
      throw err;
    },
  );
  try {
    const opened = await handle.stat();
    if (!opened.isFile()) throw notRegular();
    if (opened.size > limit) throw tooLarge(file, what, opened.size, limit);
    const chunks: Buffer[] = [];
    let total = 0;
    // The first read is sized to the file, one byte over to see it grew since stat; later ones
    // (a growing file, the read that finds the end) are small. Not zero-filled: only the bytes
    // read are kept. (A zeroed 1 MB chunk per read was a third of a no-op's time.)
    let want = opened.size + 1;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(want, limit + 1 - total));
      want = 64 * 1024;
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, total);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > limit) throw tooLarge(file, what, total, limit);
    }
    return Buffer.concat(chunks, total);
  } finally {
    await handle.close();
  }
}

/** Decodes UTF-8; invalid UTF-8 is an input error. */
export function decodeInputText(bytes: Uint8Array, file: string, what = 'file'): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw inputError('E_ENCODING', {
      file,
      message: `${what} is not valid UTF-8; save it as UTF-8`,
    });
  }
}

/** Reads a UTF-8 text file; invalid UTF-8 is an input error. */
export async function readInputText(file: string, what = 'file'): Promise<string> {
  return decodeInputText(await readInputBytes(file, what), file, what);
}

/**
 * Lists regular files below a folder (relative paths, sorted, so the order never depends on the
 * disk).
 */
export async function listFiles(dir: string): Promise<string[]> {
  const info = await statOrFail(dir, 'templates folder');
  if (!info.isDirectory())
    throw inputError('E_NOT_DIRECTORY', { file: dir, message: 'templates must be a folder' });
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  // A link, or a FIFO, socket or device named like a template, was skipped without a word, and
  // the build went on without it (a linked deck template, a partner's own template: issue 31).
  const odd = entries.find((e) => !e.isFile() && !e.isDirectory());
  if (odd)
    throw inputError(odd.isSymbolicLink() ? 'E_SYMLINK' : 'E_NOT_FILE', {
      file: path.join(odd.parentPath, odd.name),
      message: odd.isSymbolicLink()
        ? 'is a symbolic link; bulletin reads only regular files in the templates folder, so ' +
          'copy the file it points to in its place'
        : 'is not a regular file (a pipe, socket or device); bulletin reads only regular ' +
          'files in the templates folder: replace it with the file itself, or remove it',
    });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

/**
 * Maps `items` with at most `atOnce` calls of `fn` under way, results in the items' order: file
 * work overlaps (each call mostly waits on the disk) without an open file per item of a
 * large set.
 */
export async function mapAtMost<T, R>(
  items: readonly T[],
  atOnce: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i] as T, i);
  };
  await Promise.all(Array.from({ length: Math.min(atOnce, items.length) }, lane));
  return out;
}
