/** loadDataset: reads, parses and validates the data file. */
import { decodeInputText, readInputBytes } from './files.js';
import { parseLocatedJson } from './json.js';
import { validateDataset } from '../dataset/validate.js';
import { InputError, type Problem } from '../errors.js';
import type { Dataset } from '../dataset/schema.js';

export interface LoadedDataset {
  file: string;
  text: string;
  dataset: Dataset;
}

/** Returns the problems instead of a dataset when the file is invalid. */
export async function checkDatasetFile(
  file: string,
  bytes?: Uint8Array,
): Promise<{ text: string; dataset?: Dataset; problems: Problem[] }> {
  const text = decodeInputText(
    bytes ?? (await readInputBytes(file, 'data file')),
    file,
    'data file',
  );
  const json = parseLocatedJson(file, text);
  if (Array.isArray(json)) return { text, problems: json };
  const result = validateDataset(json);
  return {
    text,
    problems: result.problems,
    ...(result.dataset ? { dataset: result.dataset } : {}),
  };
}

/** Loads a valid dataset or throws an InputError listing every problem. */
export async function loadDataset(file: string, bytes?: Uint8Array): Promise<LoadedDataset> {
  const { text, dataset, problems } = await checkDatasetFile(file, bytes);
  if (!dataset)
    throw new InputError('E_DATA', problems, `${problems.length} problem(s) in ${file}`);
  return { file, text, dataset };
}
