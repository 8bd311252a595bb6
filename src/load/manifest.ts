/**
 * Reads what a previous build left: its manifest, and the hashes of the files it lists. The
 * output folder is input like any other: a manifest that is not one bulletin writes is
 * ignored (everything is rebuilt), a listed path must be a plain path inside the folder, and
 * a listed file is read only when it is a regular file of the listed size.
 */
import { lstat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { readInputBytes } from './files.js';
import type { Manifest, ManifestEntry } from '../output/manifest.js';

/** Manifests bulletin writes are a few KB; a bigger one is not ours. */
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
const HEX64 = /^[0-9a-f]{64}$/;
/**
 * A relative path of plain names: no "..", no empty part, no absolute path, no backslash or NUL.
 */
const PLAIN_PATH = /^(?!.*(^|\/)\.\.?(\/|$))[^/\\\0]+(\/[^/\\\0]+)*$/;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export const plainPath = (p: unknown): p is string => typeof p === 'string' && PLAIN_PATH.test(p);

/** Whether `e` is a manifest entry as bulletin writes one (plain path, hex sha256 …). */
export function validEntry(e: unknown): e is ManifestEntry {
  return (
    isObject(e) &&
    plainPath(e.path) &&
    typeof e.kind === 'string' &&
    Number.isSafeInteger(e.bytes) &&
    (e.bytes as number) >= 0 &&
    typeof e.sha256 === 'string' &&
    HEX64.test(e.sha256) &&
    (e.inputs === undefined || (typeof e.inputs === 'string' && HEX64.test(e.inputs)))
  );
}

/** The manifest in `text` when it has the shape bulletin writes, else undefined. */
export function parseManifest(text: string): Manifest | undefined {
  try {
    const m: unknown = JSON.parse(text);
    if (!isObject(m) || !Array.isArray(m.artifacts) || !m.artifacts.every(validEntry))
      return undefined;
    if (!isObject(m.inputs) || !isObject(m.tool) || typeof m.buildDate !== 'string')
      return undefined;
    return m as unknown as Manifest;
  } catch {
    return undefined;
  }
}

/** The manifest in `outDir`, or undefined when there is none or it is not a valid one. */
export async function readManifest(
  outDir: string,
  name = 'manifest.json',
): Promise<Manifest | undefined> {
  try {
    const bytes = await readInputBytes(path.join(outDir, name), 'manifest', MAX_MANIFEST_BYTES);
    return parseManifest(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
}

/**
 * sha256 of a listed file as it is on disk, or undefined when it is missing, not a regular
 * file (a link, a device) or not of the listed size — in every such case it is not as written.
 */
export async function fileHash(
  outDir: string,
  entry: Pick<ManifestEntry, 'path' | 'bytes'>,
): Promise<string | undefined> {
  if (!plainPath(entry.path)) return undefined;
  const file = path.join(outDir, entry.path);
  try {
    const info = await lstat(file);
    if (!info.isFile() || info.size !== entry.bytes) return undefined;
    const bytes = await readInputBytes(file, 'output file', entry.bytes);
    return createHash('sha256').update(bytes).digest('hex');
  } catch {
    return undefined;
  }
}
