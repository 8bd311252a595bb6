/**
 * The pipeline: load → validate → model → compose (renderer registry) → output. Loaded by
 * index.ts only when something has to be built or checked, so that a no-op rebuild never
 * loads the template engine, the schema or the renderers.
 */
import { checkTemplateNeeds } from './model/template-needs.js';
import { mixesBareSigns } from './model/currency-mix.js';
import path from 'node:path';
import { loadDataset } from './load/dataset.js';
import { loadTemplates } from './load/templates.js';
import { resolveTheme } from './model/theme.js';
import { pdfEditions } from './editions.js';
import { checkDataGlyphs } from './model/glyphs.js';
import { createEngine, templateLimits, type TemplateEngine } from './template/engine.js';
import { deckModels } from './compose/pptx/index.js';
import { buildScope } from './model/scope.js';
import { buildBulletinModel } from './model/bulletin.js';
import { RENDERERS, FORMAT_NAMES } from './compose/registry.js';
import { writeArtifacts, planManifest, MANIFEST } from './output/artifacts.js';
import { cacheFile } from './output/quick.js';
import { readInputs, type InputSnapshot } from './load/inputs.js';
import { hashUnits, isFresh, parseShard, shardUnits, stableJson } from './output/plan.js';
import { fileHash, readManifest } from './load/manifest.js';
import { sha256, type Manifest } from './output/manifest.js';
import { InputError, type Problem } from './errors.js';
import { endOfAsEpochMs } from './dataset/dates.js';
import { TOOL_VERSION } from './version.js';
import type { BuildThread } from './jobs/pool.js';
import { renderStale } from './jobs/schedule.js';
import { boundHeapGrowth } from './jobs/heap.js';
import type { Dataset } from './dataset/schema.js';
import type { Artifact, BuildContext } from './compose/types.js';
import { fontHashes } from './compose/inputs.js';
import { collectWarnings } from './warnings/index.js';
import type { BuildOptions, BuildResult } from './build-types.js';

/**
 * The build clock: SOURCE_DATE_EPOCH when given, else the bulletin's date, else its latest dated
 * fact.
 */
export function buildClock(d: Dataset, sourceDateEpoch?: string): Date {
  if (sourceDateEpoch !== undefined && sourceDateEpoch !== '') {
    if (!/^\d{1,12}$/.test(sourceDateEpoch)) {
      throw new InputError('E_USAGE', [
        {
          file: 'SOURCE_DATE_EPOCH',
          message: `"${sourceDateEpoch}" is not a whole number of seconds since 1970-01-01`,
        },
      ]);
    }
    return new Date(Number(sourceDateEpoch) * 1000);
  }
  const dates = [
    d.bulletin.issued,
    ...d.measures.flatMap((m) => [m.date, m.asOf]),
    ...d.events.flatMap((e) => [e.date, e.endDate]),
    ...d.quotes.map((q) => q.date),
  ].filter((x): x is string => typeof x === 'string');
  if (d.bulletin.issued) return new Date(endOfAsEpochMs(d.bulletin.issued));
  const latest = Math.max(...dates.map(endOfAsEpochMs));
  return new Date(Number.isFinite(latest) ? latest : 0);
}

/** Partners that get a deck: those marked for one, narrowed by --partner. */
export function selectPartners(d: Dataset, wanted: string[] = []): string[] {
  const known = new Set(d.partners.map((p) => p.id));
  const unknown = wanted.filter((w) => !known.has(w));
  if (unknown.length) {
    throw new InputError('E_USAGE', [
      {
        file: '--partner',
        message:
          `unknown partner ${unknown.map((u) => `"${u}"`).join(', ')}; the data has ` +
          `${[...known].join(', ')}`,
      },
    ]);
  }
  const roles = new Map(d.roles.map((r) => [r.id, r.deck]));
  const withDeck = d.partners.filter((p) => p.deck ?? roles.get(p.role) ?? false).map((p) => p.id);
  return wanted.length ? wanted : withDeck;
}

