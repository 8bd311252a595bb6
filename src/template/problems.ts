/**
 * Template errors as problems a user can act on: the file and line where the mistake is (a
 * partial's own, not its includer's), each mistake once, and all of a build's at once.
 */
import { requireCjs } from '../cjs.js';
import type { Problem } from '../errors.js';
import type { TemplateSet } from './engine.js';
import { NO_VALUE } from './strict-names.js';

const liquidjs = requireCjs('liquidjs') as typeof import('liquidjs');
const { LiquidError } = liquidjs;
type Liquid = import('liquidjs').Liquid;

/**
 * Lets a render go on past a failed tag: the tag writes nothing and its errors go to `sink`.
 * LiquidJS's `catchAllErrors` collects the errors of one block but then throws, which ends
 * the enclosing `for` or partial, so a mistake in the second partner's section hid one in
 * the third.
 */
export function keepRenderingAfterErrors(liquid: Liquid, sink: unknown[]): void {
  const renderer = liquid.renderer as unknown as {
    renderTemplates: (...args: unknown[]) => Generator<unknown, unknown, unknown>;
  };
  const original = renderer.renderTemplates.bind(renderer);
  renderer.renderTemplates = function* (...args: unknown[]) {
    try {
      return yield* original(...args);
    } catch (err) {
      if ((err as { name?: string } | null)?.name !== 'LiquidErrors') throw err;
      sink.push(err);
      return '';
    }
  };
}

/**
 * The file a token was read from. LiquidJS leaves `token.file` unset on variable tokens (so an
 * error in a partial was reported at its includer's name with the partial's line), but every
 * token keeps the text of its own file: that text names the file.
 */
function fileOf(
  token: { file?: string; input?: string } | undefined,
  set: TemplateSet,
  name: string,
) {
  if (token?.file && Object.hasOwn(set.files, token.file)) return token.file;
  if (token?.input !== undefined) {
    if (set.files[name] === token.input) return name;
    const found = Object.entries(set.files).find(([, text]) => text === token.input);
    if (found) return found[0];
  }
  return token?.file ?? name;
}

/** The single errors inside LiquidJS's `LiquidErrors` (one per failed tag, when collecting). */
export function flattenErrors(err: unknown): unknown[] {
  const inner = (err as { name?: string; errors?: unknown[] } | null)?.errors;
  if ((err as { name?: string } | null)?.name === 'LiquidErrors' && Array.isArray(inner))
    return inner.flatMap(flattenErrors);
  return [err];
}

/**
 * Drops the knock-on errors of a render that failed elsewhere: a variable left without a value
 * because the `assign` that sets it failed is reported once, at the `assign`.
 */
export function withoutKnockOn(problems: Problem[]): Problem[] {
  const causes = problems.filter((p) => !p.message.includes(NO_VALUE));
  return causes.length ? causes : problems;
}

/** Converts a LiquidJS error into a problem naming the template file, line and column. */
export function templateProblem(err: unknown, set: TemplateSet, name: string): Problem {
  if (err instanceof LiquidError) {
    const [line, column] = err.token?.getPosition?.() ?? [];
    const file = `${set.root}/${fileOf(err.token, set, name)}`;
    const original = err.originalError as { name?: string; message?: string } | undefined;
    let message = (original?.message ?? err.message).replace(
      /, (file:\S+, )?line:\d+, col:\d+$/,
      '',
    );
    // Names LiquidJS found missing without our check (an engine not set up by createEngine).
    if (err.name === 'UndefinedVariableError' && /^undefined variable: /.test(message))
      message = `${message}; check its spelling`;
    if (/memory alloc limit/.test(message))
      message =
        `${message}: a range or text of more than 10 million items in one render; loop over ` +
        'the data instead';
    if (/undefined filter/.test(message))
      message = `${message}; the filters are listed in the README`;
    return {
      file,
      ...(line !== undefined ? { line, column } : {}),
      message: `template error: ${message}`,
    };
  }
  return {
    file: `${set.root}/${name}`,
    message: `template error: ${err instanceof Error ? err.message : String(err)}`,
  };
}
