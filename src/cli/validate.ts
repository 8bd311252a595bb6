/** `bulletin validate`: every problem in the data at once, as file:line:col: path: message. */
import { checkDatasetFile } from '../load/dataset.js';
import { ExitCode, formatProblem } from '../errors.js';
import type { CliIO } from './io.js';

export async function validateCommand(
  args: { data: string; json: boolean },
  io: CliIO,
): Promise<number> {
  const { problems } = await checkDatasetFile(args.data);
  if (args.json)
    io.out(JSON.stringify({ ok: problems.length === 0, file: args.data, problems }, null, 2));
  else if (problems.length === 0) io.out(`${args.data}: valid`);
  else
    io.err(
      `${problems.map(formatProblem).join('\n')}\n${problems.length} ` +
        `problem${problems.length === 1 ? '' : 's'} in ${args.data}`,
    );
  return problems.length === 0 ? ExitCode.ok : ExitCode.badInput;
}
