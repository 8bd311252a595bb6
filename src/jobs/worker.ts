/**
 * A build worker: prepares the inputs as the main thread does, renders its units, posts the bytes
 * back.
 */
import { must } from '../checked.js';
import { parentPort, workerData } from 'node:worker_threads';
import { prepare } from '../pipeline.js';
import { RENDERERS } from '../compose/registry.js';
import { InputError } from '../errors.js';
import type { InputSnapshot } from '../load/inputs.js';
import { renderUnits, type StaleUnit, type WorkerReply, type WorkerTask } from './pool.js';

/** Buffers arrive as plain Uint8Arrays after crossing into the worker; fonts want Buffers. */
function revive(inputs: InputSnapshot): InputSnapshot {
  const buf = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);
  return {
    data: { file: inputs.data.file, bytes: buf(inputs.data.bytes) },
    templates: {
      root: inputs.templates.root,
      files: new Map([...inputs.templates.files].map(([k, v]) => [k, buf(v)])),
    },
  };
}

async function main(task: WorkerTask): Promise<WorkerReply> {
  const ctx = await prepare(task.options, task.inputs && revive(task.inputs));
  const wanted = new Set(task.units.map(([r, k]) => `${r}\u0000${k}`));
  const units: StaleUnit[] = RENDERERS.flatMap((renderer) =>
    renderer
      .units(ctx)
      .filter((u) => wanted.has(`${renderer.name}\u0000${u.key}`))
      .map((unit) => ({ renderer, unit })),
  );
  return { artifacts: await renderUnits(ctx, RENDERERS, units) };
}

const port = must(parentPort, 'the parent port (this module runs as a build worker)');

main(workerData as WorkerTask).then(
  // Copied, not transferred: a Buffer may be a view of a pooled ArrayBuffer shared with others.
  (reply) => port.postMessage(reply),
  (err: unknown) => {
    const e = err instanceof Error ? err : new Error(String(err));
    port.postMessage({
      error: {
        name: e.name,
        message: e.message,
        stack: e.stack,
        ...(err instanceof InputError ? { code: err.code, problems: err.problems } : {}),
      },
    } satisfies WorkerReply);
  },
);
