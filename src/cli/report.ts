/** The one error handler: typed errors become messages and exit codes, never stack traces. */
import { EnvironmentError, ExitCode, InputError, formatProblem } from '../errors.js';
import type { CliIO } from './io.js';

export const BUG_URL = "the project's issue tracker";

export function reportError(err: unknown, io: CliIO, json: boolean, debug: boolean): number {
  // A stopped build: the bin, which caught the signal, says so and exits.
  if (err instanceof InputError && err.code === 'E_INTERRUPTED') return ExitCode.interrupted;
  if (err instanceof InputError) {
    if (json)
      io.out(JSON.stringify({ ok: false, code: err.code, problems: err.problems }, null, 2));
    else {
      const n = err.problems.length;
      io.err(
        `bulletin: ` +
          `${err instanceof EnvironmentError ? 'the system refused a write' : `${n === 1 ? 'a problem' : `${n} problems`} in the input`}:\n${err.problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`,
      );
    }
    return ExitCode.badInput;
  }
  const message = err instanceof Error ? err.message : String(err);
  if (json) io.out(JSON.stringify({ ok: false, code: 'E_INTERNAL', message }, null, 2));
  else
    io.err(
      `bulletin: internal error (a bug in bulletin, not in your files): ${message}\nPlease ` +
        `report it at ${BUG_URL} with the command you ` +
        `ran${debug ? '' : '; rerun with --debug for the stack'}.`,
    );
  if (debug && err instanceof Error && err.stack) io.err(err.stack);
  return ExitCode.internal;
}