/** Loads and checks every input, and builds the models every renderer reads. */
export async function prepare(
  options: BuildOptions,
  inputs?: InputSnapshot,
): Promise<BuildContext> {
  const read = inputs ?? (await readInputs(options.data, options.templates));
  const [{ dataset, text, file }, templates] = await Promise.all([
    loadDataset(read.data.file, read.data.bytes),
    loadTemplates(read.templates.root, read.templates),
  ]);
  const theme = resolveTheme(templates);
  checkTemplateNeeds(dataset, templates.liquid.files, templates.root);
  checkDataGlyphs(dataset, theme, { file, text });
  const partners = selectPartners(dataset, options.partners);
  const engine = createEngine(
    templates.liquid,
    dataset.bulletin.locale,
    templateLimits(partners.length),
    { collect: true, markBareSigns: mixesBareSigns(dataset), rates: dataset.rates },
  );
  const scope = buildScope(dataset, engine.has);
  engine.learn(scope);
  const clock = buildClock(dataset, options.sourceDateEpoch);
  // Every template is rendered before anything is drawn, the bulletin's and every deck's, and
  // a build with mistakes in both lists them all (the deck models are cached for the renderers).
  // A build of other formats only (`--only html`) renders no deck: a deck's mistake is not
  // theirs to report, and data only decks refuse must not stop them.
  const only = options.only ?? [];
  const decks = only.length === 0 || only.includes('decks');
  const [bulletin] = judgeTemplates(engine, [
    () => buildBulletinModel(dataset, templates, engine, scope),
    () => (decks ? deckModels({ dataset, templates, scope, partners, clock, engine }) : undefined),
  ] as const);
  const ctx: BuildContext = {
    dataset,
    data: { file, text },
    templates,
    theme,
    engine,
    scope,
    bulletin,
    partners,
    clock,
    ...(await pdfEditions(options, theme)),
    deckCharts: options.deckCharts ?? 'native',
    // A 5x PNG costs ~3x its SVG to draw and encode; nothing in a default build reads the files.
    chartPngs: (options.only ?? []).includes('charts'),
    assets: new Map(),
  };
  return ctx;
}

/**
 * Runs the stages that render templates, then fails with every template problem they met, all
 * at once. A stage may also fail on the empty text a broken template left: the template
 * problems are its cause, so they are what is reported.
 */
function judgeTemplates<A, B>(engine: TemplateEngine, stages: readonly [() => A, () => B]): [A, B] {
  const results: unknown[] = [];
  const others: Problem[] = [];
  for (const stage of stages) {
    const before = engine.problems().length;
    try {
      results.push(stage());
    } catch (err) {
      const limit = err instanceof InputError && err.code === 'E_TEMPLATE_LIMIT';
      if (limit || engine.problems().length === 0) throw err;
      // A stage that met no template problem of its own failed for its own reason (deck.json).
      if (engine.problems().length === before && err instanceof InputError)
        others.push(...err.problems);
      else if (engine.problems().length === before) throw err;
    }
  }
  const problems = [...engine.problems(), ...others];
  if (problems.length) throw new InputError('E_TEMPLATE', problems);
  return results as [A, B];
}

/**
 * Plans the build: every unit of the chosen formats (and shard) with its inputs hash and freshness.
 */
async function planBuild(ctx: BuildContext, options: BuildOptions) {
  const only = options.only ?? [];
  const unknown = only.filter((o) => !FORMAT_NAMES.includes(o));
  if (unknown.length)
    throw new InputError('E_USAGE', [
      {
        file: '--only',
        message:
          `unknown format ${unknown.map((u) => `"${u}"`).join(', ')}; formats are ` +
          `${FORMAT_NAMES.join(', ')}`,
      },
    ]);
  const renderers = RENDERERS.filter((r) => only.length === 0 || only.includes(r.name));
  let shard: { index: number; count: number } | undefined;
  if (options.shard) {
    const parsed = parseShard(options.shard);
    if (typeof parsed === 'string')
      throw new InputError('E_USAGE', [{ file: '--shard', message: parsed }]);
    shard = parsed;
  }
  const planned = renderers.flatMap((renderer) =>
    renderer.units(ctx).map((unit) => ({ renderer, unit })),
  );
  const hashes = hashUnits(
    planned.map((p) => p.unit),
    TOOL_VERSION,
  );
  const all = planned.map((p, i) => ({ ...p, hash: hashes[i] as string }));
  const units = shardUnits(all, shard);
  const out = path.resolve(options.out);
  const manifestName = shard ? `manifest-shard-${shard.index}-of-${shard.count}.json` : MANIFEST;
  const old = await readManifest(out, manifestName);
  // --force rebuilds everything whatever is on disk: no need to read and hash the old files.
  const onDisk = new Map(
    options.force
      ? []
      : await Promise.all(
          (old?.artifacts ?? []).map(async (a) => [a.path, await fileHash(out, a)] as const),
        ),
  );
  const stale = units.filter((u) => options.force || !isFresh(u, old, onDisk));
  const whole = !shard && only.length === 0 && (options.partners ?? []).length === 0;
  return { units, stale, old, out, manifestName, whole };
}

