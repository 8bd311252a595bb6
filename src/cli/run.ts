/** run(argv): the whole CLI, returning the exit code. Only bin.ts calls process.exit. */
import { buildOptions, globalOptions, inputOptions } from './options.js';
import { verifyOptions } from './verify-options.js';
// Commands load their modules when run: a no-op build should not load the schema or the engine.
import { buildCommand, type BuildArgs } from './build.js';
import { reportError } from './report.js';
import { processIO, type CliIO } from './io.js';
import { ExitCode } from '../errors.js';
import { PACKAGE_VERSION } from '../version.js';
import { plainBuildArgs } from './plain-build.js';
import { projectPaths } from './project-root.js';

const EPILOGUE =
  'Exit codes: 0 success, 1 bad input or usage, 2 internal error (a bug), 3 output out of date ' +
  '(build --check) or changed (diff).';

type BuildFlags = Awaited<ReturnType<typeof buildOptions>['argv']>;

/**
 * yargs renders the whole help text (string widths, wrapping) before running any command,
 * in case the command fails and help must be shown: ~40-140 ms, a third of a no-op rebuild.
 * Our failures print their own message and never the help, so the cache is never read.
 */
function skipHelpCache(parser: object): void {
  const usage = (parser as { getInternalMethods?: () => { getUsageInstance?: () => object } })
    .getInternalMethods?.()
    ?.getUsageInstance?.() as { cacheHelpMessage?: () => void } | undefined;
  if (usage?.cacheHelpMessage) usage.cacheHelpMessage = () => {};
}

/** The build command's arguments from parsed flags (shared by build and preview). */
function buildArgs(a: BuildFlags): BuildArgs {
  return {
    ...projectPaths({ data: a.data, templates: a.templates, out: a.out }),
    partner: a.partner,
    only: a.only,
    json: a.json,
    force: a.force,
    check: a.check,
    bleed: a.bleed,
    edition: a.edition,
    marks: a.marks,
    deckCharts: a['deck-charts'],
    jobs: a.jobs,
    ...(a.shard ? { shard: a.shard } : {}),
    ...(a.paper ? { paper: a.paper } : {}),
    quiet: a.quiet,
    strict: a.strict,
    preview: a.preview,
    watch: a.watch,
    ...(a['max-age-days'] !== undefined ? { maxAgeDays: a['max-age-days'] } : {}),
  };
}

/**
 * Runs one command line. A plain `bulletin build` skips yargs (see plain-build.ts); `plain:
 * false` sends it through yargs too, for the test that both parses agree.
 */
