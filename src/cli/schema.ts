/** `bulletin schema`: prints (or writes) the JSON Schema generated from the zod schema. */
import { writeAtomic } from '../output/write.js';
import { datasetJsonSchema } from '../dataset/json-schema.js';
import { ExitCode } from '../errors.js';
import type { CliIO } from './io.js';

export async function schemaCommand(args: { write?: string }, io: CliIO): Promise<number> {
  const text = datasetJsonSchema();
  if (args.write) {
    await writeAtomic(args.write, new TextEncoder().encode(text));
    io.out(`wrote ${args.write}`);
  } else io.out(text);
  return ExitCode.ok;
}
