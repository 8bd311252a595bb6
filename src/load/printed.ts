/**
 * readPrinted: what a build printed, read back from output/ for the fidelity check — the PDF's
 * page and alt text, and each deck's slide text, notes and native chart caches.
 */
import path from 'node:path';
import { createHash } from 'node:crypto';
import { InputError, inputError, type Problem } from '../errors.js';
import type { Manifest } from '../output/manifest.js';
import { assertNoLinks, readUntrusted } from './untrusted.js';
import { readManifest } from './manifest.js';
import { assertPdfStreamsBounded } from './pdf-streams.js';
import { readPdfText } from './pdf-text.js';
import { readPptxText } from './pptx-text.js';
import { readHtmlText } from './html-text.js';
import { readInputBytes } from './files.js';
import type { RecordedClaims } from './claims.js';

/** A run of printed text and where it was printed ("bulletin.pdf", "page 2"). */
export interface PrintedText {
  file: string;
  place: string;
  text: string;
  /** Spans that are not figures, with the reason. */
  skip?: { start: number; end: number; why: string }[];
  /** Set on a page's running header and footer: its page number and the page count. */
  pageNumbers?: number[];
}

/** One value of a deck chart's cache, with the number format its data label uses. */
export interface ChartValue {
  file: string;
  place: string;
  value: number;
  /** The data label's format code (OOXML), or "General". */
  formatCode: string;
  series: string;
  /** The value is a date (an Excel serial on a date axis), not an amount. */
  date?: boolean;
  /** Whether its data label is shown on the slide (c:showVal). */
  shown?: boolean;
}

/** Everything a build printed that the check reads. */
export interface Printed {
  texts: PrintedText[];
  chartValues: ChartValue[];
  files: string[];
  /** The derived claims each file records (PDF and web edition: their sources JSON). */
  claims?: RecordedClaims[];
}

/** Output files are ours but may be large (a deck with many images): a generous limit. */
const MAX_ARTIFACT_BYTES = 512 * 1024 * 1024;

/** The text of one built document; one that cannot be read is bad input, not a crash. */
async function readDocument(file: string, kind: string, bytes: Buffer): Promise<Printed> {
  try {
    return kind === 'pdf'
      ? await readPdfText(file, bytes)
      : kind === 'html'
        ? readHtmlText(file, bytes)
        : readPptxText(file, bytes);
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw inputError('E_UNREADABLE', {
      file,
      message: `cannot be read as a ${kind} file (${(err as Error).message}); rebuild it`,
    });
  }
}

/** Reads the manifest and every PDF, deck and web edition it lists. */
export async function readPrinted(
  outDir: string,
): Promise<{ manifest: Manifest; printed: Printed }> {
  await assertNoLinks(outDir, 'manifest.json', 'manifest');
  const manifest = await readManifest(outDir);
  if (!manifest)
    throw inputError('E_NO_BUILD', {
      file: path.join(outDir, 'manifest.json'),
      message:
        'no build found in this folder; run "bulletin build" first, or pass --out with the ' +
        'folder it wrote',
    });
  const printed: Printed = { texts: [], chartValues: [], files: [], claims: [] };
  // Every file is what the manifest says, byte for byte, before any is read for its text.
  const read = new Map<string, Buffer>();
  const problems: Problem[] = [];
  for (const a of manifest.artifacts) {
    const bytes = await readUntrusted(outDir, a.path, 'built file', MAX_ARTIFACT_BYTES);
    if (createHash('sha256').update(bytes).digest('hex') !== a.sha256)
      problems.push({
        file: path.join(outDir, a.path),
        message:
          'differs from the file the build wrote (its sha256 is not the one manifest.json ' +
          'records); it was changed or replaced after the build: rebuild, then verify',
      });
    else read.set(a.path, bytes);
  }
  if (problems.length) throw new InputError('E_VERIFY_HASH', problems);
  const documents = manifest.artifacts
    .filter((a) => a.kind === 'pdf' || a.kind === 'pptx' || a.kind === 'html')
    .sort((a, b) => a.path.localeCompare(b.path));
  for (const a of documents) {
    const bytes = read.get(a.path) as Buffer;
    // Named by its full path here; readPdfText checks again for any other caller.
    if (a.kind === 'pdf') assertPdfStreamsBounded(path.join(outDir, a.path), bytes);
    const part = await readDocument(a.path, a.kind, bytes);
    // A document with no text at all checks nothing, so it cannot pass (issue 31).
    if (!part.texts.some((t) => t.text.trim()))
      throw inputError('E_NO_TEXT', {
        file: path.join(outDir, a.path),
        message:
          'prints no text that could be read back, so none of its figures can be checked; ' +
          'rebuild it',
      });
    printed.texts.push(...part.texts);
    printed.chartValues.push(...part.chartValues);
    printed.files.push(a.path);
    printed.claims?.push(...(part.claims ?? []));
  }
  return { manifest, printed };
}

/**
 * The bar caps (`show`) the chart specs declare, which a capped chart's note prints. The specs
 * were validated by the build; a folder without them (or unreadable) declares none.
 */
export async function readDisplayCaps(templates: string): Promise<number[]> {
  let specs: unknown;
  try {
    // Through the reader that never waits on a FIFO (a plain readFile hung verify, issue 31).
    const file = path.join(templates, 'charts', 'charts.json');
    specs = JSON.parse((await readInputBytes(file, 'chart specs')).toString('utf8'));
  } catch {
    return [];
  }
  const caps = new Set<number>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v))
        if (k === 'show' && Number.isInteger(x)) caps.add(x as number);
        else walk(x);
  };
  walk(specs);
  return [...caps];
}
