/**
 * readInputs: the data file and every template file a build uses, read once. The fast path
 * hashes these bytes and the pipeline parses the same bytes, so a file is never read twice
 * (a FIFO fed once cannot hang a second read) and what is hashed is what is built.
 */
import path from 'node:path';
import { listFiles, mapAtMost, readInputBytes } from './files.js';
import { InputError } from '../errors.js';

/** Files under templates/ that a build reads; anything else there is never opened. */
export const TEMPLATE_FILE = /\.(liquid|json|ttf|otf|png|jpe?g|p[po]t[xm]?)$/i;
/**
 * More template files than this is a wrong folder (a home folder, a repository), not a template
 * set.
 */
export const MAX_TEMPLATE_FILES = 2000;

export interface InputSnapshot {
  data: { file: string; bytes: Buffer };
  templates: { root: string; files: Map<string, Buffer> };
}

export async function readInputs(dataFile: string, templatesRoot: string): Promise<InputSnapshot> {
  const [bytes, files] = await Promise.all([
    readInputBytes(dataFile, 'data file'),
    readTemplates(templatesRoot),
  ]);
  return { data: { file: dataFile, bytes }, templates: files };
}

/** The template files a build uses, by relative path, in sorted order. */
export async function readTemplates(root: string): Promise<InputSnapshot['templates']> {
  const names = (await listFiles(root)).filter((n) => TEMPLATE_FILE.test(n));
  if (names.length > MAX_TEMPLATE_FILES)
    throw new InputError('E_TOO_MANY', [
      {
        file: root,
        message:
          `holds ${names.length} template files, over the limit of ${MAX_TEMPLATE_FILES}; point ` +
          `--templates at the template folder`,
      },
    ]);
  const what = (name: string) =>
    name.endsWith('.liquid')
      ? 'template'
      : name.endsWith('.json')
        ? 'template config'
        : /\.p[po]t[xm]?$/i.test(name)
          ? 'deck template'
          : 'asset';
  // Up to READ_AT_ONCE files at once (one by one, each read waited for the one before); a
  // failure is still reported for the first failing file in sorted order.
  const read = await mapAtMost(names, READ_AT_ONCE, (name) =>
    readInputBytes(path.join(root, name), what(name)).then(
      (value): PromiseSettledResult<Buffer> => ({ status: 'fulfilled', value }),
      (reason: unknown): PromiseSettledResult<Buffer> => ({ status: 'rejected', reason }),
    ),
  );
  const files = new Map<string, Buffer>();
  names.forEach((name, i) => {
    const r = read[i] as PromiseSettledResult<Buffer>;
    if (r.status === 'rejected') throw r.reason;
    files.set(name, r.value);
  });
  return { root, files };
}

/** Template files read at once: enough to overlap the reads, few enough for any open-file limit. */
const READ_AT_ONCE = 16;
