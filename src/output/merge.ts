/**
 * Joins shard manifests into one: the same tool, build date and inputs, no path built twice
 * differently.
 */
import { InputError, type Problem } from '../errors.js';
import type { Manifest, ManifestEntry } from './manifest.js';

export function mergeManifests(parts: { file: string; manifest: Manifest }[]): Manifest {
  const problems: Problem[] = [];
  const first = parts[0];
  if (!first)
    throw new InputError('E_USAGE', [
      { file: 'merge-manifests', message: 'name at least one shard manifest' },
    ]);
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const byPath = new Map<string, { entry: ManifestEntry; file: string }>();
  for (const { file, manifest } of parts) {
    if (
      !same(manifest.tool, first.manifest.tool) ||
      !same(manifest.inputs, first.manifest.inputs) ||
      manifest.buildDate !== first.manifest.buildDate
    ) {
      problems.push({
        file,
        message:
          `was built from other inputs than ${first.file} (tool, data, templates or build date ` +
          `differ); rebuild all shards from one commit`,
      });
    }
    for (const entry of manifest.artifacts) {
      const prev = byPath.get(entry.path);
      if (prev && prev.entry.sha256 !== entry.sha256)
        problems.push({
          file,
          path: entry.path,
          message: `differs from the same file in ${prev.file}`,
        });
      byPath.set(entry.path, { entry, file });
    }
  }
  if (problems.length) throw new InputError('E_MERGE', problems);
  return { ...first.manifest, artifacts: [...byPath.values()].map((v) => v.entry) };
}
