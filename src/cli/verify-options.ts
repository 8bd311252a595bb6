/** The verify command's flags (apart from verify.ts, which loads the PDF reader when run). */
import type { Argv } from 'yargs';
import { DEFAULTS } from './options.js';

export function verifyOptions<T>(y: Argv<T>) {
  return y
    .option('out', { type: 'string', default: DEFAULTS.out, describe: 'The build folder to check' })
    .option('templates', {
      type: 'string',
      default: DEFAULTS.templates,
      describe: 'The template folder (for the bar caps its chart specs declare)',
    })
    .option('data', { type: 'string', default: DEFAULTS.data, describe: 'The dataset (JSON)' })
    .option('json', {
      type: 'boolean',
      default: false,
      describe: 'Print one JSON document instead of text',
    })
    .option('debug', {
      type: 'boolean',
      default: false,
      describe: 'Print the stack of an internal error',
    });
}
