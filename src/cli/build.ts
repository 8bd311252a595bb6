/** `bulletin build`: builds the bulletin and decks into the output folder. */
import { build } from '../index.js';
import { ExitCode } from '../errors.js';
import type { CliIO } from './io.js';

export interface BuildArgs {
  data: string;
  templates: string;
  out: string;
  partner: string[];
  only: string[];
  json: boolean;
}

export async function buildCommand(args: BuildArgs, io: CliIO): Promise<number> {
  const manifest = await build({
    data: args.data, templates: args.templates, out: args.out, partners: args.partner, only: args.only,
    ...(io.env.SOURCE_DATE_EPOCH !== undefined ? { sourceDateEpoch: io.env.SOURCE_DATE_EPOCH } : {}),
  });
  if (args.json) io.out(JSON.stringify({ ok: true, manifest }, null, 2));
  else {
    const rows = manifest.artifacts.map((a) => `  ${a.path.padEnd(36)} ${String(a.pages ?? a.slides ?? '').padStart(3)} ${(a.bytes / 1024).toFixed(1).padStart(8)} KB`);
    io.out(`Built ${manifest.artifacts.length} file${manifest.artifacts.length === 1 ? '' : 's'} in ${args.out}:\n${rows.join('\n')}`);
  }
  return ExitCode.ok;
}
