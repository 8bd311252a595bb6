/**
 * The only writes to disk. Each file goes to a temp file in the same folder, is fsynced,
 * then renamed over the old one, so a reader (or a killed build) never sees half a file.
 * Every path is checked to stay inside the output folder whatever an id or template says.
 */
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { inputError } from '../errors.js';

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

let counter = 0;

/** Writes bytes atomically: temp file, fsync, rename. */
export async function writeAtomic(file: string, bytes: Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}.${++counter}.tmp`,
  );
  const handle = await open(tmp, 'w');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } catch (err) {
    await handle.close();
    await rm(tmp, { force: true });
    throw err;
  }
  await handle.close();
  await rename(tmp, file);
}
