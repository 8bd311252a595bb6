/** `bulletin verify`: checks that every figure a build printed traces to the data. */
import { loadDataset } from '../load/dataset.js';
import { readDisplayCaps, readPrinted } from '../load/printed.js';
import { sha256 } from '../output/manifest.js';
import { recoverOutput } from '../output/lock.js';
import { EXEMPTIONS, verifyPrinted, type VerifyProblem } from '../verify/index.js';
import { ExitCode } from '../errors.js';
import type { CliIO } from './io.js';

export interface VerifyArgs {
  out: string;
  data: string;
  templates: string;
  json: boolean;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** One paragraph per problem: where, what was printed, why it fails, and the text around it. */
export function describeProblem(p: VerifyProblem): string {
  if (p.claim) return `${p.file}, ${p.place}: ${p.claim} fails: ${p.reason}.`;
  return (
    `${p.file}, ${p.place}: "${p.printed}" does not trace to the data: ${p.reason}.\n  Printed ` +
    `in: "${p.context}"`
  );
}

export async function verifyCommand(args: VerifyArgs, io: CliIO): Promise<number> {
  const { text, dataset } = await loadDataset(args.data);
  // A commit a killed build left is finished before the folder is read (output/journal.ts).
  await recoverOutput(args.out);
  const { manifest, printed } = await readPrinted(args.out);
  const result = verifyPrinted(dataset, printed, {
    clockDates: [manifest.buildDate.slice(0, 10)],
    toolVersion: manifest.tool.version,
    displayCaps: await readDisplayCaps(args.templates),
  });
  // A build from other data fails for that reason alone: say so before the figures.
  const dataChanged = manifest.inputs.data !== sha256(text);
  const note = dataChanged
    ? `note: this build was made from other data than ${args.data} (its manifest records another ` +
      `hash); rebuild to check the current data, or read the problems below as what the change ` +
      `did.`
    : '';
  const files = plural(result.files.length, 'file');
  const claims = result.claims ? ` and ${plural(result.claims, 'claim')}` : '';
  const summary = `${plural(result.checked, 'number')}${claims} checked in ${files}`;
  const failedClaims = result.problems.filter((p) => p.claim).length;
  const failedFigures = result.problems.length - failedClaims;
  const verdict = [
    ...(failedFigures
      ? [
          `${plural(failedFigures, 'figure')} do${failedFigures === 1 ? 'es' : ''} not trace ` +
            `to ${args.data}`,
        ]
      : []),
    ...(failedClaims
      ? [
          `${plural(failedClaims, 'claim')} fail${failedClaims === 1 ? 's' : ''} against ` +
            `${args.data}`,
        ]
      : []),
  ].join('; ');
  if (args.json)
    io.out(
      JSON.stringify(
        { ...result, dataChangedSinceBuild: dataChanged, exemptions: EXEMPTIONS },
        null,
        2,
      ),
    );
  else if (result.ok) io.out(`${note ? `${note}\n` : ''}${summary}, all trace to the data.`);
  else
    io.err(
      [
        ...(note ? [note] : []),
        ...result.problems.map(describeProblem),
        `${summary}: ${verdict}.`,
      ].join('\n\n'),
    );
  return result.ok ? ExitCode.ok : ExitCode.badInput;
}
