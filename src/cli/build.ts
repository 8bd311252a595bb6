/** `bulletin build`: builds what changed into the output folder; `--check` only reports. */
import { buildDetailed, check } from '../index.js';
import { ExitCode } from '../errors.js';
import type { CliIO } from './io.js';

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
  deckCharts: 'native' | 'image';
  jobs?: number;
}

export async function buildCommand(args: BuildArgs, io: CliIO): Promise<number> {
  const options = {
    data: args.data, templates: args.templates, out: args.out, partners: args.partner, only: args.only, force: args.force, bleed: args.bleed, deckCharts: args.deckCharts,
    ...(args.jobs !== undefined ? { jobs: args.jobs } : {}), ...(args.shard ? { shard: args.shard } : {}), ...(args.paper ? { paper: args.paper === 'a4' ? ('A4' as const) : ('LETTER' as const) } : {}),
    ...(io.env.SOURCE_DATE_EPOCH !== undefined ? { sourceDateEpoch: io.env.SOURCE_DATE_EPOCH } : {}),
  };
  if (args.check) {
    const { stale } = await check(options);
    if (args.json) io.out(JSON.stringify({ ok: stale.length === 0, stale }, null, 2));
    else if (stale.length === 0) io.out(`${args.out} is up to date with the data and templates.`);
    else io.err(`${args.out} is out of date; ${stale.length} file${stale.length === 1 ? '' : 's'} would be rebuilt:\n${stale.map((s) => `  ${s}`).join('\n')}\nRun "bulletin build" and commit the result.`);
    return stale.length === 0 ? ExitCode.ok : ExitCode.stale;
  }
  const result = await buildDetailed(options);
  if (args.json) io.out(JSON.stringify({ ok: true, rebuilt: result.rebuilt, upToDate: result.upToDate, manifest: result.manifest }, null, 2));
  else if (result.rebuilt.length === 0) io.out(`Nothing to rebuild: all ${result.upToDate.length} files in ${args.out} are up to date.`);
  else {
    const byPath = new Map(result.manifest.artifacts.map((a) => [a.path, a]));
    const rows = result.rebuilt.map((p) => {
      const a = byPath.get(p)!;
      return `  ${p.padEnd(40)} ${String(a.pages ?? a.slides ?? '').padStart(3)} ${(a.bytes / 1024).toFixed(1).padStart(8)} KB`;
    });
    io.out(`Built ${result.rebuilt.length} file${result.rebuilt.length === 1 ? '' : 's'} in ${args.out}${result.upToDate.length ? ` (${result.upToDate.length} up to date)` : ''}:\n${rows.join('\n')}`);
  }
  return ExitCode.ok;
}
