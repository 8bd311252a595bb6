/**
 * The part of GitHub's expression language the bulletin workflow uses: `${{ name }}` with a
 * context name (github.*, env.*, matrix.*, strategy.*, steps.<id>.outputs.*), and `if:`
 * conditions made of status functions, names, '…' literals, == and != joined by &&.
 * Anything else throws, so the workflow cannot use what this runner does not evaluate.
 */

export type Context = Record<string, unknown>;

function value(term: string, ctx: Context): unknown {
  const t = term.trim();
  const literal = /^'((?:[^']|'')*)'$/.exec(t);
  if (literal) return literal[1]!.replace(/''/g, "'");
  // An unset step output is '' in GitHub's expressions.
  if (/^steps\.[\w-]+\.outputs\.[\w-]+$/.test(t)) return ctx[t] ?? '';
  if (t in ctx) return ctx[t];
  throw new Error(`workflow runner: unsupported expression ${t}`);
}

/** Replaces every ${{ … }} in a string. */
export function expand(text: string, ctx: Context): string {
  return text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expr: string) => String(value(expr, ctx)));
}

const STATUS = /^(always|success|failure|cancelled)\(\)$/;

/** Whether a step (or job) with this `if:` runs, given whether the job has failed so far. */
export function condition(text: string | undefined, ctx: Context, failed: boolean): boolean {
  const expr = (text ?? '')
    .trim()
    .replace(/^\$\{\{([\s\S]*)\}\}$/, '$1')
    .trim();
  const terms = expr ? expr.split('&&').map((t) => t.trim()) : [];
  // Without a status function, GitHub adds success(): nothing runs after a failure.
  if (!terms.some((t) => STATUS.test(t))) terms.unshift('success()');
  return terms.every((t) => {
    const status = STATUS.exec(t);
    if (status) {
      const name = status[1];
      return name === 'always' || (name === 'success' ? !failed : name === 'failure' && failed);
    }
    const cmp = /^(.+?)\s*(==|!=)\s*(.+)$/.exec(t);
    if (!cmp) return Boolean(value(t, ctx));
    const same = String(value(cmp[1]!, ctx)) === String(value(cmp[3]!, ctx));
    return cmp[2] === '==' ? same : !same;
  });
}
