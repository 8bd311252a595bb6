/** Where the CLI prints; tests pass their own to capture output. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  env: Record<string, string | undefined>;
  /**
   * Whether stdout is a terminal: only then may the progress display redraw a line with escape
   * codes.
   */
  isTTY?: boolean;
  /** Raw write to stdout without a newline (the redrawn progress line); absent in tests. */
  write?(text: string): void;
  /** Stops long-running commands (build --watch); the bin wires it to Ctrl-C. */
  signal?: AbortSignal;
}

export const processIO: CliIO = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
  env: process.env,
  isTTY: process.stdout.isTTY === true,
  write: (t) => process.stdout.write(t),
};
