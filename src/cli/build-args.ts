/**
 * What `bulletin build` was asked, as the library's options, and how its warnings print.
 * Shared by the one-shot build and --watch, which both import it (and not each other).
 */
import type { BuildOptions, BuildResult } from '../build-types.js';
import type { CliIO } from './io.js';
import { writeStepHook } from './test-hooks.js';

export interface BuildArgs {
  data: string;
  templates: string;
  out: string;
  partner: string[];
  only: string[];
  json: boolean;
  force: boolean;
  check: boolean;
  shard?: string;
  paper?: 'letter' | 'a4';
  bleed: boolean;
  edition?: 'screen' | 'print' | 'both';
  marks?: boolean;
  deckCharts: 'native' | 'image';
  quiet?: boolean;
  strict?: boolean;
  maxAgeDays?: number;
  preview?: boolean;
  watch?: boolean;
  jobs?: number;
}

/** The library options the arguments stand for. */
export function optionsOf(args: BuildArgs, io: CliIO): BuildOptions {
  const hook = writeStepHook(io.env);
  return {
    data: args.data,
    templates: args.templates,
    out: args.out,
    partners: args.partner,
    only: args.only,
    force: args.force,
    bleed: args.bleed,
    ...(args.edition && args.edition !== 'screen' ? { edition: args.edition } : {}),
    ...(args.marks ? { marks: true } : {}),
    deckCharts: args.deckCharts,
    jobs: args.jobs ?? 'auto',
    ...(args.shard ? { shard: args.shard } : {}),
    ...(args.paper ? { paper: args.paper === 'a4' ? ('A4' as const) : ('LETTER' as const) } : {}),
    ...(io.env.SOURCE_DATE_EPOCH !== undefined
      ? { sourceDateEpoch: io.env.SOURCE_DATE_EPOCH }
      : {}),
    ...(args.maxAgeDays !== undefined ? { maxAgeDays: args.maxAgeDays } : {}),
    ...(hook ? { onWriteStep: hook } : {}),
  };
}

/** Warnings, one a line, on stderr so that they show even when stdout is piped. */
export function warningLines(result: BuildResult): string {
  return result.warnings
    .map((w) => `warning: ${w.message}${w.where ? ` (${w.where})` : ''}`)
    .join('\n');
}
