/**
 * Where the build pipeline comes from: its ES modules by default. The command may hand in
 * another source of the same code before it builds (src/cli/pipeline-script.ts, which runs
 * it from a script with a V8 code cache); the library API never does.
 */
export type Pipeline = typeof import('./pipeline.js');

let source: () => Promise<Pipeline> = () => import('./pipeline.js');

export function setPipelineSource(load: () => Promise<Pipeline>): void {
  source = load;
}

/** The pipeline, loaded on first use: a rebuild with nothing to do never loads it. */
export const loadPipeline = (): Promise<Pipeline> => source();
