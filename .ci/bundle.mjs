// After tsc: bundles the command (dist/cli/bin.js) and the build worker into a few ES modules,
// so a build loads ~30 files instead of ~270 (our ~135 modules and zod's ~95): resolving,
// reading and linking each module cost ~165 ms of CPU per full build. Code splitting keeps
// every lazy import() lazy (a no-op rebuild must not load the pipeline). tsc's per-file output
// stays beside it for the library (package.json "main") and is the bundle's input, so both run
// the same compiled code.
//
// Packages stay external (loaded from node_modules as before) except zod, which is plain ES
// modules with no files of its own: the CommonJS ones find data files beside themselves
// (pdfkit's fonts, fontkit's tables, yargs' locales) and canvas is a native addon. A new
// dependency is external until added to INLINE.
import { build } from 'esbuild';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { writePipelineScript } from './pipeline-script.mjs';

const INLINE = new Set(['zod']);
// esbuild 0.28 rewrites every /\p{…}/u literal for node20 as `new RegExp(…)`, compiled again
// each time the line runs (a date formatted per claim, per deck); Node 20's V8 has them.
// The pipeline script is transformed with the same (.ci/pipeline-script.mjs).
const SUPPORTED = { 'regexp-unicode-property-escapes': true };
const CHUNKS = 'dist/chunks';

// zod's namespace export `z` carries `z.locales`, every one of its ~60 languages (360 KB, half
// the zod chunk), and esbuild cannot drop a namespace's members: every build parsed them. Messages
// are English (zod's default, which schemas.js imports itself), so the locales index is `en` alone.
const englishOnlyZod = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]/.test(args.importer)
        ? {
            path: path.join(path.dirname(args.importer), '..', 'locales', 'en.js'),
            namespace: 'zod-en',
          }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-en' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: path.dirname(args.path),
    }));
  },
};

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const external = Object.keys(pkg.dependencies)
  .filter((name) => !INLINE.has(name))
  .flatMap((name) => [name, `${name}/*`]);

// Chunks of an earlier bundle would otherwise stay and enter the build-id hash.
rmSync(CHUNKS, { recursive: true, force: true });
const result = await build({
  // src/jobs/pool.ts starts `new URL('./worker.js', import.meta.url)`: the worker entry goes
  // beside the chunk that holds pool.ts (checked below).
  // tsc's launch.js, not its bin.js (which this replaces), so that bundling again works.
  entryPoints: { 'cli/bin': 'dist/cli/launch.js', 'chunks/worker': 'dist/jobs/worker.js' },
  outdir: 'dist',
  allowOverwrite: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  supported: SUPPORTED,
  external,
  // Maps through tsc's own source maps back to src/*.ts (node --enable-source-maps).
  sourcemap: 'linked',
  logLevel: 'warning',
  metafile: true,
  plugins: [englishOnlyZod],
  // Tells src/cli/pipeline-script.ts that it runs from this bundle, beside the pipeline script
  // made below from the same chunks (tsc's per-file output has none).
  define: { __BULLETIN_BUNDLE__: 'true' },
});

// A package the command imports but package.json lists only under devDependencies is not
// external, so esbuild inlines it; its CommonJS require() calls then fail at run time in the
// installed package ("Dynamic require of "util" is not supported": pngjs in `bulletin diff`,
// issue 30). Only INLINE packages may be inside the bundle.
const inlined = new Set(
  Object.keys(result.metafile.inputs)
    .map((file) => /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file)?.[1])
    .filter((name) => name !== undefined && !INLINE.has(name)),
);
if (inlined.size > 0) {
  const names = [...inlined].sort().join(', ');
  console.error(`bundle: ${names} would be inlined: a package the command imports belongs in`);
  console.error('package.json "dependencies" (or, if it is plain ES modules, in INLINE).');
  process.exit(1);
}

const BIN = 'dist/cli/bin.js';
writeFileSync(BIN, `#!/usr/bin/env node\n${readFileSync(BIN, 'utf8')}`);

// The bundle must be self-contained where paths are relative to the module: only pool.ts's
// worker URL is, and it must land in dist/chunks/ beside worker.js.
const withWorkerUrl = readdirSync(CHUNKS)
  .filter((f) => f.endsWith('.js'))
  .filter((f) => readFileSync(path.join(CHUNKS, f), 'utf8').includes('"./worker.js"'));
if (withWorkerUrl.length === 0 || readFileSync(BIN, 'utf8').includes('"./worker.js"')) {
  console.error(`bundle: the worker URL of src/jobs/pool.ts is not in ${CHUNKS}/`);
  process.exit(1);
}

// The pipeline's chunks once more as one classic script, for a V8 code cache on Node 20.
await writePipelineScript(result.metafile, SUPPORTED);
