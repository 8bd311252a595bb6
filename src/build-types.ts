/**
 * Types that several stages share: what a build is asked to do and what it did. This module
 * sits below every stage (it imports only types from the stages it names), so imports point
 * down the pipeline: the CLI, the library API, the pipeline, the workers and the fast path
 * all take the options from here rather than from the top-level index.
 */
import type { Manifest } from './output/manifest.js';
import type { BuildWarning } from './warnings/index.js';
import type { ProgressListener } from './progress.js';
import type { WriteStep } from './output/write.js';

/** Options for build(); paths are resolved against the current folder. */
export interface BuildOptions {
  data: string;
  templates: string;
  out: string;
  /** Only these partners' decks (all that have decks when empty). */
  partners?: string[];
  /** Only these formats (renderer names); all when empty. */
  only?: string[];
  /** Seconds since the epoch for dates inside files (SOURCE_DATE_EPOCH). */
  sourceDateEpoch?: string;
  /** Paper size for the PDF, overriding the theme. */
  paper?: 'LETTER' | 'A4';
  /** Add 3 mm bleed, BleedBox and crop marks for press. */
  bleed?: boolean;
  /**
   * Which PDF editions to write: the screen edition (bulletin.pdf, the default), the print
   * edition (bulletin-print.pdf, PDF/X-4 in CMYK) or both.
   */
  edition?: 'screen' | 'print' | 'both';
  /** Crop marks and a slug line outside the print edition's bleed. */
  marks?: boolean;
  /** Rebuild everything, even what is up to date. */
  force?: boolean;
  /** Build only shard i of n ("i/n"): a deterministic share of the units. */
  shard?: string;
  /** Decks show native (editable) charts, or the chart images. */
  deckCharts?: 'native' | 'image';
  /** Told when each unit starts and finishes rendering (the CLI's progress display). */
  onProgress?: ProgressListener;
  /** Warn when the latest dated fact is older than this many days (from the build clock). */
  maxAgeDays?: number;
  /**
   * Threads to render on (1: in this thread, the default; 'auto', the CLI's default: workers only
   * when they pay off).
   */
  jobs?: number | 'auto';
  /**
   * Told at each step of writing the output (tests use it to stop a build in the middle of its
   * writes).
   */
  onWriteStep?: WriteStep;
}

/** What a build did: the manifest, and which files it rebuilt or found up to date. */
export interface BuildResult {
  manifest: Manifest;
  rebuilt: string[];
  upToDate: string[];
  /** Things worth a look before the output goes out (see src/warnings). */
  warnings: BuildWarning[];
  /** Deck partners the bulletin summarises instead of writing in full (it holds two pages). */
  summarised: string[];
}
