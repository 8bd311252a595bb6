/** Shared yargs option builders, composed by each command. */
import type { Argv } from 'yargs';

/**
 * The default paths, relative to the project root: the working folder, or the nearest folder
 * above it with data/bulletin.json and templates/ (project-root.ts). The options below have no
 * yargs default, so that a path given on the command line can be told from one left out.
 */
export const DEFAULTS = {
  data: 'data/bulletin.json',
  templates: 'templates',
  out: 'output',
} as const;

export function inputOptions<T>(y: Argv<T>) {
  return y
    .option('data', {
      type: 'string',
      defaultDescription: DEFAULTS.data,
      describe: 'The dataset (JSON)',
    })
    .option('templates', {
      type: 'string',
      defaultDescription: DEFAULTS.templates,
      describe: 'The template folder',
    })
    .option('json', {
      type: 'boolean',
      default: false,
      describe: 'Print one JSON document instead of text',
    });
}

/** Accepted by every command (issue 30): the error message of each one suggests it. */
export function globalOptions<T>(y: Argv<T>) {
  return y.option('debug', {
    type: 'boolean',
    default: false,
    global: true,
    describe: 'Print the stack of an internal error',
  });
}

export function buildOptions<T>(y: Argv<T>) {
  return inputOptions(y)
    .option('out', {
      type: 'string',
      defaultDescription: DEFAULTS.out,
      describe: 'The output folder',
    })
    .option('partner', {
      type: 'string',
      array: true,
      default: [] as string[],
      describe: "Only this partner's deck (repeatable)",
    })
    .option('only', {
      type: 'string',
      array: true,
      default: [] as string[],
      describe: 'Only these formats: pdf, html, charts, decks (repeatable)',
    })
    .option('force', {
      type: 'boolean',
      default: false,
      describe: 'Rebuild everything, even what is up to date',
    })
    .option('check', {
      type: 'boolean',
      default: false,
      describe: 'Build nothing; exit 3 and list what is out of date',
    })
    .option('shard', {
      type: 'string',
      describe: 'Build only shard i of n, e.g. 2/3 (for a CI job matrix)',
    })
    .option('paper', {
      choices: ['letter', 'a4'] as const,
      describe: "Paper size of the PDF (default: the theme's)",
    })
    .option('bleed', {
      type: 'boolean',
      default: false,
      describe: 'Add 3 mm bleed, BleedBox and crop marks for press',
    })
    .option('edition', {
      choices: ['screen', 'print', 'both'] as const,
      default: 'screen' as const,
      describe:
        'Which PDF to write: screen (bulletin.pdf, PDF/A and PDF/UA, tagged), print ' +
        '(bulletin-print.pdf, PDF/X-4 in CMYK with bleed, for a print shop) or both',
    })
    .option('marks', {
      type: 'boolean',
      default: false,
      describe: "Crop marks and a slug line outside the print edition's bleed",
    })
    .option('jobs', {
      type: 'number',
      describe:
        'Threads to render on (1: in one thread); default: one, or with 4 or more cores and ' +
        'some idle a second thread started at once, and one more per 16 partners, up to the ' +
        'cores. Output is the same for any number',
    })
    .option('deck-charts', {
      choices: ['native', 'image'] as const,
      default: 'native' as const,
      describe: 'Editable charts in decks, or chart images',
    })
    .option('quiet', {
      type: 'boolean',
      default: false,
      describe: 'Print only warnings and errors',
    })
    .option('strict', {
      type: 'boolean',
      default: false,
      describe: 'Exit 1 when the build has warnings',
    })
    .option('max-age-days', {
      type: 'number',
      describe: 'Warn when the latest dated fact is older than this (from the build date)',
    })
    .option('preview', {
      type: 'boolean',
      default: false,
      describe: 'Also write PNG previews and output/preview/index.html',
    })
    .option('watch', {
      type: 'boolean',
      default: false,
      describe: 'Rebuild whenever the data or templates change',
    });
}
