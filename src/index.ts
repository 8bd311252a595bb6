/**
 * The library API. `build(options)` runs the whole pipeline:
 * load → validate → model → compose (renderer registry) → output, and returns the manifest.
 */
import path from 'node:path';
import { loadDataset } from './load/dataset.js';
import { loadTemplates } from './load/templates.js';
import { resolveTheme } from './model/theme.js';
import { createEngine } from './template/engine.js';
import { buildScope } from './model/scope.js';
import { buildBulletinModel } from './model/bulletin.js';
import { RENDERERS } from './compose/registry.js';
import { writeArtifacts } from './output/artifacts.js';
import { sha256, type Manifest } from './output/manifest.js';
import { InputError } from './errors.js';
import { endOfAsEpochMs } from './dataset/dates.js';
import { TOOL_VERSION } from './version.js';
import type { Dataset } from './dataset/schema.js';
import type { BuildContext } from './compose/types.js';

export type { Manifest } from './output/manifest.js';
export type { Dataset } from './dataset/schema.js';
export { InputError, InternalError, ExitCode, formatProblem } from './errors.js';

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
}

/** The build clock: SOURCE_DATE_EPOCH when given, else the bulletin's date, else its latest dated fact. */
export function buildClock(d: Dataset, sourceDateEpoch?: string): Date {
  if (sourceDateEpoch !== undefined && sourceDateEpoch !== '') {
    if (!/^\d{1,12}$/.test(sourceDateEpoch)) {
      throw new InputError('E_USAGE', [{ file: 'SOURCE_DATE_EPOCH', message: `"${sourceDateEpoch}" is not a whole number of seconds since 1970-01-01` }]);
    }
    return new Date(Number(sourceDateEpoch) * 1000);
  }
  const dates = [d.bulletin.issued, ...d.measures.flatMap((m) => [m.date, m.asOf]), ...d.events.flatMap((e) => [e.date, e.endDate]), ...d.quotes.map((q) => q.date)]
    .filter((x): x is string => typeof x === 'string');
  if (d.bulletin.issued) return new Date(endOfAsEpochMs(d.bulletin.issued));
  const latest = Math.max(...dates.map(endOfAsEpochMs));
  return new Date(Number.isFinite(latest) ? latest : 0);
}

/** Partners that get a deck: those marked for one, narrowed by --partner. */
export function selectPartners(d: Dataset, wanted: string[] = []): string[] {
  const known = new Set(d.partners.map((p) => p.id));
  const unknown = wanted.filter((w) => !known.has(w));
  if (unknown.length) {
    throw new InputError('E_USAGE', [{ file: '--partner', message: `unknown partner ${unknown.map((u) => `"${u}"`).join(', ')}; the data has ${[...known].join(', ')}` }]);
  }
  const roles = new Map(d.roles.map((r) => [r.id, r.deck]));
  const withDeck = d.partners.filter((p) => p.deck ?? roles.get(p.role) ?? false).map((p) => p.id);
  return wanted.length ? wanted : withDeck;
}

/** Loads and checks every input, and builds the models every renderer reads. */
export async function prepare(options: BuildOptions): Promise<BuildContext> {
  const [{ dataset, text, file }, templates] = await Promise.all([loadDataset(options.data), loadTemplates(options.templates)]);
  const theme = resolveTheme(templates);
  const engine = createEngine(templates.liquid, dataset.bulletin.locale);
  const scope = buildScope(dataset, engine.has);
  const bulletin = buildBulletinModel(dataset, templates, engine, scope);
  return { dataset, data: { file, text }, templates, theme, engine, scope, bulletin, partners: selectPartners(dataset, options.partners), clock: buildClock(dataset, options.sourceDateEpoch), print: { ...(options.paper ? { paper: options.paper } : {}), bleed: options.bleed ?? false }, assets: new Map() };
}

/** Builds every artifact and writes it (atomically) with the manifest last. */
export async function build(options: BuildOptions): Promise<Manifest> {
  const ctx = await prepare(options);
  const only = options.only ?? [];
  const renderers = RENDERERS.filter((r) => only.length === 0 || only.includes(r.name));
  const artifacts = [];
  for (const r of renderers) artifacts.push(...(await r.render(ctx)));
  const templatesHash = sha256(JSON.stringify([Object.entries(ctx.templates.liquid.files), Object.entries(ctx.templates.json).map(([k, v]) => [k, v.value]), Object.entries(ctx.templates.assets).map(([k, v]) => [k, sha256(v)])]));
  return writeArtifacts(path.resolve(options.out), artifacts, {
    tool: { name: 'bulletin', version: TOOL_VERSION },
    buildDate: ctx.clock.toISOString(),
    inputs: { data: sha256(JSON.stringify(ctx.dataset)), templates: templatesHash },
  });
}
