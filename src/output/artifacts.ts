/** writeArtifacts: all artifacts first, the manifest last. */
import { writeAtomic, confinedPath } from './write.js';
import { lockOutput } from './lock.js';
import { manifestEntry, manifestText, type Manifest } from './manifest.js';
import type { Artifact } from '../compose/types.js';

export const MANIFEST = 'manifest.json';

export async function writeArtifacts(outDir: string, artifacts: Artifact[], base: Omit<Manifest, 'artifacts'>): Promise<Manifest> {
  // Check every path before writing anything, so a bad id cannot leave a half-written set.
  const targets = artifacts.map((a) => ({ a, file: confinedPath(outDir, a.path) }));
  const unlock = await lockOutput(outDir);
  try {
    for (const { a, file } of targets) await writeAtomic(file, a.bytes);
    const manifest: Manifest = { ...base, artifacts: artifacts.map(manifestEntry) };
    await writeAtomic(confinedPath(outDir, MANIFEST), new TextEncoder().encode(manifestText(manifest)));
    return manifest;
  } finally {
    await unlock();
  }
}
