/**
 * compareImages: whether two preview PNGs differ to the eye, and a picture of where. Pure
 * (bytes in, bytes out). pixelmatch ignores anti-aliasing noise, so a re-rendered but
 * unchanged page counts as unchanged and one changed figure shows as a red patch.
 */
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { pngProblem } from '../load/png-header.js';

/** How two images differ: changed pixels, and a diff image when they differ. */
export interface ImageChange {
  changedPixels: number;
  totalPixels: number;
  /** The diff image (changed pixels red over a faded copy of the new image), when changed. */
  diffPng?: Uint8Array;
  /** The sizes differ, so no pixel comparison was possible. */
  resized?: boolean;
}

/** pixelmatch's colour threshold: 0.1 is its default, tuned for rendered text and charts. */
const THRESHOLD = 0.1;

export function compareImages(before: Uint8Array, after: Uint8Array): ImageChange {
  for (const png of [before, after]) {
    const problem = pngProblem(png);
    if (problem) throw new RangeError(`a preview image ${problem}`);
  }
  const a = PNG.sync.read(Buffer.from(before));
  const b = PNG.sync.read(Buffer.from(after));
  const totalPixels = b.width * b.height;
  if (a.width !== b.width || a.height !== b.height) {
    return { changedPixels: totalPixels, totalPixels, resized: true };
  }
  const diff = new PNG({ width: b.width, height: b.height });
  const changedPixels = pixelmatch(a.data, b.data, diff.data, b.width, b.height, {
    threshold: THRESHOLD,
  });
  if (changedPixels === 0) return { changedPixels, totalPixels };
  return { changedPixels, totalPixels, diffPng: PNG.sync.write(diff) };
}
