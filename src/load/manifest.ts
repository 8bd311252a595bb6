/** Reads what a previous build left: its manifest, and the hashes of the files it lists. */
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Manifest } from '../output/manifest.js';

/** The manifest in `outDir`, or undefined when there is none or it cannot be read. */
export async function readManifest(
  outDir: string,
  name = 'manifest.json',
): Promise<Manifest | undefined> {
  try {
    const m = JSON.parse(await readFile(path.join(outDir, name), 'utf8')) as Manifest;
    return Array.isArray(m.artifacts) ? m : undefined;
  } catch {
    return undefined;
  }
}

/** sha256 of a file in the output folder, or undefined when it is missing. */
export async function fileHash(outDir: string, rel: string): Promise<string | undefined> {
  try {
    return createHash('sha256')
      .update(await readFile(path.join(outDir, rel)))
      .digest('hex');
  } catch {
    return undefined;
  }
}
