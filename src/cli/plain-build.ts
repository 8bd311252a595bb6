/**
 * The everyday command lines (`bulletin build`, `bulletin build --out site --quiet`,
 * `bulletin build --force --only pdf`) read without yargs. Loading yargs and its help renderer
 * (cliui, string-width's Intl.Segmenter and Unicode tables) costs ~60-90 ms, a fifth of a no-op
 * rebuild, for a parse this file does in a loop. Anything else — help, version, another command,
 * an unknown, negated or malformed flag, a flag repeated that is not a list — returns undefined
 * and goes through yargs, so every usage error and every help text still comes from one place.
 * tests/cli-plain.test.ts checks that both parses agree.
 */
import type { BuildArgs } from './build-args.js';
import { projectPaths } from './project-root.js';

const TEXT_FLAGS = ['data', 'templates', 'out'] as const;
/** Repeatable, one value each time (`--only pdf --only charts`), as yargs' array options. */
const LIST_FLAGS = ['only', 'partner'] as const;
const SWITCHES = ['force', 'quiet', 'json', 'check', 'strict', 'debug'] as const;
type TextFlag = (typeof TEXT_FLAGS)[number];
type Switch = (typeof SWITCHES)[number];
type ListFlag = (typeof LIST_FLAGS)[number];

const isText = (name: string): name is TextFlag => (TEXT_FLAGS as readonly string[]).includes(name);
const isSwitch = (name: string): name is Switch => (SWITCHES as readonly string[]).includes(name);
const isList = (name: string): name is ListFlag => (LIST_FLAGS as readonly string[]).includes(name);

/** `build` with only plain flags, as the arguments yargs would give; otherwise undefined. */
export function plainBuildArgs(argv: readonly string[]): BuildArgs | undefined {
  if (argv[0] !== 'build') return undefined;
  const text: Partial<Record<TextFlag, string>> = {};
  const on = new Set<Switch>();
  const lists: Record<ListFlag, string[]> = { only: [], partner: [] };
  let jobs: number | undefined;
  const seen = new Set<string>();
  for (let i = 1; i < argv.length; i++) {
    const m = /^--([a-z]+)(?:=(.*))?$/s.exec(argv[i] ?? '');
    if (!m?.[1] || (seen.has(m[1]) && !isList(m[1]))) return undefined;
    const name = m[1];
    seen.add(name);
    if (isSwitch(name)) {
      if (m[2] !== undefined) return undefined; // --force=false and the like: yargs decides
      on.add(name);
      continue;
    }
    // A value: `--out dir` or `--out=dir`; one that is empty or looks like a flag goes to yargs.
    const value = m[2] ?? argv[++i];
    if (value === undefined || value === '' || value.startsWith('-')) return undefined;
    if (isText(name)) text[name] = value;
    else if (isList(name)) lists[name].push(value);
    else if (name === 'jobs' && /^[1-9][0-9]{0,2}$/.test(value)) jobs = Number(value);
    else return undefined;
  }
  return {
    ...projectPaths(text),
    partner: lists.partner,
    only: lists.only,
    json: on.has('json'),
    force: on.has('force'),
    check: on.has('check'),
    bleed: false,
    edition: 'screen',
    marks: false,
    deckCharts: 'native',
    jobs,
    quiet: on.has('quiet'),
    strict: on.has('strict'),
    preview: false,
    watch: false,
  };
}