export async function run(
  argv: string[],
  io: CliIO = processIO,
  { plain = true }: { plain?: boolean } = {},
): Promise<number> {
  const debug = argv.includes('--debug');
  const args = plain ? plainBuildArgs(argv) : undefined;
  if (args) {
    try {
      return await buildCommand(args, io);
    } catch (err) {
      return reportError(err, io, args.json, debug);
    }
  }
  let code: number = ExitCode.ok;
  let json = argv.includes('--json');
  const { default: yargs } = await import('yargs');
  const parser = globalOptions(yargs(argv))
    .scriptName('bulletin')
    .version(PACKAGE_VERSION)
    .strict()
    .demandCommand(
      1,
      'Name a command: build, watch, preview, init, validate, verify, diff, merge-manifests or ' +
        'schema.',
    )
    .recommendCommands()
    .epilogue(EPILOGUE)
    .exitProcess(false)
    .fail((msg, err) => {
      if (err) throw err;
      throw Object.assign(new Error(msg ?? 'invalid usage'), { usage: true });
    })
    .command(
      'build',
      'Build the bulletin PDF and the partner decks',
      (y) => buildOptions(y),
      async (a) => {
        json = a.json;
        code = await buildCommand(buildArgs(a), io);
      },
    )
    .command(
      'preview',
      'Build, then render every page and slide to PNG and write output/preview/index.html',
      (y) => buildOptions(y),
      async (a) => {
        json = a.json;
        code = await buildCommand({ ...buildArgs(a), preview: true }, io);
      },
    )
    .command(
      'watch',
      'Build, then rebuild after every save to the data or templates (Ctrl-C to stop)',
      (y) => buildOptions(y),
      async (a) => {
        json = a.json;
        code = await buildCommand({ ...buildArgs(a), watch: true }, io);
      },
    )
    .command(
      'init <dir>',
      'Create a new bulletin project (sample data, templates, README) that builds at once',
      (y) =>
        y.positional('dir', {
          type: 'string',
          demandOption: true,
          describe: 'The folder to create (must be empty or absent)',
        }),
      async (a) => {
        code = await (await import('./init.js')).initCommand({ dir: String(a.dir) }, io);
      },
    )
    .command(
      'validate',
      'Check the data, templates, chart specs, deck setup and fonts; report every problem',
      (y) => inputOptions(y),
      async (a) => {
        json = a.json;
        code = await (await import('./validate.js')).validateCommand(
          { ...projectPaths({ data: a.data, templates: a.templates }), json: a.json },
          io,
        );
      },
    )
    .command(
      'merge-manifests <manifests..>',
      'Join the manifests of shard builds into one',
      (y) =>
        y
          .positional('manifests', {
            type: 'string',
            array: true,
            demandOption: true,
            describe: 'Shard manifests (manifest-shard-i-of-n.json)',
          })
          .option('out', {
            type: 'string',
            defaultDescription: 'output',
            describe: 'Where to write manifest.json',
          })
          .option('json', { type: 'boolean', default: false }),
      async (a) => {
        json = a.json;
        code = await (await import('./merge.js')).mergeCommand(
          {
            out: projectPaths({ out: a.out }).out,
            manifests: (a.manifests ?? []).map(String),
            json: a.json,
          },
          io,
        );
      },
    )
    .command(
      'diff <old> <new>',
      'Say what changed between two builds: facts, files, and pages or slides that look different',
      (y) =>
        y
          .positional('old', {
            type: 'string',
            demandOption: true,
            describe: 'The earlier output folder',
          })
          .positional('new', {
            type: 'string',
            demandOption: true,
            describe: 'The later output folder',
          })
          .option('report', {
            type: 'string',
            describe:
              'Also write an HTML report with before/after/difference images to this folder',
          })
          .option('json', { type: 'boolean', default: false }),
      async (a) => {
        json = a.json;
        code = await (await import('./diff.js')).diffCommand(
          {
            old: String(a.old),
            new: String(a.new),
            json: a.json,
            ...(a.report ? { report: a.report } : {}),
          },
          io,
        );
      },
    )
    .command(
      'verify',
      'Check that every figure in the built PDF and decks traces to the data',
      (y) => verifyOptions(y),
      async (a) => {
        json = a.json;
        code = await (await import('./verify.js')).verifyCommand(
          {
            ...projectPaths({ out: a.out, data: a.data, templates: a.templates }),
            json: a.json,
          },
          io,
        );
      },
    )
    .command(
      'schema',
      'Print the JSON Schema of the dataset',
      (y) => y.option('write', { type: 'string', describe: 'Write it to this file' }),
      async (a) => {
        code = await (await import('./schema.js')).schemaCommand(
          a.write ? { write: a.write } : {},
          io,
        );
      },
    )
    .help()
    .wrap(Math.min(100, process.stdout.columns || 100));
  skipHelpCache(parser);
  try {
    let output = '';
    await parser.parseAsync(argv, {}, (_err, _argv, out) => {
      output = out;
    });
    if (output) io.out(output);
    return code;
  } catch (err) {
    if (err && typeof err === 'object' && 'usage' in err) {
      io.err(`bulletin: ${(err as unknown as Error).message}\nRun "bulletin --help" for usage.`);
      return ExitCode.badInput;
    }
    return reportError(err, io, json, debug);
  }
}
