/** What every renderer receives and returns. Renderers return bytes; only output/ writes. */
import type { Dataset } from '../dataset/schema.js';
import type { LoadedTemplates } from '../load/templates.js';
import type { ResolvedTheme } from '../model/theme.js';
import type { TemplateEngine } from '../template/engine.js';
import type { BulletinModel } from '../model/bulletin.js';
import type { PrintProfile } from '../load/icc.js';

/** One output file, in memory. `path` is relative to the output folder. */
export interface Artifact {
  path: string;
  kind: 'pdf' | 'pptx' | 'svg' | 'png' | 'html';
  partner?: string;
  bytes: Uint8Array;
  pages?: number;
  slides?: number;
  /** How the fitting step set the PDF: the type step used (0 = largest) and the boxes it cut. */
  fit?: FitReport;
}

/** What the PDF's fitting step chose, so editors can see how tight the bulletin is. */
export interface FitReport {
  step: number;
  steps: number;
  bodySize: number;
  cut: string[];
  /** The largest unplanned space in any column, in points. */
  slack: number;
  /** Lines of body text the columns could still take, all pages together (0 when full). */
  emptyLines?: number;
}

/** Everything a renderer may read: the validated data, the templates and the models. */
export interface BuildContext {
  dataset: Dataset;
  /** The data file and its text, to point at where a value came from. */
  data: { file: string; text: string };
  templates: LoadedTemplates;
  theme: ResolvedTheme;
  engine: TemplateEngine;
  scope: Record<string, unknown>;
  bulletin: BulletinModel;
  /** Partners to build decks for (after --partner). */
  partners: string[];
  /** The build clock: from SOURCE_DATE_EPOCH or the data, never "now". */
  clock: Date;
  /** Print options: paper overrides the theme's page size; bleed adds 3 mm and crop marks. */
  print: { paper?: 'LETTER' | 'A4'; bleed: boolean };
  /**
   * Which PDF editions to write (issue 34): the screen edition (bulletin.pdf, PDF/A-3a and
   * PDF/UA-1) and the print edition (bulletin-print.pdf, PDF/X-4 in CMYK for `profile`'s
   * printing condition, with crop marks and a slug line when `marks`).
   */
  editions: { screen: boolean; print?: { profile: PrintProfile; marks: boolean } };
  /**
   * How decks show charts: native, editable PowerPoint charts, or the chart PNGs as pictures
   * (--deck-charts image).
   */
  deckCharts: 'native' | 'image';
  /**
   * Whether charts/<id>.png files are written: only when the build names the charts format (--only
   * charts).
   */
  chartPngs: boolean;
  /** Shared, lazily rendered assets (charts are rendered once for all formats). */
  assets: Map<string, unknown>;
}

/**
 * A piece of output that can be built on its own (the bulletin, one chart, one deck), with
 * what it is made from. `inputs` is hashed: when the hash matches the manifest's, the
 * unit's files are up to date and are not rebuilt. It must hold everything the bytes depend
 * on, and as little else as possible (so that an unrelated edit rebuilds nothing).
 */
export interface Unit {
  key: string;
  partner?: string;
  /** Files the unit writes, relative to the output folder (known before rendering). */
  paths: string[];
  inputs: unknown;
}

/** One output format. Adding a format is one folder and one line in the registry. */
export interface Renderer {
  /** Name used by --only. */
  name: string;
  /** The units this format builds and their inputs; cheap (nothing is drawn). */
  units(ctx: BuildContext): Unit[];
  /** Renders the given units (a subset of `units(ctx)`). */
  render(ctx: BuildContext, units: Unit[]): Promise<Artifact[]>;
}
