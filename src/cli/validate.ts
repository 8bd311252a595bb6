/**
 * `bulletin validate`: every problem a build would refuse, at once, as file:line:col: message —
 * the data's, then the templates', chart specs', deck configuration's and fonts' (nothing is
 * drawn or written).
 */
import { ExitCode, formatProblem } from '../errors.js';
import type { CliIO } from './io.js';

export async function validateCommand(
  args: { data: string; templates: string; json: boolean },
  io: CliIO,
): Promise<number> {
  const { checkProject } = await import('../check-project.js');
  const checked = await checkProject(args);
  const problems = [...checked.data, ...checked.templates];
  if (args.json)
    io.out(
      JSON.stringify(
        { ok: problems.length === 0, file: args.data, templates: args.templates, problems },
        null,
        2,
      ),
    );
  else if (problems.length === 0)
    io.out(`${args.data}: valid\n${args.templates}: templates, charts, decks and fonts valid`);
  else {
    const where = checked.templates.length
      ? checked.data.length
        ? `${args.data} and ${args.templates}`
        : args.templates
      : args.data;
    io.err(
      `${problems.map(formatProblem).join('\n')}\n${problems.length} ` +
        `problem${problems.length === 1 ? '' : 's'} in ${where}`,
    );
  }
  return problems.length === 0 ? ExitCode.ok : ExitCode.badInput;
}
