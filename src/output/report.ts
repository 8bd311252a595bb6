/** Writes a report folder (the diff's HTML page and its images): every file atomically. */
import { confinedPath, writeAtomic } from './write.js';

export async function writeReportFiles(
  dir: string,
  files: { path: string; bytes: Uint8Array }[],
): Promise<void> {
  for (const f of files) await writeAtomic(confinedPath(dir, f.path), f.bytes);
}
