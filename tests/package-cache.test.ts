/**
 * The packages' code cache (src/cli/package-cache.ts) in a Node process of its own, since it
 * replaces Module.prototype._compile: a CommonJS file is compiled with its cache and behaves as
 * under Node (exports, require, __dirname, `this`); a file in ES syntax, one that may call
 * import(), and one that does not parse are Node's, with Node's result or Node's error; a file
 * whose source changed does not get the old code.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';

const MODULE = path.resolve('dist/cli/package-cache.js');

const PACKAGES: Record<string, string> = {
  'plain/index.js': [
    '#!/usr/bin/env node',
    "const path = require('node:path');",
    "exports.where = path.basename(__dirname) + ':' + (this === module.exports);",
    'exports.add = (a, b) => a + b;',
    "exports.resolved = path.basename(require.resolve('./other.js')) + require('./other.js');",
    // More source than cache, as in real packages (a tiny file is left to Node).
    `/* ${'commentary '.repeat(300)} */`,
  ].join('\n'),
  'plain/other.js': 'module.exports = 1;',
  'esm-syntax/index.js': 'export const esm = 42;',
  'lazy/index.js': "exports.load = () => import('node:path').then((m) => m.sep);",
  'broken/index.js': 'exports.x = ;',
};

/** Requires each package with the cache in `cacheFile` (or Node alone); what each gave. */
function load(root: string, cacheFile: string | null) {
  const script = `
    import { createRequire } from 'node:module';
    import { existsSync, readFileSync, writeFileSync } from 'node:fs';
    const cacheFile = ${JSON.stringify(cacheFile)};
    let cache;
    if (cacheFile) {
      const { cachePackages } = await import(${JSON.stringify(MODULE)});
      cache = cachePackages('0123456789abcdef',
        existsSync(cacheFile) ? readFileSync(cacheFile) : undefined);
    }
    const require = createRequire(${JSON.stringify(`${root}/`)});
    const out = {};
    for (const name of ['plain', 'esm-syntax', 'lazy', 'broken']) {
      try {
        const m = require(name);
        out[name] = name === 'lazy' ? await m.load() : name === 'plain'
          ? [m.where, m.add(2, 3), m.resolved] : { ...m };
      } catch (e) {
        out[name] = 'throws ' + (e.code ?? e.name);
      }
    }
    if (cache) {
      const bytes = cache.contents();
      if (bytes) writeFileSync(cacheFile, bytes);
    }
    console.log(JSON.stringify(out));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: { ...process.env, NODE_DEBUG: 'bulletin-cache' },
  });
  expect(r.status, r.stderr).toBe(0);
  const said = r.stderr.split('\n').filter((l) => l.startsWith('BULLETIN-CACHE'));
  const warnings = r.stderr.split('\n').filter((l) => l.trim() && !l.startsWith('BULLETIN-CACHE'));
  return { out: JSON.parse(r.stdout) as unknown, said: said.join('\n'), warnings };
}

describe("the packages' code cache", () => {
  it('gives what Node gives, cold and warm, and leaves to Node what it must', () => {
    const root = tempDir('bulletin-pkg-cache-');
    for (const [file, text] of Object.entries(PACKAGES)) {
      const at = path.join(root, 'node_modules', file);
      mkdirSync(path.dirname(at), { recursive: true });
      writeFileSync(at, text);
    }
    const node = load(root, null);
    expect((node.out as Record<string, unknown>).plain).toEqual(['plain:true', 5, 'other.js1']);
    const cacheFile = path.join(root, 'cache.bin');
    const cold = load(root, cacheFile);
    expect(cold.out).toEqual(node.out);
    expect(cold.warnings).toEqual(node.warnings);
    expect(cold.said).toMatch(/packages: 0 of 2 files from the cache \(0 more/);
    const warm = load(root, cacheFile);
    expect(warm.out).toEqual(node.out);
    // other.js is tiny: its cache outgrew it, so it is left to Node.
    expect(warm.said).toMatch(/packages: 1 of 1 files from the cache \(1 more/);
    // A changed file is compiled again, not run from the old code.
    const changed = PACKAGES['plain/index.js']!.replace('a + b', 'a * b');
    writeFileSync(path.join(root, 'node_modules/plain/index.js'), changed);
    const after = load(root, cacheFile);
    expect((after.out as Record<string, unknown[]>).plain?.[1]).toBe(6);
    expect(after.said).toMatch(/packages: 0 of 1 files from the cache/);
  });
});
