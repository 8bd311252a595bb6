/**
 * A build worker: prepares the inputs as the main thread does as soon as it starts (while the
 * main thread does the same), then renders each group of units it is sent and posts the bytes
 * back. It answers one request at a time and lives until the main thread stops it.
 */
import { must } from '../checked.js';
import { parentPort, workerData } from 'node:worker_threads';
import { prepare } from '../pipeline.js';
import { RENDERERS } from '../compose/registry.js';
import { planIndex } from '../charts/plan.js';
import { InputError } from '../errors.js';
import type { InputSnapshot } from '../load/inputs.js';
import type { BuildContext } from '../compose/types.js';
import type { StaleUnit, WorkerReply, WorkerRequest, WorkerTask } from './pool.js';
import { groupContext, renderUnits } from './schedule.js';

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

/**
 * Renders one group in a context of its own (see groupContext): only its partners' deck models
 * are built and planned, and its chart renders are released with it.
 */
async function render(ready: Promise<BuildContext>, request: WorkerRequest): Promise<WorkerReply> {
  const ctx = groupContext(await ready, request.partners, true);
  const names = new Set(request.units.map(([r]) => r));
  const renderers = RENDERERS.filter((r) => names.has(r.name));
  const planned = new Map<string, StaleUnit>(
    renderers.flatMap((renderer) =>
      renderer.units(ctx).map((unit) => [`${renderer.name}\u0000${unit.key}`, { renderer, unit }]),
    ),
  );
  const mine = request.units.map(([r, k]) => must(planned.get(`${r}\u0000${k}`), `unit ${r} ${k}`));
  return { artifacts: await renderUnits(ctx, renderers, mine) };
}

function failure(err: unknown): WorkerReply {
  const e = err instanceof Error ? err : new Error(String(err));
  return {
    error: {
      name: e.name,
      message: e.message,
      stack: e.stack,
      ...(err instanceof InputError ? { code: err.code, problems: err.problems } : {}),
    },
  };
}

const port = must(parentPort, 'the parent port (this module runs as a build worker)');
const task = workerData as WorkerTask;
// The chart plan for every partner, once (see groupContext): groups take it over.
const ready = prepare(task.options, revive(task.inputs)).then((ctx) => {
  planIndex(ctx);
  return ctx;
});
// The main thread prepares the same inputs and reports their errors itself; this one reports
// them only when asked for a group.
ready.catch(() => undefined);
port.on('message', (request: WorkerRequest) =>
  render(ready, request).then(
    // Copied, not transferred: a Buffer may be a view of a pooled ArrayBuffer shared with others.
    (reply) => port.postMessage(reply),
    (err: unknown) => port.postMessage(failure(err)),
  ),
);
