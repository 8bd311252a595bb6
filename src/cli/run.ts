/** run(argv): the whole CLI, returning the exit code. Only bin.ts calls process.exit. */
import yargs from 'yargs';
import { buildOptions, inputOptions } from './options.js';
import { buildCommand } from './build.js';
import { validateCommand } from './validate.js';
import { schemaCommand } from './schema.js';
import { mergeCommand } from './merge.js';
import { reportError } from './report.js';
import { processIO, type CliIO } from './io.js';
import { ExitCode } from '../errors.js';
import { TOOL_VERSION } from '../version.js';

const EPILOGUE = 'Exit codes: 0 success, 1 bad input or usage, 2 internal error (a bug), 3 output out of date (build --check).';

export async function run(argv: string[], io: CliIO = processIO): Promise<number> {
  let code: number = ExitCode.ok;
  let json = argv.includes('--json');
  const debug = argv.includes('--debug');
  const parser = yargs(argv)
    .scriptName('bulletin')
    .version(TOOL_VERSION)
    .strict()
    .demandCommand(1, 'Name a command: build, validate, merge-manifests or schema.')
    .recommendCommands()
    .epilogue(EPILOGUE)
    .exitProcess(false)
    .fail((msg, err) => {
      if (err) throw err;
      throw Object.assign(new Error(msg ?? 'invalid usage'), { usage: true });
    })
    .command('build', 'Build the bulletin PDF and the partner decks', (y) => buildOptions(y), async (a) => {
      json = a.json;
      code = await buildCommand({
        data: a.data, templates: a.templates, out: a.out, partner: a.partner, only: a.only, json: a.json, force: a.force, check: a.check, bleed: a.bleed,
        deckCharts: a['deck-charts'], jobs: a.jobs, ...(a.shard ? { shard: a.shard } : {}), ...(a.paper ? { paper: a.paper } : {}),
      }, io);
    })
    .command('validate', 'Check the dataset and report every problem', (y) => inputOptions(y), async (a) => {
      json = a.json;
      code = await validateCommand({ data: a.data, json: a.json }, io);
    })
    .command('merge-manifests <manifests..>', 'Join the manifests of shard builds into one', (y) => y
      .positional('manifests', { type: 'string', array: true, demandOption: true, describe: 'Shard manifests (manifest-shard-i-of-n.json)' })
      .option('out', { type: 'string', default: 'output', describe: 'Where to write manifest.json' })
      .option('json', { type: 'boolean', default: false }), async (a) => {
      json = a.json;
      code = await mergeCommand({ out: a.out, manifests: (a.manifests ?? []).map(String), json: a.json }, io);
    })
    .command('schema', 'Print the JSON Schema of the dataset', (y) => y.option('write', { type: 'string', describe: 'Write it to this file' }), async (a) => {
      code = await schemaCommand(a.write ? { write: a.write } : {}, io);
    })
    .help()
    .wrap(Math.min(100, process.stdout.columns || 100));
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
