// After the ES module bundle: writes the build pipeline's chunks once more as one classic
// script, dist/chunks/pipeline.script.js, for src/cli/pipeline-script.ts to run through
// vm.Script with a V8 code cache made after a build (issue 33). Node 20 has no code cache
// for ES modules, and Node's own cache (22+) holds only what V8 compiled before the module
// ran; a cache made after a build holds every function the build compiled.
//
// Only chunks that a plain build's main thread reaches through the pipeline alone go in: a
// chunk the command loads before the pipeline (errors, the output lock, the build thread
// pool) stays an ES module that the script is handed, so it exists once and `instanceof` and
// its state hold. Each chunk becomes a CommonJS-style function (esbuild's transform) whose
// `require` and `__import` the loader supplies; packages stay ES imports done by the loader,
// so harfbuzzjs's top-level await and every package's ES semantics stay as they are.
import { transform } from 'esbuild';
import { createHash } from 'node:crypto';
import { writeFileSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';

export const SCRIPT = 'dist/chunks/pipeline.script.js';

const fail = (message) => {
  console.error(`bundle: pipeline script: ${message}`);
  process.exit(1);
};

const isBuiltin = (spec) => spec.startsWith('node:') || builtinModules.includes(spec);

/** The chunk graph of the ES bundle: file name → its imports, by kind. */
function chunkGraph(metafile) {
  const graph = new Map();
  for (const [file, out] of Object.entries(metafile.outputs)) {
    if (!file.endsWith('.js')) continue;
    const local = (kind) =>
      out.imports.filter((i) => i.kind === kind && !i.external).map((i) => i.path);
    graph.set(file, {
      entryPoint: out.entryPoint,
      statics: local('import-statement'),
      dynamics: local('dynamic-import'),
      packages: out.imports
        .filter((i) => i.kind === 'import-statement' && i.external && !isBuiltin(i.path))
        .map((i) => i.path),
    });
  }
  return graph;
}

function closure(graph, roots, next, stop = () => false) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file) || stop(file)) return;
    seen.add(file);
    for (const dep of next(must(graph, file))) visit(dep);
  };
  for (const root of roots) visit(root);
  return seen;
}

function must(graph, file) {
  const node = graph.get(file);
  if (!node) fail(`${file} is not in the bundle`);
  return node;
}

const byEntry = (graph, entry) =>
  [...graph].find(([, node]) => node.entryPoint === entry)?.[0] ?? fail(`no chunk for ${entry}`);

/** Rewrites one chunk as the body of `function (exports, require, module, __import, …)`. */
async function asFunctionBody(file, supported) {
  const code = readFileSync(file, 'utf8');
  if (/\b__import(MetaUrl)?\b/.test(code)) fail(`${file} already uses the name __import`);
  const { code: cjs, warnings } = await transform(code, {
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    // Every import() becomes `Promise.resolve().then(() => __toESM(require(x)))`, rewritten
    // below to the loader's __import(x): a vm.Script from cached data has no import() on
    // Node 20 (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING). Otherwise what the ES bundle has.
    supported: { ...supported, 'dynamic-import': false },
    define: { 'import.meta.url': '__importMetaUrl' },
    sourcefile: path.basename(file),
    logLevel: 'silent',
  });
  if (warnings.length) fail(`${file}: ${warnings.map((w) => w.text).join('; ')}`);
  const dynamic = 'Promise.resolve().then(() => __toESM(require(';
  // `__import((0, (x)))`: the three closing parentheses stay balanced.
  const body = cjs.replaceAll(dynamic, '__import((0, (');
  if (/\bimport\s*\(/.test(body.replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '')))
    fail(`${file} keeps an import() the rewrite missed`);
  return body;
}

/** Writes the script; returns its size in bytes. */
/** `supported`: the ES bundle's esbuild `supported`, so that both are the same code. */
export async function writePipelineScript(metafile, supported) {
  const graph = chunkGraph(metafile);
  // What a plain build's main thread loads as ES modules: the command, the pool and the loader.
  const roots = [
    'dist/cli/launch.js',
    'dist/cli/main.js',
    'dist/jobs/pool.js',
    'dist/cli/pipeline-run.js',
  ];
  const host = closure(
    graph,
    roots.map((entry) => byEntry(graph, entry)),
    (node) => node.statics,
  );
  const pipeline = byEntry(graph, 'dist/pipeline.js');
  const inScript = closure(
    graph,
    [pipeline],
    (node) => [...node.statics, ...node.dynamics],
    (file) => host.has(file),
  );
  const name = (file) => path.basename(file);
  // What each chunk needs loaded (as ES modules) before it runs: the packages and command
  // chunks it or any script chunk it requires imports statically.
  const needs = {};
  for (const file of inScript) {
    const reach = closure(
      graph,
      [file],
      (node) => node.statics,
      (f) => host.has(f),
    );
    const wanted = new Set();
    for (const f of reach) {
      const node = must(graph, f);
      for (const p of node.packages) wanted.add(p);
      for (const s of node.statics) if (host.has(s)) wanted.add(`./${name(s)}`);
    }
    needs[name(file)] = [...wanted].sort();
  }
  const files = [...inScript].sort();
  const chunks = [];
  for (const file of files)
    chunks.push(
      `${JSON.stringify(name(file))}: function (exports, require, module, __import, ` +
        `__importMetaUrl) {\n${await asFunctionBody(file, supported)}}`,
    );
  const body =
    `({\nentry: ${JSON.stringify(name(pipeline))},\nneeds: ${JSON.stringify(needs)},\n` +
    `chunks: {\n${chunks.join(',\n')}\n}\n})\n`;
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
  // The first line names the script's hash: the loader keys the cache file by it.
  const script = `// bulletin pipeline script ${hash}\n"use strict";\n${body}`;
  writeFileSync(SCRIPT, script);
  return { bytes: Buffer.byteLength(script), chunks: files.length };
}
