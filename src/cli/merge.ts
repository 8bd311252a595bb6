/** `bulletin merge-manifests`: joins the manifests of shard builds into output/manifest.json. */
import path from 'node:path';
import { readInputText } from '../load/files.js';
import { parseLocatedJson } from '../load/json.js';
import { mergeManifests } from '../output/merge.js';
import { manifestText, type Manifest } from '../output/manifest.js';
import { writeAtomic } from '../output/write.js';
import { createHash } from 'node:crypto';
import { ExitCode, InputError, type Problem } from '../errors.js';
import { validEntry } from '../load/manifest.js';
import { readUntrusted } from '../load/untrusted.js';
import type { CliIO } from './io.js';

/**
 * Every entry of every shard manifest is one bulletin writes — a plain path inside the folder,
 * a kind, a size and a sha256 of 64 hex digits (issue 31: "../../etc/passwd", null, {} and a
 * non-hex hash were merged, or crashed the merge).
 */
function checkShapes(parts: { file: string; manifest: Manifest }[]): void {
  const problems: Problem[] = parts.flatMap(({ file, manifest }) =>
    manifest.artifacts.flatMap((entry, i) =>
      validEntry(entry)
        ? []
        : [
            {
              file,
              path: `artifacts[${i}]`,
              message:
                'is not an entry bulletin writes (it needs a plain relative path inside the ' +
                'folder, a kind, a size and a sha256 of 64 hex digits)',
            },
          ],
    ),
  );
  if (problems.length) throw new InputError('E_MANIFEST', problems);
}

/** Each entry names a file in --out with its hash, never reached through a link (no ghosts). */
async function checkFiles(parts: { file: string; manifest: Manifest }[], out: string) {
  const problems: Problem[] = [];
  for (const { file, manifest } of parts)
    for (const [i, entry] of manifest.artifacts.entries()) {
      const where = { file, path: `artifacts[${i}]` };
      const bytes = await readUntrusted(out, entry.path, 'built file', entry.bytes).catch(
        (err: unknown) => {
          if (!(err instanceof InputError)) throw err;
          problems.push(...err.problems.map((p) => ({ ...p, path: where.path })));
          return undefined;
        },
      );
      if (bytes && createHash('sha256').update(bytes).digest('hex') !== entry.sha256)
        problems.push({
          ...where,
          message: `lists ${entry.path}, but that file in ${out} has another sha256`,
        });
    }
  if (problems.length) throw new InputError('E_MANIFEST', problems);
}

export async function mergeCommand(
  args: { out: string; manifests: string[]; json: boolean },
  io: CliIO,
): Promise<number> {
  const parts: { file: string; manifest: Manifest }[] = [];
  for (const file of args.manifests) {
    const parsed = parseLocatedJson(file, await readInputText(file, 'manifest'));
    if (Array.isArray(parsed)) throw new InputError('E_MANIFEST', parsed);
    const m = parsed.value as Manifest;
    if (!m || typeof m !== 'object' || !Array.isArray(m.artifacts))
      throw new InputError('E_MANIFEST', [
        { file, message: 'is not a bulletin manifest (no "artifacts" list)' },
      ]);
    parts.push({ file, manifest: m });
  }
  checkShapes(parts);
  // Shards of other inputs next: that is the mistake to name, whatever the folder holds.
  const merged = mergeManifests(parts);
  await checkFiles(parts, args.out);
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
