/** Exit codes, documented in the README. */
export const ExitCode = { ok: 0, badInput: 1, internal: 2, stale: 3, interrupted: 130 } as const;

/** One problem found in an input file, with where it is. */
export interface Problem {
  file: string;
  line?: number;
  column?: number;
  /** JSON path like `measures[3].amount`, or a template variable. */
  path?: string;
  message: string;
}

/**
 * Control characters from data, shown as \u escapes so that a message cannot drive the terminal.
 */
export const escapeControls = (s: string): string =>
  s.replace(
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );

/** Formats a problem as `file:line:col: path: message`. */
export function formatProblem(p: Problem): string {
  const where = [p.file, p.line, p.column].filter((x) => x !== undefined).join(':');
  return escapeControls(p.path ? `${where}: ${p.path}: ${p.message}` : `${where}: ${p.message}`);
}

/** Bad input the user can fix: data, templates, fonts or options. Exit code 1. */
export class InputError extends Error {
  readonly code: string;
  readonly problems: Problem[];
  constructor(code: string, problems: Problem[], summary?: string) {
    super(summary ?? problems.map(formatProblem).join('\n'));
    this.name = 'InputError';
    this.code = code;
    this.problems = problems;
  }
  get exitCode(): number {
    return ExitCode.badInput;
  }
}

/**
 * The machine refused: no permission, a read-only or full disk, too many open files. Not a
 * bug in bulletin and not bad input either, but the user can act on it, so also exit code 1.
 */
export class EnvironmentError extends InputError {
  constructor(code: string, problems: Problem[]) {
    super(code, problems);
    this.name = 'EnvironmentError';
  }
}

/** Shorthand for an input error with a single problem. */
export function inputError(code: string, problem: Problem): InputError {
  return new InputError(code, [problem]);
}

/** A bug in bulletin itself. Exit code 2. */
export class InternalError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'InternalError';
  }
}
