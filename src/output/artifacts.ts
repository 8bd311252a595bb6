/** writeArtifacts: all artifacts first, the manifest last, under the output folder's lock. */
import { rm } from 'node:fs/promises';
import { writeAtomic, confinedPath } from './write.js';
import { lockOutput } from './lock.js';
import { manifestEntry, manifestText, type Manifest, type ManifestEntry } from './manifest.js';
import type { Artifact } from '../compose/types.js';

export const MANIFEST = 'manifest.json';

export interface WritePlan {
  /** Newly built artifacts, with the hash of the inputs they were built from. */
  built: { artifact: Artifact; inputs: string }[];
  /** Entries of files that were up to date and stay as they are. */
  kept: ManifestEntry[];
  /** Files of a previous build that this build no longer makes (removed after the manifest is written). */
  prune: string[];
  manifestName: string;
}

export async function writeArtifacts(
  outDir: string,
  plan: WritePlan,
  base: Omit<Manifest, 'artifacts'>,
): Promise<Manifest> {
  // Check every path before writing anything, so a bad id cannot leave a half-written set.
  const targets = plan.built.map((b) => ({ ...b, file: confinedPath(outDir, b.artifact.path) }));
  const pruneFiles = plan.prune.map((p) => confinedPath(outDir, p));
  const unlock = await lockOutput(outDir);
  try {
    for (const { artifact, file } of targets) await writeAtomic(file, artifact.bytes);
    const manifest: Manifest = {
      ...base,
      artifacts: [...plan.kept, ...plan.built.map((b) => manifestEntry(b.artifact, b.inputs))],
    };
    await writeAtomic(
      confinedPath(outDir, plan.manifestName),
      new TextEncoder().encode(manifestText(manifest)),
    );
    for (const f of pruneFiles) await rm(f, { force: true });
    return manifest;
  } finally {
    await unlock();
  }
}
