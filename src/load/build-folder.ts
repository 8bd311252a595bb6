/**
 * readBuildFolder: what `bulletin diff` compares of one build — its manifest, the facts its
 * PDF printed (the provenance JSON embedded in bulletin.pdf), and its preview PNGs. Reads
 * only files the manifest or the preview folder name, each through the size-capped reader.
 */
import { createHash } from 'node:crypto';
import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { inputError } from '../errors.js';
import type { Manifest } from '../output/manifest.js';
import { assertPdfStreamsBounded } from './pdf-streams.js';
import { pngProblem } from './png-header.js';
import { decodeInputText } from './files.js';
import { plainPath } from './manifest.js';
import { assertNoLinks, readUntrusted } from './untrusted.js';

/** Manifests bulletin writes are a few KB; previews a few hundred KB. */
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
const MAX_PREVIEW = 32 * 1024 * 1024;

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
  const text = decodeInputText(
    await readUntrusted(dir, 'manifest.json', 'manifest', MAX_MANIFEST_BYTES),
    file,
    'manifest',
  );
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
        plainPath((a as { path?: unknown }).path) &&
        /^[0-9a-f]{64}$/.test(String((a as { sha256?: unknown }).sha256)),
    );
  if (!ok)
    throw inputError('E_MANIFEST', {
      file,
      path: 'artifacts',
      message:
        'is not a bulletin manifest (each artifact needs a plain relative path inside the ' +
        'folder and a sha256 of 64 hex digits)',
    });
  return m as Manifest;
}

/** The PDF's embedded provenance, regrouped by collection; empty when there is no PDF. */
async function readFacts(dir: string, manifest: Manifest): Promise<Record<string, unknown>> {
  if (!manifest.artifacts.some((a) => a.path === 'bulletin.pdf')) return {};
  const file = path.join(dir, 'bulletin.pdf');
  const bytes = await readUntrusted(dir, 'bulletin.pdf', 'bulletin PDF', 200 * 1024 * 1024);
  const listed = manifest.artifacts.find((a) => a.path === 'bulletin.pdf')?.sha256;
  if (createHash('sha256').update(bytes).digest('hex') !== listed)
    throw inputError('E_MANIFEST', {
      file,
      message:
        'differs from the PDF the build wrote (its sha256 is not the one manifest.json ' +
        'records); rebuild this folder before comparing it',
    });
  // pdf.js inflates streams with no limit: a bomb is refused before it sees the file.
  assertPdfStreamsBounded(file, bytes);
  // pdfjs is large: load it only when a diff needs a PDF's attachment.
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  try {
    return await provenanceOf(getDocument, bytes);
  } catch (err) {
    // A damaged or hostile PDF is bad input naming the file, not "a bug in bulletin".
    throw inputError('E_PDF', {
      file,
      message: `cannot be read as a PDF (${(err as Error).message}); rebuild this folder`,
    });
  }
}

/** The provenance attachment of a PDF's bytes, regrouped by collection. */
async function provenanceOf(
  getDocument: typeof import('pdfjs-dist/legacy/build/pdf.mjs').getDocument,
  bytes: Uint8Array,
): Promise<Record<string, unknown>> {
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
  const info = await lstat(folder).catch(() => undefined);
  if (!info) return new Map();
  await assertNoLinks(dir, PREVIEW_DIR, 'preview folder');
  if (!info.isDirectory()) return new Map();
  const names = (await readdir(folder)).filter((n) => n.endsWith('.png')).sort();
  const out = new Map<string, Uint8Array>();
  for (const n of names) {
    const bytes = await readUntrusted(dir, `${PREVIEW_DIR}/${n}`, 'preview image', MAX_PREVIEW);
    // Checked before anything decodes it or copies it into a report (issue 31).
    const problem = pngProblem(bytes);
    if (problem)
      throw inputError('E_PREVIEW', {
        file: path.join(folder, n),
        message: `${problem}; it is not a preview bulletin wrote: rebuild with --preview`,
      });
    out.set(n, bytes);
  }
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
