/**
 * Shortens the seed templates' prose to a share of its sentences, for the volume sweep
 * (tests/layout-volume.test.ts, bench/volume.mjs). Only plain prose lines are cut, sentence
 * by sentence; a line with Liquid tags in it is kept whole, or dropped below half volume.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const FILES = [
  'bulletin/body.md.liquid',
  'bulletin/conclusion.md.liquid',
  'bulletin/partners/japan.md.liquid',
  'bulletin/partners/south-korea.md.liquid',
  'bulletin/partners/australia.md.liquid',
  'bulletin/partners/new-zealand.md.liquid',
];

const isProse = (line) => /^[A-Z{“]/.test(line) && !line.startsWith('{%');

export function shortenProse(templatesDir, share) {
  for (const file of FILES) {
    const full = path.join(templatesDir, file);
    const lines = readFileSync(full, 'utf8').split('\n');
    const out = lines.flatMap((line) => {
      if (!isProse(line) || share >= 1) return [line];
      if (line.includes('{%')) return share >= 0.5 ? [line] : [];
      const sentences = line.split(/(?<=[.!?]”?) (?=[A-Z{“])/);
      return [sentences.slice(0, Math.max(1, Math.round(sentences.length * share))).join(' ')];
    });
    writeFileSync(full, out.join('\n'));
  }
}
