/**
 * Writes the preview folder: every file atomically, then removes previews nothing made this time (a
 * dropped deck).
 */
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { realOutDir, resolveOnDisk, writeAtomic } from './write.js';

/** The preview's folder inside the output folder. */
export const PREVIEW_DIR = 'preview';

export async function writePreviewFiles(
  outDir: string,
  files: { path: string; bytes: Uint8Array }[],
): Promise<void> {
  const root = await realOutDir(outDir);
  // Resolved on disk first: a preview folder that is a link out of --out is refused, never written
  // through.
  const dir = await resolveOnDisk(root, PREVIEW_DIR);
  for (const f of files)
    await writeAtomic(await resolveOnDisk(root, `${PREVIEW_DIR}/${f.path}`), f.bytes);
  const keep = new Set(files.map((f) => f.path));
  for (const name of await readdir(dir))
    if (!keep.has(name) && /\.(png|html)$/.test(name))
      await rm(path.join(dir, name), { force: true });
}
