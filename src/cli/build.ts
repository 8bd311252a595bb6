/** `bulletin build`: builds what changed into the output folder; `--check` only reports. */
import { buildDetailed, check, type BuildResult } from '../index.js';
import { ExitCode } from '../errors.js';
import { checkOutDir } from '../output/out-dir.js';
import { strictWarnings } from '../warnings/strict.js';
import type { CliIO } from './io.js';
import { progressDisplay, summaryTable } from './progress.js';
import { watchBuild } from './watch.js';
import { optionsOf, warningLines, type BuildArgs } from './build-args.js';
import { setPipelineSource } from '../pipeline-source.js';
import { scriptedPipeline } from './pipeline-script.js';

export type { BuildArgs } from './build-args.js';

export async function buildCommand(args: BuildArgs, io: CliIO): Promise<number> {
  const options = optionsOf(args, io);
  if (args.watch) return watchBuild(args, io);
  // Not with --preview, which loads the pipeline's modules again as ES modules.
  const scripted = args.preview ? undefined : scriptedPipeline();
  if (scripted) setPipelineSource(scripted.load);
  if (args.check) {
    const { stale } = await check(options);
    if (args.json) io.out(JSON.stringify({ ok: stale.length === 0, stale }, null, 2));
    else if (stale.length === 0) io.out(`${args.out} is up to date with the data and templates.`);
    else
      io.err(
        `${args.out} is out of date; ${stale.length} file${stale.length === 1 ? '' : 's'} would ` +
          `be rebuilt:\n${stale.map((s) => `  ${s}`).join('\n')}\nRun "bulletin build" and ` +
          `commit the result.`,
      );
    return stale.length === 0 ? ExitCode.ok : ExitCode.stale;
  }
  // An --out that cannot be written (/proc, a read-only disk, under a file) fails before
  // anything is rendered, not after every unit was (issue 31).
  await checkOutDir(args.out);
  const quiet = args.quiet ?? false;
  const display = progressDisplay(io, { quiet, json: args.json });
  const t0 = performance.now();
  let result: BuildResult;
  try {
    result = await buildDetailed({ ...options, onProgress: display.listener });
  } finally {
    display.finish();
  }
  const buildMs = performance.now() - t0;
  // The code cache holds what this build compiled: made after a build that succeeded.
  scripted?.save();
  // Loaded only when asked for: the preview draws on canvas, which a plain build need not load.
  const preview = args.preview
    ? await (await import('../preview/index.js')).writePreview(options, result, {
        times: display.times,
        buildMs,
      })
    : undefined;
  if (args.json) {
    io.out(
      JSON.stringify(
        {
          ok: !(args.strict && strictWarnings(result.warnings).length),
          rebuilt: result.rebuilt,
          upToDate: result.upToDate,
          summarised: result.summarised,
          warnings: result.warnings,
          ...(preview ? { preview: preview.index } : {}),
          manifest: result.manifest,
        },
        null,
        2,
      ),
    );
  } else {
    if (!quiet) io.out(buildReport(result, args.out, display.times));
    if (result.warnings.length) io.err(warningLines(result));
    if (preview && !quiet)
      io.out(
        `Preview: ${preview.index} (${preview.pages} pages at ` +
          `${(preview.msPerPage / 1000).toFixed(2)} s, ${preview.slides} slides at ` +
          `${(preview.msPerSlide / 1000).toFixed(2)} s each; ${(preview.ms / 1000).toFixed(1)} s ` +
          `in all)`,
      );
  }
  // --strict: a warning is as good as an error for a build that is about to be sent out.
  return args.strict && strictWarnings(result.warnings).length ? ExitCode.badInput : ExitCode.ok;
}

/** What the build made, as a table, or that nothing needed making. */
export function buildReport(result: BuildResult, out: string, times: Map<string, number>): string {
  if (result.rebuilt.length === 0)
    return `Nothing to rebuild: all ${result.upToDate.length} files in ${out} are up to date.`;
  const n = result.rebuilt.length;
  return (
    `Built ${n} file${n === 1 ? '' : 's'} in ` +
    `${out}${result.upToDate.length ? ` (${result.upToDate.length} up to date)` : ''}:\n${summaryTable(result, times)}`
  );
}
