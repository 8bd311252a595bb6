/** Writes the preview folder: every file atomically, then removes previews nothing made this time (a dropped deck). */
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { confinedPath, writeAtomic } from './write.js';

/** The preview's folder inside the output folder. */
export const PREVIEW_DIR = 'preview';

export async function writePreviewFiles(
  outDir: string,
  files: { path: string; bytes: Uint8Array }[],
): Promise<void> {
  for (const f of files)
    await writeAtomic(confinedPath(outDir, `${PREVIEW_DIR}/${f.path}`), f.bytes);
  const keep = new Set(files.map((f) => f.path));
  const dir = path.join(path.resolve(outDir), PREVIEW_DIR);
  for (const name of await readdir(dir))
    if (!keep.has(name) && /\.(png|html)$/.test(name))
      await rm(path.join(dir, name), { force: true });
}
