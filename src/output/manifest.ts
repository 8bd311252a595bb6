/** The manifest: every artifact with its size and hash, written last. */
import { createHash } from 'node:crypto';
import type { Artifact, FitReport } from '../compose/types.js';

export interface ManifestEntry {
  path: string;
  kind: Artifact['kind'];
  partner?: string;
  bytes: number;
  sha256: string;
  pages?: number;
  slides?: number;
  /** sha256 of what the artifact was built from (its unit's inputs and the tool version). */
  inputs?: string;
  fit?: FitReport;
}

/** What a build produced and from what. */
export interface Manifest {
  tool: { name: string; version: string };
  buildDate: string;
  inputs: { data: string; templates: string; fonts: string; tool: string };
  artifacts: ManifestEntry[];
}

export const sha256 = (bytes: Uint8Array | string): string =>
  createHash('sha256').update(bytes).digest('hex');

export function manifestEntry(a: Artifact, inputs?: string): ManifestEntry {
  return {
    ...(inputs ? { inputs } : {}),
    path: a.path,
    kind: a.kind,
    ...(a.partner ? { partner: a.partner } : {}),
    bytes: a.bytes.byteLength,
    sha256: sha256(a.bytes),
    ...(a.pages !== undefined ? { pages: a.pages } : {}),
    ...(a.slides !== undefined ? { slides: a.slides } : {}),
    ...(a.fit ? { fit: a.fit } : {}),
  };
}

/** Manifest JSON text, entries sorted by path so it never depends on build order. */
export function manifestText(m: Manifest): string {
  return `${JSON.stringify({ ...m, artifacts: [...m.artifacts].sort((a, b) => a.path.localeCompare(b.path)) }, null, 2)}\n`;
}
