/**
 * `bulletin diff OLD NEW`: what changed between two builds (output folders). Prints Markdown
 * (fit for $GITHUB_STEP_SUMMARY) or JSON, and with --report writes an HTML page with
 * before/after/difference images. Exit 0 when nothing changed, 3 when something did (as
 * `build --check` reports stale output), 1 for a folder that is not a build.
 */
import path from 'node:path';
import { ExitCode } from '../errors.js';
import { readBuildFolder } from '../load/build-folder.js';
import { diffBuilds } from '../diff/index.js';
import { diffHtml, diffMarkdown } from '../diff/report.js';
import { writeReportFiles } from '../output/report.js';
import type { CliIO } from './io.js';

export interface DiffArgs {
  old: string;
  new: string;
  report?: string;
  json: boolean;
}

export async function diffCommand(args: DiffArgs, io: CliIO): Promise<number> {
  const [a, b] = [await readBuildFolder(args.old), await readBuildFolder(args.new)];
  const d = diffBuilds(a, b);
  const names: [string, string] = [
    path.basename(path.resolve(args.old)),
    path.basename(path.resolve(args.new)),
  ];
  const [oldName, newName] = names[0] === names[1] ? [args.old, args.new] : names;
  if (args.report) await writeReportFiles(args.report, diffHtml(d, oldName, newName));
  if (args.json) {
    const visuals = d.visuals.map(({ name, label, change, changedPixels, share }) => ({
      name,
      label,
      change,
      changedPixels,
      share,
    }));
    io.out(
      JSON.stringify(
        {
          ok: true,
          changed: d.changed,
          facts: d.facts,
          files: d.files,
          visuals,
          previewsCompared: d.previewsCompared,
        },
        null,
        2,
      ),
    );
  } else io.out(diffMarkdown(d, oldName, newName));
  return d.changed ? ExitCode.stale : ExitCode.ok;
}