/**
 * Builds the artifacts whose inputs changed (all with `force`) and writes them, the manifest last.
 */
export async function buildDetailed(
  options: BuildOptions,
  inputs?: InputSnapshot,
  early?: BuildThread,
): Promise<BuildResult> {
  const read = inputs ?? (await readInputs(options.data, options.templates));
  const ctx = await prepare(options, read);
  // Before the plan: planning builds every deck's model, the first large heap of garbage.
  boundHeapGrowth(ctx.partners.length);
  const { units, stale, old, out, manifestName, whole } = await planBuild(ctx, options);
  // renderStale closes the early thread, whether it used it or not (the caller also does, on
  // an error before this).
  const artifacts = await renderStale(ctx, RENDERERS, stale, options, read, early);
  const hashes = new Map(stale.flatMap((m) => m.unit.paths.map((p) => [p, m.hash] as const)));
  const built: { artifact: Artifact; inputs: string }[] = artifacts.map((artifact) => ({
    artifact,
    inputs: hashes.get(artifact.path) ?? '',
  }));
  const rebuiltPaths = new Set(built.map((b) => b.artifact.path));
  const planned = new Set(units.flatMap((u) => u.unit.paths));
  // Entries of other formats or partners (a narrowed build) stay; a whole build drops what it no
  // longer makes.
  const kept = (old?.artifacts ?? []).filter(
    (a) => !rebuiltPaths.has(a.path) && (planned.has(a.path) || !whole),
  );
  const prune = whole
    ? (old?.artifacts ?? []).map((a) => a.path).filter((p) => !planned.has(p))
    : [];
  const plan = { built, kept, prune, manifestName };
  // Everything the result says is known before writing, so the fast path's cache is written with
  // the manifest, under the lock.
  const pdfFit = units.some((u) => u.renderer.name === 'pdf')
    ? planManifest(plan, manifestBase(ctx)).artifacts.find((a) => a.kind === 'pdf')?.fit
    : undefined;
  const warnings = collectWarnings(ctx, {
    ...(options.maxAgeDays !== undefined ? { maxAgeDays: options.maxAgeDays } : {}),
    ...(pdfFit ? { fit: pdfFit } : {}),
    decks: units.some((u) => u.renderer.name === 'decks'),
  });
  const result = {
    rebuilt: [...rebuiltPaths].sort(),
    upToDate: kept
      .filter((k) => planned.has(k.path))
      .map((k) => k.path)
      .sort(),
    warnings,
    summarised: ctx.bulletin.summarised,
  };
  const manifest = await writeArtifacts(
    out,
    { ...plan, after: cacheFile(options, read, result) },
    manifestBase(ctx),
    options.onWriteStep,
  );
  return { manifest, ...result };
}

/** Lists what a build would rebuild, without building: empty when output/ is up to date. */
export async function check(
  options: BuildOptions,
  inputs?: InputSnapshot,
): Promise<{ stale: string[] }> {
  const ctx = await prepare(options, inputs);
  const { stale } = await planBuild(ctx, { ...options, force: false });
  return { stale: stale.flatMap((s) => s.unit.paths).sort() };
}

function manifestBase(ctx: BuildContext): Omit<Manifest, 'artifacts'> {
  // The fonts' hashes are the units' inputs too: each ~300 KB file is hashed once per build.
  const fonts = fontHashes(ctx);
  const templates = sha256(
    stableJson([
      Object.entries(ctx.templates.liquid.files),
      Object.entries(ctx.templates.json).map(([k, v]) => [k, v.value]),
    ]),
  );
  return {
    tool: { name: 'bulletin', version: TOOL_VERSION },
    buildDate: ctx.clock.toISOString(),
    inputs: {
      data: sha256(ctx.data.text),
      templates,
      fonts: sha256(stableJson(fonts)),
      tool: TOOL_VERSION,
    },
  };
}
