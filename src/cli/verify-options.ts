/** The verify command's flags (apart from verify.ts, which loads the PDF reader when run). */
import type { Argv } from 'yargs';
import { DEFAULTS, inputOptions } from './options.js';

export function verifyOptions<T>(y: Argv<T>) {
  // The same data, templates (for the bar caps the chart specs declare) and --json as every
  // command that reads inputs, plus the build folder to check.
  return inputOptions(y).option('out', {
    type: 'string',
    defaultDescription: DEFAULTS.out,
    describe: 'The build folder to check',
  });
}
