/** The only reads from disk: every input file passes through here with a size limit. */
import { readFile, stat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { inputError } from '../errors.js';

/** Inputs larger than this are refused before they are read (a 200 MB file must not exhaust memory). */
export const MAX_INPUT_BYTES = 20 * 1024 * 1024;

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

/** Reads a file as bytes, with clear errors for a missing path, a directory or an oversized file. */
export async function readInputBytes(
  file: string,
  what = 'file',
  limit = MAX_INPUT_BYTES,
): Promise<Buffer> {
  const info = await statOrFail(file, what);
  if (info.isDirectory())
    throw inputError('E_IS_DIRECTORY', {
      file,
      message: `${what} is a directory, but a file is expected here`,
    });
  if (info.size > limit) {
    throw inputError('E_TOO_LARGE', {
      file,
      message: `${what} is ${(info.size / 1048576).toFixed(1)} MB, over the ${limit / 1048576} MB limit; split it or remove unused content`,
    });
  }
  return readFile(file);
}

/** Reads a UTF-8 text file; invalid UTF-8 is an input error. */
export async function readInputText(file: string, what = 'file'): Promise<string> {
  const bytes = await readInputBytes(file, what);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw inputError('E_ENCODING', {
      file,
      message: `${what} is not valid UTF-8; save it as UTF-8`,
    });
  }
}

/** Lists files below a folder (relative paths, sorted, so the order never depends on the disk). */
export async function listFiles(dir: string): Promise<string[]> {
  const info = await statOrFail(dir, 'templates folder');
  if (!info.isDirectory())
    throw inputError('E_NOT_DIRECTORY', { file: dir, message: 'templates must be a folder' });
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}
