/**
 * diffBuilds: what changed between two builds — facts, files, and the pages and slides that
 * look different. Pure over what src/load/build-folder.ts read.
 */
import type { BuildFolder } from '../load/build-folder.js';
import { compareFacts, type FactChange } from './facts.js';
import { compareImages } from './images.js';

/** A file of the build that was added, removed or changed (by its sha256). */
export interface FileChange {
  path: string;
  change: 'added' | 'removed' | 'changed';
}

/** A page or slide whose preview differs, with its diff image. */
export interface VisualChange {
  /** Preview file name, e.g. bulletin-page-2.png or deck-<partner>-slide-04.png. */
  name: string;
  /** "PDF page 2" or "<partner> deck, slide 4". */
  label: string;
  change: 'added' | 'removed' | 'changed';
  changedPixels: number;
  share: number;
  before?: Uint8Array;
  after?: Uint8Array;
  diff?: Uint8Array;
}

/** Everything a reviewer needs to see about a rebuild. */
export interface BuildDiff {
  facts: FactChange[];
  files: FileChange[];
  visuals: VisualChange[];
  /** Whether the previews of both builds were there to compare. */
  previewsCompared: boolean;
  changed: boolean;
}

/** A reader's name for a preview file. */
export function previewLabel(name: string): string {
  const page = /^bulletin-page-(\d+)\.png$/.exec(name);
  if (page) return `PDF page ${Number(page[1])}`;
  const slide = /^deck-(.+)-slide-(\d+)\.png$/.exec(name);
  if (slide) return `${slide[1]} deck, slide ${Number(slide[2])}`;
  return name;
}

function compareFiles(a: BuildFolder, b: BuildFolder): FileChange[] {
  const before = new Map(a.manifest.artifacts.map((x) => [x.path, x.sha256]));
  const after = new Map(b.manifest.artifacts.map((x) => [x.path, x.sha256]));
  const paths = [...new Set([...before.keys(), ...after.keys()])].sort();
  return paths.flatMap((p): FileChange[] => {
    const x = before.get(p);
    const y = after.get(p);
    if (x === y) return [];
    return [
      { path: p, change: x === undefined ? 'added' : y === undefined ? 'removed' : 'changed' },
    ];
  });
}

function compareVisuals(a: BuildFolder, b: BuildFolder): VisualChange[] {
  const names = [...new Set([...a.previews.keys(), ...b.previews.keys()])].sort();
  return names.flatMap((name): VisualChange[] => {
    const before = a.previews.get(name);
    const after = b.previews.get(name);
    const label = previewLabel(name);
    if (!before || !after) {
      const change = before ? 'removed' : 'added';
      return [
        {
          name,
          label,
          change,
          changedPixels: 0,
          share: 1,
          ...(before ? { before } : {}),
          ...(after ? { after } : {}),
        },
      ];
    }
    // Identical bytes need no decoding: most pages and slides of a rebuild are unchanged.
    if (Buffer.from(before).equals(Buffer.from(after))) return [];
    const c = compareImages(before, after);
    if (c.changedPixels === 0) return [];
    return [
      {
        name,
        label,
        change: 'changed',
        changedPixels: c.changedPixels,
        share: c.changedPixels / c.totalPixels,
        before,
        after,
        ...(c.diffPng ? { diff: c.diffPng } : {}),
      },
    ];
  });
}

export function diffBuilds(a: BuildFolder, b: BuildFolder): BuildDiff {
  const facts = compareFacts(a.facts, b.facts);
  const files = compareFiles(a, b);
  const visuals = compareVisuals(a, b);
  return {
    facts,
    files,
    visuals,
    previewsCompared: a.previews.size > 0 && b.previews.size > 0,
    changed: facts.length + files.length + visuals.length > 0,
  };
}
