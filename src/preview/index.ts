/**
 * The preview: every PDF page and every slide as a PNG, and a contact sheet (index.html) to
 * look at them with the manifest's facts and the build's warnings. Renders bytes here; only
 * output/ writes. Reads the same plan and deck models the build used, so it shows the files.
 */
import { at } from '../checked.js';
import path from 'node:path';
import { prepare, type BuildOptions, type BuildResult } from '../index.js';
import { bulletinPlan } from '../compose/pdf/plan.js';
import { deckModels } from '../compose/pptx/index.js';
import { writePreviewFiles, PREVIEW_DIR } from '../output/preview.js';
import { registerPreviewFonts } from './canvas-text.js';
import { renderPages } from './pages.js';
import { renderSlides } from './slides.js';
import { contactSheet, type SheetDeck } from './html.js';

/** Times the caller measured: per output file, and the whole build. */
export interface PreviewTimes {
  times: Map<string, number>;
  buildMs: number;
}

/** What was written: the contact sheet's path, counts, and how long drawing took. */
export interface PreviewResult {
  index: string;
  pages: number;
  slides: number;
  ms: number;
  /** Milliseconds per page and per slide (the figures quoted in the README). */
  msPerPage: number;
  msPerSlide: number;
}

export async function writePreview(
  options: BuildOptions,
  result: BuildResult,
  info: PreviewTimes,
): Promise<PreviewResult> {
  const t0 = performance.now();
  const ctx = await prepare(options);
  registerPreviewFonts(ctx);
  const onDisk = new Set(result.manifest.artifacts.map((a) => a.path));
  const files: { path: string; bytes: Uint8Array }[] = [];
  let pages: string[] = [];
  let pageMs = 0;
  if (onDisk.has('bulletin.pdf')) {
    const p0 = performance.now();
    const pngs = await renderPages(ctx, bulletinPlan(ctx));
    pageMs = performance.now() - p0;
    const named = pngs.map((bytes, i) => ({ path: `bulletin-page-${i + 1}.png`, bytes }));
    pages = named.map((f) => f.path);
    files.push(...named);
  }
  const decks: SheetDeck[] = [];
  let slideMs = 0;
  let slideCount = 0;
  for (const [id, deck] of deckModels(ctx)) {
    if (!onDisk.has(`decks/${id}.pptx`)) continue;
    const s0 = performance.now();
    const pngs = await renderSlides(ctx, deck);
    slideMs += performance.now() - s0;
    slideCount += pngs.length;
    const names = pngs.map((_, i) => `deck-${id}-slide-${String(i + 1).padStart(2, '0')}.png`);
    pngs.forEach((bytes, i) => files.push({ path: at(names, i, 'slide picture'), bytes }));
    decks.push({
      id,
      name: deck.partner.name,
      slides: deck.slides.map((s, i) => ({
        file: at(names, i, 'slide picture'),
        title: s.title,
        kind: s.kind,
      })),
    });
  }
  const html = contactSheet({
    manifest: result.manifest,
    rebuilt: result.rebuilt,
    warnings: result.warnings,
    times: info.times,
    buildMs: info.buildMs,
    pages,
    decks,
    previewMs: performance.now() - t0,
  });
  files.push({ path: 'index.html', bytes: new TextEncoder().encode(html) });
  await writePreviewFiles(options.out, files);
  return {
    index: path.join(options.out, PREVIEW_DIR, 'index.html'),
    pages: pages.length,
    slides: slideCount,
    ms: performance.now() - t0,
    msPerPage: pages.length ? pageMs / pages.length : 0,
    msPerSlide: slideCount ? slideMs / slideCount : 0,
  };
}
