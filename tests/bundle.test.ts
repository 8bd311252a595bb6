/**
 * The command runs bundled (.ci/bundle.mjs): dist/cli/bin.js and the worker are esbuild's
 * output, and the modules they hold live in dist/chunks/, another folder than the one tsc put
 * them in. A path made from `import.meta.url` would point somewhere else there, so source files
 * may use it only in the forms that survive the move.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

function sourceFiles(dir = 'src'): string[] {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(dir, f))
    .sort();
}

/** Uses of import.meta.url that do not depend on the module's folder, or are checked at bundling. */
const SAFE = [
  // Resolves packages by walking up to node_modules: any folder in the package will do.
  /createRequire\(import\.meta\.url\)/,
  // The worker beside the pool: .ci/bundle.mjs puts it there and fails the build if it is not.
  /new URL\('\.\/worker\.js', import\.meta\.url\)/,
  // Walks up to package.json from wherever it is.
  /rootAbove\(fileURLToPath\(import\.meta\.url\)\)/,
];

describe('the bundled command', () => {
  it('source files make no folder-relative path from import.meta.url', () => {
    const unsafe = sourceFiles().flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => ({ line, where: `${file}:${i + 1}` }))
        .filter(({ line }) => line.includes('import.meta') && !SAFE.some((re) => re.test(line)))
        .map(({ line, where }) => `${where}: ${line.trim()}`),
    );
    expect(unsafe, 'find package files from PACKAGE_ROOT (src/package-root.ts)').toEqual([]);
  });

  it('dist/cli/bin.js is the bundle, with the worker where the pool looks for it', () => {
    const bin = readFileSync('dist/cli/bin.js', 'utf8');
    expect(bin.startsWith('#!/usr/bin/env node\n')).toBe(true);
    // tsc's bin imports ./launch.js; the bundle holds the launcher and imports only chunks and
    // packages: the command itself (main.ts) by a dynamic import, after V8's flags are set.
    const local = [...bin.matchAll(/(?:from |import\()"(\.[^"]+)"/g)].map((m) => m[1]);
    expect(local.length).toBeGreaterThan(0);
    expect(local.filter((p) => !p?.startsWith('../chunks/'))).toEqual([]);
    const main = bin.search(/await import\("\.\.\/chunks\/main-[^"]+"\)/);
    expect(main).toBeGreaterThan(0);
    expect(bin.indexOf('setFlagsFromString(')).toBeGreaterThan(0);
    expect(bin.indexOf('setFlagsFromString(')).toBeLessThan(main);
    expect(bin.indexOf('enableCodeCache();')).toBeLessThan(main);
    expect(existsSync('dist/chunks/worker.js')).toBe(true);
  });

  it('dist/chunks/pipeline.script.js holds the pipeline alone, with no import()', () => {
    // The script src/cli/pipeline-script.ts runs with a V8 code cache (.ci/pipeline-script.mjs).
    const script = readFileSync('dist/chunks/pipeline.script.js', 'utf8');
    expect(script).toMatch(/^\/\/ bulletin pipeline script [0-9a-f]{16}\n"use strict";\n/);
    const chunks = [...script.matchAll(/^"([\w-]+\.js)": function \(/gm)].map((m) => m[1]);
    expect(chunks).toContainEqual(expect.stringMatching(/^pipeline-/));
    // What the command loads before the pipeline stays one ES module, so its classes and
    // state exist once: the errors it reports by class, the output lock, the build threads.
    for (const once of ['var InputError = ', 'var BuildThread = ', 'function stopWrites('])
      expect(script).not.toContain(once);
    const code = script.replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '');
    expect(code).not.toMatch(/\bimport\s*\(/);
    expect(code).not.toMatch(/\bimport\.meta\b/);
    // As in the ES bundle, /\p{…}/u stays a literal, not a RegExp compiled on every call.
    expect(code).not.toMatch(/new RegExp\("[^"]*\\\\p\{/);
  });
});
