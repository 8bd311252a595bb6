/** Exit codes, documented in the README. */
export const ExitCode = { ok: 0, badInput: 1, internal: 2, stale: 3 } as const;

/** One problem found in an input file, with where it is. */
export interface Problem {
  file: string;
  line?: number;
  column?: number;
  /** JSON path like `measures[3].amount`, or a template variable. */
  path?: string;
  message: string;
}

/** Formats a problem as `file:line:col: path: message`. */
export function formatProblem(p: Problem): string {
  const where = [p.file, p.line, p.column].filter((x) => x !== undefined).join(':');
  return p.path ? `${where}: ${p.path}: ${p.message}` : `${where}: ${p.message}`;
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
