/** `bulletin merge-manifests`: joins the manifests of shard builds into output/manifest.json. */
import path from 'node:path';
import { readInputText } from '../load/files.js';
import { parseLocatedJson } from '../load/json.js';
import { mergeManifests } from '../output/merge.js';
import { manifestText, type Manifest } from '../output/manifest.js';
import { writeAtomic } from '../output/write.js';
import { ExitCode, InputError } from '../errors.js';
import type { CliIO } from './io.js';

export async function mergeCommand(
  args: { out: string; manifests: string[]; json: boolean },
  io: CliIO,
): Promise<number> {
  const parts: { file: string; manifest: Manifest }[] = [];
  for (const file of args.manifests) {
    const parsed = parseLocatedJson(file, await readInputText(file, 'manifest'));
    if (Array.isArray(parsed)) throw new InputError('E_MANIFEST', parsed);
    const m = parsed.value as Manifest;
    if (!m || !Array.isArray(m.artifacts))
      throw new InputError('E_MANIFEST', [
        { file, message: 'is not a bulletin manifest (no "artifacts" list)' },
      ]);
    parts.push({ file, manifest: m });
  }
  const merged = mergeManifests(parts);
  const target = path.join(args.out, 'manifest.json');
  await writeAtomic(target, new TextEncoder().encode(manifestText(merged)));
  if (args.json) io.out(JSON.stringify({ ok: true, manifest: merged }, null, 2));
  else
    io.out(
      `Merged ${parts.length} manifest${parts.length === 1 ? '' : 's'} ` +
        `(${merged.artifacts.length} files) into ${target}`,
    );
  return ExitCode.ok;
}
