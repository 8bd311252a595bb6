/** A build worker: prepares the inputs as the main thread does, renders its units, posts the bytes back. */
import { parentPort, workerData } from 'node:worker_threads';
import { prepare } from '../pipeline.js';
import { RENDERERS } from '../compose/registry.js';
import { InputError } from '../errors.js';
import { renderUnits, type StaleUnit, type WorkerReply, type WorkerTask } from './pool.js';

async function main(task: WorkerTask): Promise<WorkerReply> {
  const ctx = await prepare(task.options);
  const wanted = new Set(task.units.map(([r, k]) => `${r}\u0000${k}`));
  const units: StaleUnit[] = RENDERERS.flatMap((renderer) =>
    renderer
      .units(ctx)
      .filter((u) => wanted.has(`${renderer.name}\u0000${u.key}`))
      .map((unit) => ({ renderer, unit })),
  );
  return { artifacts: await renderUnits(ctx, RENDERERS, units) };
}

main(workerData as WorkerTask).then(
  // Copied, not transferred: a Buffer may be a view of a pooled ArrayBuffer shared with others.
  (reply) => parentPort!.postMessage(reply),
  (err: unknown) => {
    const e = err instanceof Error ? err : new Error(String(err));
    parentPort!.postMessage({
      error: {
        name: e.name,
        message: e.message,
        stack: e.stack,
        ...(err instanceof InputError ? { code: err.code, problems: err.problems } : {}),
      },
    } satisfies WorkerReply);
  },
);
