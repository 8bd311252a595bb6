/** The JSON Schema for data files, generated from the zod schema (never edited by hand). */
import { z } from 'zod';
import { Dataset } from './schema.js';

/** JSON Schema text for the dataset, as committed in data/bulletin.schema.json. */
export function datasetJsonSchema(): string {
  const schema = z.toJSONSchema(Dataset, { io: 'input', target: 'draft-2020-12' });
  return `${JSON.stringify({ ...schema, title: 'bulletin dataset', $id: 'bulletin.schema.json' }, null, 2)}\n`;
}
