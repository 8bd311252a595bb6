/**
 * readBuildFolder: what `bulletin diff` compares of one build — its manifest, the facts its
 * PDF printed (the provenance JSON embedded in bulletin.pdf), and its preview PNGs. Reads
 * only files the manifest or the preview folder name, each through the size-capped reader.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { inputError } from '../errors.js';
import type { Manifest } from '../output/manifest.js';
import { readInputBytes, readInputText } from './files.js';

/** One build as `bulletin diff` sees it. */
export interface BuildFolder {
  dir: string;
  manifest: Manifest;
  /** The printed facts as a dataset-shaped object ({collection: [{id, …values}]}). */
  facts: Record<string, unknown>;
  /** Preview PNGs by file name (bulletin-page-1.png, deck-<partner>-slide-03.png). */
  previews: Map<string, Uint8Array>;
}

const PREVIEW_DIR = 'preview';
const PROVENANCE = 'bulletin-sources.json';

async function readManifestOf(dir: string): Promise<Manifest> {
  const file = path.join(dir, 'manifest.json');
  const text = await readInputText(file, 'manifest');
  let m: unknown;
  try {
    m = JSON.parse(text);
  } catch (err) {
    throw inputError('E_MANIFEST', {
      file,
      message:
        `is not valid JSON (${(err as Error).message}); ` +
        'point diff at a bulletin output folder',
    });
  }
  const artifacts = (m as { artifacts?: unknown }).artifacts;
  const ok =
    Array.isArray(artifacts) &&
    artifacts.every(
      (a: unknown) =>
        typeof (a as { path?: unknown }).path === 'string' &&
        typeof (a as { sha256?: unknown }).sha256 === 'string',
    );
  if (!ok)
    throw inputError('E_MANIFEST', {
      file,
      path: 'artifacts',
      message: 'is not a bulletin manifest (each artifact needs a path and a sha256)',
    });
  return m as Manifest;
}

/** The PDF's embedded provenance, regrouped by collection; empty when there is no PDF. */
async function readFacts(dir: string, manifest: Manifest): Promise<Record<string, unknown>> {
  if (!manifest.artifacts.some((a) => a.path === 'bulletin.pdf')) return {};
  const file = path.join(dir, 'bulletin.pdf');
  const bytes = await readInputBytes(file, 'bulletin PDF', 200 * 1024 * 1024);
  // pdfjs is large: load it only when a diff needs a PDF's attachment.
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  try {
    const attachments = ((await doc.getAttachments()) ?? {}) as Record<
      string,
      { filename: string; content: Uint8Array }
    >;
    const found = Object.values(attachments).find((a) => a.filename === PROVENANCE);
    if (!found) return {};
    const json = JSON.parse(Buffer.from(found.content).toString('utf8')) as {
      bulletin?: unknown;
      sources?: unknown;
      facts?: { collection: string; id: string; values: Record<string, unknown> }[];
      charts?: { id: string; data: unknown }[];
    };
    const grouped: Record<string, unknown[]> = {};
    for (const f of json.facts ?? [])
      (grouped[f.collection] ??= []).push({ id: f.id, ...f.values });
    return {
      bulletin: json.bulletin,
      sources: json.sources,
      ...grouped,
      charts: (json.charts ?? []).map((c) => ({ id: c.id, values: chartValues(c.data) })),
    };
  } finally {
    await doc.destroy();
  }
}

/**
 * A chart's figures keyed by series and label ("Oil / <partner>"), so a diff names the bar that
 * changed rather than every position that a re-sort moved.
 */
function chartValues(data: unknown): unknown {
  const d = data as { labels?: unknown; series?: { name?: string; values?: unknown[] }[] };
  if (!Array.isArray(d?.labels) || !Array.isArray(d.series)) return data;
  const labels = d.labels.map(String);
  const out: Record<string, unknown> = {};
  for (const s of d.series)
    (s.values ?? []).forEach((v, i) => {
      out[s.name ? `${s.name} / ${labels[i]}` : String(labels[i])] = v;
    });
  return out;
}

async function readPreviews(dir: string): Promise<Map<string, Uint8Array>> {
  const folder = path.join(dir, PREVIEW_DIR);
  let names: string[];
  try {
    names = (await readdir(folder)).filter((n) => n.endsWith('.png')).sort();
  } catch {
    return new Map();
  }
  const out = new Map<string, Uint8Array>();
  for (const n of names) out.set(n, await readInputBytes(path.join(folder, n), 'preview image'));
  return out;
}

export async function readBuildFolder(dir: string): Promise<BuildFolder> {
  const manifest = await readManifestOf(dir);
  return {
    dir,
    manifest,
    facts: await readFacts(dir, manifest),
    previews: await readPreviews(dir),
  };
}
